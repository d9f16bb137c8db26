"""A learning run as a picture and a page: its curves and what they showed.

:func:`curves_figure` draws the learning curves of a :class:`~tournament.learning.experiment.LearningResult`
(average reward per step with the spread over seeds, and the probability of cooperating
after each state; for training, the fitness of the candidates by generation);
:func:`render_html` is the self-contained ``report.html`` of an ``ipd learn`` folder: the
sentences computed from the run, the curves, the final policies.
"""

from __future__ import annotations

import base64
import html
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from tournament.io.report.plots import STATE_COLOURS, figure, png_bytes
from tournament.io.report.tables import scrolling

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from tournament.learning.experiment import LearningResult

AGENT_COLOURS = ("#2a6f97", "#d1495b", "#2a9d3f", "#8e5ea2", "#f4a259", "#6c757d")
STATES = (
    ("coop_first", "first turn", "#6c757d"),
    *((f"coop_{s}", f"after {s}", c) for s, c in STATE_COLOURS.items()),
)


def curves_figure(result: LearningResult) -> Figure:
    """The curves of ``result`` (see the module docstring)."""
    import matplotlib

    from tournament.io.report.plots import STYLE

    with matplotlib.rc_context(STYLE):
        if result.step == "generation":
            return _fitness(result)
        return _rewards_and_policies(result)


def _rewards_and_policies(result: LearningResult) -> Figure:
    curves = result.curves
    agents = list(dict.fromkeys(curves["agent"]))
    fig = figure(14, 5 + 4 * len(agents))
    axes = fig.subplots(1 + len(agents), 1, sharex=True, squeeze=False)[:, 0]
    step = result.step
    game = result.experiment.settings.game
    top = axes[0]
    for k, agent in enumerate(agents):
        rows = curves[curves["agent"] == agent]
        colour = AGENT_COLOURS[k % len(AGENT_COLOURS)]
        top.fill_between(
            rows[step], rows["reward_p10"], rows["reward_p90"], color=colour, alpha=0.18, linewidth=0
        )
        top.plot(
            rows[step], rows["reward_mean"], color=colour, label=f"{agent} (mean; band: 10-90% of seeds)"
        )
    for value, text in ((game.R, "mutual cooperation"), (game.P, "mutual defection")):
        top.axhline(value, color="#1d2733", linestyle=":", linewidth=1.5)
        top.annotate(
            text, (1.0, value), xycoords=("axes fraction", "data"), ha="right", va="bottom", fontsize=12
        )
    top.set_ylabel("reward per step")
    top.set_title("Average reward per step")
    top.legend(loc="best", fontsize=12)
    for axis, agent in zip(axes[1:], agents):
        rows = curves[curves["agent"] == agent]
        for column, label, colour in STATES:
            values = rows[column].to_numpy(dtype=np.float64)
            if np.isfinite(values).sum() > 1:
                axis.plot(rows[step], values, color=colour, label=label)
        axis.set_ylim(-0.03, 1.03)
        axis.set_ylabel("P(cooperate)")
        axis.set_title(f"{agent}: probability of cooperating after each state (own move first)")
        axis.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=12, frameon=False)
    axes[-1].set_xlabel(step)
    return fig


def _fitness(result: LearningResult) -> Figure:
    curves = result.curves
    fig = figure(13, 6)
    axis = fig.subplots()
    axis.fill_between(
        curves["generation"], curves["p10"], curves["p90"], color=AGENT_COLOURS[0], alpha=0.2, linewidth=0
    )
    axis.plot(
        curves["generation"],
        curves["mean"],
        color=AGENT_COLOURS[0],
        label="mean (band: 10-90% of candidates)",
    )
    axis.plot(curves["generation"], curves["best"], color=AGENT_COLOURS[1], label="best")
    axis.set_xlabel("generation")
    axis.set_ylabel("payoff per turn")
    axis.set_title("Fitness of the candidates")
    axis.legend(loc="lower right")
    return fig


def curves_png(result: LearningResult) -> bytes:
    """:func:`curves_figure` as PNG."""
    return png_bytes(curves_figure(result))


def _table(frame: pd.DataFrame) -> str:
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_cell(v)}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return scrolling(head, body)


def _cell(value: object) -> str:
    if isinstance(value, (float, np.floating)):
        return "n/a" if not np.isfinite(value) else f"{value:.3f}"
    return html.escape(str(value))


def final_view(result: LearningResult) -> pd.DataFrame:
    """The final policies in short: per agent, means over seeds (or the best candidates)."""
    final = result.final
    if result.step == "generation":
        return final.head(10)
    columns = [c for c in final.columns if c not in ("seed", "agent")]
    return final.groupby("agent", sort=False)[columns].mean().reset_index()


def render_html(result: LearningResult, image: bytes | None = None) -> str:
    """The self-contained page of a learning run."""
    from tournament import __version__
    from tournament.io.report.html import CSS

    experiment = result.experiment
    name = html.escape(experiment.name)
    sentences = "".join(f"<li>{html.escape(s)}</li>" for s in result.sentences)
    picture = ""
    if image is not None:
        data = base64.b64encode(image).decode("ascii")
        picture = f'<figure><img alt="Learning curves" src="data:image/png;base64,{data}"></figure>'
    files = (
        "curves, final policies" if result.step != "generation" else "fitness by generation, final candidates"
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{name}: learning report</title>
<style>{CSS}</style></head>
<body><main>
<h1>{name}</h1>
<section><h2>Learning: {html.escape(experiment.method)}</h2>
<div class="settings">seed {experiment.seed}, {result.seconds:.2f} s of computing.</div>
<ul>{sentences}</ul>{picture}</section>
<section><h2>{"Final policies" if result.step != "generation" else "Best candidates"}</h2>
{_table(final_view(result))}</section>
<footer>Generated by ipd-tournament {html.escape(__version__)}. The {files} are in <code>curves.*</code> and
<code>final.*</code>, the settings in <code>config.toml</code> and <code>manifest.json</code>.</footer>
</main></body></html>
"""
