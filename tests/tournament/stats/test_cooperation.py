"""Cooperation statistics against hand-derived values, and the feasible-region property."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tournament import TournamentSpec, run_tournament
from tournament.settings import Game
from tournament.stats.cooperation import (
    analyse,
    by_turn,
    cooperation_index,
    cooperation_matrix,
    default_window,
    end_game,
)

STANDARD = Game()


@pytest.fixture(scope="module")
def three():
    """Cooperator, Defector, Tit For Tat; 10 turns, 2 repetitions."""
    spec = TournamentSpec.build(["Cooperator", "Defector", "Tit For Tat"], turns=10, repetitions=2)
    results = run_tournament(spec)
    return results, analyse(
        results.matches, results.names, STANDARD, cooperation_by_turn=results.cooperation_by_turn, turns=10
    )


def test_tournament_rates_by_hand(three):
    _, stats = three
    overall = stats.overall()
    # Moves: 3 pairs x 2 players x 10 turns per repetition. Cooperations: Cooperator 20,
    # Defector 0, TFT 10 (vs Cooperator) + 1 (first move vs Defector) = 31 of 60.
    assert overall["cooperation_rate"] == pytest.approx(31 / 60)
    # Turns: CC 10 (Cooperator-TFT); DD 9 (Defector-TFT); CD/DC 10 + 1.
    assert overall["mutual_cooperation_rate"] == pytest.approx(10 / 30)
    assert overall["mutual_defection_rate"] == pytest.approx(9 / 30)
    assert overall["asymmetric_rate"] == pytest.approx(11 / 30)


def test_players_by_hand(three):
    _, stats = three
    players = stats.players.set_index("name")
    # Per-turn payoffs: Cooperator (0 x 10 + 3 x 10) / 20 = 1.5; Defector (50 + 14) / 20 = 3.2;
    # TFT (30 + 9) / 20 = 1.95. Index (u - 1) / 2.
    assert players.loc["Cooperator", "payoff_per_turn"] == pytest.approx(1.5)
    assert players.loc["Defector", "cooperation_index"] == pytest.approx(1.1)
    assert players.loc["Tit For Tat", "cooperation_index"] == pytest.approx(0.475)
    assert players.loc["Tit For Tat", "cooperation_rate"] == pytest.approx(11 / 20)
    assert stats.overall()["mean_cooperation_index"] == pytest.approx((0.25 + 1.1 + 0.475) / 3)


def test_pairs_by_hand(three):
    _, stats = three
    pairs = stats.pairs.set_index(["name_a", "name_b"])
    coop_def = pairs.loc[("Cooperator", "Defector")]
    assert (coop_def["payoff_a"], coop_def["payoff_b"]) == (0.0, 5.0)
    assert not coop_def["individually_rational"]
    coop_tft = pairs.loc[("Cooperator", "Tit For Tat")]
    assert coop_tft["cooperative"] and coop_tft["strictly_individually_rational"]
    assert coop_tft["cooperation_index_a"] == pytest.approx(1.0)
    def_tft = pairs.loc[("Defector", "Tit For Tat")]
    assert (def_tft["payoff_a"], def_tft["payoff_b"]) == (pytest.approx(1.4), pytest.approx(0.9))
    assert not def_tft["individually_rational"]
    overall = stats.overall()
    assert overall["individually_rational_pair_share"] == pytest.approx(1 / 3)
    assert overall["strictly_individually_rational_pair_share"] == pytest.approx(1 / 3)
    assert overall["cooperative_pair_share"] == pytest.approx(1 / 3)
    assert overall["pairs_in_feasible_region"] and stats.pairs["feasible"].all()


def test_individually_rational_at_exactly_minmax_is_not_strict():
    spec = TournamentSpec.build(["Defector", "Defector"], turns=5)
    results = run_tournament(spec)
    pair = analyse(results.matches, results.names, STANDARD).pairs.iloc[0]
    assert pair["individually_rational"] and not pair["strictly_individually_rational"]
    assert not pair["cooperative"]


def test_cooperation_matrix(three):
    results, _ = three
    matrix = cooperation_matrix(results.stats)
    assert np.isnan(np.diag(matrix)).all()
    assert matrix[0, 1] == 1.0 and matrix[1, 0] == 0.0
    assert matrix[2, 1] == pytest.approx(0.1)


def test_by_turn_profile(three):
    results, stats = three
    profile = by_turn(results.cooperation_by_turn)
    # Turn 1: Cooperator 2 C of 2, Defector 0 of 2, TFT 2 of 2 (per repetition) -> 4 / 6.
    assert profile.loc[profile["turn"] == 1, "cooperation_rate"].item() == pytest.approx(4 / 6)
    # Later turns: TFT defects against Defector -> 3 / 6.
    assert profile.loc[profile["turn"] == 5, "cooperation_rate"].item() == pytest.approx(3 / 6)
    assert stats.end_game.drop == pytest.approx(0.0)


def test_end_game_drop_of_a_backstabber():
    """BackStabber defects on the last two turns of a known length: the drop shows it."""
    spec = TournamentSpec.build(["BackStabber", "Cooperator"], turns=20)
    results = run_tournament(spec)
    stats = analyse(
        results.matches, results.names, STANDARD, cooperation_by_turn=results.cooperation_by_turn, turns=20
    )
    assert stats.end_game.window == default_window(20) == 2
    assert stats.end_game.rate_before == 1.0
    assert stats.end_game.rate_last == 0.5
    assert stats.overall()["end_game_drop"] == pytest.approx(0.5)


def test_end_game_only_for_a_fixed_length():
    profile = pd.DataFrame({"turn": [1, 2, 3, 4], "moves": [4, 4, 2, 1], "cooperation_rate": [1, 1, 0.5, 0]})
    assert end_game(profile, None) is None
    assert end_game(profile, 1) is None
    assert end_game(profile, 4, window=2).drop == pytest.approx(1 - (1 + 0) / 3)
    assert default_window(200) == 10 and default_window(35) == 3 and default_window(5) == 1


def test_cooperation_index_scale():
    assert cooperation_index(np.array([1.0, 3.0, 5.0, 0.0]), STANDARD).tolist() == [0.0, 1.0, 2.0, -0.5]
    assert np.isnan(cooperation_index(2.0, Game(1, 0, 2, 1)))


PLAYERS = [
    "Cooperator",
    "Defector",
    "Tit For Tat",
    "Grudger",
    "Alternator",
    "Random",
    "Win-Stay Lose-Shift",
    "GTFT",
    "ZD-Extort-2",
    "Suspicious Tit For Tat",
]


@st.composite
def prisoners_dilemmas(draw):
    """Random payoffs with T > R > P > S and 2R > T + S."""
    s = draw(st.floats(-5, 5, allow_nan=False))
    p = s + draw(st.floats(0.1, 3))
    r = p + draw(st.floats(0.1, 3))
    t = r + draw(st.floats(0.1, 3))
    if 2 * r <= t + s:
        t = 2 * r - s - 0.05
    game = Game(r, s, t, p)
    if not game.is_prisoners_dilemma:
        game = Game(3, 0, 5, 1)
    return game


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    game=prisoners_dilemmas(),
    players=st.lists(st.sampled_from(PLAYERS), min_size=2, max_size=5),
    turns=st.integers(1, 12),
    noise=st.sampled_from([0.0, 0.1]),
    seed=st.integers(0, 1000),
)
def test_feasible_region_check_never_fails(game, players, turns, noise, seed):
    spec = TournamentSpec.build(players, turns=turns, noise=noise, game=game, seed=seed)
    results = run_tournament(spec)
    stats = analyse(results.matches, results.names, game)
    assert stats.pairs["feasible"].all()
    assert stats.overall()["pairs_in_feasible_region"]


def test_a_round_robins_pair_scores_by_layout_are_the_keyed_sums(noisy_lengths):
    from tournament.stats.cooperation import _pair_scores
    from tournament.stats.grouping import counts, table_sums

    rows, n = noisy_lengths.stats.sides, len(noisy_lengths.names)
    assert rows.repeated_pairs is not None
    m, keep = rows.n_matches, rows.others[: rows.n_matches]
    key = (rows.player[:m] * n + rows.opponent[:m])[keep]
    keyed, _ = table_sums(key, np.column_stack([rows.score[:m], rows.opponent_score[:m]])[keep], n * n)
    scores, met = _pair_scores(rows, n)
    assert scores.tobytes() == keyed.tobytes()
    assert np.array_equal(met, np.flatnonzero(counts(key, n * n)))
