"""Compiled steps of :mod:`strategies.families.calculator` (see :mod:`strategies.compiled`)."""

from __future__ import annotations

from tournament.core.jit import step, uniform


@step
def calculator(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.calculator.Calculator`; ints: [opening], then whether the
    opponent's opening is cyclic, per game."""
    n = stop - start
    opening = ints[0]
    if t == 0:
        hist[t, start:stop] = 0
        return
    for j in range(n):
        i = start + j
        last = opp_hist[t - 1, i]
        if t < opening:
            hist[t, i] = 1 if last == 1 or uniform(keys[i], t, 0) >= 0.9 else 0
            continue
        if t == opening:
            cyclic = 0
            for k in range(1, opening // 2 + 1):
                same = 1
                for s in range(opening - k):
                    if opp_hist[s + k, i] != opp_hist[s, i]:
                        same = 0
                        break
                if same:
                    cyclic = 1
                    break
            ints[1 + j] = cyclic
        hist[t, i] = last | ints[1 + j]
