"""The results folder: complete, reproducible, and never half-written."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import time
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tournament import TournamentSpec, run_tournament
from tournament.core.observers import TurnProfile
from tournament.core.record import ChunkRecords
from tournament.io import folders, storage
from tournament.io.config import OutputOptions, RunConfig, load_config


def make_config(formats=("parquet", "csv"), interactions=False, seed=1, matches_csv=False) -> RunConfig:
    spec = TournamentSpec.build(["tft", "alld", "Random(p=0.3)"], turns=5, repetitions=2, seed=seed, name="T")
    output = OutputOptions(Path("results"), interactions, tuple(formats), matches_csv=matches_csv)
    return RunConfig(spec, output)


def play(config: RunConfig):
    return run_tournament(config.spec, interactions=config.output.interactions)


def hidden_leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith("."))


def test_write_run_writes_every_file(tmp_path):
    config = make_config(interactions=True, matches_csv=True)
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
    config = make_config(matches_csv=True)
    one = storage.write_run(play(config), config, tmp_path / "one")
    two = storage.write_run(play(config), config, tmp_path / "two")
    for name in ("matches.parquet", "matches.csv", "players.parquet", "players.csv"):
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_formats_and_matches_csv_only_when_asked(tmp_path):
    config = make_config(formats=("parquet",))
    results = play(config)
    names = {p.name for p in storage.write_run(results, config, tmp_path / "a").iterdir()}
    assert "players.csv" not in names and "matches.parquet" in names
    names = {p.name for p in storage.write_run(results, make_config(), tmp_path / "b").iterdir()}
    assert "matches.csv" not in names and {"players.csv", "matches.parquet"} <= names
    names = {
        p.name for p in storage.write_run(results, make_config(matches_csv=True), tmp_path / "c").iterdir()
    }
    assert "matches.csv" in names
    config = make_config(formats=("csv",))
    names = {p.name for p in storage.write_run(results, config, tmp_path / "d").iterdir()}
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


# --- claims: no two runs ever write the same folder; leftovers of dead runs ---

WHEN = datetime(2024, 5, 6, 7, 8, 9)


def test_claims_in_the_same_second_get_distinct_folders(tmp_path):
    claims = [folders.claim_new(tmp_path, "demo", WHEN) for _ in range(3)]
    assert [c.folder.name for c in claims] == [
        "demo-20240506-070809",
        "demo-20240506-070809-2",
        "demo-20240506-070809-3",
    ]
    assert all(c.work.is_dir() and (c.work / ".lock").is_file() for c in claims)
    assert not any(c.folder.exists() for c in claims)


def _claim_after(barrier, base: str, names, hold) -> None:
    barrier.wait()
    claim = folders.claim_new(Path(base), "demo", WHEN)
    names.put(claim.folder.name)
    hold.get(timeout=60)  # keep the claim until the parent has every name
    claim.discard()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_concurrent_processes_never_share_a_folder(tmp_path):
    context = multiprocessing.get_context("fork")
    barrier, names, hold = context.Barrier(10), context.Queue(), context.Queue()
    processes = [
        context.Process(target=_claim_after, args=(barrier, str(tmp_path), names, hold)) for _ in range(10)
    ]
    for process in processes:
        process.start()
    got = [names.get(timeout=60) for _ in processes]
    for _ in processes:
        hold.put("done")
    for process in processes:
        process.join(timeout=60)
    assert len(set(got)) == 10
    assert [p.exitcode for p in processes] == [0] * 10
    assert list(tmp_path.iterdir()) == []


def test_a_held_folder_cannot_be_claimed(tmp_path):
    claim = folders.claim_folder(tmp_path / "run")
    with pytest.raises(folders.FolderError, match=rf"being written by another run \(process {os.getpid()}\)"):
        folders.claim_folder(tmp_path / "run")
    assert list(folders.leftovers(tmp_path)) == []
    claim.discard()
    assert list(tmp_path.iterdir()) == []


def _claim_and_die(base: str) -> None:
    claim = folders.claim_folder(Path(base) / "run")
    claim.save_state(identity="x")
    claim.chunks.save("0-0", CHUNK)
    os.kill(os.getpid(), signal.SIGKILL)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_killed_run_leaves_a_leftover_that_can_be_taken_over(tmp_path):
    process = multiprocessing.get_context("fork").Process(target=_claim_and_die, args=(str(tmp_path),))
    process.start()
    process.join(timeout=30)
    assert process.exitcode == -signal.SIGKILL
    (leftover,) = folders.leftovers(tmp_path)
    assert (leftover.folder, leftover.chunks, leftover.state) == (tmp_path / "run", 1, {"identity": "x"})
    claim = folders.claim_folder(tmp_path / "run")
    assert claim.resumed and claim.state == {"identity": "x"} and len(claim.chunks) == 1
    assert list(folders.leftovers(tmp_path)) == []
    assert folders.remove_leftover(leftover) is False  # held by the claim
    claim.release()
    assert folders.remove_leftover(leftover) is True
    assert list(tmp_path.iterdir()) == []


def test_publish_renames_staging_and_removes_the_work_folder(tmp_path):
    claim = folders.claim_folder(tmp_path / "run")
    claim.chunks.save("0-0", CHUNK)
    (claim.fresh_staging() / "manifest.json").write_text("{}")
    assert claim.publish() == tmp_path / "run"
    assert [p.name for p in tmp_path.iterdir()] == ["run"]
    assert [p.name for p in (tmp_path / "run").iterdir()] == ["manifest.json"]
    again = folders.claim_folder(tmp_path / "run")
    (again.fresh_staging() / "manifest.json").write_text('{"second": 1}')
    with pytest.raises(FileExistsError, match="already holds a run"):
        again.publish(replace=False)
    again.publish(replace=True)
    assert (tmp_path / "run" / "manifest.json").read_text() == '{"second": 1}'
    assert [p.name for p in tmp_path.iterdir()] == ["run"]


def test_stale_half_made_claims_are_removed(tmp_path):
    stale = tmp_path / ".run.abc.claim"
    stale.mkdir()
    old = time.time() - 2 * folders.STALE_SECONDS
    os.utime(stale, (old, old))
    fresh = tmp_path / ".other.abc.claim"
    fresh.mkdir()
    assert list(folders.leftovers(tmp_path)) == []
    assert not stale.exists() and fresh.exists()


CHUNK = ChunkRecords(
    rows=np.array([3, 1]),
    counts=np.array([[1, 2, 3, 4], [5, 6, 7, 8]]),
    first_a=np.array([0, 1], dtype=np.uint8),
    first_b=np.array([1, 1], dtype=np.uint8),
    first_defection_a=np.array([-1, 0]),
    first_defection_b=np.array([2, 0]),
    transitions_a=np.arange(16).reshape(2, 8),
    transitions_b=np.arange(16, 32).reshape(2, 8),
    profile=TurnProfile(np.array([0, 2]), np.array([[1, 2], [3, 4]]), np.array([[2, 2], [2, 2]])),
    failures={
        "failure_a": np.array(["", "timed out on turn 2"], dtype=object),
        "failure_b": np.array(["", ""], dtype=object),
        "forfeit_a": np.array([False, True]),
        "forfeit_b": np.array([False, False]),
    },
    moves_a=["CDC", ""],
    moves_b=["DDC", "C"],
)


def test_chunk_files_give_back_what_was_saved(tmp_path):
    store = folders.ChunkFiles(tmp_path / "chunks")
    assert store.load("0-0") is None and len(store) == 0
    store.save("0-0", CHUNK)
    back = store.load("0-0")
    assert len(store) == 1 and [p.name for p in (tmp_path / "chunks").iterdir()] == ["0-0.npz"]
    for name in ("rows", "counts", "first_a", "first_b", "first_defection_a", "transitions_b"):
        np.testing.assert_array_equal(getattr(back, name), getattr(CHUNK, name))
    for name in ("players", "cooperations", "moves"):
        np.testing.assert_array_equal(getattr(back.profile, name), getattr(CHUNK.profile, name))
    assert {k: list(v) for k, v in back.failures.items()} == {k: list(v) for k, v in CHUNK.failures.items()}
    assert back.failures["failure_a"].dtype == object
    assert (back.moves_a, back.moves_b) == (CHUNK.moves_a, CHUNK.moves_b)
    plain = ChunkRecords(**{**CHUNK.__dict__, "failures": None, "moves_a": None, "moves_b": None})
    store.save("0-1", plain)
    assert store.load("0-1").failures is None and store.load("0-1").moves_a is None


def test_chunk_layout_is_kept_from_the_first_run(tmp_path):
    store = folders.ChunkFiles(tmp_path / "chunks")
    assert store.layout(1000) == 1000
    assert folders.ChunkFiles(tmp_path / "chunks").layout(5) == 1000


def test_a_run_is_identified_by_its_config_players_and_submitted_files(tmp_path):
    from tournament.io.runs import identity

    (tmp_path / "mine").mkdir()
    grim = tmp_path / "mine" / "grim.toml"
    grim.write_text('name = "Grim"\ntype = "memory_one"\nfour_vector = [1, 0, 0, 0]\n')
    overrides = {"strategies": "tft,alld", "submissions": str(tmp_path / "mine"), "trusted": True, "seed": 1}
    first = load_config(None, overrides)
    assert identity(first) == identity(load_config(None, overrides))
    assert identity(first) != identity(load_config(None, {**overrides, "seed": 2}))
    assert identity(first, with_seed=False) == identity(
        load_config(None, {**overrides, "seed": 2}), with_seed=False
    )
    grim.write_text('name = "Grim"\ntype = "memory_one"\nfour_vector = [1, 0, 0, 0.5]\n')
    assert identity(first) != identity(load_config(None, overrides))


def test_write_new_claims_a_fresh_folder_and_names_a_failing_disk(tmp_path):
    def write(place):
        with storage.staged_folder(place) as staging:
            (staging / "manifest.json").write_text("{}")
        return folders.place_path(place)

    first = folders.write_new(tmp_path, "demo", None, write)
    second = folders.write_new(tmp_path, "demo", None, write)
    assert first != second and {first, second} == set(tmp_path.iterdir())  # no claim left behind

    def full(place):
        raise OSError(28, "No space left on device")

    with pytest.raises(folders.FolderError, match="^cannot write the sweep: .*No space left on device"):
        folders.write_new(tmp_path, "demo", None, full, what="the sweep")
    assert folders.write_new(tmp_path, "x", tmp_path / "given", folders.place_path) == tmp_path / "given"
