"""``ipd evolve``: the live bars, the final table, the JSON summary and the errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tournament.cli.app import main

CONFIGS = Path(__file__).resolve().parents[3] / "configs"


def test_evolve_command_renders_and_saves(tmp_path):
    out = tmp_path / "trust"
    result = CliRunner().invoke(main, ["evolve", str(CONFIGS / "trust_evolution.toml"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Tit For Tat" in result.output and "Results in" in result.output
    assert (out / "population.png").stat().st_size > 1000


def test_evolve_command_json_is_reproducible_from_the_seed(tmp_path):
    args = [
        "evolve",
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
    runs = [CliRunner().invoke(main, [*args, "--out", str(tmp_path / f"r{k}")]) for k in range(2)]
    summaries = [json.loads(r.output) for r in runs]
    assert summaries[0]["final"] == summaries[1]["final"]
    assert summaries[0]["dynamics"] == "moran" and summaries[0]["generations"] == 30


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--population", "tft:3,alld:x"], "unknown strategy 'alld:x'"),
        (["--population", "tft:3,alld:3", "--graph", "lattice"], "--graph: a square lattice"),
        (["--population", "tft:3,alld:3", "--mutation", "1.5"], "Invalid value for '--mutation'"),
        (["--population", "tft:3,alld:3", "--turns", "5", "--prob-end", "0"], "--prob-end"),
    ],
)
def test_evolve_command_bad_input(args, message, tmp_path):
    result = CliRunner().invoke(main, ["evolve", *args, "--out", str(tmp_path / "x")])
    assert result.exit_code != 0
    assert message in result.output


@pytest.mark.slow
def test_three_evolutions_started_together_keep_three_folders(tmp_path):
    config = str(CONFIGS / "moran_tft_alld.toml")
    command = [str(Path(sys.executable).with_name("ipd")), "evolve", config, "-q"]
    runs = [
        subprocess.Popen([*command, "-s", str(seed)], cwd=tmp_path, stdout=subprocess.PIPE, text=True)
        for seed in (1, 2, 3)
    ]
    folders = [tmp_path / run.communicate(timeout=300)[0].strip() for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0]
    assert sorted(folders) == sorted((tmp_path / "results").iterdir())
    seeds = {json.loads((folder / "manifest.json").read_text())["seed"] for folder in folders}
    assert seeds == {1, 2, 3}


def test_evolve_carrying_learners_from_the_shipped_config(tmp_path):
    """The shipped config: the learners' sentence agrees with carriers.csv; the population syntax
    takes carry=true; a dynamics with fixed payoffs refuses carriers in one Error line."""
    import pandas as pd

    out = tmp_path / "carry"
    config = str(CONFIGS / "learn_evolve_carry.toml")
    result = CliRunner().invoke(main, ["evolve", config, "-g", "4", "--turns", "50", "--out", str(out)])
    assert result.exit_code == 0, result.output
    carriers = pd.read_csv(out / "carriers.csv")
    assert carriers["generation"].tolist() == [0, 1, 2, 3]
    first, last = carriers.iloc[0], carriers.iloc[-1]
    sentence = (
        f"cooperated in {first.cooperation:.0%} of its moves in generation 0 and {last.cooperation:.0%} "
        "in generation 3"
    )
    assert sentence in " ".join(result.output.split())
    assert sentence in (out / "report.html").read_text()
    again = CliRunner().invoke(
        main, ["evolve", config, "-g", "4", "--turns", "50", "--json", "--out", str(tmp_path / "j")]
    )
    told = pd.DataFrame(json.loads(again.stdout)["carriers"])
    pd.testing.assert_frame_equal(told, carriers, check_exact=False, rtol=1e-15)
    population = ["evolve", "--population", "Q-Learner(carry=true):2,Tit For Tat:2", "--turns", "20"]
    refused = CliRunner().invoke(main, [*population, "-d", "stationary", "--out", str(tmp_path / "no")])
    assert refused.exit_code != 0
    assert "Error: the stationary dynamics needs payoffs fixed once" in refused.output
    assert "Traceback" not in refused.output


def test_evolve_approximate_draws_matches_from_cached_outcomes(tmp_path):
    args = ["evolve", "--population", "Tit For Tat:3,Defector:3", "--noise", "0.05", "--turns", "20"]
    done = CliRunner().invoke(main, [*args, "--approximate", "30", "-s", "4", "--out", str(tmp_path / "a")])
    assert done.exit_code == 0, done.output
    assert "matches drawn from 30 outcomes per pair" in " ".join(done.output.split())
    assert "approximate = 30" in (tmp_path / "a" / "config.toml").read_text()
    again = CliRunner().invoke(main, [*args, "--approximate", "30", "-s", "4", "--out", str(tmp_path / "b")])
    assert again.exit_code == 0, again.output
    assert (tmp_path / "a" / "population.csv").read_text() == (tmp_path / "b" / "population.csv").read_text()
    refused = CliRunner().invoke(main, [*args, "-d", "replicator", "--approximate", "30"])
    assert (
        refused.exit_code != 0
        and "Error: --approximate: is not used by the replicator dynamics" in refused.output
    )
