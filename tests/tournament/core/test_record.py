"""The matches table's text columns are the columns pandas itself makes of those strings."""

from __future__ import annotations

import numpy as np
import pandas as pd

from tournament.core.record import _text


def test_text_columns_built_from_codes_equal_pandas_own_columns() -> None:
    labels = ["Tit For Tat", "$\\pi$", 'é ü, "quoted"', "", "C"]
    codes = np.random.default_rng(1).integers(0, len(labels), 5000)
    made = pd.Series(_text(labels, codes))
    expected = pd.Series(np.array(labels, dtype=object)[codes])
    pd.testing.assert_series_equal(made, expected)
    assert made.dtype == expected.dtype
    assert pd.Series(_text(["x"], np.zeros(0, dtype=np.int64))).empty
