"""``ipd run``: tournaments from configs and options, their results folders and their errors."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from tests.tournament.cli.test_app import assert_user_error, invoke
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
