"""Grudges: strategies that punish defection for a long time, or forever."""

from __future__ import annotations

from strategies.base import MOVE_DTYPE, Classifier, Strategy
from strategies.registry import register


@register
class Grudger(Strategy):
    """Cooperates until the opponent defects once, then defects for ever.

    Names: Grudger, Grim Trigger, Friedman (Axelrod 1980), Spiteful, Grudger (The Evolution
    of Trust).
    """

    name = "Grudger"
    aliases = ("grim", "Grim Trigger", "Friedman", "Spiteful")
    classifier = Classifier()
    reference = "Axelrod, R. (1980). Effective Choice in the Prisoner's Dilemma."
    axelrod_name = "Grudger"

    def move(self, view):
        return (view.opp_defections > 0).astype(MOVE_DTYPE)
