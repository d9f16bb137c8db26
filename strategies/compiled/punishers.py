"""Compiled steps of :mod:`strategies.families.punishers` (see :mod:`strategies.compiled`)."""

from __future__ import annotations

from tournament.core.jit import step


@step
def spell(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.punishers.SpellKernel`; ints: inverse (0/1), the spell's
    length, the turns of it served, grudged (0/1)."""
    n = stop - start
    for j in range(n):
        i = start + j
        served = ints[2 * n + j]
        over = served >= ints[n + j]
        punishing = ints[3 * n + j] == 1 and not over
        if over:
            served = 0
        if punishing:
            served += 1
        ints[2 * n + j] = served
        grudged = punishing
        if t > 0 and opp_hist[t - 1, i] == 1 and not punishing:
            if ints[j] == 1:
                ints[n + j] = max((t - opp_d[i]) * 20 // t, 1)
            else:
                ints[n + j] = opp_d[i] * 20 // t
            grudged = True
        ints[3 * n + j] = 1 if grudged else 0
        hist[t, i] = 1 if grudged else 0


@step
def level(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.punishers.LevelKernel`; floats: the first turn judged, the
    turn judging stops, the tolerated share of defections."""
    n = stop - start
    for j in range(n):
        i = start + j
        judged = t > 0 and floats[j] <= t < floats[n + j]
        hist[t, i] = 1 if judged and opp_d[i] / t > floats[2 * n + j] else 0
