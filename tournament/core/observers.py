"""Per-turn figures the engine does not need to play, computed by observers plugged into it.

The engine keeps only what strategies see (moves and running state counts). Everything else
a record may want per turn is an observer: it is told each turn's realised moves
(:meth:`Observer.turn`) and, if it asks, which match rows ended (``rows_done``), and hands
its per-row or per-player result to the batch outcome. A caller asks only for the observers
whose figures it will use (``Engine(..., observers=(Transitions,))``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import numpy as np

from tournament.core.engine import state_counts

if TYPE_CHECKING:
    from tournament.core.engine import Engine


class Observer(Protocol):
    """Follows a batch turn by turn; built with the engine before the first turn.

    An observer may also define ``rows_done(rows, t)``, told that the match rows ``rows`` ended
    with turn ``t`` (0-based), while the engine's running counts are those of that turn. The
    compiled player serves an observer with ``rows_done`` only through ``fused()`` (the per-turn
    sums it keeps) and ``ended(snap)`` (every row's snapshot at its end, see
    :class:`tournament.core.compiled_play.RowEnds`); the numpy engine plays the other batches.
    """

    def turn(self, t: int, moves: np.ndarray, opp_moves: np.ndarray) -> None:
        """Turn ``t``'s realised moves (by seat) and, at the same seat, the opponent's."""


@dataclass(frozen=True)
class TransitionCounts:
    """Per match row ``(n, 8)`` for each side: how often the player chose C / D right after each
    state CC, CD, DC, DD of the previous turn (its own move first), columns ``s_to_C, s_to_D``."""

    a: np.ndarray
    b: np.ndarray


class Transitions:
    """Counts, for every seat while playing, its defections right after a defection of its own,
    after one of the opponent's, and after mutual defection; at a row's end the C / D counts after
    each state follow from these three sums and the state counts (D after DD is the third sum,
    D after DC the first minus it, and so on), so a turn costs three ANDs and three additions."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        n_seats = engine.n_seats
        n_rows = len(engine.batch.row_game)
        self.after = np.zeros((3, n_seats), dtype=np.int32)
        self.after_own, self.after_opp, self.after_both = self.after
        self.pair = np.empty(n_seats, dtype=np.uint8)
        self.a = np.zeros((n_rows, 8), dtype=np.int64)
        self.b = np.zeros((n_rows, 8), dtype=np.int64)

    def fused(self) -> dict[str, np.ndarray]:
        """The sums the compiled player keeps for it as it plays (after own, opponent's, both)."""
        return {"after": self.after}

    def turn(self, t: int, moves: np.ndarray, opp_moves: np.ndarray) -> None:
        if t == 0:
            return
        hist, pair = self.engine.hist, self.pair
        np.bitwise_and(hist[t - 1], moves, out=pair)
        self.after_own += pair
        pair &= self.engine.opp_hist[t - 1]
        self.after_both += pair
        np.bitwise_and(self.engine.opp_hist[t - 1], moves, out=pair)
        self.after_opp += pair

    def rows_done(self, rows: np.ndarray, t: int) -> None:
        engine = self.engine
        # rows in order of their ends: all of them are all the rows in order (a fixed length)
        if rows.size == len(self.a):  # written in place
            self._counts(engine.row_a, t + 1, self.a)
            self._counts(engine.row_b, t + 1, self.b)
        else:
            self.a[rows] = self._counts(engine.row_a[rows], t + 1)
            self.b[rows] = self._counts(engine.row_b[rows], t + 1)

    def ended(self, snap: np.ndarray) -> None:
        """Every row from the compiled player's snapshots of its seats at its end."""
        engine = self.engine
        turns = engine.batch.row_length
        for side, seats, out in ((0, engine.row_a, self.a), (1, engine.row_b, self.b)):
            transition_counts(engine.hist, engine.opp_hist, seats, turns, tuple(snap[side]), out)

    def _counts(self, seats: np.ndarray, turns: int, out: np.ndarray | None = None) -> np.ndarray:
        """(rows, 8) at ``seats`` after ``turns`` turns, from the engine's running counts."""
        engine = self.engine
        counts = (engine.own_d[seats], engine.opp_d[seats], engine.dd[seats]) + tuple(
            sums[seats] for sums in self.after
        )
        return transition_counts(engine.hist, engine.opp_hist, seats, turns, counts, out)

    def result(self) -> TransitionCounts:
        return TransitionCounts(self.a, self.b)


def transition_counts(
    hist: np.ndarray,
    opp_hist: np.ndarray,
    seats: np.ndarray,
    turns: int | np.ndarray,
    counts: tuple[np.ndarray, ...],
    out: np.ndarray | None = None,
) -> np.ndarray:
    """(rows, 8): C / D counts after each state at ``seats`` after ``turns`` turns (one number, or
    one per seat), from the state counts and the sums of what followed each state. ``counts``
    are the seats' running counts: own defections, the opponent's, mutual ones, then
    defections after an own defection, after the opponent's and after a mutual one."""
    own_d, opp_d, dd, own, opp, both = counts
    later = own_d - hist[0, seats]  # defections after the first turn
    last = 2 * hist[turns - 1, seats] + opp_hist[turns - 1, seats]  # no successor
    visits = state_counts(own_d, opp_d, dd, turns)  # CC, CD, DC, DD
    d_after = (later - own - opp + both, opp - both, own - both, both)
    out = np.empty((len(own_d), 8), dtype=np.int64) if out is None else out
    for state in range(4):
        out[:, 2 * state + 1] = d_after[state]
        out[:, 2 * state] = visits[state] - (last == state) - d_after[state]
    return out


@dataclass(frozen=True)
class TurnProfile:
    """``cooperations[t, k]`` and ``moves[t, k]``: player ``players[k]``'s cooperations and moves at
    turn ``t`` over its match rows still running at ``t``, self-play left out."""

    players: np.ndarray
    cooperations: np.ndarray
    moves: np.ndarray


class CooperationByTurn:
    """Each player's cooperations at each turn index, weighting a seat by the number of its
    (non-self) match rows still running, so shared games count once per row."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        batch = engine.batch
        self.not_self = batch.game_a[batch.row_game] != batch.game_b[batch.row_game]
        self.weight = self._rows_at_seats(self.not_self)
        self.starts, self.players = engine.player_starts()
        self.cooperations = np.zeros((engine.n_turns, self.starts.size), dtype=np.int64)
        self.moves = np.zeros((engine.n_turns, self.starts.size), dtype=np.int64)
        self.active = self._active()
        self.weighted = np.empty(engine.n_seats, dtype=np.int64)

    def _active(self) -> np.ndarray:
        if not self.starts.size:
            return np.zeros(0, dtype=np.int64)
        return np.add.reduceat(self.weight, self.starts)

    def turn(self, t: int, moves: np.ndarray, opp_moves: np.ndarray) -> None:
        if self.starts.size:
            np.multiply(self.weight, moves, out=self.weighted)
            self.moves[t] = self.active
            self.cooperations[t] = self.active - np.add.reduceat(self.weighted, self.starts)

    def fused(self) -> dict[str, np.ndarray]:
        """The sums the compiled player keeps for it: each turn's weighted defections per player."""
        engine = self.engine
        bounds = np.append(self.starts, engine.n_seats).astype(np.int64)
        self.defected = np.zeros((engine.n_turns, self.starts.size), dtype=np.int64)
        return {"weight": self.weight, "bounds": bounds, "defected": self.defected}

    def ended(self, snap: np.ndarray) -> None:
        """Every turn from the compiled player's sums: a non-self row ending with turn ``t`` leaves
        its players' counts from turn ``t + 1`` on (as :meth:`rows_done` does while playing)."""
        if not self.starts.size:
            return
        engine = self.engine
        lengths = engine.batch.row_length
        rows = np.flatnonzero(self.not_self & (lengths < engine.n_turns))
        n_players = self.starts.size
        left = np.zeros(engine.n_turns * n_players, dtype=np.int64)
        for seats in (engine.row_a[rows], engine.row_b[rows]):
            block = np.searchsorted(self.starts, seats, side="right") - 1
            left += np.bincount(lengths[rows] * n_players + block, minlength=left.size)
        self.moves[:] = self.active - np.cumsum(left.reshape(engine.n_turns, n_players), axis=0)
        np.subtract(self.moves, self.defected, out=self.cooperations)

    def _rows_at_seats(self, rows: np.ndarray) -> np.ndarray:
        """How many of the match rows ``rows`` (indices or a mask) each seat plays in."""
        n_seats = self.engine.n_seats
        return np.bincount(self.engine.row_a[rows], minlength=n_seats) + np.bincount(
            self.engine.row_b[rows], minlength=n_seats
        )

    def rows_done(self, rows: np.ndarray, t: int) -> None:
        ended = rows[self.not_self[rows]]
        if ended.size and t < self.engine.n_turns - 1:  # no weight is read after the last turn
            self.weight -= self._rows_at_seats(ended)
            self.active = self._active()

    def result(self) -> TurnProfile:
        return TurnProfile(self.players, self.cooperations, self.moves)
