"""``ipd run`` writes the statistics and the report; ``ipd report`` rebuilds them from the records."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from tests.tournament.cli.test_app import assert_user_error, invoke
from tournament.cli.app import main
from tournament.cli.render import phase_progress
from tournament.io.report.plots import PLOTS
from tournament.stats.summary import SUMMARY_KEYS

PLAYERS = "Cooperator,Defector,Tit For Tat,Grudger"
RUN = ["run", "-p", PLAYERS, "-t", "10", "-r", "2", "-s", "1"]


def test_run_json_has_the_summary(tmp_path):
    out = json.loads(invoke(*RUN, "--no-report", "--json", "-o", "run").stdout)
    summary = out["summary"]
    assert list(summary) == list(SUMMARY_KEYS)
    assert summary == json.loads((tmp_path / "run" / "summary.json").read_text())
    # 72 of 120 moves C (see test_summary); Defector wins with 2.6 per turn.
    assert summary["cooperation_rate"] == pytest.approx(0.6) and summary["winner"] == "Defector"


def test_run_no_report_writes_statistics_only(tmp_path):
    invoke(*RUN, "--no-report", "-q", "-o", "run")
    folder = tmp_path / "run"
    assert (folder / "summary.json").is_file() and (folder / "statistics" / "ratings.csv").is_file()
    assert not (folder / "report.html").exists() and not (folder / "plots").exists()


def test_run_shows_the_cooperation_panel(tmp_path):
    text = invoke(*RUN, "--no-report", "-o", "run").stdout
    assert "Cooperation" in text and "60.0%" in text and "backward induction" in text


def test_run_then_report_rebuilds_the_same_summary(tmp_path):
    invoke(*RUN, "-q", "-o", "run")
    folder = tmp_path / "run"
    assert (folder / "report.html").is_file() and not (folder / "plots").exists()
    summary = (folder / "summary.json").read_bytes()
    statistics = {p.name: p.read_bytes() for p in (folder / "statistics").iterdir()}
    (folder / "summary.json").unlink()
    shutil.rmtree(folder / "statistics")
    (folder / "report.html").unlink()
    result = invoke("report", str(folder))
    assert (folder / "summary.json").read_bytes() == summary
    assert {p.name: p.read_bytes() for p in (folder / "statistics").iterdir()} == statistics
    assert (folder / "report.html").is_file()
    assert "Cooperation" in result.stdout and "report.html" in result.stdout


def test_report_json_and_no_plots(tmp_path):
    invoke(
        "run", "-p", PLAYERS, "--prob-end", "0.2", "-n", "0.1", "-s", "2", "--no-report", "-q", "-o", "run"
    )
    folder = tmp_path / "run"
    written = json.loads((folder / "summary.json").read_text())
    printed = json.loads(invoke("report", str(folder), "--no-plots", "--json").stdout)
    assert printed == written
    assert printed["continuation_probability"] == pytest.approx(0.8)
    assert [t["met"] for t in printed["thresholds"].values()] == [True, True, False]
    assert not (folder / "report.html").exists()


def test_report_on_a_folder_that_is_not_a_run(tmp_path):
    (tmp_path / "empty").mkdir()
    assert_user_error(CliRunner().invoke(main, ["report", "empty"]), "empty", "manifest.json")
    assert not (tmp_path / "empty" / "summary.json").exists()


def test_report_on_a_run_without_its_tables(tmp_path):
    invoke(*RUN, "--no-report", "-q", "-o", "run")
    for table in (tmp_path / "run").glob("matches.*"):
        table.unlink()
    assert_user_error(CliRunner().invoke(main, ["report", "run"]), "matches")


def test_report_on_a_missing_folder():
    assert_user_error(CliRunner().invoke(main, ["report", "nowhere"]), "nowhere")


@pytest.mark.slow
def test_report_png_draws_the_plots_on_demand(tmp_path):
    invoke(*RUN, "-q", "-o", "run")
    folder = tmp_path / "run"
    summary = (folder / "summary.json").read_bytes()
    result = invoke("report", str(folder), "--png")
    assert sorted(p.name for p in (folder / "plots").iterdir()) == sorted(f"{name}.png" for name in PLOTS)
    assert f"Plots: {len(PLOTS)} PNG files" in result.stdout
    assert (folder / "summary.json").read_bytes() == summary


def test_report_png_needs_the_plots(tmp_path):
    invoke(*RUN, "--no-report", "-q", "-o", "run")
    assert_user_error(
        CliRunner().invoke(main, ["report", "run", "--no-plots", "--png"]), "--png", "--no-plots"
    )
    assert not (tmp_path / "run" / "plots").exists()


def test_phase_progress_names_each_phase():
    with phase_progress(False) as phase:
        assert phase is None
    with phase_progress(True) as phase:
        for name in ("Computing statistics", "Writing report.html"):
            phase(name)
