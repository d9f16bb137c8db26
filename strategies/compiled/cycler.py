"""Compiled steps of :mod:`strategies.families.cycler` (see :mod:`strategies.compiled`)."""

from __future__ import annotations

import math

from tournament.core.jit import step


@step
def anti_cycler(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.cycler.AntiCycler`; no state (the move is a function of
    the turn, :func:`~strategies.families.cycler.anti_cycler_defects`)."""
    if t < 3:
        move = 1 if t > 0 else 0
    else:
        ends = 2 * (t - 2)
        square = 9 + 4 * ends
        root = int(math.sqrt(square))  # the float root is off by at most one: correct it
        while root * root > square:
            root -= 1
        while (root + 1) * (root + 1) <= square:
            root += 1
        k = (root - 3) // 2
        move = 1 if k * (k + 3) == ends else 0
    for i in range(start, stop):
        hist[t, i] = move
