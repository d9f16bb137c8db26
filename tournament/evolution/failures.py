"""What went wrong with which strategy in an evolution's matches (sandboxed submissions).

A strategy that raises, answers something other than C or D, or breaks the sandbox's limits
fails its match; under the default rule it forfeits it, scored as in a round robin: the
game's lowest payoff on every turn for the offender, the highest for its opponent. The log
counts, per strategy and problem, the matches it failed and forfeited over the whole run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

COLUMNS = ("player", "problem", "matches", "forfeits")


@dataclass
class FailureLog:
    """Failures per (strategy index, problem): [matches failed, matches forfeited]."""

    labels: tuple[str, ...]
    counts: dict[tuple[int, str], list[int]] = field(default_factory=dict)

    def add(self, type_a: np.ndarray, type_b: np.ndarray, failures: dict[str, np.ndarray]) -> None:
        """Record one batch's failures (the engine's per-row ``failure_*``/``forfeit_*``)."""
        for side, types in (("a", type_a), ("b", type_b)):
            messages = failures[f"failure_{side}"]
            for row in np.flatnonzero(messages != "").tolist():
                entry = self.counts.setdefault((int(types[row]), str(messages[row])), [0, 0])
                entry[0] += 1
                entry[1] += bool(failures[f"forfeit_{side}"][row])

    def table(self) -> pd.DataFrame:
        """One row per (player, problem): matches failed and forfeited, most failures first."""
        rows = [(self.labels[t], problem, n, f) for (t, problem), (n, f) in self.counts.items()]
        frame = pd.DataFrame(rows, columns=list(COLUMNS))
        return frame.sort_values(["matches", "player"], ascending=[False, True], kind="stable").reset_index(
            drop=True
        )


def forfeit_scores(
    score_a: np.ndarray, score_b: np.ndarray, lengths: np.ndarray, payoffs: np.ndarray, failures: dict | None
) -> tuple[np.ndarray, np.ndarray]:
    """Match totals with forfeits scored as in a round robin (see the module docstring)."""
    if failures is None:
        return score_a, score_b
    forfeit_a, forfeit_b = failures["forfeit_a"], failures["forfeit_b"]
    worst, best = payoffs.min() * lengths, payoffs.max() * lengths
    a = np.where(forfeit_a, worst, np.where(forfeit_b, best, score_a))
    b = np.where(forfeit_b, worst, np.where(forfeit_a, best, score_b))
    return a, b


def labels_of(types: Sequence[object]) -> tuple[str, ...]:
    """Display labels of strategy types."""
    return tuple(getattr(t, "label", str(t)) for t in types)
