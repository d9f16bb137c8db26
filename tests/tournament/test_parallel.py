"""Batch sizes and the dask cluster's lifecycle."""

from __future__ import annotations

import math

from tournament.errors import UserError
from tournament.parallel import (
    BATCH_BYTES,
    CELL_BYTES,
    MAX_BATCH_CELLS,
    MIN_BATCH_CELLS,
    PLAY_BYTES,
    SEAT_BYTES,
    ClusterError,
    batch_cells,
    dask_cluster,
    max_cells,
    memory_bytes,
    turns_per_game,
)
from tournament.settings import MatchSettings


def test_turns_per_game_is_the_length_or_its_expectation():
    assert turns_per_game(MatchSettings(turns=200)) == 200
    assert turns_per_game(MatchSettings(turns=None, prob_end=0.25)) == 4


def test_batches_are_sized_by_memory_and_shared_by_the_workers():
    assert batch_cells(10_000) == MIN_BATCH_CELLS
    assert batch_cells(MAX_BATCH_CELLS) == MAX_BATCH_CELLS
    assert batch_cells(MAX_BATCH_CELLS + 1) == math.ceil((MAX_BATCH_CELLS + 1) / 2)
    assert batch_cells(10**9) <= MAX_BATCH_CELLS
    each = max_cells(workers=2)
    assert each < MAX_BATCH_CELLS
    assert batch_cells(2 * each, workers=2) == each
    assert batch_cells(each, workers=2) == math.ceil(each / 2)
    assert batch_cells(3 * each, workers=2) == math.ceil(3 * each / 4)
    assert max_cells(workers=64) == each


def test_long_games_hold_more_seat_turns_per_batch_within_the_same_memory():
    for workers in (1, 2, 64):
        budget = max(BATCH_BYTES, PLAY_BYTES // workers)
        sizes = [max_cells(turns, workers) for turns in (5, 200, 1_000, 10_000)]
        assert sizes == sorted(sizes) and len(set(sizes)) == 4
        for turns, cells in zip((5, 200, 1_000, 10_000), sizes):
            assert cells * CELL_BYTES + cells / turns * SEAT_BYTES <= budget
    ten_thousand = 2 * 10_000 * 16_110  # the built-ins' round robin of bench_long.py
    assert batch_cells(ten_thousand, turns=10_000) == ten_thousand
    assert math.ceil(ten_thousand / batch_cells(ten_thousand, workers=2, turns=10_000)) == 2
    noisy_scale = 2 * 200 * 16_110 * 30  # bench_scale.py --noise 0.05: 2 batches serial, 4 with 2 workers
    assert math.ceil(noisy_scale / batch_cells(noisy_scale)) == 2
    assert math.ceil(noisy_scale / batch_cells(noisy_scale, workers=2)) == 4


def test_memory_is_known():
    assert memory_bytes() > 2**28


def test_no_address_no_cluster():
    with dask_cluster(None, 4) as threads:
        assert threads is None


def test_cluster_errors_are_user_errors():
    assert issubclass(ClusterError, UserError)


def test_auto_workers_are_the_usable_cores_up_to_four(monkeypatch):
    import os

    import tournament.parallel as parallel

    monkeypatch.setattr(parallel, "START_METHOD", "fork")
    for cores, expected in ((1, 1), (2, 2), (3, 3), (16, 4)):
        monkeypatch.setattr(os, "sched_getaffinity", lambda pid, n=cores: set(range(n)))
        assert parallel.auto_workers() == expected
    monkeypatch.setattr(parallel, "START_METHOD", "spawn")  # workers would import everything again
    assert parallel.auto_workers() == 1


def _reports_until_stopped() -> int:
    """A pool task that plays for ever, reporting progress as a chunk does."""
    import time

    from tournament.parallel import share_done

    while True:
        share_done(0.5)
        time.sleep(0.01)


def test_a_stopped_pool_lets_its_busy_workers_give_up_instead_of_killing_them():
    """Killing a worker while it sends a finished chunk leaves half a message in the result pipe,
    and the pool's thread then blocks the parent's exit for ever: a stop asks instead."""
    import time

    from tournament.parallel import local_pool

    pool = local_pool(2)
    futures = [pool.executor.submit(_reports_until_stopped) for _ in range(2)]
    time.sleep(0.5)  # both workers busy
    processes = list(pool.executor._processes.values())
    pool.stop()
    assert [process.exitcode for process in processes] == [0, 0]  # ended, not killed (-9)
    assert all(future.done() for future in futures)
