"""When to play through the compiled player (:mod:`tournament.core.compiled_play`).

The compiled player plays every turn of a batch in numba when every kernel of the batch has a
compiled step or a table form; it plays the same games as the numpy engine, bit for bit. numba
and the cached steps take about half a second to load (and compile once per machine, then come
from numba's cache), so a process uses them only where they pay: :func:`worth_it` says yes once
the process has played, or is about to play, :data:`THRESHOLD` game-turns, or when the compiled
player is loaded already; ``IPD_COMPILED=1`` asks for it always, ``0`` never.
"""

from __future__ import annotations

import functools
import os
import sys

THRESHOLD = 30_000_000
"""Game-turns after which the compiled player has paid for its load (it saves ~20 ns a
game-turn on a batch of many small kernels; numba and the steps load in ~0.5 s)."""
_played = 0


def worth_it(game_turns: int) -> bool:
    """Whether to use the compiled player for ``game_turns`` more turns (see the module docstring)."""
    global _played
    forced = os.environ.get("IPD_COMPILED")
    if forced in ("0", "1"):
        return forced == "1" and available()
    _played += game_turns
    return ("tournament.core.compiled_play" in sys.modules or _played > THRESHOLD) and available()


@functools.cache
def available() -> bool:
    """Whether numba can be imported."""
    try:
        import numba  # noqa: F401
    except ImportError:
        return False
    return True
