"""Batch sizes and the dask cluster's lifecycle."""

from __future__ import annotations

from strategies.registry import create_all
from tournament.core.plan import DEFAULT_BATCH_CELLS
from tournament.errors import UserError
from tournament.parallel import ClusterError, batch_cells, dask_cluster, turns_per_game
from tournament.settings import MatchSettings
from tournament.spec import TournamentSpec


def spec(players: int, repetitions: int, **settings) -> TournamentSpec:
    return TournamentSpec(tuple(create_all(["tft"] * players)), MatchSettings(**settings), repetitions)


def test_turns_per_game_is_the_length_or_its_expectation():
    assert turns_per_game(MatchSettings(turns=200)) == 200
    assert turns_per_game(MatchSettings(turns=None, prob_end=0.25)) == 4


def test_batch_cells_aim_at_twenty_batches_within_bounds():
    assert batch_cells(spec(3, 1, turns=10)) == 2**20
    assert batch_cells(spec(100, 100, turns=1000)) == DEFAULT_BATCH_CELLS
    cells = 60 * 61 * 50 * 200
    assert batch_cells(spec(60, 50, turns=200)) == min(DEFAULT_BATCH_CELLS, max(2**20, cells // 20))


def test_no_address_no_cluster():
    with dask_cluster(None, 4) as threads:
        assert threads is None


def test_cluster_errors_are_user_errors():
    assert issubclass(ClusterError, UserError)
