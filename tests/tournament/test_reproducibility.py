"""Randomness is a pure function of what it decides: batching, workers, order and other
players never change a match."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tournament import TournamentSpec, play_match, run_tournament

PLAYERS = ["Random(p=0.3)", "Tit For Tat", "Random", "Grudger", "Alternator", "Defector"]
KEY = ["repetition", "name_a", "name_b"]


def _matches(spec: TournamentSpec, **kwargs) -> pd.DataFrame:
    return run_tournament(spec, **kwargs).matches


def _by_names(matches: pd.DataFrame) -> pd.DataFrame:
    """Matches keyed by names, each pair in a canonical order, for order-free comparison."""
    flip = matches["name_a"] > matches["name_b"]
    out = matches.copy()
    for x, y in (("name_a", "name_b"), ("score_a", "score_b"), ("coop_a", "coop_b"), ("cd", "dc")):
        out.loc[flip, [x, y]] = matches.loc[flip, [y, x]].to_numpy()
    return out.sort_values(KEY).reset_index(drop=True)[
        [*KEY, "score_a", "score_b", "coop_a", "coop_b", "cc", "cd", "dc", "dd"]
    ]


@pytest.fixture(scope="module")
def noisy_spec() -> TournamentSpec:
    return TournamentSpec.build(PLAYERS, turns=50, noise=0.05, repetitions=4, seed=2024)


def test_same_seed_same_tables(noisy_spec):
    first = run_tournament(noisy_spec)
    second = run_tournament(noisy_spec)
    pd.testing.assert_frame_equal(first.matches, second.matches)
    pd.testing.assert_frame_equal(first.players, second.players)


def test_different_seed_changes_stochastic_matches(noisy_spec):
    other = TournamentSpec.build(PLAYERS, turns=50, noise=0.05, repetitions=4, seed=2025)
    assert not _matches(noisy_spec).equals(_matches(other))


@settings(max_examples=8, deadline=None)
@given(max_cells=st.integers(min_value=1, max_value=5000))
def test_batch_size_does_not_change_results(max_cells):
    spec = TournamentSpec.build(PLAYERS, turns=30, noise=0.1, repetitions=3, seed=7)
    reference = _matches(spec)
    pd.testing.assert_frame_equal(_matches(spec, max_cells=max_cells), reference)


def test_worker_count_does_not_change_results(noisy_spec):
    serial = run_tournament(noisy_spec, interactions=True)
    parallel = run_tournament(noisy_spec, interactions=True, workers=2, max_cells=500)
    pd.testing.assert_frame_equal(serial.matches, parallel.matches)
    pd.testing.assert_frame_equal(serial.interactions, parallel.interactions)
    pd.testing.assert_frame_equal(serial.cooperation_by_turn, parallel.cooperation_by_turn)


def test_the_compiled_player_in_threads_gives_the_same_results(noisy_spec, monkeypatch, threaded):
    monkeypatch.setenv("IPD_COMPILED", "0")
    serial = run_tournament(noisy_spec, interactions=True)
    monkeypatch.setenv("IPD_COMPILED", "1")
    threads = run_tournament(noisy_spec, interactions=True, workers=2, max_cells=500)
    assert threaded and len(threaded[0]) > 2
    pd.testing.assert_frame_equal(serial.matches, threads.matches)
    pd.testing.assert_frame_equal(serial.interactions, threads.interactions)
    pd.testing.assert_frame_equal(serial.cooperation_by_turn, threads.cooperation_by_turn)
    pd.testing.assert_frame_equal(serial.players, threads.players)


def test_a_dask_cluster_gives_the_same_results(noisy_spec):
    distributed = pytest.importorskip("distributed")
    serial = run_tournament(noisy_spec, interactions=True)
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster,
        distributed.Client(cluster),
    ):
        remote = run_tournament(noisy_spec, interactions=True, workers=2, max_cells=500, backend="dask")
    pd.testing.assert_frame_equal(serial.matches, remote.matches)
    pd.testing.assert_frame_equal(serial.interactions, remote.interactions)
    pd.testing.assert_frame_equal(serial.cooperation_by_turn, remote.cooperation_by_turn)


def test_a_cluster_worker_without_the_compiled_player_plays_with_numpy(noisy_spec, monkeypatch):
    """A dask worker on a machine where the steps are not compiled plays its compiled chunks with
    the numpy engine (compiling them would stall it ~20 s), with the same records."""
    from tournament import round_robin
    from tournament.core import compiled, compiled_play
    from tournament.core import plan as planner

    plan = planner.round_robin(
        noisy_spec.players, noisy_spec.settings, noisy_spec.seed, noisy_spec.repetitions
    )
    rows, batch = next(iter(planner.batches(plan)))
    task = round_robin._Task("0-0", rows, batch, compiled=True)
    calls = []
    play_turns = compiled_play.play_turns
    monkeypatch.setattr(compiled_play, "play_turns", lambda *a: calls.append(1) or play_turns(*a))
    monkeypatch.delenv("IPD_COMPILED", raising=False)
    monkeypatch.setattr(compiled, "ready", lambda: False)
    fallback = round_robin._play_on_cluster(task, noisy_spec, True)
    assert not calls
    monkeypatch.setattr(compiled, "ready", lambda: True)
    played = round_robin._play_on_cluster(task, noisy_spec, True)
    assert calls
    for name, value in fallback.arrays().items():
        np.testing.assert_array_equal(value, played.arrays()[name], err_msg=name)


def test_player_order_does_not_change_matches(noisy_spec):
    shuffled = TournamentSpec.build(list(reversed(PLAYERS)), turns=50, noise=0.05, repetitions=4, seed=2024)
    pd.testing.assert_frame_equal(_by_names(_matches(noisy_spec)), _by_names(_matches(shuffled)))


def test_adding_a_strategy_leaves_other_matches_unchanged(noisy_spec):
    bigger = TournamentSpec.build(
        [*PLAYERS, "Random(p=0.9)", "Cooperator"], turns=50, noise=0.05, repetitions=4, seed=2024
    )
    before = _by_names(_matches(noisy_spec))
    after = _by_names(_matches(bigger))
    after = after[after.name_a.isin(PLAYERS) & after.name_b.isin(PLAYERS)].reset_index(drop=True)
    pd.testing.assert_frame_equal(before, after)


def test_play_match_reproduces_the_tournament_match():
    spec = TournamentSpec.build(["Random(p=0.3)", "Tit For Tat"], turns=40, noise=0.05, seed=99)
    results = run_tournament(spec, interactions=True)
    row = results.interactions.query("repetition == 0 and player_a == 0 and player_b == 1").iloc[0]
    match = play_match("Random(p=0.3)", "Tit For Tat", turns=40, noise=0.05, seed=99)
    assert (match.moves_a, match.moves_b) == (row.moves_a, row.moves_b)


def test_self_play_uses_independent_streams_for_both_seats():
    match = play_match("Random", "Random", turns=500, seed=1)
    assert match.moves_a != match.moves_b


def test_repetitions_are_independent():
    spec = TournamentSpec.build(["Random", "Cooperator"], turns=100, repetitions=3, seed=5)
    it = run_tournament(spec, interactions=True).interactions
    sequences = it.query("player_a == 0 and player_b == 1").moves_a.tolist()
    assert len(set(sequences)) == 3


def test_compiled_chunks_of_random_lengths_play_in_threads(monkeypatch, threaded):
    """The compiled player snapshots each match at its end itself, so chunks of random lengths
    never stop in Python for it and play in threads like any other; the tables are the same
    as the numpy engine's, moves included."""
    spec = TournamentSpec.build(PLAYERS, prob_end=0.002, repetitions=30, seed=9)
    monkeypatch.setenv("IPD_COMPILED", "0")
    serial = run_tournament(spec, interactions=True)
    monkeypatch.setenv("IPD_COMPILED", "1")
    parallel = run_tournament(spec, interactions=True, workers=2, max_cells=10**6)
    assert threaded and all(task.compiled for task in threaded[0])
    pd.testing.assert_frame_equal(serial.matches, parallel.matches)
    pd.testing.assert_frame_equal(serial.interactions, parallel.interactions)
    pd.testing.assert_frame_equal(serial.cooperation_by_turn, parallel.cooperation_by_turn)


def test_progress_keeps_the_compiled_player(monkeypatch):
    """A chunk that reports its progress turn by turn is still played by the compiled player
    (the progress observer needs no row's end), with the same tables."""
    from tournament.core import compiled_play

    spec = TournamentSpec.build(PLAYERS, prob_end=0.01, repetitions=4, seed=3)
    monkeypatch.setenv("IPD_COMPILED", "0")
    numpy_played = run_tournament(spec)
    monkeypatch.setenv("IPD_COMPILED", "1")
    calls = []
    play_turns = compiled_play.play_turns
    monkeypatch.setattr(compiled_play, "play_turns", lambda *a: calls.append(a[1:3]) or play_turns(*a))
    told = []
    compiled = run_tournament(spec, progress=lambda done, total: told.append((done, total)))
    total = told[-1][1]
    assert calls and told[-1][0] == total
    assert any(0 < done < total and done % 1 for done, _ in told)  # shares of a chunk under way
    pd.testing.assert_frame_equal(numpy_played.matches, compiled.matches)
    pd.testing.assert_frame_equal(numpy_played.cooperation_by_turn, compiled.cooperation_by_turn)
