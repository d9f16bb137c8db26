"""Calculator: Joss for 20 turns, then Tit For Tat, or defection for ever against an
opponent whose opening repeats with a short period."""

from __future__ import annotations

import numpy as np

from strategies.base import Classifier, Strategy
from strategies.registry import register

PRISON1998 = "The Prison project (1998), LIFL, Université de Lille: http://www.lifl.fr/IPD/ipd.frame.html"


@register
class Calculator(Strategy):
    """Plays Joss (Tit For Tat that cooperates only 90% of the time) for 20 turns; then, if
    the opponent's first 20 moves repeat with a period of at most 10, defects for ever,
    otherwise plays Tit For Tat.

    Names: Calculator (Prison 1998).
    """

    name = "Calculator"
    classifier = Classifier(stochastic=True)
    reference = PRISON1998
    opening = 20

    def setup(self, view):
        self._cyclic = np.zeros(view.n, dtype=bool)

    def compiled(self, view):
        from strategies.compiled.calculator import calculator
        from tournament.core.jit import Compiled

        ints = np.concatenate(([self.opening], np.zeros(view.n, dtype=np.int64))).astype(np.int64)
        return Compiled(calculator, ints)

    def move(self, view):
        turn = view.turn
        if turn == 0:
            return view.cooperate()
        if turn < self.opening:
            return view.opp_last | (view.random() >= 0.9)
        if turn == self.opening:
            opp = view.opp_history
            periods = range(1, self.opening // 2 + 1)
            self._cyclic = np.any([np.all(opp[k:] == opp[:-k], axis=0) for k in periods], axis=0)
        return view.opp_last | self._cyclic
