"""The compiled player: every turn of a batch in numba, when every block has a compiled step.

The numpy engine calls each kernel once per turn from Python, a fixed cost of microseconds
per call that dominates play when a batch holds many small blocks. Here one compiled loop
plays a run of turns: each block's step (:mod:`tournament.core.jit`) writes its moves, then
noise flips them and the opponents' moves and running counts are updated, all as the engine
does, bit for bit (``tests/strategies/compiled`` plays every step both ways, and the golden
outputs go through it too). The engine calls :func:`play_turns` between the turns where it
must look (a row ends, progress), and replays its observers over the turns played.

Imported only when used: it loads numba (see :mod:`tournament.core.compiled`).
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from typing import NamedTuple

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


@njit(cache=True, nogil=True)
def _loop(  # type: ignore[no-untyped-def]
    t0, t1, steps, kinds, starts, stops, int_bounds, float_bounds, ints, floats,
    hist, opp_hist, own_d, opp_d, keys, opp, payoffs, length, threshold, noisy,
):  # fmt: skip
    """Turns ``t0`` to ``t1 - 1``: what the next turn needs (moves, noise, the opponents' moves,
    the defections so far); the rest is summed afterwards (:func:`_sums`)."""
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
                moves[i] ^= np.uint8((mix(keys[i] ^ flip) >> S11) < threshold)
        theirs = opp_hist[t]
        for i in range(n):  # the gather alone: the sums below then vectorise
            theirs[i] = moves[opp[i]]
        for i in range(n):
            own_d[i] += moves[i]
            opp_d[i] += theirs[i]


@njit(cache=True, nogil=True)
def _sums(t0, t1, hist, opp_hist, dd, after, weight, bounds, defected):  # type: ignore[no-untyped-def]
    """Turns ``t0`` to ``t1 - 1`` added to the mutual defections and the fused observers' sums
    (loops over whole rows of seats, which the compiler vectorises)."""
    n = dd.size
    after_sums = after.shape[1] == n
    weighted = weight.size == n
    own_after, opp_after, both_after = after[0], after[1], after[2]
    for t in range(t0, t1):
        moves = hist[t]
        theirs = opp_hist[t]
        for i in range(n):
            dd[i] += moves[i] & theirs[i]
        if after_sums and t > 0:
            own_before = hist[t - 1]
            opp_before = opp_hist[t - 1]
            for i in range(n):
                own_after[i] += own_before[i] & moves[i]
            for i in range(n):
                opp_after[i] += opp_before[i] & moves[i]
            for i in range(n):
                both_after[i] += own_before[i] & opp_before[i] & moves[i]
        if weighted:
            row = defected[t]
            for k in range(row.size):
                low, high = bounds[k], bounds[k + 1]
                some, played = weight[low:high], moves[low:high]  # views: the loop vectorises
                total = 0
                for i in range(high - low):
                    total += some[i] * played[i]
                row[k] += total


class Tally(NamedTuple):
    """What the loop keeps besides the engine's moves and counts: the sums of fused observers
    (:meth:`tournament.core.observers.Transitions.fused`,
    :meth:`tournament.core.observers.CooperationByTurn.fused`), empty when none asks."""

    after: np.ndarray
    weight: np.ndarray
    bounds: np.ndarray
    defected: np.ndarray

    @classmethod
    def build(cls, fused: dict[str, np.ndarray]) -> Tally:
        """A tally with the fused observers' arrays (updated in place)."""
        return cls(
            fused.get("after", _NO_AFTER),
            fused.get("weight", _NO_WEIGHT),
            fused.get("bounds", _NO_BOUNDS),
            fused.get("defected", _NO_DEFECTED),
        )


SNAPPED = 6
"""Counts snapshotted per seat at a row's end: own defections, the opponent's, mutual ones,
and the three ``after`` sums (zero when no observer fuses them)."""


class RowEnds(NamedTuple):
    """Where the batch's match rows end and what the loop snapshots there, so it never stops in
    Python for a row's end: rows ending at turn ``t`` are ``by_end[ends[t] : ends[t + 1]]``;
    ``snap[side, k, row]`` holds, for the row's seat on side a (0) or b (1), the running count
    ``k`` (defections, the opponent's, mutual ones, then the fused ``after`` sums) after its last
    turn. A non-self row's end also takes its seats out of the fused ``weight``."""

    ends: np.ndarray
    by_end: np.ndarray
    row_a: np.ndarray
    row_b: np.ndarray
    not_self: np.ndarray
    snap: np.ndarray

    @classmethod
    def build(
        cls, ends: np.ndarray, by_end: np.ndarray, row_a: np.ndarray, row_b: np.ndarray, not_self: np.ndarray
    ) -> RowEnds:
        """Row ends with an empty snapshot to fill (:data:`SNAPPED` counts per seat)."""
        snap = np.zeros((2, SNAPPED, row_a.size), dtype=np.int64)
        return cls(ends, by_end, row_a, row_b, not_self, snap)


_NO_AFTER = np.zeros((3, 0), dtype=np.int32)
_NO_WEIGHT = np.zeros(0, dtype=np.int64)
_NO_BOUNDS = np.zeros(1, dtype=np.int64)
_NO_DEFECTED = np.zeros((0, 0), dtype=np.int64)


@njit(cache=True, nogil=True)
def first_defections(hist, own_d):  # type: ignore[no-untyped-def]
    """Per seat: the turn of its first D, or the number of turns when none (what
    ``Engine._first_defections`` finds), following only the seats still to be found."""
    n_turns = hist.shape[0]
    first = np.full(own_d.size, n_turns, dtype=np.int64)
    open_seats = np.flatnonzero(own_d)
    for t in range(n_turns):
        if open_seats.size == 0:
            break
        row = hist[t]
        kept = 0
        for i in open_seats:
            if row[i]:
                first[i] = t
            else:
                open_seats[kept] = i
                kept += 1
        open_seats = open_seats[:kept]
    return first


class Blocks:
    """A batch's compiled blocks: which step each one runs, its seats and its state."""

    def __init__(self, blocks: Sequence[tuple[Compiled, int, int]]) -> None:
        unique: dict[object, int] = {}
        kinds = [unique.setdefault(compiled.step, len(unique)) for compiled, _, _ in blocks]
        size = 1 << max(len(unique) - 1, 0).bit_length()  # a few tuple sizes: few loop types
        self.steps = _steps(tuple(unique) + (_idle,) * (size - len(unique)))
        self.kinds, self.starts, self.stops = np.array(
            [kinds, [start for _, start, _ in blocks], [stop for _, _, stop in blocks]], dtype=np.int64
        )
        self.int_bounds = _bounds([compiled.ints.size for compiled, _, _ in blocks])
        self.float_bounds = _bounds([compiled.floats.size for compiled, _, _ in blocks])
        self.ints = _joined([compiled.ints for compiled, _, _ in blocks], np.int64)
        self.floats = _joined([compiled.floats for compiled, _, _ in blocks], np.float64)


def play_turns(
    blocks: Blocks,
    t0: int,
    t1: int,
    engine_arrays: tuple[np.ndarray, ...],
    tally: Tally,
    row_ends: RowEnds,
    opp: np.ndarray,
    payoffs: np.ndarray,
    length: int,
    noise: float,
) -> None:
    """Play turns ``t0`` to ``t1 - 1``; ``engine_arrays`` are (hist, opp_hist, own_d, opp_d,
    dd, keys), updated in place, as are the ``tally`` and the snapshots of the rows that end."""
    hist, opp_hist, own_d, opp_d, dd, keys = engine_arrays
    _play(
        t0, t1, blocks.steps, blocks.kinds, blocks.starts, blocks.stops, blocks.int_bounds,
        blocks.float_bounds, blocks.ints, blocks.floats, hist, opp_hist, own_d, opp_d, dd, keys,
        opp, payoffs, length, rng.threshold(noise), noise > 0, *tally, *row_ends,
    )  # fmt: skip


@njit(cache=True, nogil=True)
def _play(  # type: ignore[no-untyped-def]
    t0, t1, steps, kinds, starts, stops, int_bounds, float_bounds, ints, floats,
    hist, opp_hist, own_d, opp_d, dd, keys, opp, payoffs, length, threshold, noisy,
    after, weight, bounds, defected, ends, by_end, row_a, row_b, not_self, snap,
):  # fmt: skip
    """:func:`_loop`, then :func:`_sums`, up to each turn where rows end, then
    :func:`_snapshot` of those rows: one call from Python (each costs microseconds)."""
    start = t0
    while start < t1:
        last = start  # the next turn where rows end (no row ends at turn t when ends[t + 1] == ends[t])
        while last < t1 - 1 and ends[last + 1] == ends[last]:
            last += 1
        stop = last + 1
        _loop(
            start, stop, steps, kinds, starts, stops, int_bounds, float_bounds, ints, floats,
            hist, opp_hist, own_d, opp_d, keys, opp, payoffs, length, threshold, noisy,
        )  # fmt: skip
        _sums(start, stop, hist, opp_hist, dd, after, weight, bounds, defected)
        _snapshot(stop - 1, hist.shape[0], own_d, opp_d, dd, after, weight, ends, by_end, row_a, row_b,
                  not_self, snap)  # fmt: skip
        start = stop


@njit(cache=True, nogil=True)
def _snapshot(t, n_turns, own_d, opp_d, dd, after, weight, ends, by_end, row_a, row_b, not_self, snap):  # type: ignore[no-untyped-def]
    """The rows ending with turn ``t``: their seats' running counts into ``snap``; a non-self
    row's seats leave the fused ``weight`` (no weight is read after the last turn)."""
    after_sums = after.shape[1] == own_d.size
    weighted = weight.size == own_d.size and t < n_turns - 1
    for k in range(ends[t], ends[t + 1]):
        row = by_end[k]
        for side in range(2):
            seat = row_a[row] if side == 0 else row_b[row]
            snap[side, 0, row] = own_d[seat]
            snap[side, 1, row] = opp_d[seat]
            snap[side, 2, row] = dd[seat]
            if after_sums:
                for j in range(3):
                    snap[side, 3 + j, row] = after[j, seat]
            if weighted and not_self[row]:
                weight[seat] -= 1


def warm_lists() -> None:
    """Compile the typed list of steps for every tuple size a batch may need (:class:`Blocks`)."""
    for size in (1 << k for k in range(8)):
        _steps((_idle,) * size)


@functools.lru_cache(maxsize=256)
def _steps(steps: tuple[object, ...]) -> object:
    """The typed list of ``steps``, made once for each set of steps (it takes ~10 ms)."""
    return _listed(steps)


def _bounds(sizes: list[int]) -> np.ndarray:
    return np.array(list(itertools.accumulate(sizes, initial=0)), dtype=np.int64)


def _joined(parts: list[np.ndarray], dtype: type) -> np.ndarray:
    return np.ascontiguousarray(np.concatenate(parts), dtype=dtype) if parts else np.zeros(0, dtype)
