"""The compiled loop of :mod:`tournament.core.compiled` (imported only when it is used: numba)."""

from __future__ import annotations

import numpy as np
from numba import njit

GAMMA = np.uint64(0x9E3779B97F4A7C15)
M1 = np.uint64(0xBF58476D1CE4E5B9)
M2 = np.uint64(0x94D049BB133111EB)
S30, S27, S31, S11 = np.uint64(30), np.uint64(27), np.uint64(31), np.uint64(11)
UNIT = 2.0**-53


@njit(cache=True, inline="always")
def mix(x):
    z = x + GAMMA
    z = (z ^ (z >> S30)) * M1
    z = (z ^ (z >> S27)) * M2
    return z ^ (z >> S31)


@njit(cache=True)
def loop(
    kind,
    draws,
    first,
    table,
    machine_next,
    machine_out,
    state0,
    first_move,
    cooperation,
    offset,
    own_mask,
    opp_mask,
    openings,
    own_shift,
    warmup,
    initial,
    keys,
    opp,
    draw,
    flip,
    threshold,
    noisy,
    row_seat,
    row_index,
    ends,
    counts,
):
    n = kind.size
    moves = np.zeros(n, dtype=np.uint8)
    own_last = np.zeros(n, dtype=np.uint8)
    opp_last = np.zeros(n, dtype=np.uint8)
    state = state0.copy()
    own_code = np.zeros(n, dtype=np.int64)
    opp_code = np.zeros(n, dtype=np.int64)
    opening_code = np.zeros(n, dtype=np.int64)
    own_d = np.zeros(n, dtype=np.int64)
    opp_d = np.zeros(n, dtype=np.int64)
    dd = np.zeros(n, dtype=np.int64)
    for t in range(draw.size):
        for i in range(n):
            k = kind[i]
            if k == 0:
                p = first[i] if t == 0 else table[i, 2 * own_last[i] + opp_last[i]]
                if draws[i]:
                    u = np.float64(mix(keys[i] ^ draw[t]) >> S11) * UNIT
                    m = 1 if u >= p else 0
                else:
                    m = 1 if p == 0.0 else 0
            elif k == 1:
                if t == 0:
                    m = first_move[i]
                else:
                    index = 2 * state[i] + opp_last[i]
                    state[i] = machine_next[index]
                    m = machine_out[index]
            else:
                if t > 0:
                    own_code[i] = ((own_code[i] << 1) | own_last[i]) & own_mask[i]
                    opp_code[i] = ((opp_code[i] << 1) | opp_last[i]) & opp_mask[i]
                    if t - 1 < openings[i]:
                        opening_code[i] = (opening_code[i] << 1) | opp_last[i]
                if t < warmup[i]:
                    m = initial[t, i]
                else:
                    key = (own_code[i] << own_shift[i]) | (opp_code[i] << openings[i]) | opening_code[i]
                    p = cooperation[offset[i] + key]
                    if draws[i]:
                        u = np.float64(mix(keys[i] ^ draw[t]) >> S11) * UNIT
                        m = 0 if u < p else 1
                    else:
                        m = 0 if p == 1.0 else 1
            if noisy and (mix(keys[i] ^ flip[t]) >> S11) < threshold:
                m ^= 1
            moves[i] = m
        for i in range(n):
            mine = moves[i]
            theirs = moves[opp[i]]
            own_last[i] = mine
            opp_last[i] = theirs
            own_d[i] += mine
            opp_d[i] += theirs
            dd[i] += mine & theirs
        for r in range(ends[t], ends[t + 1]):
            seat = row_seat[r]
            row = row_index[r]
            length = t + 1
            counts[row, 0] = length - own_d[seat] - opp_d[seat] + dd[seat]
            counts[row, 1] = opp_d[seat] - dd[seat]
            counts[row, 2] = own_d[seat] - dd[seat]
            counts[row, 3] = dd[seat]
