"""Compiled steps of :mod:`strategies.families.prober` (see :mod:`strategies.compiled`)."""

from __future__ import annotations

from tournament.core.jit import step, uniform


@step
def prober4(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.prober.Prober4`; ints: [opening size S, the S opening
    moves], then whether the opponent is judged a defector, per game."""
    n = stop - start
    size = ints[0]
    if t < size:
        for i in range(start, stop):
            hist[t, i] = ints[1 + t]
        return
    base = 1 + size
    for j in range(n):
        i = start + j
        if t == size:
            # like move, the last turn of the opening is not counted
            just = 0
            unjust = 0
            for s in range(size - 1):
                if opp_hist[s, i] == 1:
                    if hist[s, i] == 1:
                        just += 1
                    else:
                        unjust += 1
            ints[base + j] = 1 if abs(just - unjust) <= 2 else 0
        defector = ints[base + j]
        if t < size + 5 or defector:
            hist[t, i] = defector
        else:
            hist[t, i] = opp_hist[t - 1, i]


@step
def remorseful_prober(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.prober.RemorsefulProber`; ints: whether the last move was a
    probing defection, per game; floats: [p]."""
    n = stop - start
    p = floats[0]
    if t == 0:
        hist[t, start:stop] = 0
        return
    for j in range(n):
        i = start + j
        if opp_hist[t - 1, i] == 1:
            hist[t, i] = 0 if ints[j] else 1
            ints[j] = 0
            continue
        if p == 0:
            probe = 0
        elif p == 1:
            probe = 1
        else:
            probe = 1 if uniform(keys[i], t, 0) >= 1 - p else 0
        ints[j] = probe
        hist[t, i] = probe
