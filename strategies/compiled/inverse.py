"""Compiled steps of :mod:`strategies.families.inverse` (see :mod:`strategies.compiled`)."""

from __future__ import annotations

from tournament.core.jit import step, uniform


@step
def inverse(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.inverse.Inverse`; ints: the turn of the opponent's last
    defection per game (-1 before any)."""
    n = stop - start
    if t == 0:
        hist[t, start:stop] = 0
        return
    for j in range(n):
        i = start + j
        if opp_hist[t - 1, i] == 1:
            ints[j] = t - 1
        last = ints[j]
        hist[t, i] = 1 if last >= 0 and uniform(keys[i], t, 0) >= 1 - 1 / (t - last) else 0
