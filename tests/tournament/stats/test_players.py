"""The players table (players.csv): columns, order and figures."""

from __future__ import annotations

import numpy as np
import pytest

from tournament import TournamentSpec, run_tournament
from tournament.stats.players import players_table

COLUMNS = [
    "rank",
    "player",
    "name",
    "median_score",
    "mean_score",
    "wins",
    "total_wins",
    "cooperation_rate",
    "initial_cooperation_rate",
    "CC_rate",
    "CD_rate",
    "DC_rate",
    "DD_rate",
    "CC_to_C_rate",
    "CD_to_C_rate",
    "DC_to_C_rate",
    "DD_to_C_rate",
    "turns",
]


def test_one_row_per_player_in_rank_order():
    results = run_tournament(
        TournamentSpec.build(["Cooperator", "Defector", "Tit For Tat"], turns=10, repetitions=3)
    )
    table = players_table(results.stats)
    assert list(table.columns) == COLUMNS
    assert table["rank"].tolist() == [1, 2, 3]
    assert table["player"].tolist() == results.stats.ranking == [1, 2, 0]
    assert table.dtypes[["rank", "player", "total_wins", "turns"]].tolist() == [np.dtype(np.int64)] * 4
    row = table.set_index("name").loc["Tit For Tat"]
    # Against Cooperator 3 per turn, against Defector 9 / 10: (3 + 0.9) / 2.
    assert (row["median_score"], row["mean_score"]) == (pytest.approx(1.95), pytest.approx(1.95))
    assert (row["wins"], row["total_wins"], row["turns"]) == (0.0, 0, 60)
    assert row["cooperation_rate"] == pytest.approx(11 / 20)
    # Shares per opponent: Cooperator (1, 0, 0, 0), Defector (0, .1, 0, .9).
    assert row[["CC_rate", "CD_rate", "DC_rate", "DD_rate"]].tolist() == pytest.approx([0.5, 0.05, 0.0, 0.45])
    # Never in DC: 0 here (NaN in the reciprocity table).
    assert row[["CC_to_C_rate", "CD_to_C_rate", "DC_to_C_rate", "DD_to_C_rate"]].tolist() == [
        1.0,
        0.0,
        0.0,
        0.0,
    ]
    defector = table.set_index("name").loc["Defector"]
    assert (defector["wins"], defector["total_wins"], defector["initial_cooperation_rate"]) == (2.0, 6, 0.0)


def test_it_is_the_tournaments_players_table():
    results = run_tournament(TournamentSpec.build(["Grudger", "Alternator", "Random"], turns=8, seed=2))
    assert players_table(results.stats).equals(results.players)
