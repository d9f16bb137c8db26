"""The ``ipd`` command line, end to end through click's test runner."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from tournament.cli.app import main
from tournament.io.config import load_config

CONFIGS = Path(__file__).resolve().parents[3] / "configs"
CONFIG_FILES = sorted(p for p in CONFIGS.glob("*.toml") if "evolution" not in tomllib.loads(p.read_text()))
"""The tournament configs (those with an [evolution] section are for ``ipd evolve``)."""
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


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def config_players(path: Path) -> list[str]:
    entries = tomllib.loads(path.read_text())["players"]["strategies"]
    if entries == "all":
        return []
    return [e if isinstance(e, str) else e["name"] for e in entries]


def invoke(*args: str, code: int = 0):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == code, result.output
    return result


def assert_user_error(result, *fragments: str) -> None:
    assert result.exit_code != 0
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert result.stderr.startswith("Error:") or "Error:" in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr


# --- ipd, --version, --help ---


def test_version():
    assert invoke("--version").stdout.strip() == "ipd 0.1.0"


@pytest.mark.parametrize(
    "command",
    [[], ["run"], ["strategies"], ["strategies", "show"], ["match"]]
    + [["evolve"], ["fixation"], ["report"], ["sweep"]],
)
def test_help_has_an_example(command):
    out = invoke(*command, "--help").stdout
    assert "Examples:" in out and "ipd " in out.split("Examples:")[1]


# --- ipd run ---


def test_run_with_players(tmp_path):
    result = invoke(
        "run", "--players", "tft,alld,Random(p=0.3)", "--turns", "20", "--seed", "3", "--out", "run"
    )
    out = result.stdout
    for name in ("Tit For Tat", "Defector", "Random(p=0.3)", "Results in", "seed 3"):
        assert name in out
    files = {p.name for p in (tmp_path / "run").iterdir()}
    assert {"config.toml", "manifest.json", "matches.parquet", "matches.csv", "players.csv"} <= files
    manifest = json.loads((tmp_path / "run" / "manifest.json").read_text())
    assert manifest["seed"] == 3 and manifest["settings"]["turns"] == 20


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
    for name in ("matches.csv", "players.csv"):
        assert (tmp_path / "serial" / name).read_bytes() == (tmp_path / "parallel" / name).read_bytes()
    manifest = json.loads((tmp_path / "serial" / "manifest.json").read_text())
    assert manifest["settings"]["prob_end"] == 0.2 and manifest["settings"]["turns"] is None


def test_run_on_a_local_dask_cluster_gives_the_same_tables(tmp_path):
    pytest.importorskip("distributed")
    args = ["run", "-p", "tft,Random,Grudger,wsls", "-t", "40", "-n", "0.05", "-r", "6", "-s", "5", "-q"]
    invoke(*args, "--no-report", "-o", "serial")
    invoke(*args, "--no-report", "-o", "dask", "--dask", "local", "--workers", "2")
    for name in ("matches.csv", "players.csv", "cooperation_by_turn.csv"):
        assert (tmp_path / "serial" / name).read_bytes() == (tmp_path / "dask" / name).read_bytes()


def test_rerun_with_same_config_and_seed_gives_identical_tables(tmp_path):
    config = tmp_path / "c.toml"
    config.write_text(
        "[tournament]\nseed = 11\nrepetitions = 3\n[match]\nturns = 30\nnoise = 0.05\n"
        '[players]\nstrategies = ["tft", "Random(p=0.4)", "Grudger", "alld"]\n'
    )
    invoke("run", str(config), "--out", "one", "-q")
    invoke("run", str(config), "--out", "two", "-q")
    for name in ("players.csv", "matches.csv", "matches.parquet", "players.parquet"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
    invoke("run", str(tmp_path / "one" / "config.toml"), "--out", "three", "-q")
    assert (tmp_path / "one" / "players.csv").read_bytes() == (
        tmp_path / "three" / "players.csv"
    ).read_bytes()


def test_rerun_into_the_same_out_folder_replaces_it(tmp_path):
    invoke("run", "-p", "tft,alld", "-t", "5", "-o", "run", "-q", "--seed", "1")
    invoke("run", "-p", "tft,alld", "-t", "5", "-o", "run", "-q", "--seed", "2")
    assert json.loads((tmp_path / "run" / "manifest.json").read_text())["seed"] == 2


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
        (["--turns", "5", "--prob-end", "0.1"], "only one of --turns and --prob-end"),
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


# --- ipd strategies ---


def test_strategies_table():
    out = invoke("strategies").stdout
    assert "Tit For Tat" in out and "Copycat" in out and "strategies." in out


def test_strategies_json_and_filters():
    rows = json.loads(invoke("strategies", "--json").stdout)
    by_name = {r["name"]: r for r in rows}
    assert by_name["Random"]["parameters"][0]["name"] == "p"
    assert by_name["Random"]["classification"]["stochastic"] is True
    assert by_name["Tit For Tat"]["classification"]["memory_depth"] == 1
    assert "Copycat" in by_name["Tit For Tat"]["aliases"]
    stochastic = {r["name"] for r in json.loads(invoke("strategies", "--stochastic", "--json").stdout)}
    deterministic = {r["name"] for r in json.loads(invoke("strategies", "--deterministic", "--json").stdout)}
    assert "Random" in stochastic and "Defector" in deterministic
    assert stochastic.isdisjoint(deterministic) and stochastic | deterministic == set(by_name)
    shallow = {r["name"] for r in json.loads(invoke("strategies", "--memory-depth", "0", "--json").stdout)}
    assert {"Cooperator", "Defector"} <= shallow and "Tit For Tat" not in shallow
    found = {r["name"] for r in json.loads(invoke("strategies", "--search", "copycat", "--json").stdout)}
    assert "Tit For Tat" in found and "Defector" not in found


def test_strategies_show():
    out = invoke("strategies", "show", "Random(p=0.3)").stdout
    assert "Random(p=0.3)" in out and "probability of cooperating" in out and "Axelrod" in out
    assert "Cooperates with probability p" in out


def test_strategies_show_unknown():
    assert_user_error(
        CliRunner().invoke(main, ["strategies", "show", "Grudgr"]), "unknown strategy", "'Grudger'"
    )


# --- ipd match ---


def test_match_shows_strips_scores_and_states():
    out = invoke("match", "tft", "alld", "--turns", "10", "--seed", "1").stdout
    assert "Tit For Tat  vs  Defector" in out
    assert "CDDDDDDDDD" in out and "DDDDDDDDDD" in out
    assert "CD 1 (10%)" in out and "DD 9 (90%)" in out
    assert "Defector wins 14 to 9" in out


def test_match_wraps_long_matches_with_running_scores():
    out = invoke("match", "tft", "Cooperator", "--turns", "250").stdout
    assert out.count("turn ") >= 3 and "750" in out and "A draw" in out


def test_match_json():
    data = json.loads(
        invoke("match", "Copycat", "Always Cheat", "-t", "5", "--game", "2,-1,3,0", "--json").stdout
    )
    assert data["moves_a"] == "CDDDD" and data["moves_b"] == "DDDDD"
    assert data["scores"] == [-1.0, 3.0]
    assert data["state_counts"] == {"CC": 0, "CD": 1, "DC": 0, "DD": 4}


def test_match_is_reproducible_with_a_seed():
    args = ["match", "Random", "Random(p=0.7)", "-t", "50", "-n", "0.1", "-s", "9", "--json"]
    assert invoke(*args).stdout == invoke(*args).stdout


def test_match_prob_end():
    data = json.loads(invoke("match", "tft", "alld", "--prob-end", "0.5", "-s", "2", "--json").stdout)
    assert data["turns"] >= 1


def test_match_errors():
    assert_user_error(CliRunner().invoke(main, ["match", "tft", "Defektor"]), "'Defektor'")
    assert_user_error(CliRunner().invoke(main, ["match", "tft", "alld", "--game", "x"]), "payoffs")
    assert_user_error(CliRunner().invoke(main, ["match", "tft", "alld", "-t", "0"]), "--turns")


def test_run_json_is_strict_even_without_scores():
    summary = json.loads(invoke("run", "-p", "tft", "-t", "3", "--json").stdout, parse_constant=pytest.fail)
    assert summary["players"][0]["median_score"] is None


def test_match_shows_the_character_names_the_class_knows():
    out = invoke("match", "Copycat", "Always Cheat", "--turns", "10", "--game", "2,-1,3,0").stdout
    assert "Copycat (Tit For Tat)  vs  Always Cheat (Defector)" in out
    assert "Always Cheat (Defector) wins 3 to -1" in out
