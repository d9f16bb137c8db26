"""Average copiers: strategies that cooperate as often as the opponent has so far.

They say their chance of cooperating on each turn, like Worse and Worse, and so are played
by the same family kernel (:class:`~strategies.families.worse_and_worse.DriftKernel`).
"""

from __future__ import annotations

from strategies.families.worse_and_worse import DriftingPlayer
from strategies.registry import register

AXELROD_LIBRARY = "Original strategy of the axelrod library (Knight et al. 2016)."


@register
class AverageCopier(DriftingPlayer):
    """Cooperates with probability equal to the opponent's share of cooperations so far;
    the first move is C or D with equal chances.

    Names: Average Copier (Geraint Palmer).
    """

    name = "Average Copier"
    reference = AXELROD_LIBRARY
    first = 0.5
    drift_rule = "average"

    def cooperation(self, turn, length, opp_defections, opp_last):
        if turn == 0:
            return self.first
        return (turn - opp_defections) / turn


@register
class NiceAverageCopier(AverageCopier):
    """Cooperates first, then with probability equal to the opponent's share of
    cooperations so far.

    Names: Nice Average Copier (Owen Campbell).
    """

    name = "Nice Average Copier"
    first = 1.0
