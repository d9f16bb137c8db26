"""Resurrections: Tit For Tat, overruled after five equal moves of its own in a row.

Both are played by one :class:`ResurrectionKernel`, which follows the run of equal moves of
its own in every game (a subclass that overrides ``move`` or ``setup`` plays alone, see
:class:`~strategies.base.Family`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from strategies.base import Classifier, Family, Strategy
from strategies.registry import register

if TYPE_CHECKING:
    from tournament.core.jit import Compiled
    from tournament.core.view import View

ECKHART2015 = "Arnold, E. (2015). CoopSim v0.9.9 beta 6. https://github.com/jecki/CoopSim/"


class ResurrectionKernel:
    """Every Resurrection of a batch at once: per game, whether five equal moves of its own
    in a row are overruled both ways (DoubleResurrection) or only after defections."""

    label = "Resurrection family"

    def __init__(self, members: list[tuple[Resurrection, int]]) -> None:
        sizes = [n for _, n in members]
        self.double = np.repeat(np.array([m.double for m, _ in members], dtype=np.uint8), sizes)

    def setup(self, view: View) -> None:
        self.same_in_a_row = np.zeros(view.n, dtype=np.int64)

    def compiled(self, view: View) -> Compiled | None:
        from strategies.compiled.resurrection import resurrection
        from tournament.core.jit import Compiled, fields

        return Compiled(resurrection, fields(view.n, self.double, 0))

    def move(self, view: View) -> np.ndarray:
        t = view.turn
        if t == 0:
            return view.cooperate()
        own = view.own_last
        run = self.same_in_a_row
        if t > 1:
            run *= own == view.own_history[t - 2]
        run += 1
        if t < 5:
            return view.opp_last.copy()
        # five equal moves of its own in a row: keep defecting, or the other move when
        # double; else Tit For Tat
        overruled = (run >= 5) & ((self.double | own) == 1)
        return np.where(overruled, own ^ self.double, view.opp_last)


@register
class Resurrection(Strategy):
    """Plays Tit For Tat, except that after five defections of its own in a row it keeps
    defecting.

    Names: Resurrection (Eckhart Arnold, CoopSim).
    """

    name = "Resurrection"
    classifier = Classifier(memory_depth=5)
    reference = ECKHART2015
    family = Family("resurrections", ResurrectionKernel)
    double = False
    """Whether five cooperations in a row are overruled too (by a defection)."""

    def setup(self, view: View) -> None:
        """Alone (a subclass that overrides ``move`` or ``setup``): through a kernel of one."""
        self._alone = ResurrectionKernel([(self, view.n)])
        self._alone.setup(view)

    def move(self, view: View) -> np.ndarray:
        return self._alone.move(view)


@register
class DoubleResurrection(Resurrection):
    """Plays Tit For Tat, except that after five cooperations of its own in a row it defects
    and after five defections in a row it cooperates.

    Names: DoubleResurrection (Eckhart Arnold, CoopSim).
    """

    name = "DoubleResurrection"
    aliases = ("Double Resurrection",)
    double = True
