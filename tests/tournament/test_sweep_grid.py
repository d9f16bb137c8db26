"""Sweeps over turns, payoffs and seeds: the grid, the ranks at each point, ``ipd sweep``."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from tournament import TournamentSpec, run_tournament
from tournament.cli.app import main
from tournament.errors import SpecError
from tournament.sweep import sweep
from tournament.sweep_grid import grid_specs, seed_list

PANEL = ["Cooperator", "Defector", "Tit For Tat", "Grudger"]


def spec(**settings) -> TournamentSpec:
    return TournamentSpec.build(PANEL, repetitions=2, seed=4, **settings)


def test_grid_over_games_turns_and_seeds():
    specs = grid_specs(
        spec(turns=7), noises=[0.0, 0.1], turns=[5, 50], games=["3,0,5,1", "4,0,5,1"], seeds=[1, 2]
    )
    assert len(specs) == 16
    first, last = specs[0], specs[-1]
    assert (first.settings.game.R, first.settings.turns, first.settings.noise, first.seed) == (3, 5, 0.0, 1)
    assert (last.settings.game.R, last.settings.turns, last.settings.noise, last.seed) == (4, 50, 0.1, 2)
    assert all(s.settings.prob_end is None for s in specs)
    assert seed_list(7, 3) == [7, 8, 9]
    with pytest.raises(SpecError):
        grid_specs(spec(), turns=[0])
    with pytest.raises(SpecError):
        grid_specs(spec(), games=["3,0,5"])


def test_seeds_of_deterministic_players_without_noise_give_the_same_ranks():
    result = sweep(spec(turns=20), seeds=seed_list(1, 4))
    assert result.ranks.shape == (4, 4)
    assert np.all(result.ranks == result.ranks[0])
    assert result.labels == ["seed 1", "seed 2", "seed 3", "seed 4"]
    assert result.table["seed"].tolist() == [1, 2, 3, 4]


def test_turns_sweep_matches_separate_runs_and_hand_values():
    lengths = [1, 10, 100]
    result = sweep(spec(turns=200), turns=lengths)
    for point, turns in enumerate(lengths):
        alone = run_tournament(spec(turns=turns))
        assert result.ranks[point].tolist() == (np.argsort(alone.stats.ranking) + 1).tolist()
        rows = result.players[result.players["turns"] == turns].set_index("name")
        # Per turn against the three others: Defector 5 vs Cooperator, (5 + T - 1) / T vs
        # the reciprocators; Tit For Tat 3, 3 and (T - 1) / T against Defector.
        defector = (5 + 2 * (5 + turns - 1) / turns) / 3
        tit_for_tat = (6 + (turns - 1) / turns) / 3
        assert rows.loc["Defector", "median_score"] == pytest.approx(defector)
        assert rows.loc["Tit For Tat", "median_score"] == pytest.approx(tit_for_tat)
        assert rows.loc["Defector", "rank"] == 1


def test_ipd_sweep_over_turns_and_seeds(tmp_path):
    out = tmp_path / "sweep"
    args = ["sweep", "--turns", "5,50", "--seeds", "2"]
    done = CliRunner().invoke(main, [*args, "-r", "1", "--seed", "3", "--out", str(out)])
    assert done.exit_code == 0, done.output
    assert "Ranks over 4 grid points" in done.output
    ranks = pd.read_csv(out / "sweep_ranks.csv")
    assert list(ranks.columns[1:5]) == [
        "turns 5, seed 3",
        "turns 5, seed 4",
        "turns 50, seed 3",
        "turns 50, seed 4",
    ]
    assert len(pd.read_csv(out / "sweep_rank_agreement.csv")) == 6
    assert (out / "sweep_ranks.png").read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--turns", "1.5"], "--turns"),
        (["--seeds", "x"], "--seeds"),
        (["--seeds", "0"], "--seeds"),
        (["--games", "3,0,5"], "payoffs"),
        (["--turns", "0"], "turns"),
    ],
)
def test_bad_axes_give_one_error_line(args, message, tmp_path):
    done = CliRunner().invoke(main, ["sweep", *args, "--out", str(tmp_path / "x")])
    assert done.exit_code != 0
    assert message in done.output
    assert "Traceback" not in done.output
