"""Cyclers: strategies that play a fixed sequence of moves, whatever the opponent does.

A cycle of moves is a finite state machine that ignores the opponent (one state per position
in the cycle), played by the machines' shared kernel.
"""

from __future__ import annotations

import math

import numpy as np

from strategies.base import Classifier, Param, Strategy, move_string
from strategies.families.finite_state_machines import FSMPlayer, Transition, reachable_machine
from strategies.registry import register
from tournament.core.moves import MOVE_DTYPE

HARPER = "Original name by Marc Harper (axelrod library)."


@register
class Cycler(FSMPlayer):
    """Repeats the given cycle of moves for ever, e.g. C, C, D, C, C, D, ... for "CCD".

    Names: Cycler (Marc Harper); Cycler("C") is Cooperator, Cycler("CD") is Alternator.
    """

    name = "Cycler"
    aliases = ("cyc",)
    params = (Param("cycle", "CCD", "the moves repeated, e.g. 'CCD'", move_string),)
    reference = HARPER
    cycle: str = "CCD"
    initial_state = 0

    def classify(self) -> Classifier:
        return Classifier(memory_depth=len(self.cycle) - 1)

    @property
    def initial_action(self) -> str:
        return self.cycle[0]

    @property
    def transitions(self) -> tuple[Transition, ...]:
        return reachable_machine(self.step, 1 % len(self.cycle))

    def step(self, position: int, seen: str) -> tuple[int, str]:
        """The next position in the cycle, and the move at ``position``, whatever ``seen``."""
        return (position + 1) % len(self.cycle), self.cycle[position]


@register
class CyclerDC(Cycler):
    """Plays D, C, D, C, ...

    Names: Cycler DC (Marc Harper).
    """

    name = "Cycler DC"
    aliases = ()
    params = ()
    cycle = "DC"


@register
class CyclerCCD(Cycler):
    """Plays C, C, D, C, C, D, ...

    Names: Cycler CCD (Marc Harper), Periodic player CCD (Mittal and Deb 2009).
    """

    name = "Cycler CCD"
    aliases = ("Periodic player CCD",)
    params = ()
    cycle = "CCD"


@register
class CyclerDDC(Cycler):
    """Plays D, D, C, D, D, C, ...

    Names: Cycler DDC (Marc Harper), Periodic player DDC (Mittal and Deb 2009).
    """

    name = "Cycler DDC"
    aliases = ("Periodic player DDC",)
    params = ()
    cycle = "DDC"


@register
class CyclerCCCD(Cycler):
    """Plays C, C, C, D, C, C, C, D, ...

    Names: Cycler CCCD (Marc Harper).
    """

    name = "Cycler CCCD"
    aliases = ()
    params = ()
    cycle = "CCCD"


@register
class CyclerCCCCCD(Cycler):
    """Plays five C then one D, over and over.

    Names: Cycler CCCCCD (Marc Harper).
    """

    name = "Cycler CCCCCD"
    aliases = ()
    params = ()
    cycle = "CCCCCD"


@register
class CyclerCCCDCD(Cycler):
    """Plays C, C, C, D, C, D, over and over.

    Names: Cycler CCCDCD (Marc Harper).
    """

    name = "Cycler CCCDCD"
    aliases = ()
    params = ()
    cycle = "CCCDCD"


def anti_cycler_defects(turn: int) -> bool:
    """Whether AntiCycler defects on ``turn``: C, D, D, then blocks of k C's and a D for
    k = 1, 2, 3, ... (a D ends the k-th block at position 3 + k(k+3)/2 - 1)."""
    if turn < 3:
        return turn > 0
    ends = 2 * (turn - 2)  # = k(k+3) when this turn ends block k
    k = (math.isqrt(9 + 4 * ends) - 3) // 2
    return k * (k + 3) == ends


@register
class AntiCycler(Strategy):
    """Plays a sequence with no cycle: C, D, D, then C D, C C D, C C C D, ... (each block one
    cooperation longer than the last).

    Names: Anti Cycler (Marc Harper).
    """

    name = "AntiCycler"
    aliases = ("Anti Cycler",)
    reference = HARPER

    def compiled(self, view):
        from strategies.compiled.cycler import anti_cycler
        from tournament.core.jit import Compiled

        return Compiled(anti_cycler)

    def move(self, view):
        return np.full(view.n, anti_cycler_defects(view.turn), dtype=MOVE_DTYPE)
