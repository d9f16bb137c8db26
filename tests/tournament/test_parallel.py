"""Batch sizes and the dask cluster's lifecycle."""

from __future__ import annotations

import math

from tournament.errors import UserError
from tournament.parallel import (
    BATCH_BYTES,
    CELL_BYTES,
    MAX_BATCH_CELLS,
    MIN_BATCH_CELLS,
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
    assert batch_cells(2 * MAX_BATCH_CELLS, workers=2) == MAX_BATCH_CELLS
    assert batch_cells(MAX_BATCH_CELLS, workers=2) == math.ceil(MAX_BATCH_CELLS / 2)
    assert batch_cells(3 * MAX_BATCH_CELLS, workers=2) == math.ceil(3 * MAX_BATCH_CELLS / 4)


def test_long_games_hold_more_seat_turns_per_batch_within_the_same_memory():
    assert MAX_BATCH_CELLS == max_cells(200) == 2**26
    sizes = [max_cells(turns) for turns in (5, 200, 1_000, 10_000)]
    assert sizes == sorted(sizes) and len(set(sizes)) == 4
    for turns, cells in zip((5, 200, 1_000, 10_000), sizes):
        assert cells * CELL_BYTES + cells / turns * SEAT_BYTES <= BATCH_BYTES
    ten_thousand = 2 * 10_000 * 16_110
    assert math.ceil(ten_thousand / batch_cells(ten_thousand, turns=10_000)) == 3


def test_memory_is_known():
    assert memory_bytes() > 2**28


def test_no_address_no_cluster():
    with dask_cluster(None, 4) as threads:
        assert threads is None


def test_cluster_errors_are_user_errors():
    assert issubclass(ClusterError, UserError)
