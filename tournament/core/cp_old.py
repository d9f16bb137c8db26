"""The compiled player: every turn of a batch in numba, when every block has a compiled step.

The numpy engine calls each kernel once per turn from Python, a fixed cost of microseconds
per call that dominates play when a batch holds many small blocks. Here one compiled loop
plays a run of turns: each block's step (:mod:`tournament.core.jit`) writes its moves, then
noise flips them and the opponents' moves and running counts are updated, all as the engine
does, bit for bit (``tests/tournament/core/test_compiled_play.py`` plays every built-in both
ways). The engine calls :func:`play_turns` between the turns where it must look (a row ends,
progress), and replays its observers over the turns played.

Imported only when used: it loads numba (see :mod:`tournament.core.compiled`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numba import njit, types
from numba.typed import List

from tournament.core import rng
from tournament.core.jit import S11, SIG, Compiled, counter, mix, step

STEP = types.FunctionType(SIG)


@step
def _idle(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """The step that fills the unused places of the steps' tuple (never called)."""


@njit(cache=True)
def _listed(steps):  # type: ignore[no-untyped-def]
    """The steps as a typed list: a tuple of compiled functions costs ~0.1 ms per function to
    pass into compiled code on every call, a list ~1 us in all."""
    out = List.empty_list(STEP)
    for k in range(len(steps)):
        out.append(steps[k])
    return out


@njit(cache=True)
def _loop(  # type: ignore[no-untyped-def]
    t0, t1, steps, kinds, starts, stops, int_bounds, float_bounds, ints, floats,
    hist, opp_hist, own_d, opp_d, dd, keys, opp, payoffs, length, threshold, noisy,
):  # fmt: skip
    n = opp.size
    for t in range(t0, t1):
        for b in range(kinds.size):
            steps[kinds[b]](
                t, starts[b], stops[b], hist, opp_hist, own_d, opp_d, keys,
                ints[int_bounds[b] : int_bounds[b + 1]], floats[float_bounds[b] : float_bounds[b + 1]],
                payoffs, length,
            )  # fmt: skip
        moves = hist[t]
        if noisy:
            flip = counter(t, rng.NOISE_DRAW)
            for i in range(n):
                if (mix(keys[i] ^ flip) >> S11) < threshold:
                    moves[i] ^= 1
        theirs = opp_hist[t]
        for i in range(n):
            mine = moves[i]
            other = moves[opp[i]]
            theirs[i] = other
            own_d[i] += mine
            opp_d[i] += other
            dd[i] += mine & other


class Blocks:
    """A batch's compiled blocks: which step each one runs, its seats and its state."""

    def __init__(self, blocks: Sequence[tuple[Compiled, int, int]]) -> None:
        unique: dict[object, int] = {}
        kinds = [unique.setdefault(compiled.step, len(unique)) for compiled, _, _ in blocks]
        size = 1 << max(len(unique) - 1, 0).bit_length()  # a few tuple sizes: few loop types
        self.steps = _listed(tuple(unique) + (_idle,) * (size - len(unique)))
        self.kinds = np.array(kinds, dtype=np.int64)
        self.starts = np.array([start for _, start, _ in blocks], dtype=np.int64)
        self.stops = np.array([stop for _, _, stop in blocks], dtype=np.int64)
        self.int_bounds = _bounds([compiled.ints.size for compiled, _, _ in blocks])
        self.float_bounds = _bounds([compiled.floats.size for compiled, _, _ in blocks])
        self.ints = _joined([compiled.ints for compiled, _, _ in blocks], np.int64)
        self.floats = _joined([compiled.floats for compiled, _, _ in blocks], np.float64)


def play_turns(
    blocks: Blocks,
    t0: int,
    t1: int,
    engine_arrays: tuple[np.ndarray, ...],
    opp: np.ndarray,
    payoffs: np.ndarray,
    length: int,
    noise: float,
) -> None:
    """Play turns ``t0`` to ``t1 - 1``; ``engine_arrays`` are (hist, opp_hist, own_d, opp_d,
    dd, keys), updated in place."""
    hist, opp_hist, own_d, opp_d, dd, keys = engine_arrays
    _loop(
        t0, t1, blocks.steps, blocks.kinds, blocks.starts, blocks.stops, blocks.int_bounds,
        blocks.float_bounds, blocks.ints, blocks.floats, hist, opp_hist, own_d, opp_d, dd, keys,
        opp, payoffs, length, rng.threshold(noise), noise > 0,
    )  # fmt: skip


def _bounds(sizes: list[int]) -> np.ndarray:
    return np.concatenate(([0], np.cumsum(sizes, dtype=np.int64))).astype(np.int64)


def _joined(parts: list[np.ndarray], dtype: type) -> np.ndarray:
    return np.ascontiguousarray(np.concatenate(parts), dtype=dtype) if parts else np.zeros(0, dtype)
