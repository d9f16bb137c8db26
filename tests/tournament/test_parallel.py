"""Batch sizes and the dask cluster's lifecycle."""

from __future__ import annotations

import math

from tournament.errors import UserError
from tournament.parallel import (
    MAX_BATCH_CELLS,
    MIN_BATCH_CELLS,
    ClusterError,
    batch_cells,
    dask_cluster,
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


def test_memory_is_known():
    assert memory_bytes() > 2**28


def test_no_address_no_cluster():
    with dask_cluster(None, 4) as threads:
        assert threads is None


def test_cluster_errors_are_user_errors():
    assert issubclass(ClusterError, UserError)
