"""What a compiled kernel is made of: the one signature of a block's step, and its random draws.

A strategy kernel that can play its block of seats in numba (see
:mod:`tournament.core.compiled_play`) answers ``kernel.compiled(view)`` with a
:class:`Compiled`: a step compiled with :data:`SIG` and its per-game integer and float state,
flat arrays the step cuts into fields (field ``k`` of game ``j`` at ``k * n + j``). The step
writes the block's moves of turn ``t`` into ``hist[t, start:stop]``, before noise, exactly as
the kernel's ``move`` would, draws included (:func:`uniform` is ``view.random``). Everything it
may read is in the signature:

``step(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length)``

- ``hist``/``opp_hist``: (turns, seats) realised moves so far (rows ``< t``);
- ``own_d``/``opp_d``: defections so far per seat (int32);
- ``keys``: every seat's random key; ``payoffs``: the game's R, S, T, P as the engine's
  payoff vector (CC, CD, DC, DD from the seat's side); ``length``: the known match length,
  or -1 when the players do not know it.

This module imports numba; it is imported only by compiled kernels (``strategies/compiled``)
and the compiled player, never when a strategy module is imported.
"""

from __future__ import annotations

import sys
import warnings
from typing import NamedTuple

import numpy as np


def _without_blas() -> None:
    """Load numba's array functions without looking for scipy's BLAS: numba imports all of
    ``scipy.linalg`` for that (0.2 s, a third of loading the compiled player), and no step
    calls BLAS (``np.dot`` or ``@`` in a step would fail to compile, so a test would say so)."""
    blas = "scipy.linalg.cython_blas"
    blocked = blas not in sys.modules
    if blocked:
        sys.modules[blas] = None  # type: ignore[assignment]  # its import raises ImportError
    try:
        import numba.np.arraymath  # noqa: F401
    finally:
        if blocked:
            del sys.modules[blas]


_without_blas()

from numba import njit, types  # noqa: E402
from numba.core.errors import NumbaExperimentalFeatureWarning  # noqa: E402

from tournament.core.rng import (  # noqa: E402
    COUNTER_SALT,
    GAMMA,
    M1,
    M2,
    S11,
    S27,
    S30,
    S31,
    TO_UNIT,
    TURN_SHIFT,
)

warnings.filterwarnings("ignore", category=NumbaExperimentalFeatureWarning)

SIG = types.void(
    types.int64,
    types.int64,
    types.int64,
    types.uint8[:, ::1],
    types.uint8[:, ::1],
    types.int32[::1],
    types.int32[::1],
    types.uint64[::1],
    types.int64[::1],
    types.float64[::1],
    types.float64[::1],
    types.int64,
)
"""The signature of every compiled step (see the module docstring)."""


def step(function):  # type: ignore[no-untyped-def]
    """Compile ``function`` as a step: :data:`SIG`, cached on disk."""
    return njit(SIG, cache=True)(function)


class Compiled(NamedTuple):
    """A block's compiled step and its initial state (see the module docstring)."""

    step: object
    ints: np.ndarray = np.zeros(0, dtype=np.int64)
    floats: np.ndarray = np.zeros(0, dtype=np.float64)


def fields(n: int, *columns: np.ndarray | int | float, dtype: type = np.int64) -> np.ndarray:
    """Flat state of ``n`` games, one field per column (a per-game array or one value for all)."""
    out = np.empty(max(len(columns), 1) * n, dtype=dtype)
    for k, column in enumerate(columns):
        out[k * n : (k + 1) * n] = column
    return out


TURN = np.uint64(TURN_SHIFT)
SALT = np.uint64(COUNTER_SALT)


@njit(cache=True, inline="always")
def mix(x):  # type: ignore[no-untyped-def]
    """SplitMix64's finaliser of ``x + gamma`` (:func:`tournament.core.rng.mix`)."""
    z = x + GAMMA
    z = (z ^ (z >> S30)) * M1
    z = (z ^ (z >> S27)) * M2
    return z ^ (z >> S31)


@njit(cache=True, inline="always")
def counter(t, draw):  # type: ignore[no-untyped-def]
    """The hashed (turn, draw) coordinate (:func:`tournament.core.rng.counter`)."""
    return mix((np.uint64(t) << TURN) ^ np.uint64(draw) ^ SALT)


@njit(cache=True, inline="always")
def uniform_at(key, coordinate):  # type: ignore[no-untyped-def]
    """A seat's uniform [0, 1) float at ``coordinate = counter(t, draw)`` (computed once for a
    whole block when every game draws)."""
    return np.float64(mix(key ^ coordinate) >> S11) * TO_UNIT


@njit(cache=True, inline="always")
def uniform(key, t, draw):  # type: ignore[no-untyped-def]
    """``view.random(draw)`` of one seat: a uniform [0, 1) float."""
    return uniform_at(key, counter(t, draw))
