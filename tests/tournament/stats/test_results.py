"""The shared figures of play against hand-derived values."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from tournament import TournamentSpec, run_tournament
from tournament.stats.results import Results

FOUR = ["Cooperator", "Defector", "Tit For Tat", "Grudger"]


@pytest.fixture(scope="module")
def four() -> Results:
    """Cooperator, Defector, Tit For Tat, Grudger; 10 turns, 2 repetitions."""
    return run_tournament(TournamentSpec.build(FOUR, turns=10, repetitions=2)).stats


def test_scores_and_ranking_by_hand(four):
    # Payoff per turn against each opponent: Cooperator 0, 3, 3; Defector 5, 1.4, 1.4;
    # Tit For Tat and Grudger 3, 0.9, 3 (self-play left out).
    expected = [2.0, 2.6, 2.3, 2.3]
    for figure in (four.normalised_scores, four.table_normalised_scores):
        assert figure == pytest.approx(np.array([expected, expected]).T)
    assert four.median_scores == pytest.approx(expected)
    assert four.mean_scores == pytest.approx(expected)
    assert four.scores[:, 0].tolist() == [60.0, 78.0, 69.0, 69.0]
    # Tit For Tat and Grudger tie: input order.
    assert four.ranking == [1, 2, 3, 0]
    assert four.ranked_names == ["Defector", "Tit For Tat", "Grudger", "Cooperator"]
    # Defector beats everyone; the others draw or lose.
    assert four.wins.tolist() == [[0, 0], [3, 3], [0, 0], [0, 0]]


def test_pairs_by_hand(four):
    assert four.pair_turns.tolist() == [[0, 20, 20, 20], [20, 0, 20, 20], [20, 20, 0, 20], [20, 20, 20, 0]]
    # Tit For Tat cooperates on the first turn only against Defector.
    assert four.pair_cooperations[2].tolist() == [20, 2, 0, 20]
    assert four.pair_states[2, 1].tolist() == [0, 2, 0, 18]
    assert four.pair_states[1, 2].tolist() == [0, 0, 2, 18]
    # Against Defector, Tit For Tat defects after CD (once a match) and after DD.
    assert four.pair_transitions[2, 1].tolist() == [[0, 0], [0, 2], [0, 0], [0, 16]]


def test_players_by_hand(four):
    assert four.interactions_count.tolist() == [6, 6, 6, 6]
    assert four.initial_cooperation_count.tolist() == [6, 0, 6, 6]
    assert four.initial_cooperation_rate.tolist() == [1.0, 0.0, 1.0, 1.0]
    assert four.turns.tolist() == [60, 60, 60, 60]
    assert four.cooperation_rate == pytest.approx([1.0, 0.0, 42 / 60, 42 / 60])
    assert four.state_counts[2].tolist() == [40, 2, 0, 18]
    assert four.payoff_per_turn == pytest.approx([2.0, 2.6, 2.3, 2.3])
    # Shares per opponent: Cooperator (1, 0, 0, 0), Defector (0, .1, 0, .9), Grudger (1, 0, 0, 0).
    assert four.state_rates[2] == pytest.approx([2 / 3, 0.1 / 3, 0.0, 0.9 / 3])


def test_four_vectors_are_nan_for_unvisited_states(four):
    tit_for_tat, defector = four.four_vectors[2], four.four_vectors[1]
    assert tit_for_tat[[0, 1, 3]].tolist() == [1.0, 0.0, 0.0] and np.isnan(tit_for_tat[2])
    assert np.isnan(defector[:2]).all() and defector[2:].tolist() == [0.0, 0.0]


def test_self_play_is_left_out_of_the_transitions():
    spec = TournamentSpec.build(["Tit For Tat", "Defector"], turns=10)
    results = run_tournament(spec)
    counts = results.stats.transition_counts
    # TFT against Defector: after turn 1 the state is CD (-> D), then DD (-> D) eight times.
    # Its self-play (CC throughout) must not appear.
    assert counts[0].tolist() == [[0, 0], [0, 1], [0, 0], [0, 8]]
    assert counts[1].tolist() == [[0, 0], [0, 0], [0, 1], [0, 8]]
    vectors = results.stats.four_vectors
    assert np.isnan(vectors[0, [0, 2]]).all() and vectors[0, [1, 3]].tolist() == [0.0, 0.0]


def test_a_lone_player_has_no_score():
    results = run_tournament(TournamentSpec.build(["Tit For Tat"], turns=5, repetitions=2))
    stats = results.stats
    assert stats.normalised_scores.tolist() == [[0.0, 0.0]]
    assert np.isnan(stats.table_normalised_scores).all() and np.isnan(stats.median_scores).all()
    assert stats.ranking == [0] and stats.wins.tolist() == [[0, 0]]
    assert np.isnan(stats.cooperation_rate).all() and stats.turns.tolist() == [0]


def test_repetitions_default_to_the_table(four):
    again = Results(four.matches, four.names)
    assert again.repetitions == 2
    assert np.array_equal(again.table_normalised_scores, four.table_normalised_scores)


@pytest.mark.parametrize("columns", [0, 1, 4, 5, 600, 601])
def test_row_medians_and_means_are_each_rows_own(columns):
    """All rows reduced in one call give, to the last bit, what each row gives alone."""
    from tournament.stats.results import _per_row

    rng = np.random.default_rng(columns)
    table = rng.normal(size=(9, columns)) * 10.0 ** rng.integers(-3, 4, size=(9, columns))
    if columns:
        table[1, ::2] = np.nan
        table[2] = np.nan
        table[3, 0] = np.inf
    for reduce in (np.nanmedian, np.nanmean):
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            alone = [reduce(row) if np.isfinite(row).any() else np.nan for row in table]
        assert np.array_equal(_per_row(reduce, table), np.array(alone), equal_nan=True)


def test_the_round_robins_layout_gives_the_keyed_sums_to_the_bit(noisy_lengths):
    """A round robin's figures read from its layout (rows found, not sorted or keyed) against
    the same figures grouped by keys, row by row: the same bits; a table that is not a
    repeated layout is grouped by keys."""
    from tournament.stats.grouping import counts, sums, table_means, table_sums

    matches, names = noisy_lengths.matches, noisy_lengths.names
    for table, regular in ((matches, True), (matches.iloc[:-1].reset_index(drop=True), False)):
        results = Results(table, names, 6)
        assert (results._rows_in_step is not None) == regular
        sides, keep = results.sides, results.sides.others
        keys = results._player_repetition_keys
        by_keys = table_means(keys, sides.per_turn[keep], 5 * 6).reshape(5, 6)
        assert results.table_normalised_scores.tobytes() == by_keys.tobytes()
        summed = sums(keys, sides.per_turn[keep], 5 * 6).reshape(5, 6)
        assert results.per_player_repetition(sides.per_turn).tobytes() == summed.tobytes()
        assert np.array_equal(results._matches_played, counts(keys, 5 * 6).reshape(5, 6))
        pair_keys = sides.player[keep] * 5 + sides.opponent[keep]
        assert np.array_equal(results.pair_turns, sums(pair_keys, sides.turns[keep], 25).reshape(5, 5))
        players = sides.player[keep]
        assert np.array_equal(results.interactions_count, counts(players, 5))
        assert np.array_equal(results.initial_cooperation_count, counts(players[sides.first_c[keep]], 5))
        total, _ = table_sums(players, sides.score[keep], 5)
        assert results.payoff_per_turn.tobytes() == (total / results.turns).tobytes()
