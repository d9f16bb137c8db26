"""Population by generation as a pandas table (saved and plotted by :mod:`tournament.io`).

The table is long: one row per (generation, strategy) with the ``count`` of individuals
(NaN for dynamics on shares) and the ``share``. :func:`wide_table` pivots it to one
share column per strategy.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

POPULATION_COLUMNS = ("generation", "strategy", "count", "share")


def population_table(
    values: np.ndarray, names: Sequence[str], times: np.ndarray | None = None, *, counts: bool = True
) -> pd.DataFrame:
    """Long table from ``values`` (generations, strategies): counts, or shares with ``counts=False``.

    ``times`` replaces the generation numbers 0, 1, ... (e.g. replicator time points).
    """
    values = np.asarray(values, dtype=np.float64)
    if values.ndim != 2 or values.shape[1] != len(names):
        raise ValueError(f"values of shape {values.shape} for {len(names)} strategies")
    generations = np.arange(values.shape[0]) if times is None else np.asarray(times)
    totals = values.sum(axis=1, keepdims=True)
    shares = np.divide(values, totals, out=np.zeros_like(values), where=totals > 0)
    return pd.DataFrame(
        {
            "generation": np.repeat(generations, len(names)),
            "strategy": pd.Categorical(
                np.tile(np.asarray(names, dtype=object), values.shape[0]), list(names)
            ),
            "count": values.ravel().astype(np.int64) if counts else np.full(values.size, np.nan),
            "share": shares.ravel(),
        }
    )


def wide_table(population: pd.DataFrame) -> pd.DataFrame:
    """One row per generation, one share column per strategy (in the table's order)."""
    wide = population.pivot(index="generation", columns="strategy", values="share")
    wide.columns = list(wide.columns.astype(str))
    return wide.reset_index()
