"""Learners that carry knowledge across repetitions: each repetition starts from the mean of
what the learner knew at the end of its matches of the one before, whatever the batching and
the workers; players that do not carry are played exactly as before."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from strategies.registry import create
from tournament import TournamentSpec, run_tournament
from tournament.core import plan as planner
from tournament.core.engine import Engine
from tournament.learning.carry import Sessions, carriers


def moves(text: str) -> np.ndarray:
    return (np.frombuffer(text.encode(), np.uint8) == ord("D")).astype(np.uint8)


def test_the_second_repetition_starts_from_the_mean_of_the_first():
    """Replay by hand: the knowledge after repetition 0 is the mean over the learner's three
    matches (both seats of its self-play, then Tit For Tat) in plan order; repetition 1's match
    against Tit For Tat, played alone from that knowledge, has the tournament's moves."""
    spec = TournamentSpec.build(["Q Learner(carry=True)", "Tit For Tat"], turns=80, repetitions=2, seed=6)
    table = run_tournament(spec, interactions=True).interactions
    learner = spec.players[0]
    first = table[table.repetition == 0].sort_values(["player_a", "player_b"])
    own, other = [], []
    for row in first.itertuples():
        if row.player_a == 0:
            own.append(moves(row.moves_a))
            other.append(moves(row.moves_b))
        if row.player_b == 0:
            own.append(moves(row.moves_b))
            other.append(moves(row.moves_a))
    assert len(own) == 3
    knowing = learner.knowing(learner.learned(own, other, spec.settings.game))
    players = (knowing, spec.players[1])
    plan = planner.matches(players, np.array([0]), np.array([1]), np.array([1]), spec.settings, spec.seed)
    ((_, batch),) = planner.batches(plan)
    replayed = Engine(batch, spec.settings, seed=spec.seed, keep_moves=True).play()
    second = table[(table.repetition == 1) & (table.player_a == 0) & (table.player_b == 1)].iloc[0]
    assert replayed.moves_a[0] == second.moves_a and replayed.moves_b[0] == second.moves_b
    # without carrying, repetition 1 starts afresh and plays differently here
    fresh = TournamentSpec.build(["Q Learner", "Tit For Tat"], turns=80, repetitions=2, seed=6)
    fresh_table = run_tournament(fresh, interactions=True).interactions
    fresh_second = fresh_table[
        (fresh_table.repetition == 1) & (fresh_table.player_a == 0) & (fresh_table.player_b == 1)
    ]
    assert fresh_second.iloc[0].moves_a != second.moves_a


def test_stages_play_everything_once_and_classics_in_the_first_stage():
    players = tuple(create(p) for p in ["Q Learner(carry=True)", "Tit For Tat", "Defector", "Random"])
    settings = TournamentSpec.build(["Tit For Tat"], turns=10).settings
    plan = planner.round_robin(players, settings, seed=1, repetitions=3)
    sessions = Sessions(plan, settings.game)
    assert carriers(players) == [0]
    seen = []
    for stage, rows in sessions.stages():
        seen.append(rows)
        sessions.observe(rows, ["C" * 10] * len(rows), ["D" * 10] * len(rows))
        assert np.array_equal(stage.row_a, plan.row_a[rows]) and np.array_equal(
            stage.row_rep, plan.row_rep[rows]
        )
    assert len(seen) == 3
    assert sorted(np.concatenate(seen).tolist()) == list(range(len(plan.row_game)))
    later = np.concatenate(seen[1:])
    assert (plan.row_a[later] == 0).all()  # only the learner's matches wait for the next stage


@pytest.mark.parametrize("workers", [1, 2])
def test_results_do_not_depend_on_batching_or_workers(workers):
    players = [
        "Q Learner(carry=True)",
        "LOLA Learner(carry=True, every=5)",
        "Q Learner",
        "Tit For Tat",
        "Random",
        "Grudger",
    ]
    spec = TournamentSpec.build(players, turns=50, repetitions=3, seed=11, noise=0.01)
    reference = run_tournament(spec)
    other = run_tournament(spec, workers=workers, max_cells=800)
    pd.testing.assert_frame_equal(reference.matches, other.matches)
    pd.testing.assert_frame_equal(reference.players, other.players)
