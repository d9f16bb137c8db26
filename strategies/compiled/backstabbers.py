"""Compiled steps of :mod:`strategies.families.backstabbers` (see :mod:`strategies.compiled`)."""

from __future__ import annotations

from tournament.core.jit import step


@step
def back_stabber(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.backstabbers.BackStabber`; no state."""
    last_turns = length >= 0 and length - 2 <= t < length
    for i in range(start, stop):
        hist[t, i] = 1 if last_turns or opp_d[i] > 3 else 0


@step
def double_crosser(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.backstabbers.DoubleCrosser`; ints: trusting (the opponent did
    not defect in its first 7 moves)."""
    last_turns = length >= 0 and length - 2 <= t < length
    for j in range(stop - start):
        i = start + j
        if t == 7:
            ints[j] = 1 if opp_d[i] == 0 else 0
        if last_turns:
            hist[t, i] = 1
        elif 7 <= t < 180 and ints[j] == 1:
            hist[t, i] = opp_hist[t - 1, i] & opp_hist[t - 2, i]
        else:
            hist[t, i] = 1 if opp_d[i] > 3 else 0
