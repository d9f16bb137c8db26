"""Compiled steps of :mod:`strategies.families.gobymajority` (see :mod:`strategies.compiled`)."""

from __future__ import annotations

import numpy as np

from tournament.core.jit import step


@step
def majority(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.gobymajority.MajorityKernel`; ints: window length, soft (0/1),
    the opponent's defections in the window."""
    n = stop - start
    for j in range(n):
        i = start + j
        depth = ints[j]
        window = ints[2 * n + j]
        if t > 0:
            window += np.int64(opp_hist[t - 1, i])
            if t > depth:
                window -= np.int64(opp_hist[t - 1 - depth, i])
            ints[2 * n + j] = window
        hist[t, i] = 1 if 2 * window >= min(depth, t) + ints[n + j] else 0
