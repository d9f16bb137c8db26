"""Ratio players: the CotoDeRatio constants steer the ratio of all cooperations to all
defections towards pi, e or the golden ratio; VeryBad follows the opponent's share of
cooperations."""

from __future__ import annotations

import math

import numpy as np

from strategies.base import Strategy
from strategies.registry import register
from tournament.core.moves import MOVE_DTYPE


class CotoDeRatio(Strategy):
    """Cooperates first, defects while the opponent has never defected, then steers the
    ratio of all cooperations to all defections (both players) towards ``ratio``."""

    ratio: float
    reference = "Original strategy by Timothy Standen (axelrod library)."

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        defections = view.opp_defections + view.own_defections
        with np.errstate(divide="ignore", invalid="ignore"):
            steer = (2 * view.turn - defections) / defections > self.ratio
        return ((view.opp_defections == 0) | steer).view(MOVE_DTYPE)


@register
class Pi(CotoDeRatio):
    """Cooperates first, defects while the opponent has never defected, then steers the
    ratio of all cooperations to all defections (both players) towards pi.

    Names: Pi (Timothy Standen).
    """

    name = "$\\pi$"
    aliases = ("pi",)
    ratio = math.pi


@register
class E(CotoDeRatio):
    """Cooperates first, defects while the opponent has never defected, then steers the
    ratio of all cooperations to all defections (both players) towards e.

    Names: e (Timothy Standen).
    """

    name = "$e$"
    aliases = ("e",)
    ratio = math.e


@register
class Golden(CotoDeRatio):
    """Cooperates first, defects while the opponent has never defected, then steers the
    ratio of all cooperations to all defections (both players) towards the golden ratio.

    Names: Golden, phi (Timothy Standen).
    """

    name = "$\\phi$"
    aliases = ("phi", "Golden")
    ratio = (1 + math.sqrt(5)) / 2


@register
class VeryBad(Strategy):
    """Cooperates for three turns; then cooperates when the opponent cooperated on more than
    half its moves, defects when on fewer, and copies its last move on a tie.

    Names: VeryBad (Andre et al. 2013).
    """

    name = "VeryBad"
    aliases = ("Very Bad",)
    reference = "Andre, L. et al. (2013). Iterated Prisoner's Dilemma (PRISON project notes)."

    def move(self, view):
        if view.turn < 3:
            return view.cooperate()
        twice = 2 * view.opp_defections
        # more defections than cooperations: D; as many: its last move; fewer: C
        return (twice > view.turn) | ((twice == view.turn) & view.opp_last)
