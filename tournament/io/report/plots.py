"""The report's pictures as PNG files, drawn with matplotlib for a projector: large type, thick lines.

report.html draws its charts in the browser; these files are drawn only when asked
(``ipd report DIR --png``). Each function takes an :class:`~tournament.stats.summary.Analysis`
and returns a ``matplotlib.figure.Figure`` built without pyplot (no global state, no GUI
backend: figures render through the Agg canvas), so plotting works headless and never
changes the backend of a notebook. matplotlib is imported only when a plot is drawn.
:func:`save_plots` writes every plot as PNG.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from tournament.io.report import distributions as distribution_plots
from tournament.io.report.canvas import STYLE as STYLE
from tournament.io.report.canvas import figure, png_bytes
from tournament.io.report.canvas import label_size as _label_size
from tournament.io.report.canvas import ranked_height as _ranked_height
from tournament.io.report.canvas import styled as _styled
from tournament.stats.spatial import met_pairs, unmet_as_nan

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from tournament.stats.summary import Analysis

STATE_COLOURS = {"CC": "#2a9d3f", "CD": "#f4a259", "DC": "#8e5ea2", "DD": "#d1495b"}
STATE_LABELS = {
    "CC": "both cooperate (CC)",
    "CD": "suckered (CD)",
    "DC": "exploiting (DC)",
    "DD": "both defect (DD)",
}
COOPERATION_COLOUR = "#2a6f97"
LABELLED = 50
"""Heatmaps name the players up to this many; beyond, their ranks."""


@_styled
def scores_plot(analysis: Analysis) -> Figure:
    """Leaderboard: each player's score per turn over the repetitions (box), best at the top."""
    results, game = analysis.results, analysis.run.game
    order = results.ranking
    n = len(order)
    fig = figure(13, _ranked_height(n))
    ax = fig.add_subplot()
    data = [results.normalised_scores[i] for i in order][::-1]
    positions = np.arange(1, n + 1)
    ax.boxplot(
        data,
        positions=positions,
        orientation="horizontal",
        widths=0.6,
        patch_artist=True,
        boxprops={"facecolor": "#cfe3f2", "edgecolor": COOPERATION_COLOUR, "linewidth": 2},
        medianprops={"color": "#d1495b", "linewidth": 3},
        whiskerprops={"color": COOPERATION_COLOUR, "linewidth": 2},
        capprops={"color": COOPERATION_COLOUR, "linewidth": 2},
        flierprops={"markeredgecolor": COOPERATION_COLOUR},
    )
    labels = [f"{k}. {analysis.run.names[i]}" for k, i in enumerate(order, start=1)][::-1]
    ax.set_yticks(positions, labels, fontsize=_label_size(n))
    for value, text, colour in (
        (game.R, "R: mutual cooperation", "#2a9d3f"),
        (game.P, "P: mutual defection", "#d1495b"),
    ):
        ax.axvline(value, color=colour, linestyle="--", linewidth=2)
        ax.annotate(
            text,
            (value, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(4, -4),
            textcoords="offset points",
            va="top",
            color=colour,
            fontsize=13,
        )
    ax.set_xlabel("score per turn (mean over opponents), one value per repetition")
    ax.set_title("Leaderboard and score distributions")
    ax.grid(axis="y", visible=False)
    return fig


def _annotate(ax: Any, matrix: np.ndarray, image: Any, fmt: str, size: float) -> None:
    """Write each finite value in its cell, white on dark colours and black on light ones."""
    for (i, j), value in np.ndenumerate(matrix):
        if np.isfinite(value):
            red, green, blue, _ = image.cmap(image.norm(value))
            light = 0.299 * red + 0.587 * green + 0.114 * blue > 0.5
            ax.text(
                j,
                i,
                fmt.format(value),
                ha="center",
                va="center",
                fontsize=size,
                color="black" if light else "white",
            )


def _heatmap(
    analysis: Analysis, values: np.ndarray, title: str, colourbar: str, cmap: str, vmin: float, vmax: float
) -> Figure:
    order = analysis.results.ranking
    names = analysis.results.ranked_names
    n = len(order)
    matrix = values[np.ix_(order, order)]
    side = max(7, min(16, 3 + 0.25 * n))
    fig = figure(side + 2.5, side)
    ax = fig.add_subplot()
    ax.grid(False)
    from matplotlib import colormaps

    colours = colormaps[cmap].with_extremes(bad="#dddddd")
    image = ax.imshow(np.ma.masked_invalid(matrix), cmap=colours, vmin=vmin, vmax=vmax)
    if n <= LABELLED:
        size = _label_size(n)
        ax.set_xticks(range(n), names, rotation=60, ha="right", rotation_mode="anchor", fontsize=size)
        ax.set_yticks(range(n), names, fontsize=size)
        ax.set_xlabel("opponent")
        ax.set_ylabel("player (ranked)")
    else:  # names would be unreadable: ranks instead
        ranks = np.arange(0, n, max(1, int(round(n / 10, -1))))
        ax.set_xticks(ranks, ranks + 1)
        ax.set_yticks(ranks, ranks + 1)
        ax.set_xlabel("opponent (rank)")
        ax.set_ylabel("player (rank)")
    if n <= 14:
        _annotate(ax, matrix, image, "{:.2g}", 12)
    ax.set_title(title)
    fig.colorbar(image, ax=ax, shrink=0.8, label=colourbar)
    return fig


@_styled
def payoff_heatmap(analysis: Analysis) -> Figure:
    """Mean score per turn of each player (row) against each opponent (column), ranked."""
    game = analysis.run.game
    low, high = min(game.R, game.S, game.T, game.P), max(game.R, game.S, game.T, game.P)
    return _heatmap(
        analysis,
        unmet_as_nan(analysis.resultset.payoff_matrix, met_pairs(analysis.results)),
        "Payoff per turn: row against column",
        "score per turn",
        "viridis",
        low,
        high,
    )


@_styled
def cooperation_heatmap(analysis: Analysis) -> Figure:
    """Cooperation rate of each player (row) against each opponent (column), ranked; self-play grey."""
    return _heatmap(
        analysis,
        analysis.cooperation.matrix,
        "Cooperation: how often row cooperated with column",
        "cooperation rate",
        "RdYlGn",
        0.0,
        1.0,
    )


@_styled
def cooperation_by_turn_plot(analysis: Analysis) -> Figure:
    """Cooperation rate at each turn index: all players (line), and each player (heat strip)."""
    run = analysis.run
    profile = analysis.cooperation.profile
    n = len(run.names)
    fig = figure(13, 5 + min(14, 0.3 * n))
    if profile is None or profile.empty:
        ax = fig.add_subplot()
        ax.text(0.5, 0.5, "no per-turn record in this run", ha="center", va="center", transform=ax.transAxes)
        return fig
    enough = (profile["moves"] >= 0.05 * profile["moves"].iloc[0]).to_numpy()
    shown = profile[enough]
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=[1, max(1.0, 0.06 * n)])
    top.plot(shown["turn"], shown["cooperation_rate"], color="black", linewidth=3)
    top.set_ylim(-0.03, 1.03)
    top.set_ylabel("all players")
    end = analysis.cooperation.end_game
    if end is not None and run.turns is not None:
        turns = run.turns
        top.axvspan(
            turns - end.window + 0.5,
            turns + 0.5,
            color="#d1495b",
            alpha=0.2,
            label=f"last {end.window} turns",
        )
        top.axvspan(
            turns - 2 * end.window + 0.5,
            turns - end.window + 0.5,
            color="#2a6f97",
            alpha=0.12,
            label=f"the {end.window} before",
        )
        top.legend(loc="lower left", fontsize=12)
        top.set_title(f"Cooperation by turn (end-game drop {end.drop:+.3f})")
    else:
        top.set_title("Cooperation by turn")
    order = analysis.results.ranking
    bottom.grid(False)
    if run.cooperation_by_turn is not None:
        from tournament.stats.cooperation import by_turn_per_player

        wide = by_turn_per_player(run.cooperation_by_turn, run.names).loc[shown["turn"]]
        matrix = wide.to_numpy(np.float64).T[order]
        turns_shown = shown["turn"].to_numpy()
        image = bottom.imshow(
            np.ma.masked_invalid(matrix),
            aspect="auto",
            cmap="RdYlGn",
            vmin=0,
            vmax=1,
            interpolation="nearest",
            extent=(turns_shown[0] - 0.5, turns_shown[-1] + 0.5, n - 0.5, -0.5),
        )
        bottom.set_yticks(range(n), [run.names[i] for i in order], fontsize=_label_size(n))
        fig.colorbar(image, ax=[top, bottom], shrink=0.6, label="cooperation rate")
    bottom.set_xlabel(
        "turn" + (" (turns reached by at least 5% of matches)" if run.prob_end is not None else "")
    )
    return fig


def _palette(n: int) -> list:
    import matplotlib

    cmap = matplotlib.colormaps["tab20" if n > 10 else "tab10"]
    return [cmap(k % cmap.N) for k in range(n)]


@_styled
def feasible_region_plot(analysis: Analysis) -> Figure:
    """Each pair's payoffs per turn inside the feasible region, with the minmax lines."""
    from matplotlib.patches import Polygon

    game, theory = analysis.run.game, analysis.folk
    fig = figure(11, 10)
    ax = fig.add_subplot()
    hull = theory.feasible_vertices
    region = None
    if len(hull) >= 3:
        region = Polygon(
            hull,
            closed=True,
            facecolor="#e8eef4",
            edgecolor="#4a5d70",
            linewidth=2.5,
            label="feasible payoffs",
        )
        ax.add_patch(region)
    v = theory.minmax.mixed
    low = min(game.R, game.S, game.T, game.P)
    high = max(game.R, game.S, game.T, game.P)
    pad = 0.06 * (high - low or 1)
    rational = np.array([[v, v], [high, v], [high, high], [v, high]])
    shade = Polygon(
        rational,
        closed=True,
        facecolor="#2a9d3f",
        alpha=0.15,
        edgecolor="none",
        label="individually rational",
    )
    ax.add_patch(shade)
    if region is not None:
        shade.set_clip_path(region)
    ax.axvline(v, color="#d1495b", linestyle="--", linewidth=2, label=f"minmax = {v:g}")
    ax.axhline(v, color="#d1495b", linestyle="--", linewidth=2)
    pairs = analysis.cooperation.pairs
    if len(pairs):
        points = ax.scatter(
            pairs["payoff_a"],
            pairs["payoff_b"],
            c=pairs["mutual_cooperation_rate"],
            cmap="RdYlGn",
            vmin=0,
            vmax=1,
            s=110,
            edgecolors="black",
            linewidths=0.8,
            zorder=3,
        )
        fig.colorbar(points, ax=ax, shrink=0.7, label="mutual cooperation rate of the pair")
    for (x, y), text, offset, align in zip(
        [(game.R, game.R), (game.S, game.T), (game.T, game.S), (game.P, game.P)],
        ["(R, R)\nboth cooperate", "(S, T)", "(T, S)", "(P, P)\nboth defect"],
        [(10, 6), (10, 6), (8, 8), (-10, -10)],
        ["left", "left", "left", "right"],
    ):
        ax.plot(x, y, "o", color="#4a5d70", markersize=7, zorder=2)
        ax.annotate(
            text,
            (x, y),
            xytext=offset,
            textcoords="offset points",
            fontsize=14,
            color="#4a5d70",
            ha=align,
            va="top" if offset[1] < 0 else "bottom",
        )
    ax.set_xlim(low - pad, high + 3 * pad)
    ax.set_ylim(low - pad, high + 3 * pad)
    ax.set_aspect("equal")
    ax.set_xlabel("payoff per turn of the first player")
    ax.set_ylabel("payoff per turn of the second player")
    share = analysis.cooperation.overall()["individually_rational_pair_share"]
    ax.set_title(
        "Pairs in the feasible region"
        + (f" ({share:.0%} individually rational)" if share is not None else "")
    )
    ax.legend(loc="upper right", fontsize=13)
    return fig


@_styled
def state_distribution_plot(analysis: Analysis) -> Figure:
    """Share of each outcome (CC, CD, DC, DD) in each player's matches, ranked."""
    order = analysis.results.ranking
    n = len(order)
    fig = figure(13, _ranked_height(n))
    ax = fig.add_subplot()
    ax.grid(False)
    counts = analysis.results.state_counts
    total = np.maximum(counts.sum(axis=1), 1)
    shares = {s: counts[:, k] / total for k, s in enumerate(("CC", "CD", "DC", "DD"))}
    y = np.arange(n)[::-1]
    left = np.zeros(n)
    for state in ("CC", "CD", "DC", "DD"):
        width = np.nan_to_num(shares[state][order])
        ax.barh(y, width, left=left, color=STATE_COLOURS[state], label=STATE_LABELS[state], height=0.75)
        left += width
    ax.set_yticks(
        y, [f"{k}. {analysis.run.names[i]}" for k, i in enumerate(order, start=1)], fontsize=_label_size(n)
    )
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of turns, from the player's side (own move first)")
    ax.set_title("Outcomes of each player's matches")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08 - 0.5 / max(n, 1)), ncol=4, fontsize=13)
    return fig


@_styled
def four_vector_plot(analysis: Analysis) -> Figure:
    """Each player's empirical memory-one four-vector P(C | last outcome), ranked."""
    order = analysis.results.ranking
    n = len(order)
    matrix = analysis.results.four_vectors[order]
    fig = figure(11, _ranked_height(n, 0.42, 5))
    ax = fig.add_subplot()
    ax.grid(False)
    from matplotlib import colormaps

    colours = colormaps["RdYlGn"].with_extremes(bad="#dddddd")
    image = ax.imshow(np.ma.masked_invalid(matrix), cmap=colours, vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(4), ["after CC", "after CD\n(suckered)", "after DC\n(exploiting)", "after DD"])
    ax.xaxis.tick_top()
    ax.set_yticks(range(n), [analysis.run.names[i] for i in order], fontsize=_label_size(n))
    if n <= 30:
        _annotate(ax, matrix, image, "{:.2f}", min(14, _label_size(n)))
    ax.set_title("Reply to the last turn: P(cooperate | outcome)", pad=16)
    fig.colorbar(image, ax=ax, shrink=0.8, label="P(cooperate); grey: never happened")
    return fig


PLOTS: dict[str, Callable[[Analysis], Figure]] = {
    "scores": scores_plot,
    "payoff_heatmap": payoff_heatmap,
    "cooperation_heatmap": cooperation_heatmap,
    "cooperation_by_turn": cooperation_by_turn_plot,
    "feasible_region": feasible_region_plot,
    "state_distribution": state_distribution_plot,
    "four_vectors": four_vector_plot,
    **distribution_plots.PLOTS,
}
"""File stem -> plot function, in the order the report shows them."""


def save_plots(
    folder: str | Path, analysis: Analysis, progress: Callable[[str], None] | None = None
) -> dict[str, Path]:
    """Draw every plot of :data:`PLOTS` and write it as ``folder/plots/<stem>.png``; return the
    paths by stem. ``progress`` is told which plot is being drawn."""
    target = Path(folder) / "plots"
    target.mkdir(parents=True, exist_ok=True)
    paths = {}
    for k, (name, draw) in enumerate(PLOTS.items(), start=1):
        if progress is not None:
            progress(f"Drawing plots/{name}.png ({k}/{len(PLOTS)})")
        path = target / f"{name}.png"
        temporary = path.with_name(f".{path.name}.tmp")
        temporary.write_bytes(png_bytes(draw(analysis)))
        temporary.replace(path)
        paths[name] = path
    return paths
