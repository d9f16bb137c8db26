"""Compiled steps of :mod:`strategies.families.titfortat` (see :mod:`strategies.compiled`)."""

from __future__ import annotations

import numpy as np

from tournament.core.jit import step, uniform


@step
def gradual(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.titfortat.Gradual`; ints: punishments left, calm turns left."""
    n = stop - start
    if t == 0:
        hist[t, start:stop] = 0
        return
    for j in range(n):
        i = start + j
        punish = ints[j]
        calm = ints[n + j]
        punishing = punish > 0
        busy = punishing or calm > 0
        trigger = opp_hist[t - 1, i] == 1 and not busy
        if punishing:
            punish -= 1
        elif busy:
            calm -= 1
        if trigger:
            punish = opp_d[i] - 1
            calm = 2
        ints[j] = punish
        ints[n + j] = calm
        hist[t, i] = 1 if punishing or trigger else 0


@step
def sneaky_tit_for_tat(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.titfortat.SneakyTitForTat`; no state."""
    for i in range(start, stop):
        if t < 2:
            hist[t, i] = 0
        else:
            repenting_copy = opp_hist[t - 1, i] > hist[t - 2, i]
            hist[t, i] = 1 if repenting_copy or opp_d[i] == 0 else 0


@step
def original_gradual(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.titfortat.OriginalGradual`; ints: calming, punishing (0/1),
    count, limit."""
    n = stop - start
    if t == 0:
        hist[t, start:stop] = 0
        return
    for j in range(n):
        i = start + j
        calm = ints[j] == 1
        was_punishing = ints[n + j] == 1
        punishing = was_punishing and not calm
        punish_more = punishing and ints[2 * n + j] < ints[3 * n + j]
        punish_end = punishing and not punish_more
        begin = opp_hist[t - 1, i] == 1 and not (calm or punishing)
        defect = punish_more or begin
        ints[j] = 1 if punish_end else 0
        ints[n + j] = 1 if (was_punishing and not punish_end) or begin else 0
        if punish_end:
            ints[2 * n + j] = 0
        elif defect:
            ints[2 * n + j] += 1
        if begin:
            ints[3 * n + j] += 1
        hist[t, i] = 1 if defect else 0


@step
def contrite_tit_for_tat(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.titfortat.ContriteTitForTat`; ints: contrite (0/1), intended
    move."""
    n = stop - start
    if t == 0:
        hist[t, start:stop] = 0
        return
    for j in range(n):
        i = start + j
        own_last = hist[t - 1, i]
        opp_last = opp_hist[t - 1, i]
        contrite = ints[j] == 1
        apologise = contrite and own_last == 0
        provoked = own_last == 1 and ints[n + j] == 0 and opp_last == 0
        intended = 1 if opp_last == 1 and not apologise else 0
        ints[j] = 1 if (contrite or provoked) and not apologise else 0
        ints[n + j] = intended
        hist[t, i] = intended


@step
def adaptive_tit_for_tat(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.titfortat.AdaptiveTitForTat`; floats: [rate, then the world
    image per game]."""
    n = stop - start
    rate = floats[0]
    if t == 0:
        hist[t, start:stop] = 0
        return
    for j in range(n):
        i = start + j
        world = floats[1 + j]
        world = world + rate * (1.0 - world) if opp_hist[t - 1, i] == 0 else world - rate * world
        floats[1 + j] = world
        hist[t, i] = 1 if world < 0.5 else 0


@step
def omega_tft(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.titfortat.OmegaTFT`; ints: [deadlock threshold, randomness
    threshold, then per game randomness, deadlock]."""
    n = stop - start
    threshold = ints[0]
    randomness_threshold = ints[1]
    for j in range(n):
        i = start + j
        if t < 2:
            hist[t, i] = opp_hist[t - 1, i] if t else 0
            continue
        deadlock = ints[2 + n + j]
        locked = deadlock >= threshold
        previous = opp_hist[t - 2, i]
        last = opp_hist[t - 1, i]
        changed = previous != last
        if not locked:
            ints[2 + j] += np.int64(changed) - ((previous | last) == 0) + (hist[t - 1, i] != last)
        random = ints[2 + j] >= randomness_threshold and not locked
        copy = not (locked or random)
        grow = (copy and changed) or deadlock == threshold
        if grow:
            ints[2 + n + j] = deadlock + 1
        elif copy or locked:
            ints[2 + n + j] = 0
        hist[t, i] = 1 if (random or last == 1) and not locked else 0


@step
def alexei(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.titfortat.Alexei`; no state."""
    final = t == length - 1
    for i in range(start, stop):
        hist[t, i] = 1 if final else (opp_hist[t - 1, i] if t else 0)


@step
def eugine_nier(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.titfortat.EugineNier`; no state."""
    final = t == length - 1
    for i in range(start, stop):
        if final:
            hist[t, i] = 1
        elif t == 0:
            hist[t, i] = 0
        else:
            hist[t, i] = 1 if opp_hist[t - 1, i] == 1 or opp_d[i] >= 5 else 0


@step
def dynamic_two_tits_for_tat(
    t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length
):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.titfortat.DynamicTwoTitsForTat`; no state."""
    for i in range(start, stop):
        if t == 0:
            hist[t, i] = 0
            continue
        recent = opp_hist[t - 1, i] == 1 or (t > 1 and opp_hist[t - 2, i] == 1)
        hist[t, i] = 1 if recent and uniform(keys[i], t, 0) >= (t - opp_d[i]) / t else 0


@step
def random_tit_for_tat(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.titfortat.RandomTitForTat`; floats: [p]."""
    p = floats[0]
    for i in range(start, stop):
        if t == 0:
            hist[t, i] = 0
        elif t % 2 == 1:
            hist[t, i] = opp_hist[t - 1, i]
        else:
            hist[t, i] = 1 if uniform(keys[i], t, 0) >= p else 0


@step
def michaelos(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.titfortat.Michaelos`; ints: defector for ever (0/1)."""
    n = stop - start
    final = t == length - 1
    for j in range(n):
        i = start + j
        if t == 0:
            hist[t, i] = 1 if final else 0
            continue
        opp = opp_hist[t - 1, i]
        undecided = hist[t - 1, i] == 1 and opp == 0 and ints[j] == 0
        if undecided and uniform(keys[i], t, 0) >= 0.5:
            ints[j] = 1
        hist[t, i] = 1 if final or (opp == 1 and not undecided) or ints[j] == 1 else 0
