"""The batched match engine: every game of a batch advances one turn at a time, together.

Games are columns of preallocated time-major move arrays. Seats (two per game) are sorted
by player, so each strategy owns one contiguous block and is called once per turn for
all of its games, as either player. After the strategies move, noise flips realised
moves, the opponent view is gathered with one permutation, and running state counts
are updated; each match row is snapshotted on its last turn, so several rows (the
repetitions of a deterministic pair, or different ``prob_end`` lengths) can share one game.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from tournament.core import rng
from tournament.core.moves import MOVE_DTYPE
from tournament.core.view import View

if TYPE_CHECKING:
    from tournament.settings import MatchSettings


COMPILED_STOPS = 32
"""The compiled player stops at most this many times in a batch to tell the observers and the
progress what it played (never for rows' ends: it snapshots them itself)."""
FIRST_DEFECTION_CHUNK = 64
"""Turns scanned at a time for first defections: most seats defect early, and a block of rows
is read in memory order, so the cost does not grow with the match length."""


class Kernel(Protocol):
    """What plays a block of seats: per-game state from ``setup``, one move per game each turn."""

    def setup(self, view: View) -> None: ...

    def move(self, view: View) -> np.ndarray: ...


class Player(Protocol):
    """A catalogue entry the engine can seat: its identity, and the kernel that plays it."""

    label: str
    spec: str
    stochastic: bool

    def kernel_group(self) -> object | None: ...

    @classmethod
    def kernel(cls, members: list[tuple[Any, int]]) -> Kernel: ...


@dataclass(frozen=True)
class Batch:
    """Games to play and the match rows to read off them.

    ``game_a``/``game_b`` index ``players``; ``game_rep`` is the repetition used for the
    random streams; ``row_game``/``row_length`` say which game each match row reads and
    after how many turns.
    """

    players: Sequence[Player]
    identities: np.ndarray
    game_a: np.ndarray
    game_b: np.ndarray
    game_rep: np.ndarray
    row_game: np.ndarray
    row_length: np.ndarray


@dataclass
class BatchOutcome:
    """Per match row: state counts from player a's side, the first moves and the turn of each
    player's first defection (-1 when it never defected in the match).

    ``counts[:, k]`` counts states CC, CD, DC, DD. ``moves_a``/``moves_b`` hold the move
    strings when asked for. ``observed`` maps each observer class to its result.
    ``failures`` (None when every strategy behaved) holds per-row ``failure_a``/``failure_b``
    (what went wrong, "" if nothing) and ``forfeit_a``/``forfeit_b`` (see :meth:`Engine.play`).
    """

    counts: np.ndarray
    first_a: np.ndarray
    first_b: np.ndarray
    first_defection_a: np.ndarray
    first_defection_b: np.ndarray
    observed: dict[type, Any] = field(default_factory=dict)
    moves_a: list[str] | None = None
    moves_b: list[str] | None = None
    failures: dict[str, np.ndarray] | None = None


class StrategyFailure(RuntimeError):
    """A strategy raised or returned something that is not a move array."""


class Engine:
    """Plays one :class:`Batch` (see the module docstring).

    ``observers`` are classes built with the engine (``cls(engine)``) and told every turn's
    moves and every row's end (:mod:`tournament.core.observers`); ``keep_moves`` returns the
    move strings of every row.
    """

    def __init__(
        self,
        batch: Batch,
        settings: MatchSettings,
        *,
        seed: int,
        keep_moves: bool = False,
        observers: Sequence[type] = (),
    ) -> None:
        self.batch = batch
        self.game = settings.game
        self.payoffs = self.game.payoff_vector()
        self.noise = float(settings.noise)
        self.known_length = settings.known_length
        self.reveal_opponent = settings.reveal_opponent
        self.keep_moves = keep_moves
        self.observer_classes = tuple(observers)
        self.turn = 0
        self.played_compiled = False
        """Whether the last :meth:`play` went through the compiled player."""

        n_games = len(batch.game_a)
        seat_player = np.empty(2 * n_games, dtype=np.int64)
        seat_player[0::2] = batch.game_a
        seat_player[1::2] = batch.game_b
        group_of_player = _groups(batch.players)
        order = np.lexsort((seat_player, group_of_player[seat_player]))
        position = np.empty_like(order)
        position[order] = np.arange(order.size)
        self.seat_a = position[0::2]
        self.seat_b = position[1::2]
        self.opp = position[order ^ 1]
        self.seat_keys = _seat_keys(batch, seed)[order]
        self.row_a = self.seat_a[batch.row_game]
        self.row_b = self.seat_b[batch.row_game]

        self.n_turns = int(batch.row_length.max()) if len(batch.row_length) else 0
        self.n_seats = order.size
        self.hist = np.zeros((0, self.n_seats), dtype=MOVE_DTYPE)
        self.opp_hist = self.hist
        self.own_d = np.zeros(self.n_seats, dtype=np.int32)
        self.opp_d = np.zeros(self.n_seats, dtype=np.int32)
        self.dd = np.zeros(self.n_seats, dtype=np.int32)
        self.seat_player = seat_player[order]
        self.blocks = self._blocks(self.seat_player, group_of_player)

    def _blocks(
        self, sorted_player: np.ndarray, group_of_player: np.ndarray
    ) -> list[tuple[Kernel, View, int, int]]:
        """One kernel per group of consecutive seats: a player alone, or a merged family."""
        if not sorted_player.size:
            return []
        sorted_group = group_of_player[sorted_player]
        player_cuts = np.flatnonzero(np.diff(sorted_player)) + 1
        player_starts = np.concatenate(([0], player_cuts)).tolist()
        player_stops = np.concatenate((player_cuts, [sorted_player.size])).tolist()
        blocks = []
        run: list[tuple[int, int, int]] = []
        for start, stop in zip(player_starts, player_stops):
            if run and sorted_group[start] != sorted_group[run[0][1]]:
                blocks.append(self._kernel(run))
                run = []
            run.append((int(sorted_player[start]), start, stop))
        blocks.append(self._kernel(run))
        return blocks

    def player_starts(self) -> tuple[np.ndarray, np.ndarray]:
        """First seat of each player's contiguous block of seats, and which player it is."""
        if not self.seat_player.size:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        starts = np.concatenate(([0], np.flatnonzero(np.diff(self.seat_player)) + 1))
        return starts, self.seat_player[starts]

    def _kernel(self, run: list[tuple[int, int, int]]) -> tuple[Kernel, View, int, int]:
        """The runtime kernel of a run of players (one player, or a merged family): the engine
        always asks the first player's class, which builds it from (player, number of games)."""
        players = self.batch.players
        start, stop = run[0][1], run[-1][2]
        first = players[run[0][0]]
        kernel = type(first).kernel([(players[i], b - a) for i, a, b in run])
        return kernel, View(self, start, stop), start, stop

    def opponent_labels(self, seats: slice) -> list[str]:
        """The label of the opponent at each seat of ``seats``."""
        players = self.batch.players
        return [players[i].label for i in self.seat_player[self.opp[seats]].tolist()]

    def play_counts(self, compiled: bool = False) -> tuple[np.ndarray, dict[str, np.ndarray] | None]:
        """Only the state counts of every row (CC, CD, DC, DD from a's side) and the failures
        (see :meth:`play`), through the compiled player when ``compiled`` and it can."""
        counts, _ = self._play_all(None, compiled)
        return counts.T, self._failures(self.row_a, self.row_b)

    def play(self, on_turn: Callable[[int, int], None] | None = None, compiled: bool = False) -> BatchOutcome:
        """Play every game to its last needed turn and return the match rows' records.

        ``on_turn(turns done, turns in all)`` is called after every turn (for progress from
        inside a batch; it should be cheap). With ``compiled``, a batch whose every kernel has a
        compiled step is played by the compiled player (:mod:`tournament.core.compiled_play`),
        with the same records; ``on_turn`` is then called every few turns.
        """
        batch = self.batch
        out_counts, observers = self._play_all(on_turn, compiled)
        row_a, n_rows = self.row_a, len(batch.row_game)
        first_defection = self._first_defections()
        outcome = BatchOutcome(
            counts=out_counts.T,
            first_a=self.hist[0, row_a] if self.n_turns else np.zeros(n_rows, MOVE_DTYPE),
            first_b=self.hist[0, self.row_b] if self.n_turns else np.zeros(n_rows, MOVE_DTYPE),
            first_defection_a=_within(first_defection[row_a], batch.row_length),
            first_defection_b=_within(first_defection[self.row_b], batch.row_length),
            observed={cls: observer.result() for cls, observer in zip(self.observer_classes, observers)},
        )
        outcome.failures = self._failures(row_a, self.row_b)
        if self.keep_moves:
            outcome.moves_a = _move_strings(self.hist, row_a, batch.row_length)
            outcome.moves_b = _move_strings(self.hist, self.row_b, batch.row_length)
        return outcome

    def _play_all(
        self, on_turn: Callable[[int, int], None] | None, compiled: bool
    ) -> tuple[np.ndarray, list[Any]]:
        """Every turn of the batch (see :meth:`play`): the rows' state counts by state, shape
        ``(4, rows)``, and the observers."""
        batch = self.batch
        self.hist = np.zeros((self.n_turns, self.n_seats), dtype=MOVE_DTYPE)
        self.opp_hist = np.zeros((self.n_turns, self.n_seats), dtype=MOVE_DTYPE)
        n_rows = len(batch.row_game)
        row_a = self.row_a
        by_end = np.argsort(batch.row_length, kind="stable")
        ends = np.searchsorted(batch.row_length[by_end], np.arange(1, self.n_turns + 2))
        out_counts = np.zeros((4, n_rows), dtype=np.int64)  # by state: each one contiguous
        observers = [cls(self) for cls in self.observer_classes]

        def rows_done(t: int) -> None:
            """What follows turn ``t`` once the observers have seen it: rows that end, progress."""
            done = by_end[ends[t] : ends[t + 1]]
            if done.size:
                if done.size == n_rows:  # all rows (a fixed length): in order, written in place
                    self.state_counts(row_a, t + 1, out=out_counts)
                else:
                    out_counts[:, done] = self.state_counts(row_a[done], t + 1)
                for observer in observers:
                    if hasattr(observer, "rows_done"):
                        observer.rows_done(done, t)
            if on_turn is not None:
                on_turn(t + 1, self.n_turns)

        blocks = self._compiled_blocks() if compiled and all(map(_fusable, observers)) else None
        self.played_compiled = blocks is not None
        if blocks is None:
            self._play_turns(observers, rows_done)
            return out_counts, observers
        snap = self._play_compiled(blocks, ends, by_end, observers, on_turn)
        own_d, opp_d, dd = snap[0, :3]
        state_counts(own_d, opp_d, dd, batch.row_length, out=out_counts)
        for observer in observers:
            if hasattr(observer, "ended"):
                observer.ended(snap)
        return out_counts, observers

    def _play_turns(self, observers: list[Any], rows_done: Callable[[int], None]) -> None:
        """Every turn through the kernels' ``move``, one Python call per block per turn."""
        for player, view, _, _ in self.blocks:
            self.turn = 0
            player.setup(view)
        both = np.empty(self.n_seats, dtype=MOVE_DTYPE)
        noise = rng.Stream(self.seat_keys) if self.noise > 0 else None
        threshold = rng.threshold(self.noise)
        for t in range(self.n_turns):
            self.turn = t
            moves, opp_moves = self.hist[t], self.opp_hist[t]
            for player, view, start, stop in self.blocks:
                chosen = player.move(view)
                if getattr(chosen, "shape", None) != (stop - start,):
                    raise StrategyFailure(
                        f"{getattr(player, 'label', type(player).__name__)} returned "
                        f"{type(chosen).__name__} of shape {getattr(chosen, 'shape', None)} "
                        f"for {stop - start} games on turn {t + 1}"
                    )
                moves[start:stop] = chosen
            if noise is not None:
                moves ^= noise.below(t, rng.NOISE_DRAW, threshold).view(np.uint8)
            np.take(moves, self.opp, out=opp_moves)
            self.own_d += moves
            self.opp_d += opp_moves
            np.bitwise_and(moves, opp_moves, out=both)
            self.dd += both
            for observer in observers:
                observer.turn(t, moves, opp_moves)
            rows_done(t)

    def _compiled_blocks(self) -> Any:
        """The compiled player's blocks (:class:`tournament.core.compiled_play.Blocks`), or None
        when a kernel has neither a compiled step nor a table form."""
        from tournament.core import compiled_play, jit_tables

        blocks = []
        for kernel, view, start, stop in self.blocks:
            block = kernel.compiled(view) if _plays_as(kernel, "compiled") else None
            if block is None and _plays_as(kernel, "table_form"):
                block = jit_tables.compiled(kernel.table_form(self.game))
            if block is None:
                return None
            blocks.append((block, start, stop))
        return compiled_play.Blocks(blocks)

    def _play_compiled(
        self,
        blocks: Any,
        ends: np.ndarray,
        by_end: np.ndarray,
        observers: list[Any],
        on_turn: Callable[[int, int], None] | None,
    ) -> np.ndarray:
        """Every turn in the compiled player; returns its snapshot of each match row's running
        counts at the row's end (:class:`tournament.core.compiled_play.RowEnds`), taken in the
        loop itself. It keeps the sums of observers with ``fused()`` and stops in Python only
        every few turns, when someone is told the turns played (``on_turn``, or an observer
        without ``fused()``)."""
        from tournament.core import compiled_play

        batch = self.batch
        not_self = batch.game_a[batch.row_game] != batch.game_b[batch.row_game]
        row_ends = compiled_play.RowEnds.build(ends, by_end, self.row_a, self.row_b, not_self)

        fused: dict[str, np.ndarray] = {}
        told = []
        for observer in observers:
            if hasattr(observer, "fused"):
                fused.update(observer.fused())
            else:
                told.append(observer.turn)
        tally = compiled_play.Tally.build(fused)
        stops = {self.n_turns}
        if told or on_turn is not None:
            every = max(1, -(-self.n_turns // COMPILED_STOPS))
            stops.update(range(every, self.n_turns, every))
        arrays = (self.hist, self.opp_hist, self.own_d, self.opp_d, self.dd, self.seat_keys)
        length = -1 if self.known_length is None else int(self.known_length)
        payoffs = np.ascontiguousarray(self.payoffs, dtype=np.float64)
        start = 0
        for stop in sorted(stops):
            if stop <= start:
                continue
            compiled_play.play_turns(
                blocks, start, stop, arrays, tally, row_ends, self.opp, payoffs, length, self.noise
            )
            self.turn = stop - 1
            for t in range(start, stop) if told else ():
                for turn in told:
                    turn(t, self.hist[t], self.opp_hist[t])
            if on_turn is not None:
                on_turn(stop, self.n_turns)
            start = stop
        return row_ends.snap

    def _first_defections(self) -> np.ndarray:
        """Per seat: the turn of its first D in the batch, or the batch's length when none."""
        if self.played_compiled:
            from tournament.core import compiled_play

            return compiled_play.first_defections(self.hist, self.own_d)
        first = np.full(self.n_seats, self.n_turns, dtype=np.int64)
        open_seats = np.flatnonzero(self.own_d)  # a seat that never defected keeps n_turns
        for start in range(0, self.n_turns, FIRST_DEFECTION_CHUNK):
            if not open_seats.size:
                break
            chunk = self.hist[start : start + FIRST_DEFECTION_CHUNK, open_seats]
            at = chunk.argmax(axis=0)  # a block of 0/1 moves: the first 1, or 0 when none
            found = chunk[at, np.arange(open_seats.size)] != 0
            first[open_seats[found]] = start + at[found]
            open_seats = open_seats[~found]
        return first

    def _failures(self, row_a: np.ndarray, row_b: np.ndarray) -> dict[str, np.ndarray] | None:
        """What went wrong in which match row, from kernels with a ``finish()`` hook.

        A kernel (e.g. a sandboxed strategy) may define ``finish()``, called once after the
        last turn, returning ``{game index in its view: (turn, message, forfeit)}``. A
        failure belongs to a row when it happened before the row's last turn.
        """
        reports = [
            (start, player.finish()) for player, _, start, _ in self.blocks if hasattr(player, "finish")
        ]
        if not any(report for _, report in reports):
            return None
        n_seats = self.n_seats
        turn = np.full(n_seats, np.iinfo(np.int64).max, dtype=np.int64)
        message = np.full(n_seats, "", dtype=object)
        forfeit = np.zeros(n_seats, dtype=bool)
        for start, report in reports:
            for index, (when, text, lost) in report.items():
                turn[start + index], message[start + index], forfeit[start + index] = when, text, lost
        if not (turn < np.iinfo(np.int64).max).any():
            return None
        out = {}
        for side, seats in (("a", row_a), ("b", row_b)):
            counts = turn[seats] < self.batch.row_length
            out[f"failure_{side}"] = np.where(counts, message[seats], "")
            out[f"forfeit_{side}"] = counts & forfeit[seats]
        return out

    def state_counts(
        self, seats: np.ndarray | slice, turns: int, out: np.ndarray | None = None
    ) -> np.ndarray:
        """Counts of CC, CD, DC, DD (own side) at ``seats`` after ``turns`` turns, shape
        ``(4, n)`` (into ``out`` when given)."""
        return state_counts(self.own_d[seats], self.opp_d[seats], self.dd[seats], turns, out)


def state_counts(
    own_d: np.ndarray,
    opp_d: np.ndarray,
    dd: np.ndarray,
    turns: int | np.ndarray,
    out: np.ndarray | None = None,
) -> np.ndarray:
    """Counts of CC, CD, DC, DD (own side) from a seat's defections, its opponent's and the
    mutual ones after ``turns`` turns (one number, or one per seat), shape ``(4, n)``."""
    out = np.empty((4, len(own_d)), dtype=np.int64) if out is None else out
    out[0] = turns - own_d - opp_d + dd
    np.subtract(opp_d, dd, out=out[1])
    np.subtract(own_d, dd, out=out[2])
    out[3] = dd
    return out


def _fusable(observer: object) -> bool:
    """Whether the compiled player can serve ``observer``: it keeps the observer's sums and
    snapshots (``fused()`` and ``ended()``), or the observer wants only turns (no ``rows_done``)."""
    return hasattr(observer, "ended") if hasattr(observer, "fused") else not hasattr(observer, "rows_done")


def compilable(players: Sequence[Player]) -> bool:
    """Whether every player's kernel class has a compiled step or a table form (one it plays
    as), so that batches of them go to the compiled player (a step may still decline a rare
    case there). The class is the family's kernel or the player's own; none is built."""
    classes = set()
    for player in players:
        group = player.kernel_group()
        build = getattr(group, "build", None)
        classes.add(build if isinstance(build, type) else type(player))
    return all(_plays_as(cls, "compiled") or _plays_as(cls, "table_form") for cls in classes)


def _plays_as(kernel: Kernel | type, form: str) -> bool:
    """Whether a kernel's ``form`` (its compiled step or table form) plays what its ``move`` plays:
    both defined by the same class, and ``setup`` by that class or above. A subclass that
    overrides ``move`` or ``setup`` of a strategy with a step plays on its own ``move``."""
    cls = kernel if isinstance(kernel, type) else type(kernel)
    owner = _defined_in(cls, form)
    return (
        owner is not None
        and _defined_in(cls, "move") is owner
        and issubclass(owner, _defined_in(cls, "setup") or object)
    )


def _defined_in(cls: type, attribute: str) -> type | None:
    """The class whose definition of ``attribute`` ``cls`` uses."""
    return next((k for k in cls.__mro__ if attribute in vars(k)), None)


def _within(turn: np.ndarray, length: np.ndarray) -> np.ndarray:
    """``turn`` where it falls inside the match of that ``length``, else -1."""
    return np.where(turn < length, turn, -1)


def _groups(players: Sequence[Player]) -> np.ndarray:
    """Group number of each player: shared by players whose ``kernel_group()`` is equal (a
    family merged into one kernel), else its own."""
    first_of_group: dict[Any, int] = {}
    groups = np.empty(len(players), dtype=np.int64)
    for i, player in enumerate(players):
        key = player.kernel_group()
        groups[i] = i if key is None else first_of_group.setdefault(key, i)
    return groups


def _seat_keys(batch: Batch, seed: int) -> np.ndarray:
    """Random-stream key of every seat: (seed, own id, opponent id, repetition, role)."""
    ids = batch.identities
    own = np.empty(2 * len(batch.game_a), dtype=np.uint64)  # seats in game order: a, b, a, b, ...
    own[0::2] = ids[batch.game_a]
    own[1::2] = ids[batch.game_b]
    other = own.reshape(-1, 2)[:, ::-1].reshape(-1)
    role = np.empty_like(own)
    role[0::2] = own[0::2] > own[1::2]
    role[1::2] = own[1::2] >= own[0::2]
    return rng.combine(seed, own, other, np.repeat(batch.game_rep.astype(np.uint64), 2), role)


_LETTERS = np.frombuffer(b"CD", dtype=np.uint8)


def _move_strings(hist: np.ndarray, seats: np.ndarray, lengths: np.ndarray) -> list[str]:
    letters = _LETTERS[hist[:, seats].T]
    return [row[:length].tobytes().decode() for row, length in zip(letters, lengths.tolist())]
