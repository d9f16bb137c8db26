"""Compiled steps of :mod:`strategies.families.once_bitten` (see :mod:`strategies.compiled`)."""

from __future__ import annotations

from tournament.core.jit import step, uniform


@step
def forgetful_fool_me_once(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.once_bitten.ForgetfulFoolMeOnce`; ints: the opponent's
    defections counted per game; floats: [forget probability]."""
    n = stop - start
    forget = floats[0]
    if t == 0:
        hist[t, start:stop] = 0
        return
    for j in range(n):
        i = start + j
        count = ints[j] + opp_hist[t - 1, i]
        if count != 0 and uniform(keys[i], t, 0) < forget:
            count = 0
        ints[j] = count
        hist[t, i] = 1 if count > 1 else 0
