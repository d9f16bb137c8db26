"""What ``ipd sweep`` shows after its points: how stable the ranking is over the grid."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import RenderableType

    from tournament.sweep import SweepResult

SHOWN = 20
"""Most players listed (the files hold them all)."""


def rank_stability_view(result: SweepResult) -> list[RenderableType]:
    """Each player's mean, best and worst rank and share of points won, and the sentence
    about the ranking's stability (Kendall tau), computed from the sweep."""
    from rich.table import Table

    from tournament.stats.rank_stability import rank_table, stability_sentence

    summary = rank_table(result.ranks, result.names, result.labels)
    table = Table(
        title=f"Ranks over {len(result.labels)} grid points", title_justify="left", header_style="bold"
    )
    table.add_column("Player", no_wrap=True)
    for header in ("Mean rank", "Best", "Worst", "Ranked 1st"):
        table.add_column(header, justify="right")
    for row in summary.head(SHOWN).itertuples():
        table.add_row(
            row.name,
            f"{row.mean_rank:.2f}",
            str(row.best_rank),
            str(row.worst_rank),
            f"{row.first_share:.0%}",
        )
    more = len(summary) - SHOWN
    notes = [f"... and {more} more players (see sweep_ranks.csv)"] if more > 0 else []
    return [table, *notes, stability_sentence(result.ranks, result.names)]
