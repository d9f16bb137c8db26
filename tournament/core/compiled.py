"""A compiled player for batches made only of table families, counting states (no records).

Evolution needs, for every match, only the four state counts; when every player of a batch is
a memory-one rule, a finite-state machine or a lookup table (:mod:`tournament.core.forms`),
the whole batch is played in one numba-compiled loop instead of one Python call per kernel
per turn. It computes exactly what the engine computes: the same keyed draws (SplitMix64
of the seat key and the turn's counter), the same noise flips, the same table semantics;
``tests/tournament/core/test_compiled.py`` checks it against the engine, count for count.

numba costs about half a second to load (and compiles once per machine, then caches), so it
is used only where it pays: :func:`worth_it` switches it on once a process has played enough
game-turns through the numpy engine, or when ``IPD_COMPILED=1`` (``0`` forbids it).
"""

from __future__ import annotations

import functools
import os
from typing import Any

import numpy as np

from tournament.core import rng
from tournament.core.forms import LookupForm, MachineForm, MemoryOneForm

THRESHOLD = 3_000_000
"""Game-turns a process plays through the numpy engine before the compiled player pays off."""
_played = 0


def worth_it(game_turns: int) -> bool:
    """Whether to use the compiled player for ``game_turns`` more turns (see the module docstring)."""
    global _played
    forced = os.environ.get("IPD_COMPILED")
    if forced in ("0", "1"):
        return forced == "1" and available()
    _played += game_turns
    return _played > THRESHOLD and available()


@functools.cache
def available() -> bool:
    """Whether numba can be imported."""
    try:
        import numba  # noqa: F401
    except ImportError:
        return False
    return True


MEMORY_ONE, MACHINE, LOOKUP = 0, 1, 2


def pack(forms: list[tuple[Any, int, int]]) -> dict[str, np.ndarray] | None:
    """Per-seat arrays for the compiled loop from (form, first seat, end seat) blocks; None when a
    block has no table form."""
    n = forms[-1][2] if forms else 0
    kind = np.zeros(n, dtype=np.int64)
    draws = np.zeros(n, dtype=np.bool_)
    first = np.zeros(n, dtype=np.float64)
    table = np.zeros((n, 4), dtype=np.float64)
    machine_next, machine_out, state0, first_move = [], [], np.zeros(n, np.int64), np.zeros(n, np.uint8)
    coop, offset = [], np.zeros(n, np.int64)
    own_mask, opp_mask, openings, own_shift, warmup = (np.zeros(n, np.int64) for _ in range(5))
    max_warmup = max([f.initial.shape[0] for f, _, _ in forms if isinstance(f, LookupForm)] + [1])
    initial = np.zeros((max_warmup, n), dtype=np.uint8)
    states = cells = 0
    for form, start, stop in forms:
        block = slice(start, stop)
        if isinstance(form, MemoryOneForm):
            kind[block], draws[block] = MEMORY_ONE, form.draws
            first[block], table[block] = form.first, form.table
        elif isinstance(form, MachineForm):
            kind[block] = MACHINE
            machine_next.append(form.next_state + states)
            machine_out.append(form.output)
            state0[block], first_move[block] = form.initial_state + states, form.first_move
            states += form.output.size // 2
        elif isinstance(form, LookupForm):
            kind[block], draws[block] = LOOKUP, form.draws
            coop.append(form.cooperation)
            offset[block] = form.offset + cells
            cells += form.cooperation.size
            own_mask[block], opp_mask[block], openings[block] = form.own_mask, form.opp_mask, form.openings
            own_shift[block], warmup[block] = form.own_shift, form.warmup
            initial[: form.initial.shape[0], block] = form.initial
        else:
            return None

    def joined(parts: list[np.ndarray], dtype: Any) -> np.ndarray:
        return np.concatenate(parts).astype(dtype) if parts else np.zeros(1, dtype=dtype)

    return {
        "kind": kind,
        "draws": draws,
        "first": first,
        "table": table,
        "machine_next": joined(machine_next, np.int64),
        "machine_out": joined(machine_out, np.uint8),
        "state0": state0,
        "first_move": first_move,
        "cooperation": joined(coop, np.float64),
        "offset": offset,
        "own_mask": own_mask,
        "opp_mask": opp_mask,
        "openings": openings,
        "own_shift": own_shift,
        "warmup": warmup,
        "initial": initial,
    }


def play_counts(
    seats: dict[str, np.ndarray],
    keys: np.ndarray,
    opp: np.ndarray,
    row_seat: np.ndarray,
    row_length: np.ndarray,
    n_turns: int,
    noise: float,
) -> np.ndarray:
    """State counts (CC, CD, DC, DD from the seat's side) of every row, each read off seat
    ``row_seat[r]`` after ``row_length[r]`` turns."""
    draw, flip = _counters(n_turns)
    order = np.argsort(row_length, kind="stable")
    ends = np.searchsorted(row_length[order], np.arange(1, n_turns + 2))
    counts = np.zeros((row_seat.size, 4), dtype=np.int64)
    _loop()(
        seats["kind"],
        seats["draws"],
        seats["first"],
        seats["table"],
        seats["machine_next"],
        seats["machine_out"],
        seats["state0"],
        seats["first_move"],
        seats["cooperation"],
        seats["offset"],
        seats["own_mask"],
        seats["opp_mask"],
        seats["openings"],
        seats["own_shift"],
        seats["warmup"],
        seats["initial"],
        keys.astype(np.uint64),
        opp.astype(np.int64),
        draw,
        flip,
        np.uint64(rng.threshold(noise)),
        noise > 0,
        row_seat.astype(np.int64)[order],
        order,
        ends.astype(np.int64),
        counts,
    )
    return counts


@functools.cache
def _counters(n_turns: int) -> tuple[np.ndarray, np.ndarray]:
    """Each turn's hashed counter for draw 0 and for the noise flip."""
    turns = np.arange(n_turns, dtype=np.uint64) << np.uint64(20)
    return rng.counters(turns, 0), rng.counters(turns, rng.NOISE_DRAW)


@functools.cache
def _loop() -> Any:
    from tournament.core import compiled_loop

    return compiled_loop.loop
