"""The results folder: complete, reproducible, and never half-written."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from tournament import TournamentSpec, run_tournament
from tournament.io import storage
from tournament.io.config import OutputOptions, RunConfig, load_config


def make_config(formats=("parquet", "csv"), interactions=False, seed=1) -> RunConfig:
    spec = TournamentSpec.build(["tft", "alld", "Random(p=0.3)"], turns=5, repetitions=2, seed=seed, name="T")
    return RunConfig(spec, OutputOptions(Path("results"), interactions, tuple(formats)))


def play(config: RunConfig):
    return run_tournament(config.spec, interactions=config.output.interactions)


def hidden_leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith("."))


def test_write_run_writes_every_file(tmp_path):
    config = make_config(interactions=True)
    results = play(config)
    folder = storage.write_run(results, config, tmp_path / "run", command=["ipd", "run"], wall_seconds=1.5)
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "config.toml",
        "cooperation_by_turn.csv",
        "cooperation_by_turn.parquet",
        "interactions.parquet",
        "manifest.json",
        "matches.csv",
        "matches.parquet",
        "players.csv",
        "players.parquet",
    ]
    assert hidden_leftovers(tmp_path) == []
    pd.testing.assert_frame_equal(pd.read_parquet(folder / "matches.parquet"), results.matches)
    pd.testing.assert_frame_equal(pd.read_parquet(folder / "players.parquet"), results.players)
    assert list(pd.read_csv(folder / "players.csv")["name"]) == list(results.players["name"])
    assert len(pd.read_parquet(folder / "interactions.parquet")) == len(results.matches)


def test_manifest_describes_the_run(tmp_path):
    config = make_config()
    results = play(config)
    folder = storage.write_run(
        results, config, tmp_path / "run", command=["ipd", "run", "x.toml"], wall_seconds=2.0
    )
    info = json.loads((folder / "manifest.json").read_text())
    assert info["seed"] == 1 and info["name"] == "T"
    assert info["command"] == ["ipd", "run", "x.toml"]
    assert info["counts"] == results.counts
    assert info["timings"]["wall_seconds"] == 2.0
    assert {"python", "numpy", "pandas", "pyarrow", "ipd-tournament"} <= set(info["versions"])
    assert info["settings"]["turns"] == 5 and info["settings"]["repetitions"] == 2
    assert info["players"] == ["Tit For Tat", "Defector", "Random(p=0.3)"]
    assert set(info["files"]) == {p.name for p in folder.iterdir()} - {"manifest.json"}


def test_resolved_config_replays_the_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = make_config()
    first = play(config)
    folder = storage.write_run(first, config, tmp_path / "run")
    replay = load_config(folder / "config.toml")
    assert replay.spec == config.spec
    pd.testing.assert_frame_equal(play(replay).players, first.players)


def test_same_seed_gives_identical_files(tmp_path):
    config = make_config()
    one = storage.write_run(play(config), config, tmp_path / "one")
    two = storage.write_run(play(config), config, tmp_path / "two")
    for name in ("matches.parquet", "matches.csv", "players.parquet", "players.csv"):
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_formats_and_the_matches_csv_limit(tmp_path, monkeypatch):
    config = make_config(formats=("parquet",))
    results = play(config)
    names = {p.name for p in storage.write_run(results, config, tmp_path / "a").iterdir()}
    assert "players.csv" not in names and "matches.parquet" in names
    monkeypatch.setattr(storage, "MATCHES_CSV_MAX_ROWS", 3)
    config = make_config()
    names = {p.name for p in storage.write_run(results, config, tmp_path / "b").iterdir()}
    assert "matches.csv" not in names and "players.csv" in names
    config = make_config(formats=("csv",))
    names = {p.name for p in storage.write_run(results, config, tmp_path / "c").iterdir()}
    assert "matches.csv" in names and not any(n.endswith(".parquet") for n in names)


@pytest.mark.parametrize("error", [RuntimeError("disk on fire"), KeyboardInterrupt()])
def test_interrupted_write_leaves_no_partial_output(tmp_path, monkeypatch, error):
    config = make_config()
    results = play(config)
    original = pd.DataFrame.to_parquet
    calls = []

    def failing_to_parquet(self, path, *args, **kwargs):
        calls.append(path)
        if len(calls) == 2:
            Path(path).write_bytes(b"half a file")
            raise error
        return original(self, path, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_parquet", failing_to_parquet)
    with pytest.raises(type(error)):
        storage.write_run(results, config, tmp_path / "run")
    assert list(tmp_path.iterdir()) == []


def test_failed_rewrite_keeps_the_previous_run(tmp_path, monkeypatch):
    config = make_config()
    results = play(config)
    folder = storage.write_run(results, config, tmp_path / "run")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    monkeypatch.setattr(storage, "to_toml", lambda config: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        storage.write_run(results, config, folder)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert hidden_leftovers(tmp_path) == []


def test_rewrite_replaces_a_previous_run(tmp_path):
    config = make_config()
    folder = storage.write_run(play(config), config, tmp_path / "run")
    (folder / "extra.txt").write_text("from an older version")
    other = make_config(seed=2)
    storage.write_run(play(other), other, folder)
    assert not (folder / "extra.txt").exists()
    assert json.loads((folder / "manifest.json").read_text())["seed"] == 2
    assert hidden_leftovers(tmp_path) == []


def test_refuses_to_replace_a_folder_that_is_not_a_run(tmp_path):
    config = make_config()
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    with pytest.raises(FileExistsError):
        storage.write_run(play(config), config, tmp_path / "mine")
    assert (tmp_path / "mine" / "notes.txt").read_text() == "keep me"
    assert hidden_leftovers(tmp_path) == []


def test_atomic_write_removes_the_temporary_file(tmp_path):
    def broken(path: Path) -> None:
        path.write_text("partial")
        raise OSError("no space left")

    with pytest.raises(OSError):
        storage.atomic_write(tmp_path / "file.csv", broken)
    assert list(tmp_path.iterdir()) == []
    storage.atomic_write(tmp_path / "file.csv", lambda path: path.write_text("done"))
    assert [p.name for p in tmp_path.iterdir()] == ["file.csv"]


def test_new_run_folder_names(tmp_path):
    when = datetime(2024, 5, 6, 7, 8, 9)
    first = storage.new_run_folder(tmp_path, "demo", when)
    assert first == tmp_path / "demo-20240506-070809"
    first.mkdir()
    assert storage.new_run_folder(tmp_path, "demo", when) == tmp_path / "demo-20240506-070809-2"
