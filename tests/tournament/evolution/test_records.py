"""Population by generation as long and wide tables."""

from __future__ import annotations

import numpy as np

from tournament.evolution.records import population_table, wide_table


def test_population_table_long_and_wide():
    table = population_table(np.array([[2, 2], [3, 1]]), ["A", "B"])
    assert table["share"].tolist() == [0.5, 0.5, 0.75, 0.25]
    assert table["count"].tolist() == [2, 2, 3, 1]
    wide = wide_table(table)
    assert list(wide.columns) == ["generation", "A", "B"]
    assert wide["A"].tolist() == [0.5, 0.75]
