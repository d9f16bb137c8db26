"""Compiled steps of :mod:`strategies.families.ratios` (see :mod:`strategies.compiled`)."""

from __future__ import annotations

from tournament.core.jit import step


@step
def ratio(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.ratios.RatioKernel`; floats: the target ratio."""
    n = stop - start
    for j in range(n):
        i = start + j
        if t == 0:
            hist[t, i] = 0
        elif opp_d[i] == 0:
            hist[t, i] = 1
        else:
            defections = opp_d[i] + own_d[i]
            hist[t, i] = 1 if (2 * t - defections) / defections > floats[j] else 0


@step
def very_bad(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.ratios.VeryBad`; no state."""
    for i in range(start, stop):
        if t < 3:
            hist[t, i] = 0
            continue
        twice = 2 * opp_d[i]
        hist[t, i] = 1 if twice > t or (twice == t and opp_hist[t - 1, i] == 1) else 0
