"""report.html's section on how sure the ranking is: the bootstrap's sentence and table."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from tournament.io.report.tables import scrolling

if TYPE_CHECKING:
    from tournament.stats.summary import Analysis

TITLE = "How sure is the ranking"


def uncertainty_section(analysis: Analysis) -> str:
    """The sentence computed from the resamples and each player's 95% interval of its mean
    score, P(rank 1) and range of ranks; or why there is no estimate."""
    spread = analysis.uncertainty
    if spread is None:
        text = html.escape(analysis.uncertainty_record()["sentence"])
        return f"<section><h2>{TITLE}</h2><p>{text}</p></section>"
    rows = []
    for row in spread.table().itertuples():
        ranks = str(row.rank_low) if row.rank_low == row.rank_high else f"{row.rank_low}-{row.rank_high}"
        rows.append(
            f"<tr><td>{row.rank}</td><td>{html.escape(row.name)}</td><td>{row.mean_score:.3f}</td>"
            f"<td>{row.mean_score_low:.3f}-{row.mean_score_high:.3f}</td><td>{row.p_first:.1%}</td>"
            f"<td>{ranks}</td></tr>"
        )
    head = "".join(f"<th>{h}</th>" for h in ("#", "Player", "Mean", "Mean 95% CI", "P(rank 1)", "Ranks"))
    note = (
        f"From {spread.resamples:,} bootstrap resamples of the {spread.repetitions} repetitions "
        "(percentile intervals; each resample ranked by median score, as the tournament is)."
    )
    return (
        f"<section><h2>{TITLE}</h2><p><b>{html.escape(spread.sentence())}</b></p>"
        f'<figure><div class="chart" data-chart="intervals" role="img" aria-label="{TITLE}"></div>'
        "<figcaption>Each player's mean score per turn (the line) and the interval that holds it in "
        f"{spread.level:.0%} of resamples (the bar), in rank order.</figcaption></figure>"
        + scrolling(head, "".join(rows))
        + f'<p class="note">{note}</p></section>'
    )
