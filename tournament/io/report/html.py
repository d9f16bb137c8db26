"""The human-facing report: a terminal panel, and a self-contained ``report.html``.

:func:`cooperation_panel` is the compact rich panel shown under the leaderboard after
``ipd run``; :func:`render_html` builds one HTML page, readable on a projector, whose charts
the browser draws from data embedded in it (:mod:`tournament.io.report.charts`) with the
Apache ECharts vendored in ``static/``: no network needed, nothing drawn in Python.
:func:`write_report` writes everything a run folder gets from the statistics:
``summary.json``, ``statistics/*.csv``, ``report.html`` and, when asked, ``plots/*.png``.
"""

from __future__ import annotations

import html
import json
import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tournament.io.report.tables import (
    WARNING,
    cell,
    failure_section,
    leaderboard,
    reciprocity_view,
    scrolling,
    table,
)
from tournament.io.report.uncertainty import uncertainty_section
from tournament.io.side_by_side import side_by_side
from tournament.stats.summary import Analysis, summary_dict, write_statistics

if TYPE_CHECKING:
    import pandas as pd


def _percent(value: float | None, digits: int = 1) -> str:
    return "n/a" if value is None or not math.isfinite(value) else f"{100 * value:.{digits}f}%"


def _number(value: float | None, fmt: str = ".3g") -> str:
    return "n/a" if value is None or not math.isfinite(value) else format(value, fmt)


def settings_line(analysis: Analysis) -> str:
    """One line describing the tournament's settings."""
    run = analysis.run
    reps = f"{run.repetitions} repetition" + ("s" if run.repetitions != 1 else "")
    where = f", spatial: {run.network['description']}" if run.network is not None else ""
    return f"{len(run.names)} players{where}, {reps}, {run.settings.describe()}"


def shadow_of_the_future(analysis: Analysis) -> str:
    """The thresholds in one line: met or not at the tournament's continuation probability."""
    theory = analysis.folk
    if theory.delta is None:
        if theory.backward_induction:
            return f"fixed {theory.turns} turns, known: backward induction predicts defection"
        if theory.known_length is None:
            return f"fixed {theory.turns} turns, not told to the players"
        return f"fixed {theory.turns} turns"
    parts = [f"delta = {theory.delta:.3g}:"]
    short = {"grim_trigger": "Grim", "tit_for_tat": "TFT", "win_stay_lose_shift": "WSLS"}
    for t in theory.thresholds:
        mark = "met" if t.met(theory.delta) else "not met"
        parts.append(f"{short[t.key]} {mark} (>= {_number(t.value)})")
    return " ".join(parts[:1]) + " " + ", ".join(parts[1:])


def cooperation_panel(analysis: Analysis) -> Any:
    """A rich Panel with the tournament's cooperation figures and the thresholds met or not."""
    from rich.panel import Panel
    from rich.table import Table

    s = summary_dict(analysis)
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column(justify="right")
    grid.add_column(style="dim")
    grid.add_row(
        "Cooperation",
        _percent(s["cooperation_rate"]),
        f"mutual cooperation {_percent(s['mutual_cooperation_rate'])}, "
        f"mutual defection {_percent(s['mutual_defection_rate'])}",
    )
    grid.add_row(
        "Cooperation index",
        _number(s["mean_cooperation_index"], ".2f"),
        "mean of (u - P) / (R - P): 0 = mutual defection, 1 = mutual cooperation",
    )
    grid.add_row(
        "Pairs above minmax",
        _percent(s["individually_rational_pair_share"], 0),
        f"strictly {_percent(s['strictly_individually_rational_pair_share'], 0)}, "
        f"at (R, R) {_percent(s['cooperative_pair_share'], 0)}",
    )
    grid.add_row("Shadow of the future", "", shadow_of_the_future(analysis))
    if s["end_game_drop"] is not None:
        grid.add_row(
            "End-game drop",
            f"{s['end_game_drop']:+.3f}",
            f"cooperation over the last {s['end_game_window']} turns vs the {s['end_game_window']} before",
        )
    return Panel(grid, title="Cooperation", title_align="left", expand=False)


CSS = """
body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; font-size: 21px;
       line-height: 1.45; color: #1d2733; background: #f6f8fa; margin: 0; }
main { max-width: 1400px; margin: 0 auto; padding: 24px 40px 60px; }
h1 { font-size: 44px; margin: 10px 0 4px; }
h2 { font-size: 32px; margin: 48px 0 12px; border-bottom: 3px solid #2a6f97; padding-bottom: 6px; }
.settings { font-size: 22px; color: #4a5d70; margin-bottom: 24px; }
.cards { display: flex; flex-wrap: wrap; gap: 18px; }
.card { background: white; border-radius: 12px; padding: 16px 22px; min-width: 200px; flex: 1;
        box-shadow: 0 1px 4px rgba(0,0,0,.12); }
.card .value { font-size: 44px; font-weight: bold; color: #2a6f97; }
.card .label { font-size: 18px; color: #4a5d70; }
.theory li { margin: 6px 0; }
table { border-collapse: collapse; background: white; box-shadow: 0 1px 4px rgba(0,0,0,.12);
        margin: 12px 0; font-size: 19px; }
th, td { padding: 6px 14px; text-align: right; border-bottom: 1px solid #e3e8ee; }
th { background: #2a6f97; color: white; position: sticky; top: 0; }
td.name, th.name { text-align: left; }
.met { color: #2a9d3f; font-weight: bold; } .unmet { color: #d1495b; font-weight: bold; }
figure { margin: 18px 0 30px; background: white; padding: 12px; border-radius: 12px;
         box-shadow: 0 1px 4px rgba(0,0,0,.12); }
figure img { max-width: 100%; display: block; margin: 0 auto; }
figcaption { font-size: 19px; color: #4a5d70; margin-top: 8px; }
.scroll { overflow-x: auto; }
.chart { width: 100%; min-height: 200px; }
.forfeit { color: #d1495b; font-weight: bold; }
.note { color: #4a5d70; }
footer { margin-top: 50px; font-size: 16px; color: #6b7c8d; }
"""

CAPTIONS = {
    "scores": "Each player's score per turn (mean over its opponents); the box spans the repetitions. "
    "Dashed lines: R (everyone cooperates) and P (everyone defects).",
    "payoff_heatmap": "Mean score per turn of the row player against the column player, players ranked.",
    "cooperation_heatmap": "How often the row player cooperated against the column player.",
    "cooperation_by_turn": "Cooperation at each turn index over all matches (top) and per player (bottom). "
    "A drop at the end shows players exploiting a known last turn.",
    "feasible_region": "Each pair of players at its average payoffs per turn. Every point must lie in the "
    "feasible region (the outcomes' convex hull); the folk theorem says any point above both minmax lines "
    "(green) can be an equilibrium of the repeated game when the future matters enough.",
    "state_distribution": "Share of turns of each outcome from the player's side: CC both cooperate, "
    "CD the player was exploited, DC it exploited, DD both defect.",
    "four_vectors": "Each player's empirical memory-one strategy: the probability that it cooperates after "
    "each outcome of the previous turn, pooled over its opponents. Tit For Tat is (1, 0, 1, 0).",
    "wins": "Matches each player won in each repetition (self-play left out), players by median wins "
    "(axelrod's winplot). The box spans the quartiles, the whiskers the fewest and most wins.",
    "score_differences": "Own minus opponent's score per turn in each match, one value per opponent "
    "and repetition (axelrod's sdvplot): above 0 a player out-scores its opponents, below 0 it is out-scored.",
    "payoff_differences": "Mean score per turn of the row player minus the column player's, over the "
    "repetitions (axelrod's pdplot): green where the row player comes out ahead.",
    "match_lengths": "Turns of each of the player's matches, one value per opponent and repetition "
    "(axelrod's lengthplot): a single value under a fixed length, a spread under prob_end.",
}
NETWORK = (
    "Who plays whom",
    "A spatial tournament: only neighbours played each other. Each player is coloured by its score per "
    "turn (mean over the opponents it met and the repetitions); its size grows with its opponents.",
)
"""Title and caption of a spatial tournament's network chart (a round robin has none)."""
TITLES = {
    "scores": "Leaderboard",
    "payoff_heatmap": "Who earns what against whom",
    "cooperation_heatmap": "Who cooperates with whom",
    "cooperation_by_turn": "Cooperation over the match",
    "feasible_region": "The folk theorem picture",
    "state_distribution": "Outcomes",
    "four_vectors": "Reciprocity",
    "wins": "Wins",
    "score_differences": "Score differences",
    "payoff_differences": "Who out-scores whom",
    "match_lengths": "Match lengths",
}


def _threshold_table(analysis: Analysis) -> str:
    theory = analysis.folk
    rows = []
    for t in theory.thresholds:
        if theory.delta is None:
            verdict = "–"
        elif t.met(theory.delta):
            verdict = '<span class="met">met</span>'
        else:
            verdict = '<span class="unmet">not met</span>'
        rows.append(
            f'<tr><td class="name">{html.escape(t.strategy)}</td><td class="name">delta &ge; '
            f"{html.escape(t.formula)}</td><td>{cell(t.value)}</td><td>{verdict}</td></tr>"
        )
    delta = "fixed length" if theory.delta is None else f"delta = {theory.delta:.4g}"
    return scrolling(
        '<th class="name">Strategy pair</th><th class="name">Sustains mutual cooperation when</th>'
        f"<th>Critical delta</th><th>{html.escape(delta)}</th>",
        "".join(rows),
    )


def _cards(summary: dict[str, Any]) -> str:
    items = [
        (_percent(summary["cooperation_rate"]), "of all moves were cooperation"),
        (_percent(summary["mutual_cooperation_rate"]), "of turns were mutual cooperation"),
        (
            _number(summary["mean_cooperation_index"], ".2f"),
            "cooperation index (0 = all defect, 1 = all cooperate)",
        ),
        (
            _percent(summary["individually_rational_pair_share"], 0),
            "of pairs earn at least the minmax payoff",
        ),
    ]
    if summary["end_game_drop"] is not None:
        items.append(
            (
                f"{summary['end_game_drop']:+.3f}",
                f"end-game drop over the last {summary['end_game_window']} turns",
            )
        )
    return "".join(
        f'<div class="card"><div class="value">{html.escape(v)}</div><div class="label">{html.escape(label)}</div></div>'
        for v, label in items
    )


def _zd_text(fit: dict[str, Any]) -> str:
    text = f"{html.escape(fit['name'])} ({html.escape(str(fit['kind']))}, chi = {cell(fit['chi'])}"
    if fit["baseline"] is not None:
        text += f", baseline = {cell(fit['baseline'])}"
    return text + ")"


@cache
def inline_script(name: str) -> str:
    """The script ``static/<name>`` (the vendored ECharts, the charts' script) in a script
    element, checked not to close it early."""
    source = files("tournament.io.report").joinpath("static", name).read_text(encoding="utf-8")
    if "</script" in source.lower():
        raise ValueError(f"static/{name} contains '</script' and cannot be inlined")
    return f"<script>{source}</script>"


def _embedded(data: dict[str, Any]) -> str:
    """``data`` as JSON in a script element the page's script reads ("<" escaped: names are
    user text)."""
    text = json.dumps(data, separators=(",", ":"), allow_nan=False).replace("<", "\\u003c")
    return f'<script type="application/json" id="report-data">{text}</script>'


def _figure(name: str, title: str | None = None, caption: str | None = None) -> str:
    title = html.escape(title or TITLES.get(name, name))
    caption = html.escape(caption or CAPTIONS.get(name, ""))
    return (
        f'<figure><div class="chart" data-chart="{name}" role="img" aria-label="{title}"></div>'
        f"<figcaption>{caption}</figcaption></figure>"
    )


def _forfeit_note(forfeits: list[int]) -> str:
    """Under the cards: the tournament's figures count the moves played for forfeiting entries."""
    entries = sum(count > 0 for count in forfeits)
    if not entries:
        return ""
    who = "1 entry" if entries == 1 else f"{entries} entries"
    return (
        f'<p class="note">{WARNING} {who} forfeited matches (see Failures); these figures count '
        "the moves played as C in their place.</p>"
    )


def render_html(
    analysis: Analysis, summary: dict[str, Any], data: dict[str, Any], failures: pd.DataFrame
) -> str:
    """The report page: figures of ``summary`` (:func:`~tournament.stats.summary.summary_dict`),
    theory in words, failures, tables, and the charts drawn in the browser from ``data``
    (:func:`~tournament.io.report.charts.chart_data`)."""
    from tournament import __version__

    run = analysis.run
    theory = "".join(f"<li>{html.escape(s)}</li>" for s in analysis.folk.sentences())
    forfeited = [count > 0 for count in data["forfeits"]]
    # A forfeiting entry's four-vector comes from the moves played in its place: not its play.
    excluded = {data["names"][i] for i, flag in zip(data["ranking"], forfeited) if flag}
    zd = [fit for fit in summary["zero_determinant_players"] if fit["name"] not in excluded]
    if zd:
        theory += (
            "<li>Play close to zero-determinant (Press &amp; Dyson: the player enforces "
            "s_X - baseline = chi (s_Y - baseline) on any opponent; fitted to the four-vector "
            f"measured from play, within 0.03): {', '.join(map(_zd_text, zd))}.</li>"
        )
    sections = []
    for name, title in TITLES.items():
        if name == "cooperation_by_turn" and data["by_turn"] is None:
            body = "<p>No per-turn record in this run.</p>"
        else:
            body = _figure(name)
        if name == "scores":
            body = table(leaderboard(analysis), forfeited) + body
        if name == "four_vectors":
            body += table(reciprocity_view(analysis), forfeited)
        sections.append(f"<section><h2>{html.escape(title)}</h2>{body}</section>")
        if name == "scores":
            sections.append(uncertainty_section(analysis))
        if name == "scores" and data["network"] is not None:
            figure = _figure("network", *NETWORK)
            sections.append(f"<section><h2>{html.escape(NETWORK[0])}</h2>{figure}</section>")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(run.name)}: tournament report</title>
<style>{CSS}</style></head>
<body><main>
<h1>{html.escape(run.name)}</h1>
<div class="settings">{html.escape(settings_line(analysis))}. Winner: <b>{html.escape(str(summary["winner"]))}</b>.</div>
<div class="cards">{_cards(summary)}</div>{_forfeit_note(data["forfeits"])}
<noscript><p class="note">The charts are drawn by the page's script: allow JavaScript to see them.</p></noscript>
<section><h2>What the theory says</h2><ul class="theory">{theory}</ul>{_threshold_table(analysis)}</section>
{failure_section(failures)}
{"".join(sections)}
<footer>Generated by ipd-tournament {html.escape(__version__)} from the stored match records.
The statistics are in <code>summary.json</code> and <code>statistics/</code>. Charts drawn with
Apache ECharts (Apache License 2.0), embedded in this page; each has a button to save it as PNG.</footer>
</main>
{_embedded(data)}
{inline_script("echarts.min.js")}
{inline_script("report.js")}
</body></html>
"""


@dataclass(frozen=True)
class ReportFiles:
    """What :func:`write_report` wrote."""

    summary: Path
    statistics: list[Path]
    plots: dict[str, Path]
    html: Path | None


def write_report(
    folder: str | Path,
    analysis: Analysis,
    *,
    plots: bool = True,
    png: bool = False,
    progress: Callable[[str], None] | None = None,
) -> ReportFiles:
    """Write ``summary.json``, ``statistics/*.csv`` and, with ``plots``, ``report.html`` (and,
    with ``png`` too, ``plots/*.png`` drawn with matplotlib) into the run ``folder``.

    ``progress`` is called with the name of each phase as it starts.
    """
    from tournament.core.record import failure_summary

    say = progress or (lambda phase: None)
    folder = Path(folder)
    say("Computing statistics")
    summary = summary_dict(analysis)  # computes every figure; the tables and the page read them back
    say("Writing summary.json and statistics/")
    summary_path = folder / "summary.json"
    page = folder / "report.html"

    def write_page() -> None:
        from tournament.io.report.charts import chart_data

        say("Writing report.html")
        failures = failure_summary(analysis.run.matches)
        temporary = page.with_name(f".{page.name}.tmp")
        text = render_html(analysis, summary, chart_data(analysis, failures), failures)
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, page)

    # The tables and the page are independent: written side by side on two cores.
    if plots:
        side_by_side(lambda: write_statistics(folder, analysis, summary), write_page)
    else:
        write_statistics(folder, analysis, summary)
    statistics = sorted((folder / "statistics").glob("*.csv"))
    if not plots:
        return ReportFiles(summary_path, statistics, {}, None)
    paths: dict[str, Path] = {}
    if png:
        from tournament.io.report import plots as drawing

        paths = drawing.save_plots(folder, analysis, progress=say)
        if analysis.run.network is not None:
            from tournament.io.report.network_plot import save_network_plot

            say("Drawing plots/network.png")
            paths["network"] = save_network_plot(folder, analysis)
    return ReportFiles(summary_path, statistics, paths, page)
