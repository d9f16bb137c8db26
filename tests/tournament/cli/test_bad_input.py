"""Every bad number, name, file or folder a careless user can give, on every command: one
``Error:`` line that says what is wrong, a non-zero exit, no traceback, no results written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tournament.cli.app import main

PLAYERS = ["-p", "tft,alld"]
BIG = "3000000000"
TINY = "1e-12"

CASES: list[tuple[str, list[str], str]] = [
    # ipd run: numbers
    ("run-turns-huge", ["run", *PLAYERS, "--turns", BIG], "--turns"),
    ("run-turns-zero", ["run", *PLAYERS, "--turns", "0"], "--turns"),
    ("run-turns-negative", ["run", *PLAYERS, "--turns", "-5"], "--turns"),
    ("run-turns-fraction", ["run", *PLAYERS, "--turns", "2.5"], "--turns"),
    ("run-turns-text", ["run", *PLAYERS, "--turns", "many"], "--turns"),
    ("run-prob-end-tiny", ["run", *PLAYERS, "--prob-end", TINY], "expected match length"),
    ("run-prob-end-zero", ["run", *PLAYERS, "--prob-end", "0"], "--prob-end"),
    ("run-prob-end-above-one", ["run", *PLAYERS, "--prob-end", "1.5"], "--prob-end"),
    ("run-prob-end-nan", ["run", *PLAYERS, "--prob-end", "nan"], "--prob-end"),
    ("run-turns-and-prob-end-zero", ["run", *PLAYERS, "--turns", "5", "--prob-end", "0"], "--prob-end"),
    ("run-noise-above-one", ["run", *PLAYERS, "--noise", "1.5"], "--noise"),
    ("run-noise-negative", ["run", *PLAYERS, "--noise", "-0.1"], "--noise"),
    ("run-noise-inf", ["run", *PLAYERS, "--noise", "inf"], "--noise"),
    ("run-repetitions-zero", ["run", *PLAYERS, "--repetitions", "0"], "--repetitions"),
    ("run-repetitions-huge", ["run", *PLAYERS, "--repetitions", "10000000"], "held in memory"),
    (
        "run-too-big-for-memory",
        ["run", "-p", "all", "-r", "900000", "-t", "5"],
        "of memory for their records",
    ),
    ("run-seed-negative", ["run", *PLAYERS, "--seed", "-1"], "--seed"),
    ("run-seed-huge", ["run", *PLAYERS, "--seed", str(2**64)], "--seed"),
    ("run-game-three", ["run", *PLAYERS, "--game", "3,0,5"], "--game"),
    ("run-game-words", ["run", *PLAYERS, "--game", "a,b,c,d"], "--game"),
    ("run-game-inf", ["run", *PLAYERS, "--game", "3,0,inf,1"], "--game"),
    ("run-workers-zero", ["run", *PLAYERS, "--workers", "0"], "--workers"),
    ("run-batch-cells-zero", ["run", *PLAYERS, "--batch-cells", "0"], "--batch-cells"),
    # ipd run: names, files, folders
    ("run-unknown-player", ["run", "-p", "Tit For Tatt,alld"], "unknown strategy 'Tit For Tatt'"),
    ("run-empty-players", ["run", "-p", ","], "--players"),
    ("run-bad-parameter", ["run", "-p", "Random(p=2)"], "Random"),
    ("run-missing-config", ["run", "nope.toml"], "nope.toml"),
    ("run-config-not-toml", ["run", "broken.toml"], "not valid TOML"),
    ("run-config-turns-zero", ["run", "turns0.toml"], "[match] turns"),
    ("run-config-unknown-section", ["run", "unknown.toml"], "unknown section"),
    ("run-evolution-config", ["run", "evo.toml"], "ipd evolve"),
    ("run-out-is-a-file", ["run", *PLAYERS, "--out", "afile.txt"], "--out"),
    ("run-out-not-a-run", ["run", *PLAYERS, "--out", "notes"], "does not hold a previous run"),
    ("run-out-holds-a-run", ["run", *PLAYERS, "--out", "done"], "pass --overwrite"),
    ("run-resume-nothing", ["run", "--resume", "nowhere"], "no interrupted run"),
    ("run-resume-finished", ["run", "--resume", "done"], "holds a finished run"),
    ("run-resume-and-out", ["run", "--resume", "done", "--out", "x"], "only one of --resume and --out"),
    ("run-submissions-missing", ["run", "--strategies", "no-such-folder"], "no-such-folder"),
    # ipd match
    ("match-unknown", ["match", "tft", "nobody"], "nobody"),
    ("match-one-player", ["match", "tft"], "Error"),
    ("match-turns-huge", ["match", "tft", "alld", "--turns", BIG], "--turns"),
    ("match-prob-end-tiny", ["match", "tft", "alld", "--prob-end", TINY], "expected match length"),
    ("match-noise", ["match", "tft", "alld", "--noise", "7"], "--noise"),
    ("match-game", ["match", "tft", "alld", "--game", "1,2"], "--game"),
    ("match-seed", ["match", "tft", "alld", "--seed", "x"], "--seed"),
    # ipd evolve
    ("evolve-population-huge", ["evolve", "--population", "tft:100000,alld:3"], "at most 10,000"),
    ("evolve-population-unknown", ["evolve", "--population", "nobody:5"], "nobody"),
    ("evolve-population-negative", ["evolve", "--population", "tft:-2,alld:3"], "count"),
    ("evolve-population-zero", ["evolve", "--population", "tft:0,alld:0"], "no individuals"),
    ("evolve-no-population", ["evolve"], "population"),
    ("evolve-dynamics", ["evolve", "-p", "tft:5,alld:5", "--dynamics", "magic"], "--dynamics"),
    ("evolve-generations", ["evolve", "-p", "tft:5,alld:5", "-g", "-3"], "--generations"),
    ("evolve-mutation", ["evolve", "-p", "tft:5,alld:5", "--mutation", "2"], "--mutation"),
    ("evolve-mode", ["evolve", "-p", "tft:5,alld:5", "--mode", "sideways"], "--mode"),
    ("evolve-graph", ["evolve", "-p", "tft:5,alld:5", "--graph", "torus"], "graph"),
    (
        "evolve-eliminate",
        ["evolve", "-p", "tft:5,alld:5", "--dynamics", "eliminate", "-k", "0"],
        "--eliminate",
    ),
    ("evolve-intensity", ["evolve", "-p", "tft:5,alld:5", "--intensity", "5"], "--intensity"),
    ("evolve-turns-huge", ["evolve", "-p", "tft:5,alld:5", "--turns", BIG], "--turns"),
    ("evolve-prob-end-tiny", ["evolve", "-p", "tft:5,alld:5", "--prob-end", TINY], "expected match length"),
    ("evolve-tournament-config", ["evolve", "turns0.toml"], "Error"),
    ("evolve-out-is-a-file", ["evolve", "-p", "tft:5,alld:5", "--out", "afile.txt"], "afile.txt"),
    # ipd fixation
    ("fixation-unknown", ["fixation", "tft", "nobody"], "nobody"),
    ("fixation-size-one", ["fixation", "tft", "alld", "-N", "1"], "--size"),
    ("fixation-size-huge", ["fixation", "tft", "alld", "-N", "100000"], "10,000"),
    ("fixation-runs-zero", ["fixation", "tft", "alld", "-R", "0"], "--runs"),
    ("fixation-start-too-many", ["fixation", "tft", "alld", "-N", "5", "--start", "9"], "start"),
    ("fixation-mode", ["fixation", "tft", "alld", "--mode", "x"], "mode"),
    ("fixation-intensity", ["fixation", "tft", "alld", "-w", "3"], "intensity"),
    ("fixation-turns-huge", ["fixation", "tft", "alld", "--turns", BIG], "--turns"),
    ("fixation-prob-end-tiny", ["fixation", "tft", "alld", "--prob-end", TINY], "expected match length"),
    ("fixation-out-not-a-run", ["fixation", "tft", "alld", "--out", "notes"], "notes"),
    # ipd sweep
    ("sweep-missing-config", ["sweep", "nope.toml", "--noise", "0,0.1"], "nope.toml"),
    ("sweep-prob-end-above-one", ["sweep", "ok.toml", "--prob-end", "0.5,2"], "prob_end must be"),
    ("sweep-prob-end-tiny", ["sweep", "ok.toml", "--prob-end", f"0.5,{TINY}"], "expected match length"),
    ("sweep-noise-text", ["sweep", "ok.toml", "--noise", "0,lots"], "--noise"),
    ("sweep-bad-config", ["sweep", "broken.toml", "--noise", "0,0.1"], "not valid TOML"),
    ("sweep-repetitions", ["sweep", "ok.toml", "--noise", "0,0.1", "-r", "0"], "--repetitions"),
    # ipd report
    ("report-missing", ["report", "nowhere"], "nowhere"),
    ("report-not-a-run", ["report", "notes"], "notes"),
    ("report-a-file", ["report", "afile.txt"], "afile.txt"),
    ("report-broken-manifest", ["report", "broken-run"], "broken-run"),
    # ipd check
    ("check-missing", ["check", "nowhere"], "nowhere"),
    ("check-turns-huge", ["check", "notes", "--turns", BIG], "--turns"),
    ("check-move-seconds", ["check", "notes", "--move-seconds", "-1"], "--move-seconds"),
    ("check-memory", ["check", "notes", "--memory-mb", "1"], "--memory-mb"),
    # ipd exact
    ("exact-out-is-a-file", ["exact", "tft", "alld", "--out", "afile.txt"], "afile.txt: it is a file"),
    ("exact-table-out-is-a-file", ["exact", "tft", "alld", "wsls", "--out", "afile.txt"], "afile.txt"),
    (
        "exact-out-and-discount",
        ["exact", "tft", "alld", "--out", "x", "--discount", "0.9"],
        "--discount or --out",
    ),
    # ipd strategies
    ("strategies-show-unknown", ["strategies", "show", "nobody"], "nobody"),
    ("strategies-memory-depth", ["strategies", "--memory-depth", "-1"], "--memory-depth"),
    ("strategies-source", ["strategies", "--source", "elsewhere"], "--source"),
    ("strategies-search-missing", ["strategies", "--search"], "--search"),
]


@pytest.fixture
def files(tmp_path: Path, finished_run: Path) -> Path:
    """The files and folders the cases name, in the current (temporary) folder."""
    (tmp_path / "broken.toml").write_text('[match]\nturns = 10\n[players\nstrategies = ["tft"]\n')
    (tmp_path / "turns0.toml").write_text('[match]\nturns = 0\n[players]\nstrategies = ["tft", "alld"]\n')
    (tmp_path / "unknown.toml").write_text('[matches]\nturns = 5\n[players]\nstrategies = ["tft"]\n')
    (tmp_path / "ok.toml").write_text('[match]\nturns = 5\n[players]\nstrategies = ["tft", "alld"]\n')
    (tmp_path / "evo.toml").write_text(
        '[evolution]\ndynamics = "moran"\npopulation = "tft:5,alld:5"\n[match]\nturns = 5\n'
    )
    (tmp_path / "afile.txt").write_text("a file")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "keep.txt").write_text("keep me")
    (tmp_path / "broken-run").mkdir()
    (tmp_path / "broken-run" / "manifest.json").write_text("{ not json")
    shutil.copytree(finished_run, tmp_path / "done")
    return tmp_path


@pytest.fixture(scope="module")
def finished_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A finished run folder (made once)."""
    folder = tmp_path_factory.mktemp("finished") / "done"
    done = CliRunner().invoke(main, ["run", *PLAYERS, "-t", "3", "--no-report", "-q", "-o", str(folder)])
    assert done.exit_code == 0, done.output
    return folder


def test_the_battery_is_large_and_covers_every_command():
    commands = {args[0] for _, args, _ in CASES}
    assert len(CASES) >= 60 and len({name for name, _, _ in CASES}) == len(CASES)
    assert commands == {
        "run",
        "match",
        "evolve",
        "fixation",
        "sweep",
        "report",
        "check",
        "exact",
        "strategies",
    }


@pytest.mark.parametrize(("name", "args", "fragment"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_gives_one_error_line(files: Path, name: str, args: list[str], fragment: str) -> None:
    before = sorted(p.relative_to(files) for p in files.rglob("*"))
    result = CliRunner().invoke(main, args)
    assert result.exit_code not in (0, None), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if "Error:" in line]
    assert len(errors) == 1 and errors[0].startswith("Error:"), result.stderr
    assert fragment in result.stderr, result.stderr
    assert result.stdout == ""
    assert sorted(p.relative_to(files) for p in files.rglob("*")) == before, "files were written"


@pytest.mark.parametrize(
    "args",
    [
        ["run", *PLAYERS, "-t", "3", "-q"],
        ["evolve", "-p", "tft:2,alld:2", "-g", "2", "-q"],
        ["fingerprint", "tft"],
    ],
    ids=["run", "evolve", "fingerprint"],
)
def test_a_disk_that_refuses_the_results_folder_is_one_error_line(tmp_path, monkeypatch, args):
    """A folder the checks cannot foresee failing (a full disk, a parent that holds no folders,
    like /proc): one Error line, no traceback."""
    import errno
    import tempfile

    def full(*_args: object, **_kwargs: object) -> str:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "mkdtemp", full)
    result = CliRunner().invoke(main, [*args, "--out", str(tmp_path / "out")])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert (
        result.stderr.strip()
        == f"Error: cannot create the results folder {tmp_path / 'out'}: No space left on device"
    )
