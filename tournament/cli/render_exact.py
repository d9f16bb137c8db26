"""The run's exact-versus-sampled table (``ipd run --exact``): a renderer, nothing computed here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.table import Table

if TYPE_CHECKING:
    from tournament.analysis.exact_tournament import ExactComparison


def exact_view(comparison: ExactComparison) -> list[Any]:
    """Per analysable player: the sampled and the exact mean payoff per turn against its
    analysable opponents, and their difference; then the note naming skipped players."""
    table = Table(title="Mean payoff per turn: sampled and exact (Markov chain)", title_justify="left")
    for column in ("player", "opponents", "sampled", "exact", "difference"):
        table.add_column(column, justify="left" if column == "player" else "right")
    for row in comparison.comparison.itertuples():
        table.add_row(
            row.player,
            str(row.opponents),
            f"{row.sampled_payoff:.4f}",
            f"{row.exact_payoff:.4f}",
            f"{row.difference:+.4f}",
        )
    note = comparison.note()
    return [table] if note is None else [table, note]
