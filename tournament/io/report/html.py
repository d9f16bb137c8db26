"""The human-facing report: a terminal panel, and a self-contained ``report.html``.

:func:`cooperation_panel` is the compact rich panel shown under the leaderboard after
``ipd run``; :func:`render_html` builds one HTML page with every plot embedded (PNG,
base64), readable on a projector; :func:`write_report` writes everything a run folder
gets from the statistics: ``summary.json``, ``statistics/*.csv``, ``plots/*.png`` and
``report.html``.
"""

from __future__ import annotations

import base64
import html
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from tournament.stats.summary import Analysis, summary_dict, write_statistics


def _percent(value: float | None, digits: int = 1) -> str:
    return "n/a" if value is None or not math.isfinite(value) else f"{100 * value:.{digits}f}%"


def _number(value: float | None, fmt: str = ".3g") -> str:
    return "n/a" if value is None or not math.isfinite(value) else format(value, fmt)


def settings_line(analysis: Analysis) -> str:
    """One line describing the tournament's settings."""
    run = analysis.run
    reps = f"{run.repetitions} repetition" + ("s" if run.repetitions != 1 else "")
    return f"{len(run.names)} players, {reps}, {run.settings.describe()}"


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
}
TITLES = {
    "scores": "Leaderboard",
    "payoff_heatmap": "Who earns what against whom",
    "cooperation_heatmap": "Who cooperates with whom",
    "cooperation_by_turn": "Cooperation over the match",
    "feasible_region": "The folk theorem picture",
    "state_distribution": "Outcomes",
    "four_vectors": "Reciprocity",
}


def _cell(value: Any, digits: int = 3) -> str:
    if value is None or value is pd.NA:
        return "–"
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, float):
        return "–" if not math.isfinite(value) else f"{value:.{digits}g}"
    return html.escape(str(value))


def _table(frame: pd.DataFrame, name_columns: tuple[str, ...] = ("Name", "name")) -> str:
    head = "".join(
        f'<th class="name">{html.escape(c)}</th>' if c in name_columns else f"<th>{html.escape(c)}</th>"
        for c in frame.columns
    )
    rows = []
    for row in frame.itertuples(index=False):
        cells = "".join(
            f'<td class="name">{_cell(v)}</td>' if c in name_columns else f"<td>{_cell(v)}</td>"
            for c, v in zip(frame.columns, row)
        )
        rows.append(f"<tr>{cells}</tr>")
    return f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'


def leaderboard(analysis: Analysis) -> pd.DataFrame:
    """The report's leaderboard: axelrod's summary figures with Axelrod's properties from play."""
    rs = analysis.resultset
    recip = analysis.reciprocity.set_index("player")
    order = analysis.results.ranking
    return pd.DataFrame(
        {
            "Rank": np.arange(1, len(order) + 1),
            "Name": analysis.results.ranked_names,
            "Score per turn": rs.median_scores[order],
            "Cooperation": rs.cooperating_rating[order],
            "Wins": rs.median_wins[order],
            "Opens with C": rs.initial_cooperation_rate[order],
            "Nice": [recip.loc[i, "nice"] for i in order],
            "Retaliatory": [recip.loc[i, "retaliatory"] for i in order],
            "Forgiving": [recip.loc[i, "forgiving"] for i in order],
        }
    )


def reciprocity_view(analysis: Analysis) -> pd.DataFrame:
    """The report's reciprocity table, ranked."""
    recip = analysis.reciprocity.set_index("player").loc[analysis.results.ranking]
    return pd.DataFrame(
        {
            "Name": recip["name"],
            "P(C|CC)": recip["p_CC"],
            "P(C|CD)": recip["p_CD"],
            "P(C|DC)": recip["p_DC"],
            "P(C|DD)": recip["p_DD"],
            "Reciprocity": recip["reciprocity"],
            "ZD chi": recip["zd_chi"],
            "ZD baseline": recip["zd_baseline"],
            "ZD kind": recip["zd_kind"],
            "Partner": recip["partner"],
            "Rival": recip["rival"],
        }
    )


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
            f"{html.escape(t.formula)}</td><td>{_cell(t.value)}</td><td>{verdict}</td></tr>"
        )
    delta = "fixed length" if theory.delta is None else f"delta = {theory.delta:.4g}"
    return (
        '<div class="scroll"><table><thead><tr><th class="name">Strategy pair</th><th class="name">'
        f"Sustains mutual cooperation when</th><th>Critical delta</th><th>{html.escape(delta)}</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
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
    text = f"{html.escape(fit['name'])} ({html.escape(str(fit['kind']))}, chi = {_cell(fit['chi'])}"
    if fit["baseline"] is not None:
        text += f", baseline = {_cell(fit['baseline'])}"
    return text + ")"


def _figure(name: str, image: bytes) -> str:
    data = base64.b64encode(image).decode("ascii")
    return (
        f'<figure><img alt="{html.escape(TITLES.get(name, name))}" src="data:image/png;base64,{data}">'
        f"<figcaption>{html.escape(CAPTIONS.get(name, ''))}</figcaption></figure>"
    )


def render_html(analysis: Analysis, images: dict[str, bytes]) -> str:
    """The report page: figures, theory in words, tables, and the plots embedded as PNG."""
    from tournament import __version__

    run = analysis.run
    summary = summary_dict(analysis)
    theory = "".join(f"<li>{html.escape(s)}</li>" for s in analysis.folk.sentences())
    zd = summary["zero_determinant_players"]
    if zd:
        theory += (
            "<li>Play close to zero-determinant (Press &amp; Dyson: the player enforces "
            "s_X - baseline = chi (s_Y - baseline) on any opponent; fitted to the four-vector "
            f"measured from play, within 0.03): {', '.join(map(_zd_text, zd))}.</li>"
        )
    sections = []
    for name in images:
        title = TITLES.get(name, name)
        body = _figure(name, images[name])
        if name == "scores":
            body = _table(leaderboard(analysis)) + body
        if name == "four_vectors":
            body += _table(reciprocity_view(analysis))
        sections.append(f"<section><h2>{html.escape(title)}</h2>{body}</section>")
    if "scores" not in images:
        sections.insert(0, f"<section><h2>Leaderboard</h2>{_table(leaderboard(analysis))}</section>")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(run.name)}: tournament report</title>
<style>{CSS}</style></head>
<body><main>
<h1>{html.escape(run.name)}</h1>
<div class="settings">{html.escape(settings_line(analysis))}. Winner: <b>{html.escape(str(summary["winner"]))}</b>.</div>
<div class="cards">{_cards(summary)}</div>
<section><h2>What the theory says</h2><ul class="theory">{theory}</ul>{_threshold_table(analysis)}</section>
{"".join(sections)}
<footer>Generated by ipd-tournament {html.escape(__version__)} from the stored match records.
The statistics are in <code>summary.json</code> and <code>statistics/</code>, the plots in <code>plots/</code>.</footer>
</main></body></html>
"""


@dataclass(frozen=True)
class ReportFiles:
    """What :func:`write_report` wrote."""

    summary: Path
    statistics: list[Path]
    plots: dict[str, Path]
    html: Path | None


def write_report(folder: str | Path, analysis: Analysis, *, plots: bool = True) -> ReportFiles:
    """Write ``summary.json``, ``statistics/*.csv`` and, with ``plots``, ``plots/*.png`` and
    ``report.html`` into the run ``folder``."""
    folder = Path(folder)
    written = write_statistics(folder, analysis)
    summary_path = folder / "summary.json"
    if not plots:
        return ReportFiles(summary_path, [p for p in written if p != summary_path], {}, None)
    from tournament.io.report import plots as drawing

    images = drawing.render_plots(analysis)
    paths = drawing.save_plots(folder, images)
    page = folder / "report.html"
    temporary = page.with_name(f".{page.name}.tmp")
    temporary.write_text(render_html(analysis, images), encoding="utf-8")
    os.replace(temporary, page)
    return ReportFiles(summary_path, [p for p in written if p != summary_path], paths, page)
