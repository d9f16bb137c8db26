"""When to play through the compiled player (:mod:`tournament.core.compiled_play`).

The compiled player plays every turn of a batch in numba when every kernel of the batch has a
compiled step or a table form; it plays the same games as the numpy engine, bit for bit. numba
and the cached steps take about half a second to load (and compile once per machine, then come
from numba's cache), so a process uses them only where they pay: :func:`worth_it` says yes once
the process has played, or is about to play, enough game-turns (:data:`THRESHOLD` in big
batches, :data:`SMALL_BATCHES` in the small batches of a population's generations, where the
numpy engine's calls per turn cost most), or when the compiled player is loaded already;
``IPD_COMPILED=1`` asks for it always, ``0`` never.
"""

from __future__ import annotations

import functools
import os
import sys

THRESHOLD = 30_000_000
"""Game-turns after which the compiled player has paid for its load in big batches (it saves
~20-30 ns a game-turn in a round robin of many kernels; numba and the steps load in ~0.5 s)."""
SMALL_BATCHES = 3_000_000
"""The same in batches of a few hundred games (a Moran generation), where it saves ~0.5 us a
game-turn: the numpy engine's fixed cost per kernel and turn is spread over few games."""
_played = 0
BATCH_CELLS = 2**24
"""Seat-turns of a batch for the compiled player: about 80,000 seats at 200 turns, whose
per-turn state stays in the processor's cache (twice as many took 1.28x longer a game-turn)."""


def worth_it(game_turns: int, threshold: int = THRESHOLD) -> bool:
    """Whether to use the compiled player for ``game_turns`` more turns (see the module docstring)."""
    global _played
    forced = os.environ.get("IPD_COMPILED")
    if forced in ("0", "1"):
        return forced == "1" and available()
    _played += game_turns
    return ("tournament.core.compiled_play" in sys.modules or _played > threshold) and available()


@functools.cache
def available() -> bool:
    """Whether numba can be imported."""
    try:
        import numba  # noqa: F401
    except ImportError:
        return False
    return True
