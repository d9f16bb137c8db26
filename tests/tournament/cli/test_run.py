"""``ipd run``: tournaments from configs and options, their results folders and their errors."""

from __future__ import annotations

import contextlib
import json
import random
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import tournament.round_robin as round_robin
from tests.tournament.cli.test_app import assert_user_error, invoke
from tournament.cli.app import main
from tournament.io.config import load_config

CONFIGS = Path(__file__).resolve().parents[3] / "configs"
OTHER_SECTIONS = {"evolution", "learn"}
CONFIG_FILES = sorted(
    p for p in CONFIGS.glob("*.toml") if not OTHER_SECTIONS & set(tomllib.loads(p.read_text()))
)
"""The tournament configs (those with an [evolution] or [learn] section are for other commands)."""
TRUST_CHARACTERS = {
    "Copycat": "Tit For Tat",
    "Always Cheat": "Defector",
    "Always Cooperate": "Cooperator",
    "Grudger": "Grudger",
    "Detective": "Detective",
    "Copykitten": "Tit For 2 Tats",
    "Simpleton": "Win-Stay Lose-Shift",
    "Random": "Random",
}


TABLES = ("players.csv", "cooperation_by_turn.csv", "summary.json", "statistics/scores.csv")


def assert_same_tables(one: Path, two: Path) -> None:
    """The same results in two run folders: the matches table and every written table."""
    pd.testing.assert_frame_equal(
        pd.read_parquet(one / "matches.parquet"), pd.read_parquet(two / "matches.parquet")
    )
    for name in TABLES:
        if name == "summary.json":
            a, b = (json.loads((folder / name).read_text()) for folder in (one, two))
            for summary in (a, b):
                summary["tournament"].pop("folder", None)
            assert a == b
        else:
            assert (one / name).read_bytes() == (two / name).read_bytes(), name


def config_players(path: Path) -> list[str]:
    entries = tomllib.loads(path.read_text())["players"]["strategies"]
    if entries == "all":
        return []
    return [e if isinstance(e, str) else e["name"] for e in entries]


def test_run_with_players(tmp_path):
    result = invoke(
        "run", "--players", "tft,alld,Random(p=0.3)", "--turns", "20", "--seed", "3", "--out", "run"
    )
    out = result.stdout
    for name in ("Tit For Tat", "Defector", "Random(p=0.3)", "Results in", "seed 3"):
        assert name in out
    files = {p.name for p in (tmp_path / "run").iterdir()}
    assert {"config.toml", "manifest.json", "matches.parquet", "players.csv"} <= files
    assert "matches.csv" not in files
    manifest = json.loads((tmp_path / "run" / "manifest.json").read_text())
    assert manifest["seed"] == 3 and manifest["settings"]["turns"] == 20
    assert [p.name for p in tmp_path.iterdir()] == ["run"]


def test_matches_csv_only_when_asked(tmp_path):
    invoke("run", "-p", "tft,alld", "-t", "5", "-s", "1", "--matches-csv", "--no-report", "-o", "run", "-q")
    csv = pd.read_csv(tmp_path / "run" / "matches.csv", keep_default_na=False)
    pd.testing.assert_frame_equal(
        csv, pd.read_parquet(tmp_path / "run" / "matches.parquet"), check_dtype=False
    )
    assert "matches_csv = true" in (tmp_path / "run" / "config.toml").read_text()


def test_run_json_parses(tmp_path):
    result = invoke("run", "--players", "tft,alld,Grudger", "--turns", "10", "--seed", "1", "--json")
    summary = json.loads(result.stdout)
    assert summary["seed"] == 1 and summary["seed_drawn"] is False
    assert [p["rank"] for p in summary["players"]] == [1, 2, 3]
    assert {p["name"] for p in summary["players"]} == {"Tit For Tat", "Defector", "Grudger"}
    assert summary["counts"]["players"] == 3
    assert Path(summary["folder"]).is_dir()
    assert (
        Path(summary["folder"]).parent == tmp_path / "results"
        or Path(summary["folder"]).parent.name == "results"
    )


def test_run_quiet_prints_only_the_folder(tmp_path):
    result = invoke("run", "--players", "tft,alld", "--turns", "5", "--quiet")
    folder = Path(result.stdout.strip())
    assert folder.parent == Path("results") and folder.name.startswith("tournament-")
    assert (folder / "manifest.json").is_file()


def test_run_default_tournament(tmp_path):
    summary = json.loads(invoke("run", "--turns", "5", "--repetitions", "1", "--json").stdout)
    assert summary["name"] == "default" and len(summary["players"]) == 8
    assert summary["seed_drawn"] is True
    assert Path(summary["folder"]).name.startswith("default-")


def test_run_interactions_and_game(tmp_path):
    invoke("run", "-p", "tft,alld", "-t", "4", "--game", "2,-1,3,0", "--interactions", "-o", "run", "-q")
    moves = pd.read_parquet(tmp_path / "run" / "interactions.parquet")
    row = moves[(moves.player_a == 0) & (moves.player_b == 1)].iloc[0]
    assert (row.moves_a, row.moves_b) == ("CDDD", "DDDD")
    matches = pd.read_parquet(tmp_path / "run" / "matches.parquet")
    pair = matches[(matches.player_a == 0) & (matches.player_b == 1)].iloc[0]
    assert (pair.score_a, pair.score_b) == (-1.0, 3.0)


def test_run_prob_end_and_workers_give_the_same_tables(tmp_path):
    args = ["run", "-p", "tft,alld,Random,Grudger", "--prob-end", "0.2", "-r", "20", "-s", "5", "-q"]
    invoke(*args, "-o", "serial")
    invoke(*args, "-o", "parallel", "--workers", "2")
    assert_same_tables(tmp_path / "serial", tmp_path / "parallel")
    manifest = json.loads((tmp_path / "serial" / "manifest.json").read_text())
    assert manifest["settings"]["prob_end"] == 0.2 and manifest["settings"]["turns"] is None


def test_run_on_a_local_dask_cluster_gives_the_same_tables(tmp_path):
    pytest.importorskip("distributed")
    args = ["run", "-p", "tft,Random,Grudger,wsls", "-t", "40", "-n", "0.05", "-r", "6", "-s", "5", "-q"]
    invoke(*args, "--no-report", "-o", "serial")
    invoke(*args, "--no-report", "-o", "dask", "--dask", "local", "--workers", "2")
    assert_same_tables(tmp_path / "serial", tmp_path / "dask")


def test_rerun_with_same_config_and_seed_gives_identical_tables(tmp_path):
    config = tmp_path / "c.toml"
    config.write_text(
        "[tournament]\nseed = 11\nrepetitions = 3\n[match]\nturns = 30\nnoise = 0.05\n"
        '[players]\nstrategies = ["tft", "Random(p=0.4)", "Grudger", "alld"]\n'
    )
    invoke("run", str(config), "--out", "one", "-q")
    invoke("run", str(config), "--out", "two", "-q")
    for name in ("players.csv", "matches.parquet", "players.parquet"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
    invoke("run", str(tmp_path / "one" / "config.toml"), "--out", "three", "-q")
    assert (tmp_path / "one" / "players.csv").read_bytes() == (
        tmp_path / "three" / "players.csv"
    ).read_bytes()


def test_an_existing_out_folder_is_replaced_only_with_overwrite(tmp_path):
    invoke("run", "-p", "tft,alld", "-t", "5", "-o", "run", "-q", "--seed", "1")
    before = {p.name: p.read_bytes() for p in (tmp_path / "run").iterdir() if p.is_file()}
    refused = CliRunner().invoke(main, ["run", "-p", "tft,alld", "-t", "5", "-o", "run", "-q", "--seed", "2"])
    assert_user_error(refused, "--out: run already holds a run; pass --overwrite")
    assert len(refused.stderr.strip().splitlines()) == 1
    assert {p.name: p.read_bytes() for p in (tmp_path / "run").iterdir() if p.is_file()} == before
    invoke("run", "-p", "tft,alld", "-t", "5", "-o", "run", "-q", "--seed", "2", "--overwrite")
    assert json.loads((tmp_path / "run" / "manifest.json").read_text())["seed"] == 2
    assert [p.name for p in tmp_path.iterdir()] == ["run"]


@pytest.mark.parametrize("path", CONFIG_FILES, ids=[p.stem for p in CONFIG_FILES])
def test_every_shipped_config_validates_and_runs(path, tmp_path):
    config = load_config(path)
    assert len(config.spec.players) >= 2
    summary = json.loads(
        invoke("run", str(path), "--turns", "5", "--repetitions", "1", "--no-report", "--json").stdout
    )
    assert len(summary["players"]) == len(config.spec.players)
    assert Path(summary["folder"]).name.startswith(f"{path.stem}-")


def test_axelrod_1980_config():
    path = CONFIGS / "axelrod_1980.toml"
    spec = load_config(path).spec
    assert len(spec.players) == 15
    assert (spec.settings.turns, spec.repetitions) == (200, 5)
    assert spec.players[0].name == "Tit For Tat" and spec.players[-1].name == "Random"


def test_trust_config_uses_the_characters():
    path = CONFIGS / "trust.toml"
    assert config_players(path) == list(TRUST_CHARACTERS)
    spec = load_config(path).spec
    assert [p.name for p in spec.players] == list(TRUST_CHARACTERS.values())
    assert spec.settings.turns == 10
    game = spec.settings.game
    assert (game.T, game.R, game.P, game.S) == (3, 2, 0, -1)


def test_trust_tournament_runs_in_full():
    summary = json.loads(invoke("run", str(CONFIGS / "trust.toml"), "--json").stdout)
    assert len(summary["players"]) == 8
    defector = next(p for p in summary["players"] if p["name"] == "Defector")
    cooperator = next(p for p in summary["players"] if p["name"] == "Cooperator")
    assert defector["cooperation_rate"] == 0 and cooperator["cooperation_rate"] == 1


@pytest.mark.parametrize("character", list(TRUST_CHARACTERS))
def test_character_names_work_everywhere(character):
    name = TRUST_CHARACTERS[character]
    assert json.loads(invoke("strategies", "show", character, "--json").stdout)["name"] == name
    assert json.loads(invoke("match", character, "tft", "-t", "3", "--json").stdout)["player_a"] == name
    summary = json.loads(invoke("run", "-p", f"{character},alld", "-t", "3", "--json").stdout)
    assert name in {p["name"] for p in summary["players"]}


def test_run_json_is_strict_even_without_scores():
    summary = json.loads(invoke("run", "-p", "tft", "-t", "3", "--json").stdout, parse_constant=pytest.fail)
    assert summary["players"][0]["median_score"] is None


# --- user errors: one readable message, non-zero exit, no traceback ---


def test_run_unknown_strategy():
    result = CliRunner().invoke(main, ["run", "--players", "Tit For Tatt,alld", "-t", "5"])
    assert_user_error(result, "--players:", "unknown strategy 'Tit For Tatt'", "'Tit For Tat'")
    assert len(result.stderr.strip().splitlines()) == 1


def test_run_bad_config_names_file_and_field(tmp_path):
    config = tmp_path / "bad.toml"
    config.write_text('[match]\nturns = 0\n[players]\nstrategies = ["tft"]\n')
    assert_user_error(CliRunner().invoke(main, ["run", str(config)]), "bad.toml: [match] turns:")


def test_run_malformed_config(tmp_path):
    config = tmp_path / "broken.toml"
    config.write_text('[match]\nturns = 10\n[players\nstrategies = ["tft"]\n')
    assert_user_error(CliRunner().invoke(main, ["run", str(config)]), "broken.toml: not valid TOML", "line 3")


def test_run_no_results_on_error(tmp_path):
    CliRunner().invoke(main, ["run", "--players", "nobody", "-o", "run"])
    assert not (tmp_path / "run").exists() and not (tmp_path / "results").exists()


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--turns", "0"], "--turns"),
        (["--turns", "5", "--prob-end", "0"], "--prob-end"),
        (["--noise", "1.5"], "--noise"),
        (["--prob-end", "-1"], "--prob-end"),
        (["--seed", "-1"], "--seed"),
        (["--game", "3,0,5"], "--game"),
        (["--out", "taken"], "--out"),
    ],
)
def test_run_bad_options(tmp_path, args, fragment):
    (tmp_path / "taken").write_text("a file")
    assert_user_error(CliRunner().invoke(main, ["run", "-p", "tft,alld", *args]), fragment)


def test_run_missing_config_file():
    assert_user_error(CliRunner().invoke(main, ["run", "nope.toml"]), "nope.toml")


# --- runs that never lose results: interruptions, resume, kill -9, concurrent runs ---

CHUNKED = ["-p", "tft,Random,Grudger,wsls,alld", "-t", "30", "-n", "0.05", "-r", "8", "-s", "3"]
CHUNKED += ["--batch-cells", "600", "--no-report", "-q", "--workers", "1"]
"""A run cut into 12 chunks of play, all in this process (where the chunks are counted)."""


PLAY_CHUNK = round_robin.play_chunk


def counting_chunks(monkeypatch, stop_at: int | None = None) -> list[int]:
    """Count the chunks played from here on; raise KeyboardInterrupt instead of playing number
    ``stop_at`` (from 1)."""
    original, played = PLAY_CHUNK, []

    def play_chunk(*args, **kwargs):
        if stop_at is not None and len(played) + 1 == stop_at:
            raise KeyboardInterrupt
        played.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(round_robin, "play_chunk", play_chunk)
    return played


def test_an_interrupted_run_resumes_from_its_finished_chunks(tmp_path, monkeypatch):
    whole = counting_chunks(monkeypatch)
    invoke("run", *CHUNKED, "-o", "whole")
    assert len(whole) == 12
    counting_chunks(monkeypatch, stop_at=4)
    stopped = CliRunner().invoke(main, ["run", *CHUNKED, "-o", "cut"])
    assert stopped.exit_code == 130
    assert "Stopped with 3 chunks of play kept; continue with: ipd run --resume cut" in stopped.stderr
    assert (
        not (tmp_path / "cut").exists()
        and len(list((tmp_path / ".cut.partial" / "chunks").glob("*.npz"))) == 3
    )
    resumed = counting_chunks(monkeypatch)
    assert invoke("run", "--resume", "cut", "-q", "--workers", "1").stdout.strip() == "cut"
    assert len(resumed) == 9
    assert_same_tables(tmp_path / "whole", tmp_path / "cut")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cut", "whole"]
    manifest = json.loads((tmp_path / "cut" / "manifest.json").read_text())
    assert manifest["seed"] == 3 and manifest["counts"]["matches"] == 15 * 8


def test_the_same_command_again_continues_an_interrupted_run(tmp_path, monkeypatch):
    counting_chunks(monkeypatch, stop_at=6)
    assert CliRunner().invoke(main, ["run", *CHUNKED]).exit_code == 130
    (work,) = (tmp_path / "results").iterdir()
    assert work.name.startswith(".tournament-") and work.name.endswith(".partial")
    resumed = counting_chunks(monkeypatch)
    again = invoke("run", *CHUNKED)
    assert len(resumed) == 7 and "Continuing the interrupted run" in again.stderr
    assert [p.name for p in (tmp_path / "results").iterdir()] == [work.name[1 : -len(".partial")]]
    invoke("run", *CHUNKED, "-o", "whole")
    assert_same_tables(tmp_path / "whole", tmp_path / "results" / work.name[1 : -len(".partial")])


def test_a_drawn_seed_is_kept_when_the_same_command_continues(tmp_path, monkeypatch):
    args = [a for a in CHUNKED if a not in ("-s", "3")]
    counting_chunks(monkeypatch, stop_at=3)
    assert CliRunner().invoke(main, ["run", *args]).exit_code == 130
    counting_chunks(monkeypatch)
    folder = Path(invoke("run", *args).stdout.strip())
    seed = json.loads((folder / "manifest.json").read_text())["seed"]
    invoke("run", *args, "-s", str(seed), "-o", "whole")
    assert_same_tables(tmp_path / "whole", folder)


def test_leftovers_of_other_runs_are_named_or_cleaned(tmp_path, monkeypatch):
    counting_chunks(monkeypatch, stop_at=3)
    CliRunner().invoke(main, ["run", *CHUNKED])
    counting_chunks(monkeypatch, stop_at=1)
    nothing = CliRunner().invoke(main, ["run", *CHUNKED, "-s", "4"])
    assert nothing.exit_code == 130 and "Interrupted" in nothing.stderr
    counting_chunks(monkeypatch)
    other = invoke("run", "-p", "tft,alld", "-t", "5", "-s", "1", "--no-report", "-q")
    assert (
        "holds an interrupted run (2 chunks done); continue it with: ipd run --resume results/tournament-"
        in (other.stderr)
    )
    hidden = [p.name for p in (tmp_path / "results").iterdir() if p.name.startswith(".")]
    assert len(hidden) == 1


def test_resume_errors_are_one_line(tmp_path, monkeypatch):
    for args, fragment in [
        (["--resume", "nowhere"], "--resume: there is no interrupted run of nowhere"),
        (["--resume", "x", "-o", "y"], "give only one of --resume and --out"),
    ]:
        result = CliRunner().invoke(main, ["run", *args])
        assert_user_error(result, fragment)
    invoke("run", "-p", "tft,alld", "-t", "5", "-o", "done", "-q")
    assert_user_error(CliRunner().invoke(main, ["run", "--resume", "done"]), "holds a finished run")
    counting_chunks(monkeypatch, stop_at=2)
    CliRunner().invoke(main, ["run", *CHUNKED, "-o", "cut"])
    counting_chunks(monkeypatch)
    other = CliRunner().invoke(main, ["run", *CHUNKED, "-o", "cut", "-s", "9"])
    assert_user_error(other, "--out: cut holds the interrupted run of another config (1 chunk done)")
    assert_user_error(
        CliRunner().invoke(main, ["run", *CHUNKED, "-s", "9", "--resume", "cut"]),
        "--resume: cut was started with another config",
    )
    invoke("run", *CHUNKED, "-o", "cut", "-s", "9", "--overwrite")
    assert json.loads((tmp_path / "cut" / "manifest.json").read_text())["seed"] == 9


def ipd(*args: str, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [str(Path(sys.executable).with_name("ipd")), *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def children(pid: int) -> set[int]:
    """Every descendant process of ``pid`` (Linux)."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            for child in (task / "children").read_text().split():
                found |= {int(child), *children(int(child))}
    return found


def running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] not in ("Z", "X")
    except OSError:
        return False


def wait_for(condition, seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


LARGE = ["configs/axelrod_1980.toml", "-r", "200", "-n", "0.05", "-s", "8", "--batch-cells", "10000"]
LARGE += ["--no-report", "-q"]
"""Axelrod's first tournament with noise, 200 repetitions, cut into 960 chunks of play: a run
plays ~300 chunks a second with two workers, so five kills, each up to ~0.3 s after a new
chunk, stop it well before its end (at 192 chunks a run could end before its fifth kill)."""


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_kill_9_five_times_then_resume_gives_the_tables_of_an_uninterrupted_run(tmp_path):
    root = Path(__file__).resolve().parents[3]
    config = root / LARGE[0]
    args = [str(config), *LARGE[1:]]
    whole = ipd("run", *args, "-o", str(tmp_path / "whole"), cwd=tmp_path)
    chunks = tmp_path / ".cut.partial" / "chunks"
    generator = random.Random(13)
    kills = 0
    command = ["run", *args, "-o", str(tmp_path / "cut"), "--workers", "2"]
    while kills < 5:
        run = ipd(*command, cwd=tmp_path)
        before = len(list(chunks.glob("*.npz"))) if chunks.is_dir() else 0

        def advanced(run=run, before=before) -> bool:
            return chunks.is_dir() and len(list(chunks.glob("*.npz"))) > before or run.poll() is not None

        assert wait_for(advanced)
        time.sleep(generator.uniform(0.0, 0.2))
        family = children(run.pid)
        run.kill()
        run.wait()
        kills += 1
        assert wait_for(lambda family=family: not any(running(pid) for pid in family), 10), "workers outlived"
        command = ["run", "--resume", str(tmp_path / "cut"), "--workers", "2"]
    assert not (tmp_path / "cut").exists()
    done = ipd(*command, cwd=tmp_path)
    assert done.wait(timeout=300) == 0, done.stderr.read()
    assert whole.wait(timeout=300) == 0, whole.stderr.read()
    assert_same_tables(tmp_path / "whole", tmp_path / "cut")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cut", "whole"]


@pytest.mark.slow
def test_sigterm_stops_a_run_that_resumes(tmp_path):
    root = Path(__file__).resolve().parents[3]
    args = [str(root / LARGE[0]), *LARGE[1:], "-o", "cut"]
    run = ipd("run", *args, cwd=tmp_path)
    chunks = tmp_path / ".cut.partial" / "chunks"
    assert wait_for(lambda: chunks.is_dir() and any(chunks.glob("*.npz")))
    run.terminate()
    assert run.wait(timeout=60) == 130
    assert "continue with: ipd run --resume cut" in run.stderr.read()
    kept = len(list(chunks.glob("*.npz")))
    assert kept >= 1 and not (tmp_path / "cut").exists()
    assert ipd("run", "--resume", "cut", cwd=tmp_path).wait(timeout=300) == 0
    assert ipd("run", *args[:-2], "-o", "whole", cwd=tmp_path).wait(timeout=300) == 0
    assert_same_tables(tmp_path / "whole", tmp_path / "cut")


@pytest.mark.slow
def test_ten_concurrent_runs_into_one_results_folder_give_ten_complete_folders(tmp_path):
    runs = [
        ipd("run", "-p", "tft,alld,Random", "-t", "10", "-s", str(seed), "--no-report", "-q", cwd=tmp_path)
        for seed in range(10)
    ]
    folders = []
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
        folders.append(tmp_path / out.strip())
    assert len(set(folders)) == 10 and sorted(folders) == sorted((tmp_path / "results").iterdir())
    seeds = {json.loads((folder / "manifest.json").read_text())["seed"] for folder in folders}
    assert seeds == set(range(10))
    for folder in folders:
        assert {"players.csv", "matches.parquet", "summary.json", "config.toml"} <= {
            p.name for p in folder.iterdir()
        }


def test_without_workers_a_run_plays_in_one_process_per_core_up_to_four(tmp_path, monkeypatch):
    import tournament.parallel as parallel

    seen: list[int] = []
    original = round_robin.run_tournament

    def recording(spec, **kwargs):
        seen.append(kwargs["workers"])
        return original(spec, **kwargs)

    monkeypatch.setattr(round_robin, "run_tournament", recording)
    monkeypatch.setattr(parallel, "auto_workers", lambda: 3)
    invoke("run", "-p", "tft,alld", "-s", "5", "-q", "-o", "auto")
    invoke("run", "-p", "tft,alld", "-s", "5", "-q", "-o", "one", "--workers", "1")
    assert seen == [3, 1]
    assert_same_tables(tmp_path / "auto", tmp_path / "one")
