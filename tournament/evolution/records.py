"""Population by generation as a pandas table, saved like the other results, and its plot.

The table is long: one row per (generation, strategy) with the ``count`` of individuals
(NaN for dynamics on shares) and the ``share``. :func:`wide_table` pivots it to one
share column per strategy.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

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


def save_population(
    population: pd.DataFrame, folder: Path, formats: Sequence[str] = ("parquet", "csv")
) -> list[Path]:
    """Write ``population.parquet`` and/or ``population.csv`` into ``folder``; return the paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    frame = population.assign(strategy=population["strategy"].astype(str))
    if "parquet" in formats:
        path = folder / "population.parquet"
        frame.to_parquet(path, index=False)
        written.append(path)
    if "csv" in formats:
        path = folder / "population.csv"
        frame.to_csv(path, index=False)
        written.append(path)
    return written


def plot_population(population: pd.DataFrame, path: Path, title: str = "Population by generation") -> Path:
    """Stacked area plot of the shares over generations, saved as a PNG (Agg backend)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    wide = wide_table(population)
    names = [c for c in wide.columns if c != "generation"]
    figure = Figure(figsize=(8, 4.5), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    axes.stackplot(wide["generation"], *(wide[n] for n in names), labels=names)
    axes.set_xlim(wide["generation"].min(), max(wide["generation"].max(), wide["generation"].min() + 1))
    axes.set_ylim(0, 1)
    axes.set_xlabel("generation")
    axes.set_ylabel("share of the population")
    axes.set_title(title)
    axes.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize="small", frameon=False)
    figure.tight_layout()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path)
    return path
