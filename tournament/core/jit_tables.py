"""Compiled steps of the table forms (:mod:`tournament.core.forms`): memory-one rules, finite-state
machines and lookup tables, the same moves and draws as their family kernels.

Each form becomes a :class:`~tournament.core.jit.Compiled` block; a scalar of the block (a
flag, a table size) sits before the per-game fields of its integer state.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from tournament.core.forms import LookupForm, MachineForm, MemoryOneForm
from tournament.core.jit import Compiled, counter, fields, step, uniform_at


@njit(cache=True, inline="always")
def _memory_one_move(p, draws, key, coordinate):  # type: ignore[no-untyped-def]
    """D when a draw is at least ``p``. A block that draws draws for every game: a draw in [0, 1)
    gives the same move as no draw when p is 0 or 1, and is cheaper than a branch on p."""
    if draws:
        return 1 if uniform_at(key, coordinate) >= p else 0
    return 1 if p == 0.0 else 0


@step
def memory_one(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """ints: [draws]; floats: first-move probability, then the four-vector, one field each."""
    n = stop - start
    draws = ints[0] == 1
    out = hist[t, start:stop]
    seat_keys = keys[start:stop]
    coordinate = counter(t, 0)
    if t == 0:
        first = floats[:n]
        for j in range(n):
            out[j] = _memory_one_move(first[j], draws, seat_keys[j], coordinate)
        return
    own, theirs = hist[t - 1, start:stop], opp_hist[t - 1, start:stop]
    table = floats[n:]
    for j in range(n):
        out[j] = _memory_one_move(table[(2 * own[j] + theirs[j]) * n + j], draws, seat_keys[j], coordinate)


@step
def machine(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """ints: [transitions L, state per game, first move per game, next state (L), output (L)]."""
    n = stop - start
    size = ints[0]
    state = ints[1 : 1 + n]
    if t == 0:
        hist[t, start:stop] = ints[1 + n : 1 + 2 * n]
        return
    following = ints[1 + 2 * n : 1 + 2 * n + size]
    output = ints[1 + 2 * n + size : 1 + 2 * n + 2 * size]
    theirs, out = opp_hist[t - 1, start:stop], hist[t, start:stop]
    for j in range(n):
        index = 2 * state[j] + theirs[j]
        state[j] = following[index]
        out[j] = output[index]


@step
def lookup(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """ints: [draws, W, then per game own code, opponent code, opening code, offset, own mask,
    opponent mask, openings, own shift, warm-up, then W rows of opening moves]; floats: the
    cooperation probabilities of every table."""
    n = stop - start
    draws = ints[0] == 1
    own_code, opp_code, opening_code = ints[2 : 2 + n], ints[2 + n : 2 + 2 * n], ints[2 + 2 * n : 2 + 3 * n]
    offset, own_mask, opp_mask = (
        ints[2 + 3 * n : 2 + 4 * n],
        ints[2 + 4 * n : 2 + 5 * n],
        ints[2 + 5 * n : 2 + 6 * n],
    )
    openings, own_shift, warmup = (
        ints[2 + 6 * n : 2 + 7 * n],
        ints[2 + 7 * n : 2 + 8 * n],
        ints[2 + 8 * n : 2 + 9 * n],
    )
    initial = ints[2 + 9 * n :]
    out = hist[t, start:stop]
    if t > 0:
        own, theirs = hist[t - 1, start:stop], opp_hist[t - 1, start:stop]
        for j in range(n):
            own_code[j] = ((own_code[j] << 1) | own[j]) & own_mask[j]
            opp_code[j] = ((opp_code[j] << 1) | theirs[j]) & opp_mask[j]
            if t - 1 < openings[j]:
                opening_code[j] = (opening_code[j] << 1) | theirs[j]
    seat_keys = keys[start:stop]
    coordinate = counter(t, 0)
    for j in range(n):
        if t < warmup[j]:
            out[j] = initial[t * n + j]
            continue
        p = floats[
            offset[j] + ((own_code[j] << own_shift[j]) | (opp_code[j] << openings[j]) | opening_code[j])
        ]
        if draws:
            out[j] = 0 if uniform_at(seat_keys[j], coordinate) < p else 1
        else:
            out[j] = 0 if p == 1.0 else 1


def compiled(form: MemoryOneForm | MachineForm | LookupForm) -> Compiled:
    """The compiled block of a table form."""
    if isinstance(form, MemoryOneForm):
        n = form.first.size
        floats = fields(n, form.first, *form.table.T, dtype=np.float64)
        return Compiled(memory_one, np.array([int(form.draws)], dtype=np.int64), floats)
    if isinstance(form, MachineForm):
        n = form.first_move.size
        size = form.next_state.size
        ints = np.concatenate(
            (
                [size],
                fields(n, form.initial_state, form.first_move),
                form.next_state.astype(np.int64),
                form.output.astype(np.int64),
            )
        ).astype(np.int64)
        return Compiled(machine, ints, np.zeros(0, dtype=np.float64))
    n = form.offset.size
    warm = form.initial.shape[0]
    per_game = fields(
        n, 0, 0, 0, form.offset, form.own_mask, form.opp_mask, form.openings, form.own_shift, form.warmup
    )
    ints = np.concatenate(([int(form.draws), warm], per_game, form.initial.astype(np.int64).reshape(-1)))
    return Compiled(lookup, ints.astype(np.int64), np.ascontiguousarray(form.cooperation, dtype=np.float64))
