"""Compiled steps of :mod:`strategies.families.reactive` (see :mod:`strategies.compiled`)."""

from __future__ import annotations

import math

from tournament.core.jit import step, uniform

PERIODS = 0b1_1111_1111_1000
"""The bits of the periods 3 to 12 in a mask of broken periods."""


@step
def adaptive(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.reactive.Adaptive`; ints: [opening length L, opening (L)];
    floats: score of C, score of D."""
    n = stop - start
    size = ints[0]
    for j in range(n):
        i = start + j
        if t > 0:
            own = hist[t - 1, i]
            earned = payoffs[2 * own + opp_hist[t - 1, i]]
            if own == 0:
                floats[j] += earned
            else:
                floats[n + j] += earned
        if t < size:
            hist[t, i] = ints[1 + t]
        else:
            hist[t, i] = 1 if floats[j] <= floats[n + j] else 0


@step
def forgiver(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.reactive.Forgiver`; no state."""
    limit = t / 10.0
    for i in range(start, stop):
        hist[t, i] = 1 if opp_d[i] > limit else 0


@step
def forgiving_tit_for_tat(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.reactive.ForgivingTitForTat`; no state."""
    limit = t / 10.0
    for i in range(start, stop):
        hist[t, i] = opp_hist[t - 1, i] if t > 0 and opp_d[i] > limit else 0


@step
def doubler(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.reactive.Doubler`; no state."""
    for i in range(start, stop):
        defections = opp_d[i]
        bad = t - defections <= 2 * defections
        hist[t, i] = 1 if t > 0 and bad and opp_hist[t - 1, i] == 1 else 0


@step
def grumpy(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.reactive.Grumpy`; ints: [grumpy threshold, nice threshold,
    then grumpy (0/1) per game]."""
    n = stop - start
    grumpy_threshold = ints[0]
    nice_threshold = ints[1]
    for j in range(n):
        i = start + j
        grumpiness = 2 * opp_d[i] - t
        grumpy = grumpiness >= nice_threshold if ints[2 + j] == 1 else grumpiness > grumpy_threshold
        ints[2 + j] = 1 if grumpy else 0
        hist[t, i] = ints[2 + j]


@step
def self_steem(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.reactive.SelfSteem`; no state."""
    sine = math.sin(2 * math.pi * t / 10)
    for i in range(start, stop):
        if sine > 0.95:
            hist[t, i] = 1
        elif 0.95 > abs(sine) > 0.3:
            hist[t, i] = opp_hist[t - 1, i]
        elif 0.3 > sine > -0.3:
            hist[t, i] = 1 if uniform(keys[i], t, 0) >= 0.5 else 0
        else:
            hist[t, i] = 0


@step
def cycle_hunter(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.reactive.CycleHunter`; ints: mask of the broken periods
    (bit p: the opponent's history is not p-periodic), hunted (0/1)."""
    n = stop - start
    k = t - 1
    top = min(12, k)
    wanted = PERIODS & ((1 << (min(t // 2, 12) + 1)) - 1)
    for j in range(n):
        i = start + j
        broken = ints[j]
        for p in range(3, top + 1):
            if opp_hist[k - p, i] != opp_hist[k, i]:
                broken |= 1 << p
        ints[j] = broken
        defections = opp_d[i]
        if wanted and 0 < defections < t and broken & wanted != wanted:
            ints[n + j] = 1
        hist[t, i] = ints[n + j]


@step
def eventual_cycle_hunter(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.reactive.EventualCycleHunter`; ints: mask of the broken periods
    of the opponent's moves from turn 10 on (bit p: not p-periodic), hunted (0/1)."""
    n = stop - start
    k = t - 1
    top = min(12, k - 10)
    wanted = PERIODS & ((1 << (min((t - 10) // 2, 12) + 1)) - 1) if t >= 10 else 0
    for j in range(n):
        i = start + j
        broken = ints[j]
        for p in range(3, top + 1):
            if opp_hist[k - p, i] != opp_hist[k, i]:
                broken |= 1 << p
        ints[j] = broken
        if t < 10:
            hist[t, i] = 0
            continue
        cooperator = opp_d[i] == 0
        if t % 10 == 0 and not cooperator:
            ints[n + j] = 1 if wanted and broken & wanted != wanted else 0
        hist[t, i] = 1 if ints[n + j] == 1 and not cooperator else 0


@step
def math_constant_hunter(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.reactive.MathConstantHunter`; ints: both players' cooperations
    on the first t // 4, t // 2 and 3 * t // 4 turns."""
    n = stop - start
    quarter, half, three = t // 4, t // 2, 3 * t // 4
    for j in range(n):
        i = start + j
        if t > 0:
            if quarter != (t - 1) // 4:
                ints[j] += 2 - hist[quarter - 1, i] - opp_hist[quarter - 1, i]
            if half != (t - 1) // 2:
                ints[n + j] += 2 - hist[half - 1, i] - opp_hist[half - 1, i]
            if three != 3 * (t - 1) // 4:
                ints[2 * n + j] += 2 - hist[three - 1, i] - opp_hist[three - 1, i]
        defections = opp_d[i]
        if t < 8 or not 0 < defections < t:
            hist[t, i] = 0
            continue
        first = 0.5 * ints[n + j] / half
        middle = 0.5 * (ints[2 * n + j] - ints[j]) / (three - quarter)
        whole = 2 * t - (own_d[i] + defections)
        second = 0.5 * (whole - ints[n + j]) / (t - half)
        steady = abs(first - middle) < 0.2 and abs(first - second) < 0.2
        hist[t, i] = 1 if steady else 0


@step
def random_hunter(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.reactive.RandomHunter`; ints: how often the opponent answered
    our C with C, our D with D."""
    n = stop - start
    for j in range(n):
        i = start + j
        if t > 1:
            before = hist[t - 2, i]
            answer = opp_hist[t - 1, i]
            if before == 0 and answer == 0:
                ints[j] += 1
            elif before == 1 and answer == 1:
                ints[n + j] += 1
        if t <= 10:
            hist[t, i] = 0
            continue
        defections = own_d[i]
        cooperations = t - defections
        judge_c = cooperations > 5
        judge_d = defections > 5
        near_c = abs(ints[j] / max(cooperations, 1) - 0.5) < 0.25
        near_d = abs(ints[n + j] / max(defections, 1) - 0.5) < 0.25
        looks_random = (judge_c or judge_d) and (near_c or not judge_c) and (near_d or not judge_d)
        hist[t, i] = 1 if looks_random else 0
