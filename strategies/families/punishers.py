"""Punishers: strategies that answer defections with spells of defection sized by the
opponent's record, or defect while its share of defections is too high."""

from __future__ import annotations

import numpy as np

from strategies.base import Strategy
from strategies.registry import register
from tournament.core.moves import MOVE_DTYPE

ECKHART2015 = "Arnold, E. (2015). CoopSim v0.9.9 beta 6. https://github.com/jecki/CoopSim/"
AXELROD_LIBRARY = "Original strategy of the axelrod library (Knight et al. 2016)."


@register
class Punisher(Strategy):
    """Cooperates until the opponent defects, then defects for a spell whose length (0 to 20
    turns) is 20 times the opponent's share of defections so far; then cooperates again.

    Names: Punisher (Geraint Palmer).
    """

    name = "Punisher"
    reference = AXELROD_LIBRARY

    def setup(self, view):
        self._length = np.ones(view.n, dtype=np.int64)
        self._served = np.ones(view.n, dtype=np.int64)
        self._grudged = np.zeros(view.n, dtype=bool)

    def _spell(self, view) -> np.ndarray:
        """Length of the punishment started this turn."""
        return view.opp_defections * 20 // view.turn

    def move(self, view):
        over = self._served >= self._length
        punishing = self._grudged > over
        np.copyto(self._served, 0, where=over)
        self._served += punishing
        if view.turn == 0:
            self._grudged = punishing
            return punishing.view(MOVE_DTYPE)
        start = view.opp_last.view(bool) > punishing
        np.copyto(self._length, self._spell(view), where=start)
        self._grudged = punishing | start
        return self._grudged.view(MOVE_DTYPE)


@register
class InversePunisher(Punisher):
    """Like Punisher, but the punishment lasts 20 times the opponent's share of cooperations
    so far (at least one turn).

    Names: Inverse Punisher (Geraint Palmer).
    """

    name = "Inverse Punisher"

    def _spell(self, view) -> np.ndarray:
        return np.maximum(view.opp_cooperations * 20 // view.turn, 1)


@register
class LevelPunisher(Strategy):
    """Cooperates for the first 10 turns; then defects whenever more than 20% of the
    opponent's moves so far were defections.

    Names: Level Punisher (Eckhart Arnold, CoopSim).
    """

    name = "Level Punisher"
    reference = ECKHART2015

    def move(self, view):
        if view.turn < 10:
            return view.cooperate()
        return (view.opp_defections / view.turn > 0.2).view(MOVE_DTYPE)


@register
class TrickyLevelPunisher(Strategy):
    """Cooperates on the first turn and from turn 100 on; in between, defects whenever more
    than 5% of the opponent's moves so far were defections. (It is meant to use thresholds
    of 20%, 10% and 5% before turns 10, 50 and 100, but as axelrod codes it the checks fall
    through, so the 5% one decides throughout.)

    Names: Tricky Level Punisher (Eckhart Arnold, CoopSim).
    """

    name = "Tricky Level Punisher"
    reference = ECKHART2015

    def move(self, view):
        if view.turn == 0 or view.turn >= 100:
            return view.cooperate()
        return (view.opp_defections / view.turn > 0.05).view(MOVE_DTYPE)
