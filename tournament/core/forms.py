"""Table forms of family kernels: the same players as plain arrays, for the compiled engine.

A family kernel (memory-one, finite-state machines, lookup tables) that can describe its
games as one of these forms (``kernel.table_form(game)``) can be played without calling
Python on every turn (:mod:`tournament.core.compiled_play`). Each form covers the kernel's block
of games in seat order and is a faithful copy of what its ``move`` computes, random draws
included: draw 0 of the turn, cooperating when the draw is below the probability.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class MemoryOneForm:
    """Per game: the probability of cooperating on the first turn and after CC, CD, DC, DD
    (own move first). ``draws``: whether the kernel draws every turn (any probability strictly
    between 0 and 1 in the block); without draws a probability is 0 or 1."""

    first: np.ndarray
    table: np.ndarray
    draws: bool


@dataclass(frozen=True)
class MachineForm:
    """Finite-state machines: ``next_state[2 * s + m]`` and ``output[2 * s + m]`` after state s
    and the opponent's move m (states of all machines numbered together), and per game the
    first move and the state before the second turn."""

    next_state: np.ndarray
    output: np.ndarray
    initial_state: np.ndarray
    first_move: np.ndarray


@dataclass(frozen=True)
class LookupForm:
    """Lookup tables (see ``strategies.families.lookerup.LookupKernel``): concatenated
    cooperation probabilities, and per game its table's offset, the masks and shifts that
    build the key from the rolling codes of own moves, opponent's moves and opponent's first
    moves, and the moves played before the table applies."""

    cooperation: np.ndarray
    draws: bool
    offset: np.ndarray
    own_mask: np.ndarray
    opp_mask: np.ndarray
    openings: np.ndarray
    own_shift: np.ndarray
    warmup: np.ndarray
    initial: np.ndarray
