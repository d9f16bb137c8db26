"""Chunked play: the same tables whatever the chunks, the workers, the stops and resumptions;
sizes checked before anything is allocated; worker processes that die with their parent."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import tournament.parallel as parallel
import tournament.round_robin as round_robin
from tournament import TournamentSpec, run_tournament
from tournament.core.record import ChunkRecords
from tournament.errors import SpecError, UserError
from tournament.parallel import WorkerDied, local_pool, share_done
from tournament.round_robin import SizeError, check_memory, check_size

FIELD = ["tft", "Random(p=0.3)", "Grudger", "wsls", "alld", "Alternator"]
PLAY_CHUNK = round_robin.play_chunk


class MemoryStore:
    """A chunk store in a dict; ``stop_after`` saves that many chunks, then interrupts the run."""

    def __init__(self, stop_after: int | None = None) -> None:
        self.chunks: dict[str, dict[str, np.ndarray]] = {}
        self.cells: int | None = None
        self.stop_after = stop_after
        self.loaded: list[str] = []

    def load(self, key: str) -> ChunkRecords | None:
        if key not in self.chunks:
            return None
        self.loaded.append(key)
        return ChunkRecords.from_arrays(self.chunks[key])

    def save(self, key: str, chunk: ChunkRecords) -> None:
        if self.stop_after is not None and len(self.chunks) >= self.stop_after:
            raise KeyboardInterrupt
        self.chunks[key] = chunk.arrays()

    def layout(self, cells: int) -> int:
        self.cells = self.cells or cells
        return self.cells


def spec(**settings) -> TournamentSpec:
    values = {"turns": 25, "noise": 0.05, "repetitions": 4, "seed": 5} | settings
    return TournamentSpec.build(FIELD, **values)


def assert_same(one, two) -> None:
    pd.testing.assert_frame_equal(one.matches, two.matches)
    pd.testing.assert_frame_equal(one.players, two.players)
    pd.testing.assert_frame_equal(one.cooperation_by_turn, two.cooperation_by_turn)
    if one.interactions is not None:
        pd.testing.assert_frame_equal(one.interactions, two.interactions)


@pytest.mark.parametrize("settings", [{}, {"turns": None, "prob_end": 0.1}, {"noise": 0.0}])
def test_chunks_workers_and_a_store_change_nothing(settings):
    whole = run_tournament(spec(**settings), interactions=True)
    store = MemoryStore()
    chunked = run_tournament(spec(**settings), interactions=True, max_cells=300, store=store)
    assert len(store.chunks) > 5
    assert_same(whole, chunked)
    assert_same(whole, run_tournament(spec(**settings), interactions=True, max_cells=300, workers=2))


def test_a_stopped_run_resumes_from_its_saved_chunks(monkeypatch):
    whole = run_tournament(spec(), interactions=True)
    store = MemoryStore(stop_after=3)
    with pytest.raises(KeyboardInterrupt):
        run_tournament(spec(), interactions=True, max_cells=300, store=store)
    assert len(store.chunks) == 3
    played = []
    monkeypatch.setattr(round_robin, "play_chunk", lambda *a, **k: played.append(1) or PLAY_CHUNK(*a, **k))
    store.stop_after = None
    resumed = run_tournament(spec(), interactions=True, max_cells=5000, store=store)
    assert sorted(store.loaded) == sorted(list(store.chunks)[:3])
    assert len(played) == len(store.chunks) - 3
    assert_same(whole, resumed)


def test_learners_that_carry_knowledge_resume_between_their_stages():
    players = ["Q Learner(carry=True)", "tft", "Random", "alld"]
    carried = TournamentSpec.build(players, turns=30, repetitions=3, seed=2)
    whole = run_tournament(carried)
    store = MemoryStore(stop_after=4)
    with pytest.raises(KeyboardInterrupt):
        run_tournament(carried, max_cells=200, store=store)
    store.stop_after = None
    assert_same(whole, run_tournament(carried, store=store))


def test_a_saved_chunk_of_another_run_is_refused():
    store = MemoryStore()
    run_tournament(spec(), max_cells=300, store=store)
    first = next(iter(store.chunks))
    store.chunks[first]["rows"] = store.chunks[first]["rows"] + 1
    with pytest.raises(SpecError, match=f"the saved chunk {first} does not belong to this run"):
        run_tournament(spec(), store=store)


def test_progress_rises_to_every_game_from_inside_the_chunks():
    calls: list[tuple[float, int]] = []
    results = run_tournament(
        spec(turns=200), max_cells=4000, progress=lambda done, total: calls.append((done, total))
    )
    games = results.counts["games_played"]
    assert calls[0] == (0, games)  # the bar knows its total before the first chunk is played
    assert calls[-1] == (games, games)
    done = [d for d, _ in calls]
    assert done == sorted(done)
    assert any(d != int(d) for d in done), "no progress from inside a chunk"
    assert len(calls) > 2 * len({d for d in done if d == int(d)})


def test_sizes_are_checked_before_anything_is_allocated():
    big = TournamentSpec.build(["tft"] * 179, turns=200, repetitions=100_000)
    with pytest.raises(SizeError) as error:
        check_size(big, memory=16 * 2**30)
    message = str(error.value)
    assert message.startswith("1,611,000,000 matches (179 players, 100,000 repetitions) need about")
    assert message.endswith("this machine has 16.0 GB: use at most 761 repetitions or fewer players")
    with pytest.raises(SizeError, match="matches of up to 1,000,000 turns between 179 players need about"):
        check_size(TournamentSpec.build(["tft"] * 179, turns=1_000_000), memory=16 * 2**30)
    check_size(TournamentSpec.build(["tft", "alld"], turns=1_000_000, repetitions=10), memory=16 * 2**30)
    long_odds = TournamentSpec.build(["tft"] * 179, turns=None, prob_end=1e-5)
    with pytest.raises(SizeError, match="cooperation by turn"):
        check_size(long_odds, memory=16 * 2**30)
    check_memory(10, 2, 10, 1, memory=2**20)
    assert issubclass(SizeError, UserError)


def test_run_tournament_refuses_what_does_not_fit(monkeypatch):
    monkeypatch.setattr(round_robin, "memory_bytes", lambda: 2**20)
    with pytest.raises(SizeError, match="use at most"):
        run_tournament(spec(repetitions=1000))


def _die_in_a_worker(*args, **kwargs):
    os._exit(3)


def test_a_worker_that_dies_is_a_user_error(monkeypatch):
    monkeypatch.setenv("IPD_COMPILED", "0")  # worker processes: compiled chunks play in threads
    monkeypatch.setattr(round_robin, "play_chunk", _die_in_a_worker)
    with pytest.raises(WorkerDied, match="a worker process died"):
        run_tournament(spec(), max_cells=300, workers=2)


def _sleep(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def _pool_then_die(queue) -> None:
    pool = local_pool(2)
    futures = [pool.executor.submit(_sleep, 60) for _ in range(2)]
    deadline = time.monotonic() + 30
    while len(pool.executor._processes) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    queue.put(list(pool.executor._processes))
    time.sleep(0.5)
    os.kill(os.getpid(), signal.SIGKILL)
    futures.clear()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_workers_die_with_their_parent_even_after_kill_9():
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    parent = context.Process(target=_pool_then_die, args=(queue,))
    parent.start()
    workers = queue.get(timeout=30)
    parent.join(timeout=30)
    assert parent.exitcode == -signal.SIGKILL and len(workers) == 2
    deadline = time.monotonic() + 10
    while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_running(pid) for pid in workers)


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split(")")[-1].split()[0] not in ("Z", "X")
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True


def _half_way(flag: str) -> float:
    share_done(5.0)
    while not os.path.exists(flag):
        time.sleep(0.01)
    return 1.0


def test_workers_tell_the_parent_how_far_they_are(tmp_path):
    pool = local_pool(1)
    try:
        future = pool.executor.submit(_half_way, str(tmp_path / "go"))
        deadline = time.monotonic() + 30
        while pool.under_way != 5.0 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert pool.under_way == 5.0
        (tmp_path / "go").touch()
        assert future.result(timeout=30) == 1.0
    finally:
        pool.stop()
    share_done(3.0)  # outside a pool worker: nothing to tell


def test_spawned_workers_get_submitted_classes_too(monkeypatch):
    from strategies.user.submissions import load_folder

    folder = Path(__file__).resolve().parents[2] / "configs" / "submissions"
    submitted = [p for report in load_folder(folder, trusted=True) for p in report.players]
    field = TournamentSpec.build(["tft", "Random", *submitted[:3]], turns=20, repetitions=3, seed=1)
    serial = run_tournament(field)
    forked = run_tournament(field, workers=2, max_cells=100)
    monkeypatch.setattr(parallel, "START_METHOD", "spawn")
    assert_same(serial, forked)
    assert_same(serial, run_tournament(field, workers=2, max_cells=100))


@pytest.mark.parametrize(("workers", "compiled"), [(1, "0"), (2, "0"), (2, "1")])
def test_this_process_does_its_own_work_once_while_the_workers_play(
    workers: int, compiled: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPD_COMPILED", compiled)  # "1": the chunks play in threads of this process
    events: list[str] = []
    spec = TournamentSpec.build(
        ["Tit For Tat", "Random", "Grudger", "Alternator"], turns=20, repetitions=4, seed=2
    )
    results = run_tournament(
        spec,
        workers=workers,
        max_cells=100,
        progress=lambda done, total: events.append("progress" if done else "start"),
        meanwhile=lambda: events.append("meanwhile"),
    )
    assert events.count("meanwhile") == 1 and events[0] == "start"
    chunks = events.index("meanwhile")
    if workers == 1:
        assert chunks == len(events) - 1  # after play: no worker to wait for
    elif compiled == "0":
        assert chunks == 1  # before the first chunk came back from a worker process
    assert results.matches.equals(run_tournament(spec).matches)


def test_a_stopped_run_in_threads_starts_no_more_chunks(monkeypatch, threaded):
    """Compiled chunks in threads: once the run stops (Ctrl-C after the first saved chunk), the
    chunks not yet started are cancelled, not played to the end before the run can stop."""
    played = []

    def slow_chunk(*args, **kwargs):
        played.append(1)
        time.sleep(0.02)
        return PLAY_CHUNK(*args, **kwargs)

    monkeypatch.setattr(round_robin, "play_chunk", slow_chunk)
    store = MemoryStore(stop_after=1)
    table_players = TournamentSpec.build(
        ["tft", "Grudger", "wsls", "alld", "Alternator"], turns=25, noise=0.05, repetitions=10
    )
    with pytest.raises(KeyboardInterrupt):
        run_tournament(table_players, max_cells=100, workers=2, store=store)
    assert threaded and len(threaded[0]) >= 40
    assert len(store.chunks) == 1
    assert len(played) <= 5


@pytest.mark.parametrize(("settings", "expected"), [({"prob_end": 0.001}, True), ({"turns": 1000}, False)])
def test_random_lengths_go_to_the_compiled_player_sooner(monkeypatch, settings, expected):
    """The same game-turns (about 470,000), once in random lengths and once in fixed ones: the
    random lengths cost the numpy engine ~70 million game-turns' worth of kernel calls (a few
    long games per batch, one call per player and turn), so once the steps are compiled the
    compiled player plays them; the fixed lengths stay on the numpy engine."""
    from tournament.core import compiled

    monkeypatch.delenv("IPD_COMPILED")
    monkeypatch.setattr(compiled, "ready", lambda: True)
    monkeypatch.setattr(compiled, "_played", 0)
    monkeypatch.delitem(sys.modules, "tournament.core.compiled_play", raising=False)  # not "loaded already"
    chosen = []
    monkeypatch.setattr(
        round_robin,
        "play_chunk",
        lambda task, *a, **k: chosen.append(task.compiled) or PLAY_CHUNK(task, *a, **k),
    )
    table_players = ["tft", "Grudger", "wsls", "alld", "Alternator", "Cooperator"] * 5
    spec = TournamentSpec.build(table_players, seed=4, **settings)
    run_tournament(spec)
    assert set(chosen) == {expected}
