"""Average copiers: strategies that cooperate as often as the opponent has so far."""

from __future__ import annotations

from strategies.base import Classifier, Strategy, choose
from strategies.registry import register

AXELROD_LIBRARY = "Original strategy of the axelrod library (Knight et al. 2016)."


@register
class AverageCopier(Strategy):
    """Cooperates with probability equal to the opponent's share of cooperations so far;
    the first move is C or D with equal chances.

    Names: Average Copier (Geraint Palmer).
    """

    name = "Average Copier"
    classifier = Classifier(stochastic=True)
    reference = AXELROD_LIBRARY
    first = 0.5

    def move(self, view):
        if view.turn == 0:
            return choose(view, self.first)
        return choose(view, view.opp_cooperations / view.turn)


@register
class NiceAverageCopier(AverageCopier):
    """Cooperates first, then with probability equal to the opponent's share of
    cooperations so far.

    Names: Nice Average Copier (Owen Campbell).
    """

    name = "Nice Average Copier"
    first = 1.0
