"""What a strategy sees on each turn: its own games of the batch, as numpy arrays.

A :class:`View` covers the contiguous block of seats that one strategy occupies. Every
array it hands out is a read-only window on the engine's arrays (own moves, the
opponent's moves, running state counts) for those seats only: no opponent object, no
other player's games. Histories are time-major: ``own_history[t, i]`` is game ``i``'s move
at turn ``t``.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Protocol

import numpy as np

from tournament.core import rng
from tournament.core.moves import MOVE_DTYPE

if TYPE_CHECKING:
    from tournament.settings import Game


class EngineState(Protocol):
    """What a view reads of the engine: the turn, the settings players may know, the seats'
    histories and running counts."""

    turn: int
    known_length: int | None
    game: Game
    reveal_opponent: bool
    payoffs: np.ndarray
    seat_keys: np.ndarray
    hist: np.ndarray
    opp_hist: np.ndarray
    own_d: np.ndarray
    opp_d: np.ndarray

    def state_counts(self, seats: slice, turns: int) -> np.ndarray: ...

    def opponent_labels(self, seats: slice) -> list[str]: ...


class View:
    """One strategy's window on the batch: ``n`` games, the current ``turn`` and their past."""

    def __init__(self, engine: EngineState, start: int, stop: int) -> None:
        # A weak reference: the engine holds its views, so a strong one would keep a played
        # batch's move histories alive until the cyclic garbage collector runs.
        self._engine = weakref.proxy(engine)
        self._slice = slice(start, stop)
        self.n: int = stop - start
        self.keys: np.ndarray = engine.seat_keys[start:stop]
        self._stream: rng.Stream | None = None  # made on the first draw (a compiled batch draws none here)

    @property
    def turn(self) -> int:
        """The 0-based index of the turn being decided."""
        return self._engine.turn

    @property
    def length(self) -> int | None:
        """The match length when it is fixed and known to the players, else None."""
        return self._engine.known_length

    @property
    def game(self) -> Game:
        """The payoffs of the stage game."""
        return self._engine.game

    @property
    def opponents(self) -> list[str] | None:
        """Each game's opponent (its label), when the tournament reveals it; else None."""
        if not self._engine.reveal_opponent:
            return None
        return self._engine.opponent_labels(self._slice)

    @property
    def own_last(self) -> np.ndarray:
        """My realised move on the previous turn (requires ``turn >= 1``)."""
        return self._engine.hist[self._engine.turn - 1, self._slice]

    @property
    def opp_last(self) -> np.ndarray:
        """The opponent's realised move on the previous turn (requires ``turn >= 1``)."""
        return self._engine.opp_hist[self._engine.turn - 1, self._slice]

    @property
    def own_history(self) -> np.ndarray:
        """My realised moves so far, shape ``(turn, n)``."""
        return self._engine.hist[: self._engine.turn, self._slice]

    @property
    def opp_history(self) -> np.ndarray:
        """The opponent's realised moves so far, shape ``(turn, n)``."""
        return self._engine.opp_hist[: self._engine.turn, self._slice]

    @property
    def state_counts(self) -> np.ndarray:
        """Counts of past states CC, CD, DC, DD from my side, shape ``(4, n)``."""
        return self._engine.state_counts(self._slice, self._engine.turn)

    @property
    def own_defections(self) -> np.ndarray:
        """How many times I defected so far."""
        return self._engine.own_d[self._slice]

    @property
    def opp_defections(self) -> np.ndarray:
        """How many times the opponent defected so far."""
        return self._engine.opp_d[self._slice]

    @property
    def own_cooperations(self) -> np.ndarray:
        """How many times I cooperated so far."""
        return self._engine.turn - self._engine.own_d[self._slice]

    @property
    def opp_cooperations(self) -> np.ndarray:
        """How many times the opponent cooperated so far."""
        return self._engine.turn - self._engine.opp_d[self._slice]

    @property
    def own_score(self) -> np.ndarray:
        """My total payoff so far."""
        return self._engine.payoffs @ self.state_counts

    @property
    def opp_score(self) -> np.ndarray:
        """The opponent's total payoff so far."""
        return self._engine.payoffs[[0, 2, 1, 3]] @ self.state_counts

    def random(self, draw: int = 0) -> np.ndarray:
        """Uniform [0, 1) numbers, one per game, for this turn; ``draw`` picks another stream."""
        if self._stream is None:
            self._stream = rng.Stream(self.keys)
        return self._stream.uniform(self._engine.turn, draw)

    def cooperate(self) -> np.ndarray:
        """All-C moves."""
        return np.zeros(self.n, dtype=MOVE_DTYPE)

    def defect(self) -> np.ndarray:
        """All-D moves."""
        return np.ones(self.n, dtype=MOVE_DTYPE)
