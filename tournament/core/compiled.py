"""When to play through the compiled player (:mod:`tournament.core.compiled_play`).

The compiled player plays every turn of a batch in numba when every kernel of the batch has a
compiled step or a table form; it plays the same games as the numpy engine, bit for bit. numba
and the cached steps take about half a second to load, and compiling them the first time takes
~20 s, so a process uses them only where they pay: :func:`worth_it` says yes once the steps are
compiled on this machine (:func:`ready`: ``make install`` compiles them, as does
``python -m tournament.warm``) and the process has played, or is about to play, enough
game-turns (:data:`THRESHOLD` in a round robin, counting :data:`CALL_TURNS` more for each call
the numpy engine would make to a kernel; :data:`SMALL_BATCHES` in the small batches of a
population's generations, where the numpy engine's calls per turn cost most), or when the
compiled player is loaded already. ``IPD_COMPILED=1`` asks for it always (compiling it if need
be), ``0`` never.
"""

from __future__ import annotations

import functools
import hashlib
import os
import sys
from importlib import metadata
from pathlib import Path

THRESHOLD = 30_000_000
"""Game-turns after which the compiled player has paid for its load in big batches (it saves
~20-30 ns a game-turn in a round robin of many kernels; numba and the steps load in ~0.5 s)."""
CALL_TURNS = 120
"""What one call of a kernel by the numpy engine costs, in game-turns (~3 us against ~25 ns): a
round robin's cost for :func:`worth_it` is its game-turns plus this many per kernel call
(:func:`tournament.core.plan.kernel_calls`), which random lengths multiply (few long games,
batches of their own, one call per player and turn)."""
SMALL_BATCHES = 3_000_000
"""The same in batches of a few hundred games (a Moran generation), where it saves ~0.5 us a
game-turn: the numpy engine's fixed cost per kernel and turn is spread over few games."""
_played = 0
BATCH_CELLS = 2**24
"""Seat-turns of a batch for the compiled player: about 80,000 seats at 200 turns, whose
per-turn state stays in the processor's cache (twice as many took 1.28x longer a game-turn)."""

_CORE = Path(__file__).resolve().parent
_STEPS = _CORE.parents[1] / "strategies" / "compiled"


def worth_it(game_turns: int, threshold: int = THRESHOLD) -> bool:
    """Whether to use the compiled player for ``game_turns`` more turns (see the module docstring)."""
    global _played
    forced = os.environ.get("IPD_COMPILED")
    if forced in ("0", "1"):
        return forced == "1" and available()
    _played += game_turns
    if "tournament.core.compiled_play" in sys.modules:
        return True
    return _played > threshold and ready() and available()


@functools.cache
def available() -> bool:
    """Whether numba can be imported."""
    try:
        import numba  # noqa: F401
    except ImportError:
        return False
    return True


def compiled_here() -> bool:
    """Whether this process can use the compiled player without compiling it first (or is asked
    to use it anyway, ``IPD_COMPILED=1``): a worker on another machine may lack numba's cache."""
    return os.environ.get("IPD_COMPILED") == "1" or ready()


def ready() -> bool:
    """Whether the steps are compiled in numba's cache for these sources (see :func:`mark`)."""
    marker = _marker()
    return marker.is_file() and marker.read_text() == _key()


def mark() -> None:
    """Leave the mark :func:`ready` looks for, once every step is compiled
    (:func:`tournament.warm.warm`)."""
    marker = _marker()
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(_key())


def _key() -> str:
    """What the compiled code depends on: numba's and Python's versions and the sources."""
    sources = sorted([*_CORE.glob("jit*.py"), _CORE / "compiled_play.py", *_STEPS.glob("*.py")])
    parts = [metadata.version("numba"), sys.version]
    for path in sources:
        stat = path.stat()
        parts.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


def _marker() -> Path:
    """Where :func:`mark` leaves its mark: beside numba's cache of these modules, or in the
    user's cache folder when the package's folder cannot be written (numba does the same)."""
    cache = Path(os.environ.get("NUMBA_CACHE_DIR") or _CORE / "__pycache__")
    if os.access(cache if cache.exists() else cache.parent, os.W_OK):
        return cache / "ipd-compiled-player.ready"
    return Path.home() / ".cache" / "ipd-tournament" / "compiled-player.ready"
