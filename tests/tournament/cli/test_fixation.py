"""``ipd fixation``: both invasions as a table or JSON, saved to a folder, and the errors."""

from __future__ import annotations

import json

from click.testing import CliRunner

from tournament.cli.app import main


def test_fixation_command(tmp_path):
    args = [
        "fixation",
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
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    first = summary["invasions"][0]
    assert (first["mutant"], first["resident"], first["runs"]) == ("Tit For Tat", "Defector", 300)
    assert first["ci95"][0] <= first["estimate"] <= first["ci95"][1]
    assert abs(first["estimate"] - first["exact"]) < 0.1
    assert (tmp_path / "f" / "fixation.csv").is_file()
    table = CliRunner().invoke(main, args[:-3] + ["--out", str(tmp_path / "g")])
    assert "Fixation probabilities" in table.output and "Nowak" in table.output


def test_fixation_command_bad_input(tmp_path):
    result = CliRunner().invoke(main, ["fixation", "tft", "tft", "--out", str(tmp_path / "f")])
    assert result.exit_code == 1 and "same strategy" in result.output
    result = CliRunner().invoke(main, ["fixation", "tft", "alld", "--size", "4", "--start", "4"])
    assert result.exit_code == 2 and "--start must be below --size" in result.output
