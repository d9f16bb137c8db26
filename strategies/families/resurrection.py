"""Resurrections: Tit For Tat, overruled after five equal moves of its own in a row."""

from __future__ import annotations

import numpy as np

from strategies.base import Classifier, Strategy, last_all
from strategies.registry import register
from tournament.core.moves import MOVE_DTYPE, C, D

ECKHART2015 = "Arnold, E. (2015). CoopSim v0.9.9 beta 6. https://github.com/jecki/CoopSim/"


@register
class Resurrection(Strategy):
    """Plays Tit For Tat, except that after five defections of its own in a row it keeps
    defecting.

    Names: Resurrection (Eckhart Arnold, CoopSim).
    """

    name = "Resurrection"
    classifier = Classifier(memory_depth=5)
    reference = ECKHART2015

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        if view.turn < 5:
            return view.opp_last.copy()
        return np.where(last_all(view.own_history, 5, D), MOVE_DTYPE(D), view.opp_last).astype(MOVE_DTYPE)


@register
class DoubleResurrection(Strategy):
    """Plays Tit For Tat, except that after five cooperations of its own in a row it defects
    and after five defections in a row it cooperates.

    Names: DoubleResurrection (Eckhart Arnold, CoopSim).
    """

    name = "DoubleResurrection"
    aliases = ("Double Resurrection",)
    classifier = Classifier(memory_depth=5)
    reference = ECKHART2015

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        if view.turn < 5:
            return view.opp_last.copy()
        own = view.own_history
        out = np.where(last_all(own, 5, C), MOVE_DTYPE(D), view.opp_last)
        return np.where(last_all(own, 5, D), MOVE_DTYPE(C), out).astype(MOVE_DTYPE)
