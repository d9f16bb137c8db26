"""``ipd exact``: a pair, a table, a config, JSON, files and the errors."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from tournament.cli.app import main

CONFIGS = Path(__file__).resolve().parents[3] / "configs"


def run(*args: str):
    return CliRunner().invoke(main, ["exact", *args])


def test_a_pair_shows_totals_per_turn_and_states():
    result = run("Tit For Tat", "Defector", "--turns", "10")
    assert result.exit_code == 0, result.output
    assert "9.000000" in result.output and "14.000000" in result.output  # S + 9P and T + 9P
    assert "DD 90.0000%" in result.output


def test_a_pair_as_json_with_discount():
    result = run("tft", "alld", "--prob-end", "0.5", "--discount", "0.5", "--json")
    summary = json.loads(result.output)
    # Defector: T first, then P with weight (0.5 * 0.5)^t: 5 + 1 * 0.25 / 0.75
    assert summary["total"]["Defector"] == pytest.approx(5 + 0.25 / 0.75, abs=1e-12)
    assert summary["expected_turns"] == pytest.approx(2.0)
    assert summary["settings"]["prob_end"] == 0.5


def test_a_table_of_several_players_writes_the_files(tmp_path):
    result = run("tft", "wsls", "alld", "First by Tullock", "--noise", "0.05", "--out", str(tmp_path / "x"))
    assert result.exit_code == 0, result.output
    assert "left out" in result.output and "First by Tullock" in result.output
    matrix = pd.read_csv(tmp_path / "x" / "exact_payoff_matrix.csv", index_col="player")
    assert matrix.shape == (4, 4) and matrix.loc["First by Tullock"].isna().all()
    states = pd.read_csv(tmp_path / "x" / "exact_state_distribution.csv")
    assert len(states) == 9 and states[["CC", "CD", "DC", "DD"]].sum(axis=1).round(12).eq(1).all()


def test_a_pair_writes_its_tables_too(tmp_path):
    result = run("tft", "alld", "--turns", "10", "--out", str(tmp_path / "pair"))
    assert result.exit_code == 0, result.output
    assert f"Results in {tmp_path / 'pair'}" in " ".join(result.output.split())
    matrix = pd.read_csv(tmp_path / "pair" / "exact_payoff_matrix.csv", index_col="player")
    assert matrix.loc["Defector", "Tit For Tat"] == pytest.approx(1.4)  # (T + 9P) / 10
    assert matrix.loc["Tit For Tat", "Defector"] == pytest.approx(0.9)  # (S + 9P) / 10


def test_a_config_gives_its_players_and_the_options_override():
    result = run(str(CONFIGS / "axelrod_1980.toml"), "--turns", "20", "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["settings"]["turns"] == 20
    assert summary["payoff_matrix"]["Tit For Tat"]["Tit For Tat"] == pytest.approx(3.0)


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["tft"], 2, "give two strategies"),
        (["tft", "nosuch"], 1, "Error: unknown strategy 'nosuch'"),
        (["tft", "First by Tullock"], 1, "Error: First by Tullock is neither"),
        (["tft", "alld", "wsls", "--discount", "0.9"], 2, "--discount applies to a pair"),
        (["tft", "alld", "--discount", "0"], 2, "--discount"),
    ],
)
def test_errors_are_one_line(args, code, message):
    result = run(*args)
    assert result.exit_code == code
    assert message in result.output
