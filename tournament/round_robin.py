"""Run a round-robin tournament: plan, play the batches (optionally in parallel), build tables."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from tournament.core import plan as planner
from tournament.core.engine import Batch, BatchOutcome, Engine
from tournament.core.observers import CooperationByTurn, Transitions
from tournament.core.plan import DEFAULT_BATCH_CELLS, Plan
from tournament.core.record import MatchRecords, TurnTotals, interactions_table
from tournament.spec import TournamentSpec
from tournament.stats.players import players_table
from tournament.stats.results import Results

Progress = Callable[[int, int], None]
"""Called with (games done, games in all) after each batch."""
InteractionSink = Callable[[pd.DataFrame], None]
"""Receives each batch's interactions (same columns as the interactions table), unsorted."""


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


def _play_batch(batch: Batch, spec: TournamentSpec, keep_moves: bool) -> BatchOutcome:
    observers = (Transitions, CooperationByTurn)
    return Engine(batch, spec.settings, seed=spec.seed, keep_moves=keep_moves, observers=observers).play()


def play_plan(
    spec: TournamentSpec,
    plan: Plan,
    *,
    interactions: bool = False,
    workers: int = 1,
    max_cells: int = DEFAULT_BATCH_CELLS,
    progress: Progress | None = None,
    sink: InteractionSink | None = None,
    backend: str = "loky",
) -> tuple[MatchRecords, TurnTotals]:
    """Play every game of ``plan``; return its match records (plan row order) and each player's
    cooperation by turn.

    With ``interactions`` the move strings are kept in the records, or, when a ``sink`` is
    given, handed to it batch by batch so memory stays bounded.
    """
    total_cells = int(2 * plan.game_length.sum())
    if workers > 1:
        max_cells = min(max_cells, max(1, math.ceil(total_cells / (4 * workers))))
    parts = list(planner.batches(plan, max_cells))
    records = MatchRecords.empty(plan, keep_moves=interactions and sink is None)
    n_turns = int(plan.game_length.max()) if len(plan.game_length) else 0
    by_turn = TurnTotals(n_turns, len(spec.players))
    total_games = len(plan.game_length)
    done_games = 0

    def collect(rows: np.ndarray, batch: Batch, outcome: BatchOutcome) -> None:
        nonlocal done_games
        records.fill(rows, outcome)
        by_turn.add(outcome.observed[CooperationByTurn])
        if interactions and sink is not None:
            sink(
                interactions_table(
                    plan.row_rep[rows], plan.row_a[rows], plan.row_b[rows], outcome.moves_a, outcome.moves_b
                )
            )
        done_games += len(batch.game_a)
        if progress is not None:
            progress(done_games, total_games)

    if (workers > 1 or backend != "loky") and len(parts) > 1:
        from joblib import Parallel, delayed, parallel_config

        with parallel_config(backend=backend):
            results = Parallel(n_jobs=workers, return_as="generator")(
                delayed(_play_batch)(batch, spec, interactions) for _, batch in parts
            )
            for (rows, batch), outcome in zip(parts, results):
                collect(rows, batch, outcome)
    else:
        for rows, batch in parts:
            collect(rows, batch, _play_batch(batch, spec, interactions))
    return records, by_turn


def run_tournament(
    spec: TournamentSpec,
    *,
    interactions: bool = False,
    workers: int = 1,
    max_cells: int = DEFAULT_BATCH_CELLS,
    progress: Progress | None = None,
    interactions_sink: InteractionSink | None = None,
    backend: str = "loky",
) -> TournamentResults:
    """Play the round robin of ``spec`` and return its tables.

    ``workers`` > 1 plays batches in parallel processes (joblib); ``backend="dask"`` sends
    them to the dask.distributed cluster of the active ``Client`` instead (``workers`` is
    then its number of worker threads, used to size the batches). Results are identical
    whatever ``workers``, ``backend`` and ``max_cells`` are, because every random draw is
    keyed by what it decides, not by when it is made. ``interactions`` keeps every move in
    ``results.interactions``; with ``interactions_sink`` they go to the sink batch by batch
    instead (memory-bounded) and ``results.interactions`` stays None.
    """
    started = time.perf_counter()
    plan = planner.round_robin(spec.players, spec.settings, spec.seed, spec.repetitions)
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
    )
    finished_play = time.perf_counter()
    names = [p.label for p in spec.players]
    matches = records.matches_table(names, spec.settings.game.payoff_vector())
    stats = Results(matches, names, spec.repetitions)
    players = players_table(stats)
    table = records.interactions_table() if interactions and interactions_sink is None else None
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
