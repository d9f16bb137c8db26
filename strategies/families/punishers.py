"""Punishers: strategies that answer defections with spells of defection sized by the
opponent's record, or defect while its share of defections is too high.

Each kind is one family: the Punishers of a batch are played by one :class:`SpellKernel`, the
Level Punishers by one :class:`LevelKernel`, with their constants per game (a subclass that
overrides ``move`` or ``setup`` plays alone, see :class:`~strategies.base.Family`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from strategies.base import INF, Family, Strategy
from strategies.registry import register
from tournament.core.moves import MOVE_DTYPE

if TYPE_CHECKING:
    from tournament.core.jit import Compiled
    from tournament.core.view import View

ECKHART2015 = "Arnold, E. (2015). CoopSim v0.9.9 beta 6. https://github.com/jecki/CoopSim/"
AXELROD_LIBRARY = "Original strategy of the axelrod library (Knight et al. 2016)."


class SpellKernel:
    """Every Punisher of a batch at once: per game, whether spells follow the opponent's share
    of cooperations (Inverse Punisher) or of defections, and the current spell."""

    label = "Punisher family"

    def __init__(self, members: list[tuple[Punisher, int]]) -> None:
        sizes = [n for _, n in members]
        self.inverse = np.repeat([bool(m.inverse) for m, _ in members], sizes)
        self.any_inverse = bool(self.inverse.any())

    def setup(self, view: View) -> None:
        self.length = np.ones(view.n, dtype=np.int64)
        self.served = np.ones(view.n, dtype=np.int64)
        self.grudged = np.zeros(view.n, dtype=bool)

    def compiled(self, view: View) -> Compiled | None:
        from strategies.compiled.punishers import spell
        from tournament.core.jit import Compiled, fields

        return Compiled(spell, fields(view.n, self.inverse, 1, 1, 0))

    def spell(self, view: View) -> np.ndarray:
        """Length of a punishment started this turn: 20 times the opponent's share of
        defections, or of cooperations (at least one turn) for the inverse ones."""
        spell = view.opp_defections * 20 // view.turn
        if self.any_inverse:
            inverse = np.maximum(view.opp_cooperations * 20 // view.turn, 1)
            spell = np.where(self.inverse, inverse, spell)
        return spell

    def move(self, view: View) -> np.ndarray:
        over = self.served >= self.length
        punishing = self.grudged > over
        np.copyto(self.served, 0, where=over)
        self.served += punishing
        if view.turn == 0:
            self.grudged = punishing
            return punishing.view(MOVE_DTYPE)
        start = view.opp_last.view(bool) > punishing
        np.copyto(self.length, self.spell(view), where=start)
        self.grudged = punishing | start
        return self.grudged.view(MOVE_DTYPE)


@register
class Punisher(Strategy):
    """Cooperates until the opponent defects, then defects for a spell whose length (0 to 20
    turns) is 20 times the opponent's share of defections so far; then cooperates again.

    Names: Punisher (Geraint Palmer).
    """

    name = "Punisher"
    reference = AXELROD_LIBRARY
    family = Family("punishers", SpellKernel)
    inverse = False
    """Whether spells follow the opponent's share of cooperations instead."""

    def setup(self, view: View) -> None:
        """Alone (a subclass that overrides ``move`` or ``setup``): through a kernel of one."""
        self._alone = SpellKernel([(self, view.n)])
        self._alone.setup(view)

    def move(self, view: View) -> np.ndarray:
        return self._alone.move(view)


@register
class InversePunisher(Punisher):
    """Like Punisher, but the punishment lasts 20 times the opponent's share of cooperations
    so far (at least one turn).

    Names: Inverse Punisher (Geraint Palmer).
    """

    name = "Inverse Punisher"
    inverse = True


class LevelKernel:
    """Every Level Punisher of a batch at once: per game, the turns it judges and the share of
    defections it tolerates."""

    label = "Level Punisher family"

    def __init__(self, members: list[tuple[LevelPunisher, int]]) -> None:
        sizes = [n for _, n in members]
        self.first = np.repeat([m.first_judged for m, _ in members], sizes)
        self.stop = np.repeat([float(m.stop_judging) for m, _ in members], sizes)
        self.tolerated = np.repeat([float(m.tolerated) for m, _ in members], sizes)

    def setup(self, view: View) -> None:
        pass

    def compiled(self, view: View) -> Compiled | None:
        from strategies.compiled.punishers import level
        from tournament.core.jit import Compiled, fields

        return Compiled(level, floats=fields(view.n, self.first, self.stop, self.tolerated, dtype=np.float64))

    def move(self, view: View) -> np.ndarray:
        t = view.turn
        if t == 0:
            return view.cooperate()
        judged = (self.first <= t) & (t < self.stop)
        return (judged & (view.opp_defections / t > self.tolerated)).view(MOVE_DTYPE)


@register
class LevelPunisher(Strategy):
    """Cooperates for the first 10 turns; then defects whenever more than 20% of the
    opponent's moves so far were defections.

    Names: Level Punisher (Eckhart Arnold, CoopSim).
    """

    name = "Level Punisher"
    reference = ECKHART2015
    family = Family("level punishers", LevelKernel)
    first_judged = 10
    """The first turn (from 0) on which the opponent's share of defections is judged."""
    stop_judging = INF
    """The turn from which it cooperates again."""
    tolerated = 0.2
    """The largest share of defections it lets pass."""

    def setup(self, view: View) -> None:
        """Alone (a subclass that overrides ``move`` or ``setup``): through a kernel of one."""
        self._alone = LevelKernel([(self, view.n)])
        self._alone.setup(view)

    def move(self, view: View) -> np.ndarray:
        return self._alone.move(view)


@register
class TrickyLevelPunisher(LevelPunisher):
    """Cooperates on the first turn and from turn 100 on; in between, defects whenever more
    than 5% of the opponent's moves so far were defections. (It is meant to use thresholds
    of 20%, 10% and 5% before turns 10, 50 and 100, but as axelrod codes it the checks fall
    through, so the 5% one decides throughout.)

    Names: Tricky Level Punisher (Eckhart Arnold, CoopSim).
    """

    name = "Tricky Level Punisher"
    first_judged = 1
    stop_judging = 100
    tolerated = 0.05
