"""Compiled steps of :mod:`strategies.families.retaliators` (see :mod:`strategies.compiled`)."""

from __future__ import annotations

import numpy as np

from tournament.core.jit import step


@step
def retaliate(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.retaliators.RetaliateKernel`; ints: the cap on a run, the
    mutual defections, the current run; floats: the threshold."""
    n = stop - start
    for j in range(n):
        i = start + j
        mutual = ints[n + j]
        if t > 0:
            mutual += np.int64(hist[t - 1, i] & opp_hist[t - 1, i])
            ints[n + j] = mutual
        its_wins = np.float64(opp_d[i] - mutual)
        my_wins = np.float64(own_d[i] - mutual)
        run = ints[2 * n + j]
        provoked = its_wins > my_wins * floats[j] and run < ints[j]
        ints[2 * n + j] = run + 1 if provoked else 0
        hist[t, i] = 1 if provoked else 0
