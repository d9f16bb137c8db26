"""The sweep's picture: cooperation against the shadow of the future (or the length, or noise)."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from tournament.stats import folk
from tournament.sweep import SweepResult

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def plot_sweep(result: SweepResult) -> Figure:
    """Cooperation against delta = 1 - prob_end, with the critical thresholds (or against noise)."""
    import matplotlib

    from tournament.io.report.plots import STYLE, figure

    table = result.table
    by_delta = table["continuation_probability"].notna().any()
    with matplotlib.rc_context(STYLE):
        fig = figure(13, 8.5)
        ax = fig.add_subplot()
        by_turns = not by_delta and table["turns"].nunique() > 1 and table["noise"].nunique() == 1
        x_column = "continuation_probability" if by_delta else "turns" if by_turns else "noise"
        averaged = table.duplicated([x_column, "noise"]).any()
        groups = table.groupby("noise") if by_delta and table["noise"].nunique() > 1 else [(None, table)]
        styles = itertools.cycle(["-", "--", ":", "-."])
        for noise, part in groups:
            part = part.groupby(x_column, as_index=False)[
                ["cooperation_rate", "ecological_cooperation_rate"]
            ].mean()  # one row per x unless seeds or payoffs are swept too: their mean
            suffix = "" if noise is None else f" (noise {noise:g})"
            line = next(styles)
            ax.plot(
                part[x_column],
                part["cooperation_rate"],
                line,
                marker="o",
                markersize=10,
                color="#2a6f97",
                label="cooperation in the tournament" + suffix,
            )
            ax.plot(
                part[x_column],
                part["ecological_cooperation_rate"],
                line,
                marker="s",
                markersize=9,
                color="#2a9d3f",
                label="cooperation after ecological selection" + suffix,
            )
        if by_delta:
            colours = {"grim_trigger": "#d1495b", "tit_for_tat": "#8e5ea2", "win_stay_lose_shift": "#f4a259"}
            for t in folk.thresholds(result.game):
                if 0 <= t.value <= 1:
                    ax.axvline(
                        t.value,
                        color=colours[t.key],
                        linestyle=":",
                        linewidth=3,
                        label=f"{t.strategy} sustains cooperation: delta >= {t.value:.3g}",
                    )
            ax.set_xlim(0, 1.02)
            ax.set_xlabel("continuation probability delta = 1 - prob_end (the shadow of the future)")
            ax.set_title("The shadow of the future: cooperation against delta")
        elif by_turns:
            ax.set_xscale("log")
            ax.set_xlabel("turns per match")
            ax.set_title("Cooperation against the match length")
        else:
            ax.set_xlabel("noise (probability that a move is flipped)")
            ax.set_title("Cooperation against noise")
        if averaged:
            ax.set_title(ax.get_title() + " (mean over the other axes)")
        ax.set_ylim(-0.03, 1.03)
        ax.set_ylabel("share")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, fontsize=14)
    return fig
