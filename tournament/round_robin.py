"""Run a round-robin tournament: plan, play the batches (optionally in parallel), build tables."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from tournament.core import plan as planner
from tournament.core import record as records
from tournament.core.engine import Batch, BatchOutcome, Engine
from tournament.core.observers import CooperationByTurn, Transitions
from tournament.core.plan import DEFAULT_BATCH_CELLS, Plan
from tournament.spec import TournamentSpec
from tournament.stats.players import players_table
from tournament.stats.results import Results

FILLED = ("counts", "first_a", "first_b", "first_defection_a", "first_defection_b")
"""Per-row fields of a batch's outcome copied into the tournament's arrays."""

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
    schedule: Plan,
    *,
    interactions: bool = False,
    workers: int = 1,
    max_cells: int = DEFAULT_BATCH_CELLS,
    progress: Progress | None = None,
    sink: InteractionSink | None = None,
    backend: str = "loky",
) -> dict[str, Any]:
    """Play every game of ``schedule``; return per-row arrays in plan row order.

    ``failures`` maps ``failure_a``/``failure_b``/``forfeit_a``/``forfeit_b`` to per-row arrays
    when a sandboxed strategy failed somewhere (else it is empty).

    With ``interactions`` the move strings are kept (``moves_a``/``moves_b``), or, when a
    ``sink`` is given, handed to it batch by batch so memory stays bounded.
    """
    total_cells = int(2 * schedule.game_length.sum())
    if workers > 1:
        max_cells = min(max_cells, max(1, math.ceil(total_cells / (4 * workers))))
    parts = list(planner.batches(schedule, max_cells))
    n_rows = len(schedule.row_game)
    out: dict[str, Any] = {
        "counts": np.zeros((n_rows, 4), dtype=np.int64),
        "first_a": np.zeros(n_rows, dtype=np.uint8),
        "first_b": np.zeros(n_rows, dtype=np.uint8),
        "first_defection_a": np.zeros(n_rows, dtype=np.int64),
        "first_defection_b": np.zeros(n_rows, dtype=np.int64),
        "transitions_a": np.zeros((n_rows, 8), dtype=np.int64),
        "transitions_b": np.zeros((n_rows, 8), dtype=np.int64),
    }
    n_turns = int(schedule.game_length.max()) if n_rows else 0
    out["profile_cooperations"] = np.zeros((n_turns, len(spec.players)), dtype=np.int64)
    out["profile_moves"] = np.zeros((n_turns, len(spec.players)), dtype=np.int64)
    failures: dict[str, np.ndarray] = {}
    moves_a: list[str] = [""] * n_rows
    moves_b: list[str] = [""] * n_rows
    total_games = len(schedule.game_length)
    done_games = 0

    def collect(rows: np.ndarray, batch: Batch, outcome: BatchOutcome) -> None:
        nonlocal done_games
        for key in FILLED:
            out[key][rows] = getattr(outcome, key)
        transitions = outcome.observed[Transitions]
        out["transitions_a"][rows] = transitions.a
        out["transitions_b"][rows] = transitions.b
        for key, values in (outcome.failures or {}).items():
            empty = np.full(n_rows, "", dtype=object) if key.startswith("failure") else np.zeros(n_rows, bool)
            failures.setdefault(key, empty)[rows] = values
        if interactions and sink is not None:
            sink(
                records.interactions_table(
                    schedule.row_rep[rows],
                    schedule.row_a[rows],
                    schedule.row_b[rows],
                    outcome.moves_a,
                    outcome.moves_b,
                )
            )
        elif interactions:
            for i, row in enumerate(rows.tolist()):
                moves_a[row] = outcome.moves_a[i]
                moves_b[row] = outcome.moves_b[i]
        profile = outcome.observed[CooperationByTurn]
        turns = profile.cooperations.shape[0]
        out["profile_cooperations"][:turns, profile.players] += profile.cooperations
        out["profile_moves"][:turns, profile.players] += profile.moves
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
    if interactions and sink is None:
        out["moves_a"], out["moves_b"] = moves_a, moves_b
    out["failures"] = failures
    return out


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
    schedule = planner.round_robin(spec.players, spec.settings, spec.seed, spec.repetitions)
    scheduled = time.perf_counter()
    played = play_plan(
        spec,
        schedule,
        interactions=interactions,
        workers=workers,
        max_cells=max_cells,
        progress=progress,
        sink=interactions_sink,
        backend=backend,
    )
    finished_play = time.perf_counter()
    names = [p.label for p in spec.players]
    matches = records.matches_table(
        names,
        schedule.row_rep,
        schedule.row_a,
        schedule.row_b,
        schedule.row_length,
        played["counts"],
        played["first_a"],
        played["first_b"],
        played["transitions_a"],
        played["transitions_b"],
        spec.settings.game.payoff_vector(),
        played["failures"],
        first_defections=(played["first_defection_a"], played["first_defection_b"]),
    )
    stats = Results(matches, names, spec.repetitions)
    players = players_table(stats)
    table = None
    if interactions and interactions_sink is None:
        table = records.interactions_table(
            schedule.row_rep, schedule.row_a, schedule.row_b, played["moves_a"], played["moves_b"]
        )
    by_turn = records.cooperation_by_turn_table(
        names, played["profile_cooperations"], played["profile_moves"]
    )
    ended = time.perf_counter()
    return TournamentResults(
        spec=spec,
        matches=matches,
        players=players,
        stats=stats,
        interactions=table,
        cooperation_by_turn=by_turn,
        timings={
            "schedule_seconds": scheduled - started,
            "play_seconds": finished_play - scheduled,
            "records_seconds": ended - finished_play,
            "total_seconds": ended - started,
        },
        counts={
            "players": len(spec.players),
            "matches": len(schedule.row_game),
            "games_played": len(schedule.game_length),
            "turns_played": int(schedule.game_length.sum()),
            "match_turns": int(schedule.row_length.sum()),
        },
    )
