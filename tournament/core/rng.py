"""Counter-based random numbers: every draw is a pure function of its coordinates.

A draw is ``hash(seat key, turn, draw index)`` where the seat key is itself a hash of
(tournament seed, the player's identity, the opponent's identity, repetition, role). So
results never depend on batch size, chunking, worker count or the order games are played
in, and adding a player to a tournament leaves the other matches untouched. The hash is
SplitMix64's finaliser, vectorised over numpy uint64 arrays (wrap-around arithmetic).
"""

from __future__ import annotations

import functools
import hashlib

import numpy as np

GAMMA = np.uint64(0x9E3779B97F4A7C15)
M1 = np.uint64(0xBF58476D1CE4E5B9)
M2 = np.uint64(0x94D049BB133111EB)
S30, S27, S31, S11 = np.uint64(30), np.uint64(27), np.uint64(31), np.uint64(11)
TO_UNIT = 2.0**-53
"""SplitMix64's constants, the shift that keeps 53 bits and the scale of those bits to [0, 1)
(shared with the compiled player, :mod:`tournament.core.jit`, which must hash the same)."""
TURN_SHIFT = 20
COUNTER_SALT = 0x5EED
"""A (turn, draw) coordinate is ``(turn << TURN_SHIFT) ^ draw ^ COUNTER_SALT``, hashed."""
_MASK = (1 << 64) - 1

NOISE_DRAW = 0xFFFF
"""Draw index reserved for the noise flip of a seat's realised move."""
LENGTH_STREAM = 0x4C454E47
"""Stream constant for match lengths under ``prob_end``."""


def mix(x: np.ndarray) -> np.ndarray:
    """SplitMix64 finaliser of ``x + gamma`` (a fresh uint64 array)."""
    z = x + GAMMA
    z ^= z >> S30
    z *= M1
    z ^= z >> S27
    z *= M2
    z ^= z >> S31
    return z


def mix_int(x: int) -> int:
    """SplitMix64 finaliser on a Python int (same function as :func:`mix`)."""
    z = (x + 0x9E3779B97F4A7C15) & _MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    return z ^ (z >> 31)


@functools.lru_cache(maxsize=4096)
def identity(text: str) -> int:
    """A 64-bit identity for a player, from its canonical text (stable across runs; kept, as
    every generation of an evolution asks again)."""
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")


def combine(*parts: np.ndarray | int) -> np.ndarray:
    """Hash several uint64 values (arrays broadcast) into one key per element."""
    scalar, rest = 0, 0  # leading whole numbers are hashed as Python ints (arrays cost microseconds)
    for part in parts:
        if type(part) is not int or not 0 <= part <= _MASK:
            break
        scalar, rest = mix_int(scalar ^ part), rest + 1
    key = np.array([scalar], dtype=np.uint64)
    for part in parts[rest:]:
        key = mix(key ^ np.asarray(part, dtype=np.uint64))
    return key


def counter(turn: int, draw: int) -> np.uint64:
    """The hashed (turn, draw) coordinate that is xored into a seat key."""
    return np.uint64(mix_int((turn << TURN_SHIFT) ^ draw ^ COUNTER_SALT))


def counters(shifted_turns: np.ndarray, draw: int) -> np.ndarray:
    """:func:`counter` for many turns at once, given ``turn << TURN_SHIFT`` as uint64."""
    return mix(shifted_turns ^ np.uint64(draw ^ COUNTER_SALT))


def uniform(keys: np.ndarray, turn: int, draw: int = 0) -> np.ndarray:
    """One uniform [0, 1) float per key for the given turn and draw index."""
    z = mix(keys ^ counter(turn, draw))
    return (z >> S11).astype(np.float64) * TO_UNIT


def uniform_keys(keys: np.ndarray) -> np.ndarray:
    """One uniform [0, 1) float per key, from the key alone."""
    return (mix(keys) >> S11).astype(np.float64) * TO_UNIT


def threshold(p: float) -> np.uint64:
    """The integer t with ``(hash >> 11) < t`` true with probability ``p`` (53-bit resolution)."""
    return np.uint64(min(max(round(p * 2**53), 0), 2**53))


AHEAD = 16
"""Turns a small :class:`Stream` draws at once: its per-turn cost is numpy's fixed cost per
operation, so one pass over ``AHEAD`` turns costs about what one turn did."""
SMALL = 4096
"""Keys a stream may have and still draw ahead (larger ones cost by their size: turn by turn)."""


class Stream:
    """Draws for a fixed array of keys, reusing buffers (the hot path of noise and strategies).

    A stream of at most :data:`SMALL` keys draws :data:`AHEAD` turns at a time for each draw
    index and hands them out turn by turn: the same numbers, a fraction of the calls."""

    def __init__(self, keys: np.ndarray) -> None:
        self.keys = keys
        self._z = np.empty_like(keys)
        self._tmp = np.empty_like(keys)
        self._ahead: dict[int, tuple[int, np.ndarray]] | None = {} if keys.size <= SMALL else None

    def _bits(self, turn: int, draw: int) -> np.ndarray:
        if self._ahead is not None:
            first, bits = self._ahead.get(draw, (-AHEAD, None))
            if not first <= turn < first + AHEAD:
                first, bits = turn, self._bits_ahead(turn, draw)
                self._ahead[draw] = (first, bits)
            return bits[turn - first]
        z, tmp = self._z, self._tmp
        np.bitwise_xor(self.keys, counter(turn, draw), out=z)
        z += GAMMA
        np.right_shift(z, S30, out=tmp)
        z ^= tmp
        z *= M1
        np.right_shift(z, S27, out=tmp)
        z ^= tmp
        z *= M2
        np.right_shift(z, S31, out=tmp)
        z ^= tmp
        z >>= S11
        return z

    def _bits_ahead(self, turn: int, draw: int) -> np.ndarray:
        """(AHEAD, keys): the bits of turns ``turn`` .. ``turn + AHEAD - 1``."""
        turns = np.arange(turn, turn + AHEAD, dtype=np.uint64) << np.uint64(TURN_SHIFT)
        z = mix(self.keys[None, :] ^ counters(turns, draw)[:, None])
        z >>= S11
        return z

    def uniform(self, turn: int, draw: int = 0) -> np.ndarray:
        """Same values as :func:`uniform` for these keys, as a new float array."""
        return self._bits(turn, draw) * TO_UNIT

    def below(self, turn: int, draw: int, limit: np.uint64) -> np.ndarray:
        """Boolean array ``uniform(turn, draw) < limit / 2**53`` without making floats."""
        return self._bits(turn, draw) < limit
