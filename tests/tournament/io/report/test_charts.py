"""The charts' data: the statistics' figures, ranked and rounded, nothing computed anew."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tournament import TournamentSpec, run_tournament
from tournament.io.report.charts import chart_data, forfeits_by_player, rational_region
from tournament.settings import Game
from tournament.stats import folk
from tournament.stats.summary import analyse_results

FOUR = ["Cooperator", "Defector", "Tit For Tat", "Grudger"]


def test_rational_region_of_the_standard_game():
    # Above both minmax lines (P = 1): (P, P), the hull's edges at x = 1 and y = 1, and (R, R).
    game = Game(3, 0, 5, 1)
    region = rational_region(folk.feasible_region(game), folk.minmax(game).mixed)
    expected = {(1.0, 1.0), (13 / 3, 1.0), (3.0, 3.0), (1.0, 13 / 3)}
    assert len(region) == 4
    assert {tuple(round(v, 9) for v in p) for p in region} == {
        tuple(round(v, 9) for v in p) for p in expected
    }


def test_rational_region_outside_the_hull_is_empty():
    square = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
    assert rational_region(square, 2.0) == []
    assert sorted(map(tuple, rational_region(square, 0.0))) == sorted(map(tuple, square))


def test_forfeits_by_player_adds_up_each_players_problems():
    failures = pd.DataFrame(
        {
            "player": ["b", "b", "c"],
            "problem": ["raised", "timed out", "raised"],
            "matches": [3, 1, 2],
            "forfeits": [3, 1, 0],
            "repetition": [0, 0, 1],
            "opponent": ["a", "c", "a"],
        }
    )
    assert forfeits_by_player(failures, ["a", "b", "c"]) == [0, 4, 0]
    assert forfeits_by_player(failures.iloc[:0], ["a", "b"]) == [0, 0]


@pytest.fixture(scope="module")
def four():
    results = run_tournament(TournamentSpec.build(FOUR, turns=10, repetitions=2, seed=1))
    analysis = analyse_results(results)
    empty = pd.DataFrame(columns=["player", "problem", "matches", "forfeits", "repetition", "opponent"])
    return analysis, chart_data(analysis, empty)


def test_chart_data_is_ranked(four):
    analysis, data = four
    assert data["names"] == FOUR
    ranked = [data["names"][i] for i in data["ranking"]]
    assert ranked == analysis.results.ranked_names and ranked[0] == "Defector" and ranked[-1] == "Cooperator"
    assert data["forfeits"] == [0, 0, 0, 0]
    # Deterministic players: the same score per turn in both repetitions; Defector 2.6, Cooperator 2.
    assert data["scores"][0] == [2.6, 2.6] and data["scores"][-1] == [2.0, 2.0]


def test_chart_data_matrices(four):
    _, data = four
    rank = {name: k for k, name in enumerate(data["names"][i] for i in data["ranking"])}
    defector, cooperator, tft = rank["Defector"], rank["Cooperator"], rank["Tit For Tat"]
    # Defector earns T against Cooperator every turn, and (5 + 9 * 1) / 10 against Tit For Tat.
    assert data["payoff"][defector][cooperator] == 5.0
    assert data["payoff"][defector][tft] == 1.4
    assert data["payoff"][cooperator][defector] == 0.0
    # Cooperation of the row with the column; self-play left out (None).
    assert data["cooperation"][cooperator][defector] == 1.0
    assert data["cooperation"][defector][cooperator] == 0.0
    assert data["cooperation"][tft][defector] == 0.1
    assert [data["cooperation"][k][k] for k in range(4)] == [None] * 4
    # P(C | CC, CD, DC, DD): Tit For Tat replies in kind; states never visited are None
    # (Tit For Tat never exploits here, Defector never sees CC or CD, Cooperator never DC or DD).
    assert data["four_vectors"][tft] == [1.0, 0.0, None, 0.0]
    assert data["four_vectors"][defector] == [None, None, 0.0, 0.0]
    assert data["four_vectors"][cooperator] == [1.0, 1.0, None, None]
    assert data["outcomes"][cooperator][0] + data["outcomes"][cooperator][1] == pytest.approx(1.0)


def test_chart_data_pairs_and_theory(four):
    analysis, data = four
    pairs = data["pairs"]
    assert len(pairs["x"]) == len(pairs["y"]) == len(pairs["mutual"]) == 6  # 4 players: 6 pairs
    k = next(
        k
        for k in range(6)
        if {data["names"][pairs["a"][k]], data["names"][pairs["b"][k]]} == {"Cooperator", "Defector"}
    )
    payoffs = {data["names"][pairs["a"][k]]: pairs["x"][k], data["names"][pairs["b"][k]]: pairs["y"][k]}
    assert payoffs == {"Cooperator": 0.0, "Defector": 5.0} and pairs["mutual"][k] == 0.0
    assert data["minmax"] == 1.0 and data["rational_share"] == 0.5
    assert len(data["hull"]) == 4 and len(data["rational"]) == 4
    # The fixed length gives the end-game window; every turn index is drawn.
    by_turn = data["by_turn"]
    assert by_turn["turns"] == list(range(1, 11)) and by_turn["fixed_length"] == 10
    assert by_turn["window"] == 1 and by_turn["drop"] == 0.0
    assert len(by_turn["per_player"]) == 4 and all(len(row) == 10 for row in by_turn["per_player"])
    # Defector never cooperates; Cooperator always does.
    rank = analysis.results.ranked_names
    assert set(by_turn["per_player"][rank.index("Defector")]) == {0.0}
    assert set(by_turn["per_player"][rank.index("Cooperator")]) == {1.0}


def test_chart_data_under_prob_end_has_no_end_game():
    spec = TournamentSpec.build(
        ["Tit For Tat", "Defector", "Cooperator"], prob_end=0.1, seed=3, repetitions=3
    )
    analysis = analyse_results(run_tournament(spec))
    data = chart_data(analysis, pd.DataFrame(columns=["player", "forfeits"]))
    by_turn = data["by_turn"]
    assert by_turn["fixed_length"] is None and by_turn["window"] is None and by_turn["drop"] is None
    # Only turn indices reached by at least 5% of the matches.
    moves = analysis.cooperation.profile.set_index("turn")["moves"]
    assert all(moves[t] >= 0.05 * moves.iloc[0] for t in by_turn["turns"])
    assert len(by_turn["turns"]) < len(moves) or moves.min() >= 0.05 * moves.iloc[0]


NO_FAILURES = pd.DataFrame(columns=["player", "forfeits"])


def test_chart_data_intervals_are_the_bootstraps_in_rank_order():
    spec = TournamentSpec.build(
        ["Cooperator", "Defector", "Tit For Tat", "Random"], turns=20, repetitions=5, seed=1
    )
    analysis = analyse_results(run_tournament(spec))
    data = chart_data(analysis, NO_FAILURES)["intervals"]
    table = analysis.uncertainty.table()
    assert data["names"] == table["name"].tolist() and data["level"] == 0.95
    boxes = np.array(data["boxes"])
    np.testing.assert_allclose(boxes[:, 2], table["mean_score"], atol=5e-5)
    np.testing.assert_allclose(
        boxes[:, [0, 1]], np.repeat(table[["mean_score_low"]].to_numpy(), 2, axis=1), atol=5e-5
    )
    np.testing.assert_allclose(
        boxes[:, [3, 4]], np.repeat(table[["mean_score_high"]].to_numpy(), 2, axis=1), atol=5e-5
    )
    assert (boxes[:, 0] <= boxes[:, 2]).all() and (boxes[:, 2] <= boxes[:, 4]).all()
    one = analyse_results(run_tournament(TournamentSpec.build(["Cooperator", "Defector"], turns=5, seed=1)))
    assert chart_data(one, NO_FAILURES)["intervals"] is None
