"""A spatial tournament's network as a PNG (``ipd report --png``): the twin of report.html's chart.

Players are drawn as points coloured by their mean score per turn (over the opponents they met
and the repetitions) and sized by their number of opponents; the edges are the pairs that
played. networkx places the points (:func:`positions`, shared with report.html's chart: the
same picture every time); matplotlib draws them without pyplot.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from tournament.io.report.canvas import figure, png_bytes, styled

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from tournament.stats.summary import Analysis

LABELLED = 30
"""Players are named beside their point up to this many players."""


def positions(n_players: int, edges: list[list[int]], description: str) -> np.ndarray:
    """(player, 2): where each player is drawn, here and in report.html: on a circle for a cycle
    or a few players, else a seeded spring layout."""
    import networkx as nx

    circle = n_players <= 12 or description.startswith("cycle")
    graph = nx.Graph()
    graph.add_nodes_from(range(n_players))
    graph.add_edges_from(edges)
    layout = nx.circular_layout(graph) if circle else nx.spring_layout(graph, seed=0)
    return np.array([layout[i] for i in range(n_players)])


@styled
def network_plot(analysis: Analysis) -> Figure:
    """The network of ``analysis`` (a spatial tournament), players coloured by score."""
    from matplotlib.collections import LineCollection

    record, names = analysis.run.network, analysis.run.names
    n = len(names)
    edges = [[a, b] for a, b in record["edges"] if a != b]
    degree = np.asarray(record["degree"], dtype=np.float64)
    at = positions(n, edges, record["description"])
    fig = figure(12, 10)
    ax = fig.add_subplot()
    segments = at[np.asarray(edges, dtype=np.int64)] if edges else np.zeros((0, 2, 2))
    ax.add_collection(
        LineCollection(segments, colors="#9aa8b5", linewidths=1.5 if n <= 60 else 0.8, zorder=1)
    )
    points = ax.scatter(
        at[:, 0],
        at[:, 1],
        c=analysis.results.mean_scores,
        cmap="viridis",
        s=80 + 320 * np.sqrt(degree / max(degree.max(), 1)),
        edgecolors="white",
        zorder=2,
    )
    if n <= LABELLED:
        for (x, y), name in zip(at, names):
            ax.annotate(name, (x, y), xytext=(8, 4), textcoords="offset points", fontsize=12)
    fig.colorbar(points, ax=ax, label="score per turn (mean over opponents met)", shrink=0.8)
    ax.set_title(f"Who plays whom: {record['description']}")
    ax.set_aspect("equal")
    ax.margins(0.12)
    ax.set_axis_off()
    return fig


def save_network_plot(folder: str | Path, analysis: Analysis) -> Path:
    """Write :func:`network_plot` as ``folder/plots/network.png`` and return its path."""
    target = Path(folder) / "plots"
    target.mkdir(parents=True, exist_ok=True)
    path = target / "network.png"
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(png_bytes(network_plot(analysis)))
    temporary.replace(path)
    return path
