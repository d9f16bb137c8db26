"""Compiled steps of :mod:`strategies.families.worse_and_worse` (see :mod:`strategies.compiled`)."""

from __future__ import annotations

from tournament.core.jit import step, uniform

WORSE, WORSE_2, WORSE_3, BETTER, KNOWLEDGEABLE, AVERAGE = range(6)
"""The rules of the drifting players, in the order of their codes in the step's state."""
RULES = {
    "worse": WORSE,
    "worse 2": WORSE_2,
    "worse 3": WORSE_3,
    "better": BETTER,
    "knowledgeable": KNOWLEDGEABLE,
    "average": AVERAGE,
}
"""The code of each rule a drifting class names in its ``drift_rule``."""


@step
def drift(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.worse_and_worse.DriftKernel`; ints: the member's rule (a code
    above); floats: the first chance of the Average Copiers."""
    n = stop - start
    for j in range(n):
        i = start + j
        rule = ints[j]
        if rule == WORSE:
            chance = 1 - (t + 1) / 1000
        elif rule == WORSE_2:
            if t == 0:
                chance = 1.0
            elif t < 20:
                chance = 1.0 - opp_hist[t - 1, i]
            else:
                chance = 20 / (t + 1)
        elif rule == WORSE_3:
            chance = 1.0 if t == 0 else 1 - opp_d[i] / t
        elif rule == BETTER:
            chance = (t + 1) / 1000
        elif rule == KNOWLEDGEABLE:
            chance = 1.0 if length < 0 else 1 - (t + 1) / length
        else:
            chance = floats[j] if t == 0 else (t - opp_d[i]) / t
        hist[t, i] = 1 if uniform(keys[i], t, 0) >= chance else 0
