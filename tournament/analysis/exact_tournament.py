"""A tournament's expected payoff table computed exactly, beside the sampled one (``ipd run --exact``).

The players that are memory-one strategies or finite-state machines get their exact tables
from :func:`~tournament.analysis.exact.exact_tables` (same match settings: noise, length,
payoffs); the others are skipped and named. Per analysable player, the comparison puts the
sampled mean payoff per turn against its analysable opponents (self-play left out, as in the
normalised score; in a spatial tournament only the opponents it met) beside the exact one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from tournament.analysis.exact import ExactError, exact_tables, machine_of

if TYPE_CHECKING:
    from tournament.spec import TournamentSpec
    from tournament.stats.resultset import ResultSet


@dataclass(frozen=True)
class ExactComparison:
    """The exact tables (NaN rows and columns for skipped players), the skipped players'
    names, and per analysable player: opponents compared, sampled and exact mean payoff per turn."""

    names: list[str]
    tables: dict[str, np.ndarray]
    skipped: list[str]
    comparison: pd.DataFrame

    def record(self) -> dict[str, Any]:
        """The skipped players and the comparison as plain JSON values (``ipd run --exact --json``)."""
        return {
            "skipped": list(self.skipped),
            "players": self.comparison.astype(object).to_dict(orient="records"),
        }

    def note(self) -> str | None:
        """The sentence naming the skipped players (None when every player was analysed)."""
        if not self.skipped:
            return None
        who = ", ".join(self.skipped)
        verb = "is" if len(self.skipped) == 1 else "are"
        return (
            f"Exact table: {who} {verb} neither memory-one nor a finite-state machine "
            "and left out (empty cells in statistics/exact_*.csv)."
        )


def analysable(spec: TournamentSpec) -> list[bool]:
    """Per player: whether its play is a memory-one strategy or a finite-state machine."""
    found = []
    for player in spec.players:
        try:
            machine_of(player, spec.settings)
        except ExactError:
            found.append(False)
        else:
            found.append(True)
    return found


def compare_exact(spec: TournamentSpec, resultset: ResultSet) -> ExactComparison:
    """The exact tables of ``spec``'s analysable players and their mean payoffs beside the
    sampled ones of ``resultset`` (the same tournament's results)."""
    names = list(resultset.players)
    tables = exact_tables(spec.players, spec.settings)
    known = np.array(analysable(spec), dtype=bool)
    met = np.isfinite(resultset.payoffs).all(axis=2)
    rows = []
    for i in np.flatnonzero(known):
        opponents = known & met[i]
        opponents[i] = False
        count = int(opponents.sum())
        sampled = float(resultset.payoff_matrix[i, opponents].mean()) if count else np.nan
        exact = float(tables["payoff_matrix"][i, opponents].mean()) if count else np.nan
        rows.append((names[i], count, sampled, exact, sampled - exact))
    comparison = pd.DataFrame(
        rows, columns=["player", "opponents", "sampled_payoff", "exact_payoff", "difference"]
    )
    skipped = [name for name, ok in zip(names, known) if not ok]
    return ExactComparison(names, tables, skipped, comparison)
