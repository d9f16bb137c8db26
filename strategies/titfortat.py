"""Tit For Tat and its relatives: strategies that answer the opponent's recent moves."""

from __future__ import annotations

from strategies.base import Classifier, Strategy
from strategies.registry import register


@register
class TitForTat(Strategy):
    """Cooperates on the first move, then copies the opponent's previous move.

    Names: Tit For Tat (Rapoport; winner of Axelrod 1980), Copycat (The Evolution of Trust).
    """

    name = "Tit For Tat"
    aliases = ("tft", "Copycat")
    classifier = Classifier(memory_depth=1)
    reference = "Axelrod, R. (1980). Effective Choice in the Prisoner's Dilemma."
    axelrod_name = "Tit For Tat"

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        return view.opp_last.copy()
