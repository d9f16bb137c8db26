"""Figures embedded in report.html: rounded for display, non-finite values as null."""

from __future__ import annotations

import math

import numpy as np

from tournament.io.report.embed import rounded


def test_rounded_keeps_four_decimals_and_turns_nan_into_none():
    assert rounded([1 / 3, 2.0, math.nan, math.inf]) == [0.3333, 2.0, None, None]
    assert rounded(np.array([[0.123456, math.nan], [1.0, 0.5]])) == [[0.1235, None], [1.0, 0.5]]
    assert rounded(np.zeros((0, 4))) == []
