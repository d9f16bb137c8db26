"""Tricksters: a cooperator that exploits an opponent who has not defected for a while, and
a defector that cooperates with an opponent who has just defected three times running."""

from __future__ import annotations

import numpy as np

from strategies.base import Classifier, Strategy, defect_where, last_all
from strategies.registry import register
from tournament.core.moves import D

AXELROD_LIBRARY = "Original strategy of the axelrod library (Knight et al. 2016)."


@register
class TrickyCooperator(Strategy):
    """Cooperates, but from the fourth turn on defects whenever the opponent has not defected
    in its last 10 moves.

    Names: Tricky Cooperator (Karol Langner).
    """

    name = "Tricky Cooperator"
    aliases = ("tricky_c",)
    classifier = Classifier(memory_depth=10)
    reference = AXELROD_LIBRARY

    def move(self, view):
        if view.turn < 3:
            return view.cooperate()
        return defect_where(~np.any(view.opp_history[-10:] == D, axis=0))


@register
class TrickyDefector(Strategy):
    """Defects, but cooperates when the opponent, having cooperated at least once, defected
    on each of its last three moves.

    Names: Tricky Defector (Karol Langner).
    """

    name = "Tricky Defector"
    aliases = ("tricky_d",)
    reference = AXELROD_LIBRARY

    def move(self, view):
        if view.turn < 3:
            return view.defect()
        return defect_where(~((view.opp_cooperations > 0) & last_all(view.opp_history, 3, D)))
