"""The planner's batches: every row once, sizes by memory, the same mix of games in each."""

from __future__ import annotations

import numpy as np

from strategies.registry import create_all
from tournament.core import plan as planner
from tournament.settings import MatchSettings


def _plan(prob_end: float | None = None):
    players = create_all(["Tit For Tat", "Random", "Grudger", "Random(p=0.2)", "Defector"])
    return planner.round_robin(players, MatchSettings(turns=50, prob_end=prob_end), seed=3, repetitions=4)


def _game_lengths(batch) -> np.ndarray:
    lengths = np.zeros(len(batch.game_a), dtype=np.int64)
    np.maximum.at(lengths, batch.row_game, batch.row_length)
    return lengths


def test_every_row_is_in_exactly_one_batch_and_reads_its_own_game():
    plan = _plan(prob_end=0.1)
    seen = np.zeros(len(plan.row_game), dtype=np.int64)
    for rows, batch in planner.batches(plan, 400):
        seen[rows] += 1
        assert np.array_equal(batch.row_length, plan.row_length[rows])
        assert np.array_equal(batch.game_a[batch.row_game], plan.row_a[rows])
        assert np.array_equal(batch.game_b[batch.row_game], plan.row_b[rows])
    assert (seen == 1).all()


def test_batches_keep_to_one_length_band_and_differ_by_at_most_one_game():
    plan = _plan(prob_end=0.05)
    by_band: dict[int, list[int]] = {}
    for _, batch in planner.batches(plan, 2_000):
        lengths = _game_lengths(batch)
        bands = np.unique(np.floor(np.log2(lengths)))
        assert bands.size == 1
        by_band.setdefault(int(bands[0]), []).append(int(2 * lengths.sum()))
        assert 2 * lengths.sum() <= 2_000 + 2 * lengths.max()  # about max_cells: one game more at most
    for sizes in by_band.values():
        longest = 2 * plan.game_length.max()
        assert max(sizes) - min(sizes) <= longest


def test_the_games_of_two_batches_are_dealt_in_turn():
    """Deterministic pairs share one game over the repetitions and random ones play one per
    repetition: dealt in turn, both batches get random games, not one batch all of them."""
    plan = _plan()
    total = 2 * int(plan.game_length.sum())
    halves = list(planner.batches(plan, (total + 1) // 2))
    assert len(halves) == 2
    sizes = [len(batch.game_a) for _, batch in halves]
    assert abs(sizes[0] - sizes[1]) <= 1
    random_games = [int((batch.game_rep > 0).sum()) for _, batch in halves]
    assert min(random_games) > 0 and abs(random_games[0] - random_games[1]) <= 1


def test_kernel_calls_of_fixed_lengths_are_turns_times_players():
    """One batch of 50-turn games between 5 players: 50 turns of 5 kernel calls each."""
    assert planner.kernel_calls(_plan(), 10**9) == 50 * 5


def test_kernel_calls_bound_what_the_batches_of_random_lengths_call():
    """Under prob_end each length band gets batches of its own: the estimate is at least the
    batches' turns times their players (at most, as a family plays as one kernel), and close."""
    plan = _plan(prob_end=0.05)
    played = 0
    for _, batch in planner.batches(plan, 400):
        played += (
            int(_game_lengths(batch).max()) * np.unique(np.concatenate((batch.game_a, batch.game_b))).size
        )
    estimate = planner.kernel_calls(plan, 400)
    assert played <= estimate <= 2 * played
