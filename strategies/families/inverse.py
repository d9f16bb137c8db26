"""Inverse: a cooperator whose defections after the opponent's grow rarer with the time since."""

from __future__ import annotations

import numpy as np

from strategies.base import Classifier, Strategy
from strategies.registry import register
from tournament.core.moves import MOVE_DTYPE

AXELROD_LIBRARY = "Original strategy of the axelrod library (Knight et al. 2016)."


@register
class Inverse(Strategy):
    """Cooperates until the opponent defects; then defects with probability 1/k, where k is
    the number of turns since the opponent's last defection.

    Names: Inverse (Karol Langner).
    """

    name = "Inverse"
    classifier = Classifier(stochastic=True)
    reference = AXELROD_LIBRARY

    def setup(self, view):
        self._last_defection = np.full(view.n, -1, dtype=np.int64)

    def compiled(self, view):
        from strategies.compiled.inverse import inverse
        from tournament.core.jit import Compiled, fields

        return Compiled(inverse, fields(view.n, -1))

    def move(self, view):
        turn = view.turn
        if turn == 0:
            return view.cooperate()
        np.copyto(self._last_defection, turn - 1, where=view.opp_last.view(bool))
        seen = self._last_defection >= 0
        if not np.count_nonzero(seen):
            return seen.view(MOVE_DTYPE)
        since = turn - self._last_defection  # unseen games (-1): any value, masked below
        return (seen & (view.random() >= 1 - 1 / since)).view(MOVE_DTYPE)
