"""An evolution run in words, HTML and a picture.

:func:`settings_line` and :func:`outcome_sentences` describe a run in plain text (the
command line prints them too); :func:`evolution_section` is an HTML fragment (a
``<section>``) that any report can embed; :func:`render_html` wraps it into the
self-contained page an ``ipd evolve`` run folder gets; :func:`plot_population` draws the
stacked shares over generations and :func:`plot_invasion` the invasion diagram of the
small-mutation limit (strategies on a circle, an arrow from resident to invader wherever the
invader fixates more often than a neutral mutant).
"""

from __future__ import annotations

import base64
import html
from pathlib import Path
from typing import Any

import pandas as pd

from tournament.evolution.records import wide_table
from tournament.evolution.run import Evolution, EvolutionResult
from tournament.evolution.settings import UPDATES
from tournament.evolution.stationary import Stationary
from tournament.io.report.tables import scrolling

NEUTRAL_TOLERANCE = 1e-4
"""Invasions whose fixation probability is within this factor of 1 / N count as neutral drift."""
MAX_DIAGRAM_NODES = 12
"""The invasion diagram shows at most this many strategies (the most frequent)."""


def settings_line(evolution: Evolution) -> str:
    """The settings of a run in one line of text."""
    settings = evolution.settings
    dynamics = evolution.dynamics
    moran = evolution.moran
    size = evolution.size or evolution.population.size
    parts = [f"{size} individuals", dynamics]
    fitness = "payoff" if moran.intensity is None else f"1 - w + w * payoff, w = {moran.intensity:g}"
    if dynamics == "stationary":
        parts.append("small-mutation limit")
        parts.append(f"fermi, beta {moran.beta:g}" if moran.update == "fermi" else f"moran {moran.mode}")
        if moran.update == "moran":
            parts.append(f"fitness {fitness}")
        parts.append("exact payoffs" if evolution.exact_payoffs else "played payoffs")
    if dynamics == "moran":
        parts.append(moran.mode)
    if dynamics in ("moran", "fermi"):
        parts.append(f"graph {evolution.graph}")
    if dynamics == "fermi":
        parts.append(f"beta {moran.beta:g}")
    if dynamics in ("moran", "wright-fisher"):
        parts.append(f"fitness {fitness}")
    if dynamics == "eliminate":
        parts.append(f"eliminate/clone {evolution.eliminate}")
    if dynamics in ("moran", "fermi", "wright-fisher", "eliminate", "replicator"):
        parts.append(
            "mutation matrix" if moran.mutation_matrix is not None else f"mutation {moran.mutation:g}"
        )
    if dynamics in UPDATES or dynamics == "stationary":
        parts.append("self-interaction" if moran.self_interaction else "no self-interaction")
    if dynamics in UPDATES and moran.approximate:
        parts.append(f"matches drawn from {moran.approximate} outcomes per pair")
    parts += [f"seed {evolution.seed}", settings.describe()]
    return ", ".join(parts)


def outcome_sentences(result: EvolutionResult) -> list[str]:
    """What happened, in a sentence or a few."""
    outcome = result.outcome
    seconds = f" ({result.seconds:.2f} s)"
    dynamics = result.evolution.dynamics
    if result.stationary is not None:
        return stationary_sentences(result.stationary) + [f"Computed in {result.seconds:.2f} s."]
    if dynamics in UPDATES and outcome["fixated"]:
        return [f"{outcome['winner']} took over after {outcome['generations']:,} generations{seconds}."]
    sentences = [f"Largest share at the end: {outcome['leader']} ({outcome['leader_share']:.1%}){seconds}."]
    if dynamics in UPDATES:
        sentences[0] = f"No fixation after {outcome['generations']:,} generations. " + sentences[0]
    for point in outcome.get("rest_points", []):
        share = point["share_of_" + result.names[0]]
        sentences.append(
            f"Rest point of the replicator equation: {result.names[0]} at {share:.3f} ({point['stability']})."
        )
    return sentences + failure_sentences(result)


def failure_sentences(result: EvolutionResult) -> list[str]:
    """One sentence per strategy that failed matches: how often, and whether it forfeited them."""
    out = []
    for player, rows in result.failures.groupby("player", sort=False):
        matches, forfeits = int(rows["matches"].sum()), int(rows["forfeits"].sum())
        problem = rows["problem"].iloc[0]
        lost = f", forfeited {forfeits:,} (scored as the worst possible match)" if forfeits else ""
        out.append(f"{player} failed {matches:,} matches{lost}: {problem}.")
    return out


def stationary_sentences(stationary: Stationary) -> list[str]:
    """The most frequent resident of the small-mutation limit, and the invasions it resists."""
    names = stationary.names
    best = int(stationary.distribution.argmax())
    sentences = [
        f"With rare mutations a population of {stationary.size} spends "
        f"{stationary.distribution[best]:.1%} of the time at {names[best]}."
    ]
    favoured = [names[j] for j in range(len(names)) if favoured_invasion(stationary, best, j)]
    if favoured:
        sentences.append(f"It is invaded (fixation above 1/N) by: {', '.join(favoured)}.")
    elif len(names) > 1:
        sentences.append("No single mutant fixates in it more often than a neutral one (1/N).")
    return sentences


def stationary_table(stationary: Stationary) -> str:
    """An HTML table: each strategy's stationary share and fixation probability (over 1/N) as an
    invader of the most frequent resident."""
    best = int(stationary.distribution.argmax())
    resident = html.escape(stationary.names[best])
    rows = "".join(
        f"<tr><td>{html.escape(name)}</td><td>{share:.2%}</td>"
        f"<td>{'-' if j == best else f'{stationary.rho[best, j] / stationary.neutral:.3f}'}</td></tr>"
        for j, (name, share) in enumerate(zip(stationary.names, stationary.distribution))
    )
    return scrolling(
        f"<th>Strategy</th><th>Stationary share</th><th>Fixation among {resident} (x 1/N)</th>", rows
    )


def favoured_invasion(stationary: Stationary, resident: int, invader: int) -> bool:
    """Whether ``invader`` fixates among ``resident`` more often than a neutral mutant."""
    if resident == invader:
        return False
    return bool(stationary.rho[resident, invader] > stationary.neutral * (1 + NEUTRAL_TOLERANCE))


def carrier_sentences(carriers: Any) -> list[str]:
    """One sentence per learner that carried knowledge across generations: its cooperation in
    the first and the last generation it played (from the run's carriers table)."""
    sentences = []
    for strategy, rows in carriers[carriers["matches"] > 0].groupby("strategy", sort=False):
        first, last = rows.iloc[0], rows.iloc[-1]
        sentences.append(
            f"{strategy} carried what it learned across generations: it cooperated in "
            f"{first.cooperation:.0%} of its moves in generation {first.generation} and "
            f"{last.cooperation:.0%} in generation {last.generation} (carriers.csv)."
        )
    return sentences


def evolution_section(result: EvolutionResult, image: bytes | None = None) -> str:
    """An HTML ``<section>``: what ran, what happened, the plot (PNG bytes) and start/end table."""
    evolution = result.evolution
    last = result.final
    counted = bool(last["count"].notna().all())
    rows = []
    for start, end in zip(result.initial.itertuples(), last.itertuples()):
        begin = f"{int(start.count)}" if counted else f"{start.share:.1%}"
        finish = f"{int(end.count)}" if counted else f"{end.share:.1%}"
        rows.append(
            f"<tr><td>{html.escape(str(end.strategy))}</td><td>{begin}</td><td>{finish}</td>"
            f"<td>{end.share:.1%}</td></tr>"
        )
    table = scrolling("<th>Strategy</th><th>Start</th><th>End</th><th>Share</th>", "".join(rows))
    if result.stationary is not None:
        table = stationary_table(result.stationary)
    figure = ""
    if image is not None:
        data = base64.b64encode(image).decode("ascii")
        alt, caption = (
            "Population by generation",
            "Share of each strategy in the population, generation by generation.",
        )
        if result.stationary is not None:
            alt = "Invasion diagram"
            caption = (
                "Invasion diagram: an arrow from resident to invader where one invader fixates more often "
                "than a neutral mutant (label: its fixation probability over 1/N); dashed: neutral; "
                "under each strategy its share of the stationary distribution."
            )
        figure = (
            f'<figure><img alt="{alt}" src="data:image/png;base64,{data}">'
            f"<figcaption>{caption}</figcaption></figure>"
        )
    told = outcome_sentences(result) + carrier_sentences(result.carriers)
    sentences = "".join(f"<li>{html.escape(s)}</li>" for s in told)
    return (
        f"<section><h2>Evolution: {html.escape(evolution.dynamics)}</h2>"
        f'<div class="settings">{html.escape(settings_line(evolution))}.</div>'
        f"<ul>{sentences}</ul>{figure}{table}</section>"
    )


def render_html(result: EvolutionResult, image: bytes | None = None) -> str:
    """A self-contained page holding :func:`evolution_section`."""
    from tournament import __version__
    from tournament.io.report.html import CSS

    name = html.escape(result.evolution.name)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{name}: evolution report</title>
<style>{CSS}</style></head>
<body><main>
<h1>{name}</h1>
{evolution_section(result, image)}
<footer>Generated by ipd-tournament {html.escape(__version__)}. The population by generation is in
<code>population.parquet</code> / <code>population.csv</code>, the settings in <code>manifest.json</code>.</footer>
</main></body></html>
"""


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


def plot_invasion(stationary: Stationary, path: Path, title: str = "Invasion diagram") -> Path:
    """The invasion diagram of the small-mutation limit as a PNG (Agg backend).

    The most frequent strategies (at most :data:`MAX_DIAGRAM_NODES`) sit on a circle, sized
    by their stationary share; an arrow goes from resident ``i`` to invader ``j`` where
    ``rho[i, j] > 1/N`` (labelled ``rho / (1/N)``), a dashed line where both directions are
    neutral (egttools' ``draw_invasion_diagram`` conventions).
    """
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    shown = np.argsort(-stationary.distribution, kind="stable")[:MAX_DIAGRAM_NODES]
    angles = np.pi / 2 - 2 * np.pi * np.arange(shown.size) / max(shown.size, 1)
    xy = np.stack((np.cos(angles), np.sin(angles)), axis=1)
    figure = Figure(figsize=(8, 8), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    ratio = stationary.rho / stationary.neutral
    for a, i in enumerate(shown):
        for b, j in enumerate(shown):
            if favoured_invasion(stationary, i, j):
                axes.annotate(
                    "",
                    xy=xy[b] * 0.86 + xy[a] * 0.14,
                    xytext=xy[a] * 0.86 + xy[b] * 0.14,
                    arrowprops={"arrowstyle": "-|>", "lw": 1.5, "color": "0.25", "mutation_scale": 18},
                )
                mid = xy[a] * 0.4 + xy[b] * 0.6
                axes.text(*mid, f"{ratio[i, j]:.2f}", fontsize=8, ha="center", va="center", color="0.2")
            elif a < b and _neutral(ratio[i, j]) and _neutral(ratio[j, i]):
                axes.plot(*zip(xy[a], xy[b]), ls="--", lw=1, color="0.6")
    sizes = 300 + 3000 * stationary.distribution[shown] / max(stationary.distribution.max(), 1e-300)
    axes.scatter(xy[:, 0], xy[:, 1], s=sizes, c=[f"C{k % 10}" for k in range(shown.size)], zorder=3)
    for a, i in enumerate(shown):
        label = f"{stationary.names[i]}\n{stationary.distribution[i]:.1%}"
        axes.text(*(xy[a] * 1.22), label, ha="center", va="center", fontsize=9)
    hidden = len(stationary.names) - shown.size
    if hidden:
        axes.text(0, -1.45, f"{hidden} rarer strategies not shown", ha="center", fontsize=8, color="0.4")
    axes.set_xlim(-1.6, 1.6)
    axes.set_ylim(-1.6, 1.6)
    axes.set_aspect("equal")
    axes.axis("off")
    axes.set_title(title)
    figure.tight_layout()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path)
    return path


def _neutral(ratio: float) -> bool:
    return abs(ratio - 1) <= NEUTRAL_TOLERANCE
