"""Compiled steps of :mod:`strategies.families.resurrection` (see :mod:`strategies.compiled`)."""

from __future__ import annotations

from tournament.core.jit import step


@step
def resurrection(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.resurrection.ResurrectionKernel`; ints: double (0/1), the run
    of equal moves of its own."""
    n = stop - start
    if t == 0:
        hist[t, start:stop] = 0
        return
    for j in range(n):
        i = start + j
        own = hist[t - 1, i]
        run = ints[n + j]
        if t > 1 and own != hist[t - 2, i]:
            run = 0
        run += 1
        ints[n + j] = run
        double = ints[j]
        if t >= 5 and run >= 5 and (double | own) == 1:
            hist[t, i] = own ^ double
        else:
            hist[t, i] = opp_hist[t - 1, i]
