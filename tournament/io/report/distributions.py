"""axelrod's distribution plots in the report: wins, score differences, payoff differences and
match lengths (its winplot, sdvplot, pdplot and lengthplot).

The figures are read from :mod:`tournament.stats.distributions` (axelrod's datasets, in its
orders); :func:`chart_data` gives report.html the five numbers of each box (drawn by ECharts in
the browser), the ``*_plot`` functions draw the same boxes and matrix as PNGs (``--png``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

from tournament.io.report.canvas import figure, label_size, ranked_height, styled
from tournament.io.report.embed import rounded
from tournament.stats import distributions

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from tournament.stats.summary import Analysis

BOXES: dict[str, tuple[Callable[..., distributions.Distribution], str, str]] = {
    "wins": (
        distributions.wins,
        "Wins per repetition",
        "matches won in a repetition (players by median wins)",
    ),
    "score_differences": (
        distributions.score_differences,
        "Score differences",
        "own minus opponent's score per turn, one value per opponent and repetition",
    ),
    "match_lengths": (
        distributions.match_lengths,
        "Match lengths",
        "turns of each match, one value per opponent and repetition",
    ),
}
"""Box plots: name -> (the distribution, title, value axis)."""
PAYOFF_DIFFERENCES = "Payoff differences: row's score per turn minus column's"
BOX_COLOUR, EDGE_COLOUR = "#cfe3f2", "#2a6f97"


def chart_data(analysis: Analysis) -> dict[str, Any]:
    """For report.html: per box plot its player names in order, the five numbers of each box
    (minimum, quartiles, median, maximum) and the axis label; the payoff-difference matrix in
    rank order with its names."""
    resultset = analysis.resultset
    data: dict[str, Any] = {}
    for name, (read, title, axis) in BOXES.items():
        found = read(resultset)
        data[name] = {
            "title": title,
            "axis": axis,
            "names": found.names,
            "boxes": rounded(found.five_numbers()),
        }
    order, matrix = distributions.payoff_differences(resultset)
    data["payoff_differences"] = {
        "title": PAYOFF_DIFFERENCES,
        "names": [resultset.players[i] for i in order],
        "matrix": rounded(matrix),
    }
    return data


def _box_plot(analysis: Analysis, name: str) -> Figure:
    read, title, axis = BOXES[name]
    found = read(analysis.resultset)
    n = len(found.names)
    fig = figure(13, ranked_height(n))
    ax = fig.add_subplot()
    positions = np.arange(n, 0, -1)
    ax.boxplot(
        found.values,
        positions=positions,
        orientation="horizontal",
        widths=0.6,
        whis=(0, 100),
        patch_artist=True,
        boxprops={"facecolor": BOX_COLOUR, "edgecolor": EDGE_COLOUR, "linewidth": 2},
        medianprops={"color": "#d1495b", "linewidth": 3},
        whiskerprops={"color": EDGE_COLOUR, "linewidth": 2},
        capprops={"color": EDGE_COLOUR, "linewidth": 2},
    )
    ax.set_yticks(positions, found.names, fontsize=label_size(n))
    ax.set_xlabel(axis)
    ax.set_title(title)
    ax.grid(axis="y", visible=False)
    return fig


@styled
def wins_plot(analysis: Analysis) -> Figure:
    """Each player's wins per repetition (box from minimum to maximum), by median wins."""
    return _box_plot(analysis, "wins")


@styled
def score_differences_plot(analysis: Analysis) -> Figure:
    """Each player's per-turn score difference over its matches, ranked."""
    return _box_plot(analysis, "score_differences")


@styled
def match_lengths_plot(analysis: Analysis) -> Figure:
    """The lengths of each player's matches, ranked."""
    return _box_plot(analysis, "match_lengths")


@styled
def payoff_differences_plot(analysis: Analysis) -> Figure:
    """Mean per-turn score difference of each player (row) against each opponent (column),
    ranked; a diverging scale centred on 0."""
    order, matrix = distributions.payoff_differences(analysis.resultset)
    names = [analysis.resultset.players[i] for i in order]
    n = len(order)
    side = max(7, min(16, 3 + 0.25 * n))
    fig = figure(side + 2.5, side)
    ax = fig.add_subplot()
    ax.grid(False)
    bound = float(np.nanmax(np.abs(matrix))) if matrix.size else 0.0
    image = ax.imshow(matrix, cmap="RdYlGn", vmin=-bound or -1.0, vmax=bound or 1.0)
    if n <= 50:
        ax.set_xticks(
            range(n), names, rotation=60, ha="right", rotation_mode="anchor", fontsize=label_size(n)
        )
        ax.set_yticks(range(n), names, fontsize=label_size(n))
    ax.set_xlabel("opponent")
    ax.set_ylabel("player (ranked)")
    ax.set_title(PAYOFF_DIFFERENCES.split(":")[0])
    fig.colorbar(image, ax=ax, shrink=0.8, label="row's minus column's score per turn")
    return fig


PLOTS: dict[str, Callable[[Analysis], Figure]] = {
    "wins": wins_plot,
    "score_differences": score_differences_plot,
    "payoff_differences": payoff_differences_plot,
    "match_lengths": match_lengths_plot,
}
"""File stem -> plot function, in the order the report shows them."""
