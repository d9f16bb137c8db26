"""summary.json's figures against hand-derived values; loading a stored run; writing the tables."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from tournament import TournamentSpec, run_tournament
from tournament.cli.app import main
from tournament.settings import Game
from tournament.stats.summary import (
    SUMMARY_KEYS,
    RunData,
    analyse,
    analyse_results,
    statistics_tables,
    summary_dict,
    write_statistics,
)

FOUR = ["Cooperator", "Defector", "Tit For Tat", "Grudger"]


def summary_of(players, **settings) -> dict:
    results = run_tournament(TournamentSpec.build(players, **settings))
    return summary_dict(analyse_results(results))


@pytest.fixture(scope="module")
def four() -> dict:
    """Cooperator, Defector, Tit For Tat, Grudger; 10 turns, 2 repetitions."""
    return summary_of(FOUR, turns=10, repetitions=2, seed=1)


def test_keys_are_exactly_the_documented_ones(four):
    assert list(four) == list(SUMMARY_KEYS)
    assert all(isinstance(text, str) and text for text in SUMMARY_KEYS.values())
    json.dumps(four, allow_nan=False)


def test_cooperation_figures_by_hand(four):
    # Per repetition: 6 pairs x 10 turns = 60 turns, 120 moves (self-play left out).
    # Cooperations: Cooperator 30; Defector 0; TFT and Grudger each 10 (vs Cooperator)
    # + 1 (first move vs Defector) + 10 (vs each other) = 21. 72 / 120.
    assert four["cooperation_rate"] == pytest.approx(72 / 120)
    # CC: Cooperator-TFT, Cooperator-Grudger, TFT-Grudger, 10 each = 30 of 60.
    assert four["mutual_cooperation_rate"] == pytest.approx(30 / 60)
    # DD: Defector against TFT and Grudger from turn 2: 9 + 9.
    assert four["mutual_defection_rate"] == pytest.approx(18 / 60)
    # Asymmetric: Cooperator-Defector 10, turn 1 of Defector-TFT and Defector-Grudger.
    assert four["asymmetric_rate"] == pytest.approx(12 / 60)
    # First moves: 3 opponents each; all but Defector's 3 are C.
    assert four["initial_cooperation_rate"] == pytest.approx(9 / 12)


def test_cooperation_index_and_pairs_by_hand(four):
    # Payoffs per turn: Cooperator (0 + 3 + 3) / 3 = 2; Defector (5 + 1.4 + 1.4) / 3 = 2.6;
    # TFT and Grudger (3 + 0.9 + 3) / 3 = 2.3. Index (u - 1) / 2: 0.5, 0.8, 0.65, 0.65.
    assert four["mean_cooperation_index"] == pytest.approx((0.5 + 0.8 + 0.65 + 0.65) / 4)
    # Pairs: Cooperator-Defector (0, 5), Defector-TFT and Defector-Grudger (1.4, 0.9): below P = 1;
    # Cooperator-TFT, Cooperator-Grudger, TFT-Grudger at (3, 3).
    assert four["individually_rational_pair_share"] == pytest.approx(3 / 6)
    assert four["strictly_individually_rational_pair_share"] == pytest.approx(3 / 6)
    assert four["cooperative_pair_share"] == pytest.approx(3 / 6)
    assert four["pairs_in_feasible_region"] is True


def test_ranking_and_players_by_hand(four):
    # Self-play left out of the scores (axelrod): Defector 2.6 > TFT = Grudger 2.3 > Cooperator 2.
    assert four["winner"] == "Defector"
    assert four["ranking"][0] == "Defector" and four["ranking"][-1] == "Cooperator"
    assert set(four["ranking"][1:3]) == {"Tit For Tat", "Grudger"}
    assert four["nice_players"] == ["Cooperator", "Tit For Tat", "Grudger"]
    # Nobody visits every state (TFT and Grudger never see DC, Cooperator never defects),
    # so no four-vector is complete: no ZD, partner or rival verdict.
    assert four["zero_determinant_players"] == []
    assert four["partner_players"] == [] and four["rival_players"] == []


def test_theory_for_a_fixed_length(four):
    assert four["tournament"] == {
        "name": "tournament",
        "players": FOUR,
        "repetitions": 2,
        "turns": 10,
        "prob_end": None,
        "noise": 0.0,
        "hide_length": False,
        "reveal_opponent": False,
        "game": {"R": 3.0, "S": 0.0, "T": 5.0, "P": 1.0},
        "seed": 1,
    }
    assert four["is_prisoners_dilemma"] is True
    assert four["minmax_payoff"] == 1.0
    assert four["continuation_probability"] is None
    assert four["backward_induction_defection"] is True
    thresholds = four["thresholds"]
    assert list(thresholds) == ["grim_trigger", "tit_for_tat", "win_stay_lose_shift"]
    assert [t["critical_delta"] for t in thresholds.values()] == pytest.approx([1 / 2, 2 / 3, 1])
    assert all(t["met"] is None for t in thresholds.values())
    # Window max(1, min(10, 10 // 10)) = 1; turns 9 and 10 both have 7 of 12 moves C.
    assert four["end_game_window"] == 1
    assert four["end_game_drop"] == pytest.approx(0.0)


@pytest.mark.parametrize(
    ("prob_end", "met"),
    [
        (0.6, (False, False, False)),  # delta 0.4 < 1/2
        (0.5, (True, False, False)),  # delta 0.5: grim exactly
        (0.4, (True, False, False)),  # 1/2 <= 0.6 < 2/3
        (0.3, (True, True, False)),  # 2/3 <= 0.7 < 1
        (0.01, (True, True, False)),  # WSLS needs delta >= 1 in the standard game
    ],
)
def test_thresholds_under_prob_end(prob_end, met):
    s = summary_of(["Tit For Tat", "Defector"], prob_end=prob_end, seed=3)
    assert s["continuation_probability"] == pytest.approx(1 - prob_end)
    assert tuple(t["met"] for t in s["thresholds"].values()) == met
    assert s["backward_induction_defection"] is False
    assert s["tournament"]["turns"] is None and s["tournament"]["prob_end"] == prob_end
    assert s["end_game_window"] is None and s["end_game_drop"] is None


def test_wsls_threshold_met_when_2r_exceeds_t_plus_p():
    # (3, 0, 4, 1): grim (4-3)/(4-1) = 1/3; TFT max(1/3, 1/3); WSLS (4-3)/(3-1) = 1/2.
    s = summary_of(["Tit For Tat", "Defector"], prob_end=0.4, game=(3, 0, 4, 1), seed=3)
    assert [t["critical_delta"] for t in s["thresholds"].values()] == pytest.approx([1 / 3, 1 / 3, 1 / 2])
    assert [t["met"] for t in s["thresholds"].values()] == [True, True, True]


def test_no_backward_induction_outside_a_prisoners_dilemma():
    # T < R: defecting does not pay, so no unravelling.
    s = summary_of(["Tit For Tat", "Defector"], turns=5, game=(3, 0, 2, 1))
    assert s["is_prisoners_dilemma"] is False
    assert s["backward_induction_defection"] is False


def test_zero_determinant_players_listed():
    # Against Random every state is visited; Extort-2 is extortionate with chi near 2, TFT fair.
    s = summary_of(["ZD-Extort-2", "Tit For Tat", "Random"], turns=3000, seed=7)
    fits = {fit["name"]: fit for fit in s["zero_determinant_players"]}
    assert set(fits) == {"ZD-Extort-2", "Tit For Tat"}
    assert fits["ZD-Extort-2"]["kind"] == "extortionate"
    assert fits["ZD-Extort-2"]["chi"] == pytest.approx(2, abs=0.5)
    assert fits["ZD-Extort-2"]["baseline"] == pytest.approx(1, abs=0.2)
    assert fits["Tit For Tat"]["kind"] == "fair" and fits["Tit For Tat"]["baseline"] is None
    assert s["partner_players"] == ["Tit For Tat"]
    assert s["rival_players"] == ["ZD-Extort-2", "Tit For Tat"]


# --- a stored run ---


@pytest.fixture
def stored_run(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    args = ["run", "-p", ",".join(FOUR), "-t", "10", "-r", "2", "-s", "1", "-n", "0.1", "--interactions"]
    result = CliRunner().invoke(main, [*args, "-o", "run", "--no-report", "-q"])
    assert result.exit_code == 0, result.output
    return tmp_path / "run"


def _fresh() -> dict:
    spec = TournamentSpec.build(FOUR, turns=10, repetitions=2, seed=1, noise=0.1)
    return summary_dict(analyse_results(run_tournament(spec, interactions=True)))


def test_round_trip_through_the_folder(stored_run):
    written = json.loads((stored_run / "summary.json").read_text())
    loaded = summary_dict(analyse(RunData.from_folder(stored_run)))
    assert loaded == written
    fresh = _fresh()
    fresh["tournament"]["name"] = written["tournament"]["name"]
    assert fresh == written


def test_round_trip_from_csv_tables_only(stored_run):
    """A folder whose parquet files are gone still loads, from the CSV copies, to the same figures."""
    written = json.loads((stored_run / "summary.json").read_text())
    for parquet in stored_run.glob("*.parquet"):
        csv = parquet.with_suffix(".csv")
        if not csv.exists():
            pd.read_parquet(parquet).to_csv(csv, index=False)
        parquet.unlink()
    run = RunData.from_folder(stored_run)
    assert run.interactions is not None and run.cooperation_by_turn is not None
    assert summary_dict(analyse(run)) == written


def test_run_data_from_folder_matches_the_results(stored_run):
    run = RunData.from_folder(stored_run)
    assert run.names == FOUR
    assert (run.repetitions, run.turns, run.prob_end, run.noise, run.seed) == (2, 10, None, 0.1, 1)
    assert run.game == Game(3, 0, 5, 1)


def test_not_a_results_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match="manifest.json"):
        RunData.from_folder(tmp_path)
    (tmp_path / "manifest.json").write_text(
        json.dumps({"settings": {"repetitions": 1, "game": [3, 0, 5, 1]}})
    )
    with pytest.raises(FileNotFoundError, match="matches"):
        RunData.from_folder(tmp_path)


# --- writing the tables ---


def test_write_statistics_writes_every_table_atomically(tmp_path):
    analysis = analyse_results(run_tournament(TournamentSpec.build(FOUR, turns=10)))
    (tmp_path / "statistics").mkdir()
    (tmp_path / "statistics" / "ratings.csv").write_text("stale\n" * 1000)
    written = write_statistics(tmp_path, analysis)
    tables = statistics_tables(analysis)
    assert {p.name for p in written} == {f"{stem}.csv" for stem in tables} | {"summary.json"}
    everything = [p.name for p in tmp_path.rglob("*")]
    assert not [name for name in everything if name.endswith(".tmp")], everything
    assert sorted(p.name for p in (tmp_path / "statistics").iterdir()) == sorted(f"{s}.csv" for s in tables)
    ratings = pd.read_csv(tmp_path / "statistics" / "ratings.csv")
    assert (
        list(ratings["name"]) == FOUR and "stale" not in (tmp_path / "statistics" / "ratings.csv").read_text()
    )
    assert json.loads((tmp_path / "summary.json").read_text()) == summary_dict(analysis)
    matrix = pd.read_csv(tmp_path / "statistics" / "payoff_matrix.csv", index_col="player")
    # Cooperator against Defector: 0 per turn; Defector against Cooperator: 5.
    assert matrix.loc["Cooperator", "Defector"] == 0.0 and matrix.loc["Defector", "Cooperator"] == 5.0


def test_statistics_tables_have_one_row_per_player_or_pair():
    analysis = analyse_results(run_tournament(TournamentSpec.build(FOUR, turns=10, repetitions=3)))
    tables = statistics_tables(analysis)
    assert len(tables["ratings"]) == 4 and len(tables["reciprocity"]) == 4
    assert tables["scores"].shape == (4, 3)
    assert len(tables["cooperation_pairs"]) == 6  # unordered pairs of distinct players
    assert len(tables["state_distribution"]) == 12  # ordered pairs of distinct players


# --- one set of figures ---


def test_the_analysis_reads_the_figures_of_the_run():
    results = run_tournament(TournamentSpec.build(FOUR, turns=10))
    analysis = analyse_results(results)
    assert analysis.results is results.stats
    assert analysis.resultset.results is results.stats


def test_one_ranking_everywhere():
    """Two near-ties, each broken by a last digit in one of the two sums of the normalised
    scores (Extort-2 against Joss in row order, Defector against Grudger in the players
    table's); every table follows the one ranking (before, summary.json disagreed with
    players.csv here)."""
    players = [
        "Tit For Tat",
        "Cooperator",
        "Grudger",
        "Defector",
        "ZD-Extort-2",
        "ZD-Extort-2",
        "Joss",
        "Grudger",
    ]
    spec = TournamentSpec.build(players, turns=5, repetitions=2, noise=0.05, game=(2, -1, 3, 0), seed=908)
    results = run_tournament(spec)
    analysis = analyse_results(results)
    medians = analysis.resultset.median_scores
    assert medians[4] < medians[6] and results.stats.median_scores[4] == results.stats.median_scores[6]
    ranking = list(results.players["player"])
    assert ranking == results.stats.ranking
    assert summary_dict(analysis)["ranking"] == [results.names[i] for i in ranking]
    tables = statistics_tables(analysis)
    assert list(tables["axelrod_summary"]["Name"]) == list(results.players["name"])
    assert np.argsort(tables["ratings"]["rank"].to_numpy()).tolist() == ranking
