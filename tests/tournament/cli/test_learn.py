"""``ipd learn``: the shipped configs, the results folder, replaying it, the three methods and
the errors (one readable line each)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from tournament.cli.app import main
from tournament.io.learn_config import load_learn_config, parse_learn_text

CONFIGS = Path(__file__).resolve().parents[3] / "configs"


def learn(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["learn", *args])
    return result.exit_code, result.output


def test_lola_config_writes_the_folder_and_replays_from_it(tmp_path):
    out = tmp_path / "lola"
    code, output = learn(
        str(CONFIGS / "learn_lola.toml"), "--seeds", "8", "--updates", "40", "--out", str(out)
    )
    assert code == 0, output
    assert "LOLA 1 ends with" in output and "tit-for-tat-like" in output
    names = {p.name for p in out.iterdir()}
    assert {
        "config.toml",
        "manifest.json",
        "curves.csv",
        "curves.parquet",
        "final.csv",
        "summary.json",
    } <= names
    assert {"curves.png", "report.html"} <= names
    assert "data:image/png;base64" in (out / "report.html").read_text()
    curves = pd.read_csv(out / "curves.csv")
    assert len(curves) == 2 * 41 and set(curves.agent) == {"LOLA 1", "LOLA 2"}
    summary = json.loads((out / "summary.json").read_text())
    assert summary["seed"] == 2018 and summary["settings"]["seeds"] == 8
    assert summary["sentences"][0].startswith("LOLA 1 vs LOLA 2: 8 seeds, 40 exact updates")
    # the resolved config replays the run
    code, output = learn(str(out / "config.toml"), "--out", str(tmp_path / "again"), "-q")
    assert code == 0, output
    assert pd.read_csv(tmp_path / "again" / "final.csv").equals(pd.read_csv(out / "final.csv"))


def test_shipped_configs_are_the_papers_setup():
    for name, kind in (("learn_lola.toml", "lola"), ("learn_naive.toml", "naive")):
        experiment = load_learn_config(CONFIGS / name).experiment
        assert [a.kind for a in experiment.agents] == [kind, kind]
        assert experiment.value("seeds") >= 100 and experiment.value("updates") == 200
        assert experiment.value("discount") == 0.96 and experiment.value("learning_rate") == 1.0
        game = experiment.settings.game
        assert (game.R, game.S, game.T, game.P) == (-1, -3, 0, -2)


def test_match_method_json(tmp_path):
    code, output = learn(
        "--method", "match", "--agents", "Q Learner,Defector", "--turns", "300", "--seeds", "5",
        "--window", "100", "--seed", "3", "--json", "--out", str(tmp_path / "m"),
    )  # fmt: skip
    assert code == 0, output
    summary = json.loads(output)
    learner = summary["agents"][0]
    assert learner["agent"] == "Q Learner" and learner["turn"] == 201 and learner["seeds"] == 5
    assert learner["policy"]["coop_DD"] < 0.2


def test_train_method_saves_strategies_that_ipd_run_loads(tmp_path):
    out = tmp_path / "train"
    code, output = learn(
        str(CONFIGS / "learn_train_fsm.toml"),
        "--population",
        "8",
        "-g",
        "3",
        "--turns",
        "20",
        "--out",
        str(out),
    )
    assert code == 0, output
    files = sorted(p.name for p in (out / "strategies").iterdir())
    assert files == ["fsm_1.toml", "fsm_2.toml", "fsm_3.toml"]
    result = CliRunner().invoke(
        main,
        ["run", "--players", "Tit For Tat", "--strategies", str(out / "strategies"), "--turns", "20",
         "--seed", "1", "--out", str(tmp_path / "run"), "--json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert {"trained-1/fsm 1", "trained-2/fsm 2", "trained-3/fsm 3"} <= {
        p["name"] for p in json.loads(result.output)["players"]
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[learn]\nseeds = 0", "[learn] seeds: must be a whole number >= 1, got 0"),
        ("[learn]\nwindow = 10", "[learn] window: is not used by the exact method (only by match)"),
        ('[learn]\nagents = ["LOLA", "Grudger"]', "Grudger is not a memory-one strategy"),
        ('[learn]\nagents = ["LOLA"]', "give at least two agents"),
        (
            '[learn]\nagents = ["Tit For Tat", "Defector"]',
            'nobody learns: give at least one "LOLA" or "Naive"',
        ),
        ('[match]\nturns = 10\n[learn]\nmethod = "exact"', "[match]: is not used by the exact method"),
        ('[learn]\nmethod = "match"\nagents = ["Q Learner"]', "give exactly two strategies, got 1"),
        ('[learn]\nmethod = "match"\nagents = ["Q Lerner", "tft"]', "unknown strategy 'Q Lerner'"),
        (
            '[learn]\nmethod = "train"\nrepresentation = "tree"',
            "[learn] representation: must be one of 'fsm'",
        ),
        ('[learn]\nmethod = "train"\ndepths = [0, 0, 0]', "[learn] depths: must be three whole numbers"),
        ("[learn]\ndiscount = 1", "[learn] discount: must be a number from 0 to 1, below 1, got 1"),
        ("[learning]\nseeds = 3", "unknown section [learning]; did you mean [learn]?"),
    ],
)
def test_config_errors_name_the_section_and_key(text, message):
    with pytest.raises(Exception) as error:
        parse_learn_text(text)
    assert message in str(error.value)
    assert type(error.value).__name__ == "ConfigError"


def test_errors_are_one_line_without_traceback(tmp_path):
    code, output = learn("--agents", "LOLA,Grudger", "--out", str(tmp_path / "x"))
    assert code == 1 and output.startswith("Error: ") and "Traceback" not in output
    code, output = learn("--method", "match", "--agents", "Q Learner,tft", "--seeds", "0")
    assert code == 2 and "--seeds" in output


def test_the_method_from_the_command_line_drops_the_files_other_keys(tmp_path):
    config = load_learn_config(
        CONFIGS / "learn_lola.toml", {"method": "match", "agents": "Q Learner,tft", "seeds": 2}
    )
    assert config.experiment.method == "match" and "updates" not in config.experiment.values
    assert config.experiment.settings.turns == 1000


@pytest.mark.slow
def test_learners_vs_classics_is_identical_across_runs_and_workers(tmp_path):
    """The shipped tournament of learners and classics: same seed, same results, 1 or 2 workers."""
    folders = []
    for k, workers in enumerate(("1", "1", "2")):
        folder = tmp_path / f"run{k}"
        result = CliRunner().invoke(
            main,
            [
                "run",
                str(CONFIGS / "learners_vs_classics.toml"),
                "--workers",
                workers,
                "--out",
                str(folder),
                "--no-report",
                "-q",
            ],
        )
        assert result.exit_code == 0, result.output
        folders.append(folder)
    players = [pd.read_parquet(f / "players.parquet") for f in folders]
    matches = [pd.read_parquet(f / "matches.parquet") for f in folders]
    assert {"Q Learner(carry=True)", "LOLA Learner", "Tit For Tat"} <= set(players[0].name)
    for other_players, other_matches in zip(players[1:], matches[1:]):
        pd.testing.assert_frame_equal(players[0], other_players)
        pd.testing.assert_frame_equal(matches[0], other_matches)
