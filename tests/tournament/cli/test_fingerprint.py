"""``ipd fingerprint``: both fingerprints into a results folder (CSV, PNG, manifest), as a table
or JSON, and the errors."""

from __future__ import annotations

import json

import pandas as pd
from click.testing import CliRunner

from tournament.cli.app import main

SMALL = ["--step", "0.25", "--turns", "10", "--repetitions", "3", "--transitive-repetitions", "20"]


def test_fingerprint_command_writes_a_results_folder(tmp_path):
    out = tmp_path / "fp"
    args = ["fingerprint", "Dual(Grudger)", *SMALL, "--number-of-opponents", "5", "--seed", "2"]
    result = CliRunner().invoke(main, [*args, "--out", str(out), "--json"])
    assert result.exit_code == 0, result.output
    info = json.loads(result.output)
    assert info["strategy"] == "Dual(Grudger)" and info["seed"] == 2 and not info["seed_drawn"]
    assert info["ashlock"]["points"] == 25 and info["ashlock"]["probe"] == "Tit For Tat"
    assert len(info["transitive"]["opponents"]) == 5
    assert sorted(p.name for p in out.iterdir()) == [
        "ashlock.csv",
        "ashlock.png",
        "manifest.json",
        "transitive.csv",
        "transitive.png",
    ]
    ashlock = pd.read_csv(out / "ashlock.csv")
    assert list(ashlock.columns) == ["x", "y", "score", "stdev"] and len(ashlock) == 25
    transitive = pd.read_csv(out / "transitive.csv")
    assert list(transitive.columns) == ["opponent", "turn", "cooperation"] and len(transitive) == 5 * 10
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["command"][0] == "ipd" and "ashlock.png" in manifest["files"] and "versions" in manifest
    again = CliRunner().invoke(main, [*args, "--out", str(tmp_path / "again"), "--json"])
    assert json.loads(again.output)["ashlock"]["mean_score"] == info["ashlock"]["mean_score"]


def test_fingerprint_table_and_one_kind(tmp_path):
    args = [
        "fingerprint",
        "tft",
        "--kind",
        "transitive",
        "--opponents",
        "Cooperator,Defector,JossAnn(tft, 0.1, 0.2)",
    ]
    result = CliRunner().invoke(
        main, [*args, "--turns", "5", "--transitive-repetitions", "10", "--out", str(tmp_path / "t")]
    )
    assert result.exit_code == 0, result.output
    assert "Fingerprints of Tit For Tat" in result.output and "3 opponents" in result.output
    assert "Ashlock" not in result.output
    assert sorted(p.name for p in (tmp_path / "t").iterdir()) == [
        "manifest.json",
        "transitive.csv",
        "transitive.png",
    ]


def test_fingerprint_errors(tmp_path):
    unknown = CliRunner().invoke(main, ["fingerprint", "Tit For Tatt", *SMALL])
    assert unknown.exit_code == 1 and unknown.output.startswith("Error: unknown strategy 'Tit For Tatt'")
    probe = CliRunner().invoke(main, ["fingerprint", "tft", "--probe", "Dual(", *SMALL])
    assert probe.exit_code == 1 and probe.output.startswith("Error:")
    step = CliRunner().invoke(main, ["fingerprint", "tft", "--step", "0"])
    assert step.exit_code == 2 and "--step" in step.output
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("mine")
    taken = CliRunner().invoke(main, ["fingerprint", "tft", *SMALL, "--out", str(tmp_path / "full")])
    assert taken.exit_code == 2 and "not empty" in taken.output
    assert not list(tmp_path.glob("results/*"))
