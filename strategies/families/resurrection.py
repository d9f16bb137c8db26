"""Resurrections: Tit For Tat, overruled after five equal moves of its own in a row."""

from __future__ import annotations

import numpy as np

from strategies.base import Classifier, Strategy
from strategies.registry import register

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

    def setup(self, view):
        self._defections_in_a_row = np.zeros(view.n, dtype=np.int64)

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        run = self._defections_in_a_row
        run += 1
        run *= view.own_last
        if view.turn < 5:
            return view.opp_last.copy()
        return view.opp_last | (run >= 5)


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

    def setup(self, view):
        self._same_in_a_row = np.zeros(view.n, dtype=np.int64)

    def move(self, view):
        t = view.turn
        if t == 0:
            return view.cooperate()
        own = view.own_last
        run = self._same_in_a_row
        if t > 1:
            run *= own == view.own_history[t - 2]
        run += 1
        if t < 5:
            return view.opp_last.copy()
        # five equal moves of its own in a row: the other move, else Tit For Tat
        return np.where(run >= 5, own ^ 1, view.opp_last)
