"""Compiled steps of :mod:`strategies.families.grudger` (see :mod:`strategies.compiled`)."""

from __future__ import annotations

from tournament.core.jit import step


@step
def capri(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.grudger.Capri`; ints: the 64 moves of the table, then the
    memory-three state code per game."""
    n = stop - start
    for j in range(n):
        i = start + j
        state = ints[64 + j]
        if t:
            state = ((state << 1) & 0b110110) | (hist[t - 1, i] << 3) | opp_hist[t - 1, i]
            ints[64 + j] = state
        hist[t, i] = ints[state]


@step
def grudger_alternator(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.grudger.GrudgerAlternator`; no state."""
    for i in range(start, stop):
        hist[t, i] = 1 if t > 0 and opp_d[i] > 0 and hist[t - 1, i] == 0 else 0
