"""The report's tables as HTML: leaderboard, reciprocity, failures.

A player that lost matches by forfeit had its remaining moves played as C by the engine, so
its cooperation figures (cooperation, first moves, nice, four-vector, ...) describe the
forfeit, not its behaviour: they are shown as "forfeit" and its name carries a warning sign.
"""

from __future__ import annotations

import html
import math
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from tournament.stats.summary import Analysis

WARNING = "\u26a0"
"""Marks a player that forfeited matches, here and in the charts."""

FORFEIT = '<span class="forfeit" title="moves after a forfeit are played as C by the engine">forfeit</span>'

BEHAVIOUR = (
    "Cooperation",
    "Opens with C",
    "Nice",
    "Retaliatory",
    "Forgiving",
    "P(C|CC)",
    "P(C|CD)",
    "P(C|DC)",
    "P(C|DD)",
    "Reciprocity",
    "ZD chi",
    "ZD baseline",
    "ZD kind",
    "Partner",
    "Rival",
)
"""Columns that describe how a player played: not shown for a forfeiting player."""


def cell(value: Any, digits: int = 3) -> str:
    """One value as table text: numbers to ``digits`` significant digits, booleans as yes/no."""
    if value is None or value is pd.NA:
        return "–"
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, float):
        return "–" if not math.isfinite(value) else f"{value:.{digits}g}"
    return html.escape(str(value))


def scrolling(head: str, body: str) -> str:
    """An HTML table of header cells ``head`` and rows ``body`` in a box that scrolls sideways, so
    a table wider than a phone's screen does not widen the whole page."""
    return f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def table(
    frame: pd.DataFrame, forfeited: np.ndarray | None = None, names: tuple[str, ...] = ("Name",)
) -> str:
    """``frame`` as an HTML table; in rows where ``forfeited`` is true the :data:`BEHAVIOUR`
    cells say "forfeit"."""
    head = "".join(
        f'<th class="name">{html.escape(c)}</th>' if c in names else f"<th>{html.escape(c)}</th>"
        for c in frame.columns
    )
    flags = np.zeros(len(frame), dtype=bool) if forfeited is None else forfeited
    rows = []
    for flag, row in zip(flags, frame.itertuples(index=False)):
        cells = []
        for column, value in zip(frame.columns, row):
            if column in names:
                text = cell(value) + (f' <span class="forfeit">{WARNING}</span>' if flag else "")
                cells.append(f'<td class="name">{text}</td>')
            else:
                cells.append(f"<td>{FORFEIT if flag and column in BEHAVIOUR else cell(value)}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return scrolling(head, "".join(rows))


def leaderboard(analysis: Analysis) -> pd.DataFrame:
    """The report's leaderboard: axelrod's summary figures with Axelrod's properties from play."""
    rs = analysis.resultset
    recip = analysis.reciprocity.set_index("player").loc[analysis.results.ranking]
    order = analysis.results.ranking
    return pd.DataFrame(
        {
            "Rank": np.arange(1, len(order) + 1),
            "Name": analysis.results.ranked_names,
            "Score per turn": rs.median_scores[order],
            "Cooperation": rs.cooperating_rating[order],
            "Wins": rs.median_wins[order],
            "Opens with C": rs.initial_cooperation_rate[order],
            "Nice": recip["nice"].to_numpy(),
            "Retaliatory": recip["retaliatory"].to_numpy(),
            "Forgiving": recip["forgiving"].to_numpy(),
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


def _matches(count: int) -> str:
    return f"{count} match" + ("" if count == 1 else "es")


def failure_section(failures: pd.DataFrame) -> str:
    """The failures of submitted strategies (:func:`~tournament.core.record.failure_summary`):
    a sentence per player, then the table; empty when nothing failed."""
    if failures.empty:
        return ""
    per_player = failures.groupby("player", sort=False)[["matches", "forfeits"]].sum()
    items = [
        f"<li><b>{html.escape(str(player))}</b> failed in {_matches(int(row['matches']))}, "
        f"forfeited {_matches(int(row['forfeits'])) if row['forfeits'] else 'none'}.</li>"
        for player, row in per_player.iterrows()
    ]
    forfeiting = int((per_player["forfeits"] > 0).sum())
    who = "the entry" if forfeiting == 1 else f"the {forfeiting} entries"
    note = (
        "<p>A forfeited match is scored as the worst possible one for the entry that failed, and its "
        f"remaining moves are played as C: the cooperation figures of {who} marked {WARNING} describe "
        "the forfeits, not the play, and are not shown.</p>"
        if forfeiting
        else ""
    )
    frame = pd.DataFrame(
        {
            "Player": failures["player"],
            "What happened": failures["problem"],
            "Matches": failures["matches"],
            "Forfeits": failures["forfeits"],
            "First (repetition, opponent)": [
                f"{r}, {o}" for r, o in zip(failures["repetition"], failures["opponent"])
            ],
        }
    )
    texts = ("Player", "What happened", "First (repetition, opponent)")
    return (
        f'<section><h2>Failures</h2><ul class="failures">{"".join(items)}</ul>{note}'
        f"{table(frame, names=texts)}</section>"
    )
