"""Evolution configs ([evolution] section), the shipped configs, runs, records and the commands."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from tournament.cli.evolve import evolve, fixation
from tournament.errors import ConfigError
from tournament.evolution.records import population_table, wide_table
from tournament.evolution.run import run_evolution, write_evolution
from tournament.io.evolution_config import load_evolution_config, parse_evolution_text

CONFIGS = Path(__file__).resolve().parents[3] / "configs"
BASE = """
[tournament]
seed = 3
[match]
turns = 20
[players]
strategies = [{ name = "Tit For Tat", count = 4 }, { name = "Defector", count = 4 }]
"""


def test_shipped_trust_config_is_the_chapter():
    config = load_evolution_config(CONFIGS / "trust_evolution.toml")
    assert config.dynamics == "eliminate" and config.eliminate == 5
    assert config.population.names == ["Cooperator", "Defector", "Tit For Tat"]
    assert config.population.counts == (15, 5, 5)
    settings = config.run.spec.settings
    assert (settings.turns, settings.noise) == (10, 0.0)
    assert (settings.game.T, settings.game.R, settings.game.P, settings.game.S) == (3, 2, 0, -1)
    noisy = load_evolution_config(CONFIGS / "trust_evolution_noisy.toml")
    assert noisy.run.spec.settings.noise == 0.05
    assert noisy.population == config.population


@pytest.mark.parametrize(
    "name", ["trust_evolution", "trust_evolution_noisy", "moran_tft_alld", "ecological_1984"]
)
def test_shipped_configs_run_and_replay_from_their_resolved_config(name, tmp_path):
    config = load_evolution_config(CONFIGS / f"{name}.toml", {"generations": 5})
    result = run_evolution(config)
    folder = write_evolution(result, tmp_path / "run")
    files = {p.name for p in folder.iterdir()}
    assert {"config.toml", "manifest.json", "population.parquet", "population.csv", "population.png"} <= files
    report = (folder / "report.html").read_text()
    assert "<h2>Evolution: " + config.dynamics in report and "data:image/png;base64," in report
    saved = pd.read_parquet(folder / "population.parquet")
    assert list(saved.columns) == ["generation", "strategy", "count", "share"]
    replay = run_evolution(load_evolution_config(folder / "config.toml"))
    pd.testing.assert_frame_equal(replay.population, result.population)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["dynamics"] == config.dynamics and manifest["seed"] == config.seed


def test_overrides_and_defaults():
    config = load_evolution_config(
        None, {"population": "tft:3, alld:2", "seed": 4, "mutation": 0.1, "generations": 7}
    )
    assert config.dynamics == "moran" and config.seed == 4 and config.generations == 7
    assert config.moran.mutation == 0.1
    assert config.run.spec.settings.turns == 200
    replicator = parse_evolution_text(BASE + '[evolution]\ndynamics = "replicator"\nmutation = 0.01')
    assert replicator.generations == 100 and replicator.moran.mutation == 0.01


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ("dynamics = 'evolve'", r"\[evolution\] dynamics: must be one of moran, ecological"),
        ("mutation = 1.5", r"\[evolution\] mutation: must be a number in \[0, 1\], got 1.5"),
        ("size = 10", r"\[evolution\] size: the population does not add up: 4 Tit For Tat \+ 4 Defector = 8"),
        ("graph = 'lattice:3x3'", r"\[evolution\] graph: lattice 3x3 has 9 places but the population has 8"),
        ("mutation = 0.1", r"\[evolution\] generations: required with mutation"),
        ("dynamics = 'eliminate'\neliminate = 5", r"cannot eliminate 5 and clone 5 in a population of 8"),
        (
            "dynamics = 'ecological'\nmode = 'db'",
            r"\[evolution\] mode: is not used by the ecological dynamics",
        ),
        ("mutatoin = 0.1", r"unknown key 'mutatoin'; did you mean 'mutation'\?"),
        ("mode = 'xy'", r"\[evolution\] mode: must be 'bd'"),
    ],
)
def test_bad_evolution_sections(section, message):
    with pytest.raises(ConfigError, match=message):
        parse_evolution_text(BASE + "[evolution]\n" + section, "test.toml")


def test_bad_overrides_name_the_option():
    with pytest.raises(ConfigError, match="--population: unknown strategy 'Nobody'"):
        load_evolution_config(None, {"population": "Nobody:3"})
    with pytest.raises(ConfigError, match="--mutation: must be a number in"):
        load_evolution_config(None, {"population": "tft:3, alld:3", "mutation": 2.0})
    with pytest.raises(ConfigError, match="give a config file or a population"):
        load_evolution_config(None, {})


def test_switching_dynamics_on_the_command_line_drops_the_files_other_keys():
    config = load_evolution_config(CONFIGS / "trust_evolution.toml", {"dynamics": "moran", "intensity": 0.1})
    assert config.dynamics == "moran" and config.moran.intensity == 0.1


def test_replicator_run_reports_the_rest_points_of_two_strategies():
    config = parse_evolution_text(BASE + '[evolution]\ndynamics = "replicator"\ngenerations = 30')
    result = run_evolution(config)
    # Tit For Tat vs Defector over 20 turns: bistable, with an interior unstable point.
    assert [p["stability"] for p in result.outcome["rest_points"]] == ["stable", "unstable", "stable"]
    assert result.payoff_matrix == pytest.approx(np.array([[3.0, 19 / 20], [24 / 20, 1.0]]))
    assert result.final["share"].tolist() == pytest.approx([1.0, 0.0], abs=1e-3)


def test_population_table_long_and_wide():
    table = population_table(np.array([[2, 2], [3, 1]]), ["A", "B"])
    assert table["share"].tolist() == [0.5, 0.5, 0.75, 0.25]
    assert table["count"].tolist() == [2, 2, 3, 1]
    wide = wide_table(table)
    assert list(wide.columns) == ["generation", "A", "B"]
    assert wide["A"].tolist() == [0.5, 0.75]


def test_evolve_command_renders_and_saves(tmp_path):
    out = tmp_path / "trust"
    result = CliRunner().invoke(evolve, [str(CONFIGS / "trust_evolution.toml"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Tit For Tat" in result.output and "Results in" in result.output
    assert (out / "population.png").stat().st_size > 1000


def test_evolve_command_json_is_reproducible_from_the_seed(tmp_path):
    args = [
        "--population",
        "Tit For Tat:4,Random:4",
        "-g",
        "30",
        "-m",
        "0.05",
        "--turns",
        "20",
        "--seed",
        "9",
        "--json",
    ]
    runs = [CliRunner().invoke(evolve, [*args, "--out", str(tmp_path / f"r{k}")]) for k in range(2)]
    summaries = [json.loads(r.output) for r in runs]
    assert summaries[0]["final"] == summaries[1]["final"]
    assert summaries[0]["dynamics"] == "moran" and summaries[0]["generations"] == 30


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--population", "tft:3,alld:x"], "unknown strategy 'alld:x'"),
        (["--population", "tft:3,alld:3", "--graph", "lattice"], "--graph: a square lattice"),
        (["--population", "tft:3,alld:3", "--mutation", "1.5"], "Invalid value for '--mutation'"),
        (["--population", "tft:3,alld:3", "--turns", "5", "--prob-end", "0.1"], "only one of --turns"),
    ],
)
def test_evolve_command_bad_input(args, message, tmp_path):
    result = CliRunner().invoke(evolve, [*args, "--out", str(tmp_path / "x")])
    assert result.exit_code != 0
    assert message in result.output


def test_fixation_command(tmp_path):
    args = [
        "tft",
        "alld",
        "--size",
        "6",
        "--runs",
        "300",
        "--seed",
        "2",
        "--out",
        str(tmp_path / "f"),
        "--json",
    ]
    result = CliRunner().invoke(fixation, args)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    first = summary["invasions"][0]
    assert (first["mutant"], first["resident"], first["runs"]) == ("Tit For Tat", "Defector", 300)
    assert first["ci95"][0] <= first["estimate"] <= first["ci95"][1]
    assert abs(first["estimate"] - first["exact"]) < 0.1
    assert (tmp_path / "f" / "fixation.csv").is_file()
    table = CliRunner().invoke(fixation, args[:-3] + ["--out", str(tmp_path / "g")])
    assert "Fixation probabilities" in table.output and "Nowak" in table.output


def test_fixation_command_bad_input(tmp_path):
    result = CliRunner().invoke(fixation, ["tft", "tft", "--out", str(tmp_path / "f")])
    assert result.exit_code == 1 and "same strategy" in result.output
    result = CliRunner().invoke(fixation, ["tft", "alld", "--size", "4", "--start", "4"])
    assert result.exit_code == 2 and "--start must be below --size" in result.output
