"""Run a round-robin tournament: plan, play it chunk by chunk (optionally in parallel, optionally
resuming from saved chunks), build the tables.

A plan is cut into chunks, each one engine batch sized by memory
(:func:`tournament.parallel.batch_cells`). Chunks are played in this process, in local worker
processes (``workers``) or on a dask cluster; each finished chunk goes into the records and,
when a :class:`ChunkStore` is given, to the store first, so a run killed half-way resumes from
its finished chunks. Every random draw is keyed by what it decides, so the results are the same
whatever the chunking, the workers, the order of play or the resumptions.
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

import numpy as np

from tournament.core import compiled
from tournament.core import plan as planner
from tournament.core.engine import Batch, Engine, compilable
from tournament.core.observers import CooperationByTurn, Transitions
from tournament.core.plan import Plan
from tournament.core.record import ChunkRecords, MatchRecords, TurnTotals, interactions_table
from tournament.errors import SpecError
from tournament.learning.carry import Sessions, carriers
from tournament.parallel import (
    LocalPool,
    WorkerDied,
    batch_cells,
    local_pool,
    memory_bytes,
    share_done,
    worker_context,
)
from tournament.settings import MatchSettings
from tournament.spec import TournamentSpec

if TYPE_CHECKING:  # pandas and the statistics are loaded after play (see run_tournament)
    import pandas as pd

    from tournament.stats.results import Results

Progress = Callable[[float, int], None]
"""Called with (games done, games in all) as play advances: after each chunk, and every few
turns inside a chunk played in this process (then the games done count fractions of a chunk)."""
InteractionSink = Callable[["pd.DataFrame"], None]
"""Receives each chunk's interactions (same columns as the interactions table), unsorted."""

BYTES_PER_MATCH = 1400
"""Peak memory per match row while records and statistics are built (measured, rounded up)."""
BYTES_PER_PLAYER_TURN = 120
"""Memory per player and turn index of the longest match (the cooperation-by-turn figures)."""
PROGRESS_SECONDS = 0.25
"""How often progress is read from worker processes."""


class SizeError(SpecError):
    """A tournament too large for this machine's memory; the message says what to reduce."""


class ChunkStore(Protocol):
    """Where a run's finished chunks are kept until its results are written
    (:class:`tournament.io.storage.ChunkFiles`); keys name a chunk within its plan."""

    def load(self, key: str) -> ChunkRecords | None:
        """The chunk saved under ``key``, or None."""

    def save(self, key: str, chunk: ChunkRecords) -> None:
        """Keep ``chunk`` under ``key`` (all of it or nothing, even if the process is killed)."""

    def layout(self, cells: int) -> int:
        """The seat-turns per chunk: the value the run was started with (``cells`` for a new
        run), so that a resumed run cuts its plan into the same chunks."""


@dataclass
class TournamentResults:
    """The tables of a played tournament, the figures of its play, and how long it took."""

    spec: TournamentSpec
    matches: pd.DataFrame
    players: pd.DataFrame
    stats: Results
    interactions: pd.DataFrame | None = None
    cooperation_by_turn: pd.DataFrame | None = None
    timings: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def names(self) -> list[str]:
        """Player labels in input order."""
        return [p.label for p in self.spec.players]

    @property
    def ranked_names(self) -> list[str]:
        """Player labels from first to last."""
        return list(self.players["name"])


def check_size(spec: TournamentSpec, memory: int | None = None) -> None:
    """Raise :class:`SizeError`, before anything is allocated, when the records of ``spec`` would
    not fit in ``memory`` bytes (this machine's by default)."""
    n = len(spec.players)
    pairs = n * (n + 1) // 2 if spec.edges is None else len(spec.edges)
    matches = pairs * spec.repetitions
    check_memory(matches, n, longest_match(spec.settings, matches), spec.repetitions, memory)


def longest_match(settings: MatchSettings, matches: int) -> int:
    """The fixed length, or a length that the longest of ``matches`` random lengths exceeds
    with a chance of 1%."""
    if settings.turns is not None:
        return settings.turns
    if settings.prob_end >= 1:
        return 1
    return math.ceil(math.log(100 * max(matches, 1)) / -math.log1p(-settings.prob_end))


def check_memory(
    matches: int, players: int, longest: int, repetitions: int, memory: int | None = None
) -> None:
    """:class:`SizeError` unless ``matches`` match records and ``longest`` turns of
    per-turn figures for ``players`` fit in ``memory`` bytes."""
    memory = memory_bytes() if memory is None else memory
    by_match = matches * BYTES_PER_MATCH
    by_turn = longest * max(players, 1) * BYTES_PER_PLAYER_TURN
    if by_match + by_turn <= memory:
        return
    have = f"this machine has {_size(memory)}"
    if by_match >= by_turn:
        most = max(0, (memory - by_turn) // BYTES_PER_MATCH // max(matches // repetitions, 1))
        raise SizeError(
            f"{matches:,} matches ({players:,} players, {repetitions:,} repetitions) need about "
            f"{_size(by_match + by_turn)} of memory for their records and {have}: "
            + (f"use at most {most:,} repetitions or fewer players" if most else "use fewer players")
        )
    raise SizeError(
        f"matches of up to {longest:,} turns between {players:,} players need about "
        f"{_size(by_match + by_turn)} of memory for the cooperation by turn and {have}: "
        "use shorter matches (fewer turns, a larger prob_end) or fewer players"
    )


def _size(n_bytes: float) -> str:
    return f"{n_bytes / 2**30:,.1f} GB" if n_bytes >= 2**30 else f"{n_bytes / 2**20:,.0f} MB"


def play_plan(
    spec: TournamentSpec,
    plan: Plan,
    *,
    interactions: bool = False,
    workers: int = 1,
    max_cells: int | None = None,
    progress: Progress | None = None,
    sink: InteractionSink | None = None,
    backend: str = "loky",
    store: ChunkStore | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> tuple[MatchRecords, TurnTotals]:
    """Play every game of ``plan``; return its match records (plan row order) and each player's
    cooperation by turn.

    With ``interactions`` the move strings are kept in the records, or, when a ``sink`` is
    given, handed to it chunk by chunk so memory stays bounded. ``store`` keeps each finished
    chunk and gives back those of an earlier, interrupted run (see :class:`ChunkStore`).
    ``meanwhile`` is called once, while worker processes play (after play without them).
    """
    lengths = plan.game_length
    sized = batch_cells(int(2 * lengths.sum()), workers, float(lengths.mean()) if len(lengths) else 1.0)
    fast = compilable(plan.players) and compiled.worth_it(
        plan.turns_played + compiled.CALL_TURNS * planner.kernel_calls(plan, max_cells or sized)
    )
    if max_cells is None:
        max_cells = sized
        if fast:  # the compiled player is fastest on batches whose seats stay in the cache
            max_cells = min(max_cells, compiled.BATCH_CELLS)
    if store is not None:
        max_cells = store.layout(max_cells)
    records = MatchRecords.empty(plan, keep_moves=interactions and sink is None)
    n_turns = int(plan.game_length.max()) if len(plan.game_length) else 0
    by_turn = TurnTotals(n_turns, len(spec.players))
    tracker = _Tracker(progress, len(plan.game_length))
    tracker.under_way(0.0)  # the games to play are known now, before the first chunk (or numba) loads
    # Learners that carry knowledge across repetitions need the plan in stages (one unless
    # such a learner plays) and the moves of a stage to learn from before the next one.
    sessions = Sessions(plan, spec.settings.game) if carriers(plan.players) else None
    stages = sessions.stages() if sessions is not None else [(plan, np.arange(len(plan.row_game)))]
    keep_moves = interactions or sessions is not None

    def collect(chunk: ChunkRecords, games: int) -> None:
        records.fill(chunk)
        by_turn.add(chunk.profile)
        if interactions and sink is not None:
            rows = chunk.rows
            sink(
                interactions_table(
                    plan.row_rep[rows], plan.row_a[rows], plan.row_b[rows], chunk.moves_a, chunk.moves_b
                )
            )
        if sessions is not None:
            sessions.observe(chunk.rows, chunk.moves_a, chunk.moves_b)
        tracker.finished(games)

    with _Arena(spec, keep_moves, workers, backend, tracker, meanwhile) as arena:
        for number, (stage, plan_rows) in enumerate(stages):
            pending = []
            for index, (rows, batch) in enumerate(planner.batches(stage, max_cells)):
                task = _Task(f"{number}-{index}", plan_rows[rows], batch, fast)
                saved = store.load(task.key) if store is not None else None
                if saved is None:
                    pending.append(task)
                elif np.array_equal(saved.rows, task.rows):
                    collect(saved, task.games)
                else:
                    raise SpecError(f"the saved chunk {task.key} does not belong to this run")
            for task, chunk in arena.play(pending):
                if store is not None:
                    store.save(task.key, chunk)
                collect(chunk, task.games)
        arena.idle()
    return records, by_turn


@dataclass(frozen=True)
class _Task:
    """One chunk to play: its key, its rows in the whole plan, its engine batch and whether the
    compiled player may play it (:mod:`tournament.core.compiled`)."""

    key: str
    rows: np.ndarray
    batch: Batch
    compiled: bool = False

    @property
    def games(self) -> int:
        return len(self.batch.game_a)


def play_chunk(
    task: _Task, spec: TournamentSpec, keep_moves: bool, on_turn: Callable[[float], None] | None = None
) -> ChunkRecords:
    """Play one chunk; ``on_turn`` is told the share of the chunk played every few turns."""
    observers: tuple[type, ...] = (Transitions, CooperationByTurn)
    if on_turn is not None:
        observers += (_turn_reporter(on_turn),)
    outcome = Engine(
        task.batch, spec.settings, seed=spec.seed, keep_moves=keep_moves, observers=observers
    ).play(compiled=task.compiled)
    return ChunkRecords.from_outcome(task.rows, outcome)


def _play_in_worker(task: _Task, keep_moves: bool) -> ChunkRecords:
    """:func:`play_chunk` in a pool worker, with the spec and players of its context, telling
    the parent the games played as it goes."""
    spec, players = worker_context()
    task = dataclasses.replace(task, batch=dataclasses.replace(task.batch, players=players))
    try:
        return play_chunk(task, spec, keep_moves, lambda share: share_done(share * task.games))
    finally:
        share_done(0.0)


def _play_on_cluster(task: _Task, spec: TournamentSpec, keep_moves: bool) -> ChunkRecords:
    """:func:`play_chunk` on a dask worker, perhaps another machine: the compiled player plays
    there only if it is compiled on that machine (else every worker process would first compile
    it, ~20 s); the numpy engine gives the same records."""
    if task.compiled and not compiled.compiled_here():
        task = dataclasses.replace(task, compiled=False)
    return play_chunk(task, spec, keep_moves)


def _without_players(batch: Batch) -> Batch:
    """``batch`` to send to a worker, which has the players already."""
    return dataclasses.replace(batch, players=())


def _turn_reporter(on_turn: Callable[[float], None]) -> type:
    """An engine observer class telling ``on_turn`` the share of the batch's turns played."""

    class TurnReporter:
        def __init__(self, engine: Engine) -> None:
            self.turns = max(engine.n_turns, 1)
            self.every = max(1, self.turns // 50)

        def turn(self, t: int, moves: np.ndarray, opp_moves: np.ndarray) -> None:
            if (t + 1) % self.every == 0:
                on_turn((t + 1) / self.turns)

        def result(self) -> None:
            return None

    return TurnReporter


class _Tracker:
    """Adds up the games played for the progress callback (chunks done, plus the share played
    of the chunk under way in this process)."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress = progress
        self.total = total
        self.done = 0

    def finished(self, games: int) -> None:
        self.done += games
        if self.progress is not None:
            self.progress(self.done, self.total)

    def within(self, games: int) -> Callable[[float], None] | None:
        """The callback of a chunk of ``games`` played here: told the share played."""
        if self.progress is None:
            return None
        return lambda share: self.under_way(share * games)

    def under_way(self, games: float) -> None:
        """``games`` of the chunks under way are played."""
        if self.progress is not None:
            self.progress(self.done + games, self.total)


class _Arena:
    """Plays chunks here, in local worker processes, or on the active dask cluster; yields
    each (task, chunk) as it finishes. Worker processes stop with the block."""

    def __init__(
        self,
        spec: TournamentSpec,
        keep_moves: bool,
        workers: int,
        backend: str,
        tracker: _Tracker,
        meanwhile: Callable[[], object] | None = None,
    ) -> None:
        self.spec, self.keep_moves, self.tracker = spec, keep_moves, tracker
        self.workers, self.backend = workers, backend
        self.pool: LocalPool | None = None
        self.players: object = None
        self.meanwhile = meanwhile

    def idle(self) -> None:
        """Do this process's own work (``meanwhile``) if it has not been done yet."""
        if self.meanwhile is not None:
            meanwhile, self.meanwhile = self.meanwhile, None
            meanwhile()

    def __enter__(self) -> _Arena:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.stop()
            self.pool = None

    def play(self, tasks: list[_Task]) -> Iterable[tuple[_Task, ChunkRecords]]:
        if self.backend != "loky":
            return self._on_dask(tasks)
        if self.workers > 1 and len(tasks) > 1:
            if all(task.compiled for task in tasks):
                return self._in_threads(tasks)
            return self._in_workers(tasks)
        return (
            (task, play_chunk(task, self.spec, self.keep_moves, self.tracker.within(task.games)))
            for task in tasks
        )

    def _in_workers(self, tasks: list[_Task]) -> Iterator[tuple[_Task, ChunkRecords]]:
        """Play ``tasks`` in the pool; the spec and players go to the workers once, as their
        context (a new pool when the players change: a learner's next stage)."""
        from concurrent.futures import FIRST_COMPLETED, wait
        from concurrent.futures.process import BrokenProcessPool

        players = tasks[0].batch.players
        if self.pool is not None and self.players is not players:
            self.pool.stop()
            self.pool = None
        if self.pool is None:
            self.pool = local_pool(min(self.workers, len(tasks)), (self.spec, players))
            self.players = players
        pool = self.pool
        futures = {
            pool.executor.submit(
                _play_in_worker,
                dataclasses.replace(task, batch=_without_players(task.batch)),
                self.keep_moves,
            ): task
            for task in tasks
        }
        self.idle()
        try:
            while futures:
                done, _ = wait(futures, timeout=PROGRESS_SECONDS, return_when=FIRST_COMPLETED)
                for future in done:
                    yield futures.pop(future), future.result()
                self.tracker.under_way(pool.under_way)
        except BrokenProcessPool:
            raise WorkerDied(
                "a worker process died before finishing its chunk (out of memory, or killed); "
                "finished chunks are kept when the run has a results folder"
            ) from None

    def _in_threads(self, tasks: list[_Task]) -> Iterator[tuple[_Task, ChunkRecords]]:
        """Play ``tasks`` in threads of this process: the compiled player runs without the GIL,
        so threads use the cores without starting processes or sending them the players."""
        from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

        shares: dict[str, float] = {}

        def within(task: _Task) -> Callable[[float], None] | None:
            if self.tracker.progress is None:
                return None

            def told(share: float) -> None:
                shares[task.key] = share * task.games
                self.tracker.under_way(sum(shares.values()))

            return told

        pool = ThreadPoolExecutor(min(self.workers, len(tasks)))
        try:
            futures = {
                pool.submit(play_chunk, task, self.spec, self.keep_moves, within(task)): task
                for task in tasks
            }
            self.idle()
            while futures:
                done, _ = wait(futures, return_when=FIRST_COMPLETED)
                for future in done:
                    task = futures.pop(future)
                    shares.pop(task.key, None)
                    yield task, future.result()
        finally:  # stopped early (Ctrl-C, a failed chunk): the chunks not yet started never start
            pool.shutdown(wait=True, cancel_futures=True)

    def _on_dask(self, tasks: list[_Task]) -> Iterator[tuple[_Task, ChunkRecords]]:
        from joblib import Parallel, delayed, parallel_config

        with parallel_config(backend=self.backend):
            chunks = Parallel(n_jobs=self.workers, return_as="generator")(
                delayed(_play_on_cluster)(task, self.spec, self.keep_moves) for task in tasks
            )
            yield from zip(tasks, chunks)


def run_tournament(
    spec: TournamentSpec,
    *,
    interactions: bool = False,
    workers: int = 1,
    max_cells: int | None = None,
    progress: Progress | None = None,
    interactions_sink: InteractionSink | None = None,
    backend: str = "loky",
    store: ChunkStore | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> TournamentResults:
    """Play the round robin of ``spec`` (only the pairs of ``spec.edges`` when given) and
    return its tables.

    ``workers`` > 1 plays chunks in that many worker processes (threads of this process when
    the chunks go to the compiled player: :mod:`tournament.core.compiled`);
    ``backend="dask"`` sends them to the dask.distributed cluster of the active ``Client``
    instead (``workers`` is then its number of worker threads, used to size the chunks). ``max_cells`` caps the
    seat-turns of a chunk (by default chunks are sized by memory). Results are identical
    whatever ``workers``, ``backend``, ``max_cells`` and ``store`` are, because every random
    draw is keyed by what it decides, not by when it is made. ``interactions`` keeps every
    move in ``results.interactions``; with ``interactions_sink`` they go to the sink chunk
    by chunk instead (memory-bounded) and ``results.interactions`` stays None. ``store``
    keeps finished chunks so that an interrupted run resumes (:class:`ChunkStore`).
    ``meanwhile`` is this process's own work while worker processes play (the command line
    loads the statistics and the writers then); it is called once, after play without them.
    Raises :class:`SizeError` first when the tournament cannot fit in memory.
    """
    started = time.perf_counter()
    check_size(spec)
    plan = planner.round_robin(spec.players, spec.settings, spec.seed, spec.repetitions, spec.edges)
    names = [p.label for p in spec.players]
    longest = int(plan.row_length.max()) if len(plan.row_length) else 0
    check_memory(len(plan.row_game), len(names), longest, spec.repetitions)
    planned = time.perf_counter()
    records, by_turn = play_plan(
        spec,
        plan,
        interactions=interactions,
        workers=workers,
        max_cells=max_cells,
        progress=progress,
        sink=interactions_sink,
        backend=backend,
        store=store,
        meanwhile=meanwhile,
    )
    finished_play = time.perf_counter()
    from tournament.stats.players import players_table
    from tournament.stats.results import Results

    table = records.interactions_table() if interactions and interactions_sink is None else None
    matches = records.matches_table(names, spec.settings.game.payoff_vector())
    del records
    stats = Results(matches, names, spec.repetitions)
    players = players_table(stats)
    ended = time.perf_counter()
    return TournamentResults(
        spec=spec,
        matches=matches,
        players=players,
        stats=stats,
        interactions=table,
        cooperation_by_turn=by_turn.table(names),
        timings={
            "schedule_seconds": planned - started,
            "play_seconds": finished_play - planned,
            "records_seconds": ended - finished_play,
            "total_seconds": ended - started,
        },
        counts={
            "players": len(spec.players),
            "matches": len(plan.row_game),
            "games_played": len(plan.game_length),
            "turns_played": plan.turns_played,
            "match_turns": int(plan.row_length.sum()),
        },
    )
