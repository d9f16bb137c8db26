"""``ipd run --exact``: the exact expected payoff table beside the sampled one."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
from click.testing import CliRunner

from tournament import TournamentSpec, run_tournament
from tournament.analysis.exact_tournament import compare_exact
from tournament.cli.app import main
from tournament.stats.resultset import ResultSet

MEMORY_ONE = ["Tit For Tat", "Defector", "Cooperator", "Grudger", "Win-Stay Lose-Shift", "Alternator"]


def test_noiseless_deterministic_exact_equals_sampled():
    spec = TournamentSpec.build([*MEMORY_ONE, "Gradual"], turns=30, seed=1, exact=True)
    resultset = ResultSet.from_results(run_tournament(spec))
    found = compare_exact(spec, resultset)
    assert found.skipped == ["Gradual"] and "Gradual is neither memory-one" in found.note()
    assert list(found.comparison["player"]) == MEMORY_ONE
    k = len(MEMORY_ONE)
    np.testing.assert_allclose(
        found.tables["payoff_matrix"][:k, :k], resultset.payoff_matrix[:k, :k], atol=1e-12
    )
    assert np.isnan(found.tables["payoff_matrix"][k]).all()
    np.testing.assert_allclose(found.comparison["difference"], 0, atol=1e-12)
    assert (found.comparison["opponents"] == k - 1).all()


def test_with_noise_and_random_lengths_sampled_is_within_z_4_of_exact():
    reps = 300
    spec = TournamentSpec.build(
        ["Tit For Tat", "Defector", "Win-Stay Lose-Shift", "Random(p=0.3)"],
        turns=40,
        prob_end=0.05,
        noise=0.05,
        repetitions=reps,
        seed=6,
    )
    resultset = ResultSet.from_results(run_tournament(spec))
    exact = compare_exact(spec, resultset).tables["payoff_matrix"]
    n = len(spec.players)
    for i in range(n):
        for j in range(n):
            samples = resultset.payoffs[i, j]
            z = (samples.mean() - exact[i, j]) / (samples.std(ddof=1) / math.sqrt(reps))
            assert abs(z) <= 4, (i, j, z)


def test_ipd_run_exact_writes_the_tables_and_shows_the_comparison(tmp_path):
    out = tmp_path / "run"
    args = ["run", "-p", "tft,alld,Grudger,Gradual", "-t", "20", "-r", "2", "--seed", "3", "--exact"]
    done = CliRunner().invoke(main, [*args, "-o", str(out), "--no-report"])
    assert done.exit_code == 0, done.output
    assert "sampled and exact" in done.output and "Gradual is neither memory-one" in done.output
    table = pd.read_csv(out / "statistics" / "exact_vs_sampled.csv")
    assert list(table["player"]) == ["Tit For Tat", "Defector", "Grudger"]
    np.testing.assert_allclose(table["sampled_payoff"], table["exact_payoff"], atol=1e-12)
    payoffs = pd.read_csv(out / "statistics" / "exact_payoff_matrix.csv", index_col="player")
    assert payoffs.loc["Gradual"].isna().all()
    assert math.isclose(payoffs.loc["Defector", "Tit For Tat"], (5 + 19) / 20)
    assert "exact = true" in (out / "config.toml").read_text()


def test_ipd_run_exact_json_carries_the_comparison(tmp_path):
    args = [
        "run",
        "-p",
        "tft,alld,Grudger,Gradual",
        "-t",
        "20",
        "-r",
        "2",
        "--seed",
        "3",
        "--exact",
        "--json",
    ]
    done = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "run"), "--no-report"])
    assert done.exit_code == 0, done.output
    exact = json.loads(done.stdout)["exact"]
    assert exact["skipped"] == ["Gradual"]
    table = pd.read_csv(tmp_path / "run" / "statistics" / "exact_vs_sampled.csv")
    assert [row["player"] for row in exact["players"]] == list(table["player"])
    np.testing.assert_allclose(
        [row["exact_payoff"] for row in exact["players"]], table["exact_payoff"], rtol=1e-15
    )
