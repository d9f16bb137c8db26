"""Compiled steps of :mod:`strategies.families.axelrod_first` (see :mod:`strategies.compiled`)."""

from __future__ import annotations

import numpy as np

from tournament.core.jit import step, uniform


@step
def anonymous(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.axelrod_first.FirstByAnonymous`; no state."""
    for i in range(start, stop):
        chance = (3 + 4 * uniform(keys[i], t, 0)) / 10
        hist[t, i] = 1 if uniform(keys[i], t, 1) >= chance else 0


@step
def downing(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.axelrod_first.FirstByDowning`; ints: the opponent's
    cooperations after my C, after my D."""
    n = stop - start
    for j in range(n):
        i = start + j
        if t < 2:
            if t == 1 and opp_hist[0, i] == 0:
                ints[j] += 1
            hist[t, i] = 1
            continue
        opp = opp_hist[t - 1, i]
        before = hist[t - 2, i]
        if opp == 0 and before == 0:
            ints[j] += 1
        if before > opp:
            ints[n + j] += 1
        alpha = ints[j] / (t - own_d[i] + 1)
        beta = ints[n + j] / max(own_d[i], 2)
        value_c = alpha * payoffs[0] + (1 - alpha) * payoffs[1]
        value_d = beta * payoffs[2] + (1 - beta) * payoffs[3]
        if value_c == value_d:
            hist[t, i] = hist[t - 1, i] ^ 1
        else:
            hist[t, i] = 1 if value_c < value_d else 0


@step
def feld(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.axelrod_first.FirstByFeld`; floats: [start_coop_prob, slope,
    end_coop_prob]."""
    if t == 0:
        for i in range(start, stop):
            hist[t, i] = 0
        return
    chance = floats[0] + floats[1] * t
    if floats[2] > chance:
        chance = floats[2]
    for i in range(start, stop):
        hist[t, i] = opp_hist[t - 1, i] | (1 if uniform(keys[i], t, 0) >= chance else 0)


@step
def graaskamp(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.axelrod_first.FirstByGraaskamp`; ints: random opponent, copies
    me, twin, next defection; floats: [critical chi-squared value]."""
    n = stop - start
    critical = floats[0]
    if t == 0:
        hist[t, start:stop] = 0
        return
    for j in range(n):
        i = start + j
        opp = opp_hist[t - 1, i]
        if hist[t - 1, i] != opp:
            ints[2 * n + j] = 0
        if t >= 2 and opp != hist[t - 2, i]:
            ints[n + j] = 0
        if t < 56:
            hist[t, i] = 1 if t == 50 else opp
            continue
        difference = 2 * np.float64(t - opp_d[i]) - t
        if difference * difference / t <= critical:
            ints[j] = 1
        random_opponent = ints[j] == 1
        mimic = (ints[n + j] == 1 or ints[2 * n + j] == 1) and not random_opponent
        scheming = not (random_opponent or mimic)
        strike = scheming and ints[3 * n + j] == t
        if strike or (scheming and ints[3 * n + j] < 0):
            ints[3 * n + j] = np.int64(uniform(keys[i], t, 0) * 10) + (t + 5)
        if mimic:
            hist[t, i] = opp
        else:
            hist[t, i] = 1 if strike or random_opponent else 0


@step
def nydegger(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.axelrod_first.FirstByNydegger`; ints: A of the last three
    turns per game, then the 64 moves by A."""
    n = stop - start
    if t == 0:
        hist[t, start:stop] = 0
        return
    for j in range(n):
        i = start + j
        opp = np.int64(opp_hist[t - 1, i])
        ints[j] = (ints[j] >> 2) + ((opp + opp + hist[t - 1, i]) << 4)
        if t == 1:
            hist[t, i] = opp
        elif t == 2:
            hist[t, i] = opp | opp_hist[0, i]
        else:
            hist[t, i] = ints[n + ints[j]]


@step
def shubik(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.axelrod_first.FirstByShubik`; ints: punishment length,
    punishments left."""
    n = stop - start
    if t == 0:
        hist[t, start:stop] = 0
        return
    for j in range(n):
        i = start + j
        retaliating = ints[n + j] > 0
        provoked = opp_hist[t - 1, i] > hist[t - 1, i] and not retaliating
        if provoked:
            ints[j] += 1
            ints[n + j] = ints[j]
        punish = retaliating or provoked
        if punish:
            ints[n + j] -= 1
        hist[t, i] = 1 if punish else 0


@step
def stein_and_rapoport(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.axelrod_first.FirstBySteinAndRapoport`; ints: random opponent;
    floats: [critical chi-squared value]."""
    last_turns = length >= 0 and length - 2 <= t < length
    test = (t + 1) % 15 == 0
    for j in range(stop - start):
        i = start + j
        if test:
            difference = 2 * np.float64(t - opp_d[i]) - t
            ints[j] = 1 if difference * difference / t <= floats[0] else 0
        if last_turns:
            hist[t, i] = 1
        elif t < 4:
            hist[t, i] = 0
        elif t < 14:
            hist[t, i] = opp_hist[t - 1, i]
        else:
            hist[t, i] = 1 if ints[j] == 1 or opp_hist[t - 1, i] == 1 else 0


@step
def tideman_and_chieruzzi(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.axelrod_first.FirstByTidemanAndChieruzzi`; ints: punishment
    length, punishments left, forgotten defections, last fresh start, second cooperation; floats:
    [1/2, then my score, the opponent's score per game].

    The standard deviation is ``t ** floats[0]``: a run-time exponent keeps LLVM from turning
    ``t ** 0.5`` into a square root, which sometimes differs from Python's ``pow`` by an ulp.
    """
    n = stop - start
    last_turns = length >= 0 and length - 2 <= t < length
    if t == 0:
        for i in range(start, stop):
            hist[t, i] = 1 if last_turns else 0
        return
    current_round = t + 1
    may_start = not (length >= 0 and length - current_round < 10)
    std_deviation = np.float64(t) ** floats[0] / 2
    lower = t / 2 - 3 * std_deviation
    upper = t / 2 + 3 * std_deviation
    for j in range(n):
        i = start + j
        own = hist[t - 1, i]
        opp = opp_hist[t - 1, i]
        floats[1 + j] += payoffs[2 * own + opp]
        floats[1 + n + j] += payoffs[2 * opp + own]
        second = ints[4 * n + j] == 1
        fresh = may_start and floats[1 + j] - floats[1 + n + j] >= 10 and not (opp == 1 or second)
        if fresh:
            last = ints[3 * n + j]
            remembered = opp_d[i] - ints[2 * n + j]
            fresh = (last == 0 or current_round - last >= 20) and (remembered <= lower or remembered >= upper)
        if fresh:
            ints[3 * n + j] = current_round
            ints[j] = 0
            ints[n + j] = 0
            ints[2 * n + j] = opp_d[i]
        ints[4 * n + j] = 1 if fresh else 0
        rest = not (second or fresh)
        busy = ints[n + j] > 0
        provoked = rest and not busy and opp == 1
        if provoked:
            ints[j] += 1
            ints[n + j] = ints[j]
        punish = (rest and busy) or provoked
        if punish:
            ints[n + j] -= 1
        hist[t, i] = 1 if last_turns or punish else 0
