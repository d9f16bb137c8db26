"""The distributions behind axelrod's winplot, sdvplot, pdplot and lengthplot, in its orders.

Each is read from the :class:`~tournament.stats.resultset.ResultSet` (computed once) and put
in the order and shape axelrod's ``Plot`` draws it:

- **wins** (``winplot``): each player's wins per repetition, players by median wins, most
  first (ties: the later player first, as axelrod's reverse sort of (median, index) pairs);
- **score differences** (``sdvplot``): each player's per-turn score difference against every
  opponent (self included) in every repetition, players in ranking order;
- **payoff differences** (``pdplot``): the mean per-turn score difference of each player (row)
  against each opponent (column), rows and columns in ranking order;
- **match lengths** (``lengthplot``): the length of each of a player's matches, repetition by
  repetition, players in ranking order (0 for a pair that did not meet, as axelrod's).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from tournament.stats.resultset import ResultSet


@dataclass(frozen=True)
class Distribution:
    """Per player, in the plot's order: ``order`` (player numbers), ``names`` and ``values``
    (one array of observations per player)."""

    order: list[int]
    names: list[str]
    values: list[np.ndarray]

    def five_numbers(self) -> np.ndarray:
        """(player, 5): minimum, lower quartile, median, upper quartile, maximum (linear
        interpolation between observations, numpy's default); NaN for a player without any."""
        out = np.full((len(self.values), 5), np.nan)
        sizes = np.array([len(values) for values in self.values], dtype=np.int64)
        for size in np.unique(sizes[sizes > 0]).tolist():  # players with as many observations at once
            players = np.flatnonzero(sizes == size)
            table = np.stack([self.values[k] for k in players.tolist()])
            out[players] = np.percentile(table, [0, 25, 50, 75, 100], axis=1).T
        return out


def _in_order(resultset: ResultSet, order: list[int], values: list[np.ndarray]) -> Distribution:
    return Distribution(list(order), [resultset.players[i] for i in order], [values[i] for i in order])


def wins(resultset: ResultSet) -> Distribution:
    """Wins per repetition, players by median wins (axelrod's ``_winplot_dataset``)."""
    table = np.asarray(resultset.wins, dtype=np.float64)
    medians = np.median(table, axis=1) if table.size else np.zeros(len(table))
    order = [i for _, i in sorted(((float(m), i) for i, m in enumerate(medians)), reverse=True)]
    return _in_order(resultset, order, list(table))


def score_differences(resultset: ResultSet) -> Distribution:
    """Per-turn score differences over opponents and repetitions (axelrod's ``_sdv_plot_dataset``)."""
    diffs = resultset.score_diffs
    return _in_order(resultset, resultset.ranking, [diffs[i].ravel() for i in range(len(diffs))])


def match_lengths(resultset: ResultSet) -> Distribution:
    """Lengths of each player's matches (axelrod's ``_lengthplot_dataset``)."""
    lengths = resultset.match_lengths
    return _in_order(
        resultset, resultset.ranking, [lengths[:, i, :].ravel() for i in range(lengths.shape[1])]
    )


def payoff_differences(resultset: ResultSet) -> tuple[list[int], np.ndarray]:
    """The ranking and the mean per-turn score difference matrix in its order (axelrod's
    ``_pdplot_dataset``)."""
    order = resultset.ranking
    return list(order), resultset.payoff_diffs_means[np.ix_(order, order)]
