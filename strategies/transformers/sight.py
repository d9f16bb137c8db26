"""What a transformed strategy sees: the transformer's games, as a view of their own.

A transformer plays the strategy it wraps on the same games (:class:`Wrapped`). Most wrapped
strategies see the games exactly as the transformer does: the realised moves, which are the
transformed ones (axelrod overwrites the player's history with the moves it really played,
as under noise). Two things need a view of their own, a :class:`Sight`:

- the dual (:class:`~strategies.transformers.flips.Dual`) shows the wrapped strategy its own
  moves flipped, as axelrod's ``DualTransformer`` does (``History.flip_plays``);
- a transformer that draws random numbers gives the wrapped strategy random streams of its
  own (keys hashed from the transformer's), so the two never share a draw, however deeply
  transformers are nested.

A sight copies each turn's moves once (one row per turn, for the whole block of games) and
keeps the running counts a :class:`~tournament.core.view.View` reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from tournament.core import rng
from tournament.core.moves import MOVE_DTYPE
from tournament.core.view import View

if TYPE_CHECKING:
    from strategies.base import Kernel, Strategy

STREAM = 0x5452414E
"""Stream constant of the random keys of strategies played inside a transformer."""


class Sight:
    """The games of an outer ``view`` as a wrapped strategy sees them (the engine state a
    :class:`~tournament.core.view.View` reads): own moves flipped with ``flip_own``, random
    keys hashed with ``stream``."""

    def __init__(self, view: View, stream: int, flip_own: bool) -> None:
        self._outer = view
        self._flip = flip_own
        self.seat_keys = rng.combine(view.keys, STREAM, stream)
        self.game = view.game
        self.payoffs = view.game.payoff_vector()
        self.known_length = view.length
        self._opponents = view.opponents
        self.reveal_opponent = self._opponents is not None
        capacity = max(view.length or 0, 64)
        self.hist = np.zeros((capacity, view.n), dtype=MOVE_DTYPE)
        self.opp_hist = np.zeros((capacity, view.n), dtype=MOVE_DTYPE)
        self.own_d = np.zeros(view.n, dtype=np.int32)
        self.opp_d = np.zeros(view.n, dtype=np.int32)
        self.dd = np.zeros(view.n, dtype=np.int32)
        self._filled = 0

    @property
    def turn(self) -> int:
        return self._outer.turn

    def catch_up(self) -> None:
        """Copy the turns played since the last call (one, when called every turn)."""
        start, stop = self._filled, self._outer.turn
        if stop <= start:
            return
        if stop > len(self.hist):
            self.hist, self.opp_hist = _grown(self.hist, stop), _grown(self.opp_hist, stop)
        own = self._outer.own_history[start:stop]
        opp = self._outer.opp_history[start:stop]
        if self._flip:
            own = own ^ 1
        self.hist[start:stop] = own
        self.opp_hist[start:stop] = opp
        self.own_d += own.sum(axis=0, dtype=np.int32)
        self.opp_d += opp.sum(axis=0, dtype=np.int32)
        self.dd += (own & opp).sum(axis=0, dtype=np.int32)
        self._filled = stop

    def state_counts(self, seats: slice, turns: int) -> np.ndarray:
        """Counts of CC, CD, DC, DD (own side) after ``turns`` turns, shape ``(4, n)``."""
        own_d = self.own_d[seats].astype(np.int64)
        opp_d = self.opp_d[seats].astype(np.int64)
        dd = self.dd[seats].astype(np.int64)
        return np.stack((turns - own_d - opp_d + dd, opp_d - dd, own_d - dd, dd))

    def opponent_labels(self, seats: slice) -> list[str]:
        return list(self._opponents[seats]) if self._opponents is not None else []


def _grown(history: np.ndarray, turns: int) -> np.ndarray:
    """``history`` with room for at least ``turns`` turns (doubling)."""
    more = np.zeros((max(len(history), turns - len(history)), history.shape[1]), dtype=MOVE_DTYPE)
    return np.concatenate((history, more))


class Wrapped:
    """Strategies played inside a transformer on the transformer's games: ``members`` (player,
    number of games) in seat order, all of one kernel group, their runtime kernel (one for the
    whole block) and the view it plays on; a :class:`Sight` when ``stream`` is given (random
    streams of their own) or with ``flip_own``."""

    def __init__(
        self, members: list[tuple[Strategy, int]], view: View, stream: int | None, flip_own: bool = False
    ) -> None:
        self.kernel: Kernel = type(members[0][0]).kernel(members)
        self.sight = None if stream is None and not flip_own else Sight(view, stream or 0, flip_own)
        self.view = view if self.sight is None else View(self.sight, 0, view.n)
        self.kernel.setup(self.view)

    def move(self) -> np.ndarray:
        """This turn's moves of the wrapped strategies."""
        if self.sight is not None:
            self.sight.catch_up()
        return self.kernel.move(self.view)

    def failures(self) -> dict[int, Any]:
        """The games the wrapped strategies forfeited (their kernel's ``finish()``), by game index."""
        finish = getattr(self.kernel, "finish", None)
        return finish() if finish is not None else {}
