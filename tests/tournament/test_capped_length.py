"""A fixed length and a continuation probability together, as axelrod's Match: each match lasts
min(turns, a geometric draw with prob_end) turns and the players are not told the length."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
from click.testing import CliRunner

from strategies.registry import create
from tests.oracle import axelrod, axelrod_player
from tournament import MatchSettings, TournamentSpec, run_tournament
from tournament.cli.app import main
from tournament.core import plan

PANEL = ["Tit For Tat", "BackStabber", "Grudger", "Alternator", "Defector", "Win-Stay Lose-Shift"]


def test_both_lengths_are_one_setting_and_the_length_is_not_told():
    settings = MatchSettings.build(turns=50, prob_end=0.1)
    assert (settings.turns, settings.prob_end, settings.known_length) == (50, 0.1, None)
    assert settings.describe().startswith("prob_end 0.1 (at most 50 turns)")
    assert MatchSettings.from_record(settings.record()) == settings
    match = axelrod().Match((axelrod().Cooperator(), axelrod().Defector()), turns=50, prob_end=0.1)
    assert match.match_attributes["length"] == math.inf


def test_lengths_are_the_geometric_draw_capped_at_turns():
    players = [create(name) for name in PANEL]
    capped = plan.round_robin(players, MatchSettings.build(turns=12, prob_end=0.1), seed=5, repetitions=40)
    free = plan.round_robin(players, MatchSettings.build(prob_end=0.1), seed=5, repetitions=40)
    np.testing.assert_array_equal(capped.row_length, np.minimum(free.row_length, 12))
    assert (free.row_length > 12).any()


def test_mean_length_is_the_closed_form():
    turns, prob_end, n = 30, 0.05, 40_000
    types = [create("Tit For Tat")]
    zeros = np.zeros(n, dtype=np.int64)
    keys = np.arange(n, dtype=np.uint64)
    settings = MatchSettings.build(turns=turns, prob_end=prob_end)
    lengths = plan.population_matches(types, zeros, zeros, keys, settings, seed=9).row_length
    survival = (1 - prob_end) ** np.arange(turns)  # P(L >= k) for k = 1..turns
    mean = survival.sum()
    second = ((2 * np.arange(1, turns + 1) - 1) * survival).sum()
    z = (lengths.mean() - mean) / math.sqrt((second - mean**2) / n)
    assert abs(z) <= 4, z
    assert lengths.min() >= 1 and lengths.max() == turns
    at_cap = (lengths == turns).mean()
    z_cap = (at_cap - survival[-1]) / math.sqrt(survival[-1] * (1 - survival[-1]) / n)
    assert abs(z_cap) <= 4, z_cap


def test_deterministic_scores_equal_axelrod_at_each_drawn_length():
    axl = axelrod()
    spec = TournamentSpec.build(PANEL, turns=15, prob_end=0.1, seed=3, repetitions=3)
    matches = run_tournament(spec).matches
    assert matches["turns"].max() <= 15 and matches["turns"].nunique() > 3
    for row in matches.itertuples():
        players = (axelrod_player(create(row.name_a)), axelrod_player(create(row.name_b)))
        attributes = {"length": math.inf, "game": axl.Game(), "noise": 0}
        match = axl.Match(players, turns=row.turns, match_attributes=attributes)
        match.play()
        assert (row.score_a, row.score_b) == tuple(match.final_score()), row


def test_ipd_run_with_turns_and_prob_end(tmp_path):
    out = tmp_path / "run"
    args = ["run", "-p", "tft,alld,BackStabber", "--turns", "50", "--prob-end", "0.1", "-r", "4"]
    done = CliRunner().invoke(main, [*args, "--seed", "2", "-o", str(out), "--json", "--no-report"])
    assert done.exit_code == 0, done.output
    recorded = json.loads((out / "summary.json").read_text())["tournament"]
    assert (recorded["turns"], recorded["prob_end"]) == (50, 0.1)
    matches = pd.read_parquet(out / "matches.parquet")
    assert matches["turns"].max() <= 50 and matches["turns"].min() >= 1
    config = (out / "config.toml").read_text()
    assert "turns = 50" in config and "prob_end = 0.1" in config
