"""Figures embedded in report.html as JSON: rounded for display, NaN and infinities as null."""

from __future__ import annotations

from typing import Any

import numpy as np

DIGITS = 4
"""Decimals kept for display (the exact figures are in ``statistics/``)."""


def rounded(values: Any) -> Any:
    """``values`` (array-like) as nested lists rounded to :data:`DIGITS` decimals; NaN and
    infinities become None."""
    array = np.asarray(values, dtype=np.float64)
    finite = np.isfinite(array)
    listed = np.round(np.where(finite, array, 0.0), DIGITS).tolist()
    if finite.all():
        return listed
    if array.ndim == 1:
        return [v if ok else None for v, ok in zip(listed, finite.tolist())]
    return [rounded(row) for row in array]
