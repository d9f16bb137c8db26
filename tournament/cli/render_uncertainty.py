"""The leaderboard's bootstrap figures: how sure the ranking is, in columns or a table of its own.

The interval of each player's mean score, its P(rank 1) and the range of its ranks
(:mod:`tournament.stats.uncertainty`) join the leaderboard as three columns when the terminal
is wide enough; on a narrow one (:class:`Fitted`) they go to a second, small table below it,
so no column is cut to an ellipsis.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType
    from rich.table import Table

    from tournament.stats.uncertainty import RankUncertainty

HEADERS = ("Mean 95% CI", "P(1st)", "Ranks")
"""The bootstrap's columns."""


def uncertainty_cells(spread: RankUncertainty, player: int) -> tuple[str, str, str]:
    """A player's bootstrap figures: interval of its mean score, P(rank 1), range of its ranks."""
    from tournament.stats.uncertainty import percent

    low, high = spread.mean_low[player], spread.mean_high[player]
    ranks = (int(spread.rank_low[player]), int(spread.rank_high[player]))
    first = spread.p_first[player]
    return (
        f"{low:.3f}-{high:.3f}",
        percent(first) if first else "-",
        str(ranks[0]) if ranks[0] == ranks[1] else f"{ranks[0]}-{ranks[1]}",
    )


def spread_table(spread: RankUncertainty, naming: str) -> Table:
    """The bootstrap's figures as a table of their own, in rank order."""
    from rich.table import Table

    from tournament.characters import display_name

    table = Table(title="How sure is the ranking", title_justify="left", header_style="bold")
    table.add_column("#", justify="right")
    table.add_column("Player", no_wrap=True)
    for header in HEADERS:
        table.add_column(header, justify="right")
    for player in sorted(range(len(spread.names)), key=lambda i: spread.rank[i]):
        name = display_name(spread.names[player], naming)
        table.add_row(str(spread.rank[player]), name, *uncertainty_cells(spread, player))
    return table


def uncertainty_note(spread: RankUncertainty | None, missing: str) -> str:
    """Whether the winner is clear and what the columns mean; ``missing`` when there is no estimate."""
    if spread is None:
        return missing
    return (
        f"{spread.sentence()} Mean 95% CI, P(1st), Ranks: from {spread.resamples:,} bootstrap resamples "
        "of the repetitions (percentile intervals; ranks by median, as in the table)."
    )


class Fitted:
    """``wide`` when it fits the console's width, else the ``narrow`` renderables in turn."""

    def __init__(self, wide: RenderableType, narrow: Sequence[RenderableType]) -> None:
        self.wide, self.narrow = wide, list(narrow)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[RenderableType]:
        from rich.measure import Measurement

        natural = Measurement.get(console, options.update(max_width=10_000), self.wide).maximum
        if natural <= options.max_width:
            yield self.wide
        else:
            yield from self.narrow
