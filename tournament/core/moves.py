"""Moves as the engine stores them: C is 0 and D is 1, in arrays of ``MOVE_DTYPE``.

This is the contract every strategy plays against, together with :mod:`tournament.core.view`
and :mod:`tournament.core.rng`: a strategy returns one move per game as such an array.
"""

from __future__ import annotations

import numpy as np

C: int = 0
D: int = 1
MOVE_DTYPE = np.uint8


def moves_from_string(text: str) -> np.ndarray:
    """Turn ``"CCD"`` into ``array([0, 0, 1], dtype=uint8)``."""
    return np.array([C if ch == "C" else D for ch in text.upper()], dtype=MOVE_DTYPE)
