"""The sweep's rank stability picture: a bump chart of every player's rank across the grid."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from tournament.sweep import SweepResult

if TYPE_CHECKING:
    from matplotlib.figure import Figure

LABELLED = 12
"""Players named at the right edge (the best by mean rank); the others are drawn in grey."""


def plot_ranks(result: SweepResult) -> Figure:
    """Rank (1 at the top) against grid point, one line per player: crossings are rank changes."""
    import matplotlib

    from tournament.io.report.plots import STYLE, figure

    ranks = np.asarray(result.ranks)
    points, players = ranks.shape
    order = np.argsort(ranks.mean(axis=0), kind="stable")
    named = set(order[:LABELLED].tolist())
    with matplotlib.rc_context(STYLE):
        fig = figure(max(13, 1.1 * points + 6), max(7, 0.45 * players + 3))
        ax = fig.add_subplot()
        x = np.arange(points)
        palette = matplotlib.colormaps["tab20"]
        for rank_position, player in enumerate(order):
            highlighted = player in named
            colour = palette(rank_position % 20) if highlighted else "#bbbbbb"
            ax.plot(
                x,
                ranks[:, player],
                "-o",
                color=colour,
                linewidth=3 if highlighted else 1.5,
                markersize=7 if highlighted else 4,
                zorder=3 if highlighted else 2,
            )
            if highlighted:
                ax.annotate(
                    result.names[player],
                    (x[-1], ranks[-1, player]),
                    xytext=(10, 0),
                    textcoords="offset points",
                    va="center",
                    fontsize=12,
                    color=colour,
                )
        ax.set_xticks(
            x, result.labels, rotation=35 if points > 4 else 0, ha="right" if points > 4 else "center"
        )
        ax.set_xlim(-0.3, points - 0.7 + 0.35 * points)
        ax.set_ylim(players + 0.5, 0.5)
        ax.set_yticks(range(1, players + 1, max(1, players // 15)))
        ax.set_ylabel("rank (1 = first)")
        ax.set_title("Rank stability across the sweep")
    return fig
