"""Every match twice, once from each player's side: the one view all per-player figures group.

axelrod derives its statistics from two rows per match, one from each player's side, a
self-match included (both rows then have player == opponent). :class:`Sides` holds those
rows as numpy arrays, built once from the matches table: rows ``0 .. m - 1`` are the ``m``
matches from ``player_a``'s side in table order, rows ``m .. 2m - 1`` the same matches from
``player_b``'s side. Per-player figures leave self-play out (:attr:`Sides.others`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from tournament.core.record import TRANSITION_COLUMNS
from tournament.stats.grouping import exact_in_any_order

STATE_COLUMNS = (("cc", "cc"), ("cd", "dc"), ("dc", "cd"), ("dd", "dd"))
"""The matches table's columns of the states CC, CD, DC, DD from each side (own move first):
read from ``player_a``'s side, then from ``player_b``'s."""
SIDE_TRANSITION_COLUMNS = tuple((f"a_{c}", f"b_{c}") for c in TRANSITION_COLUMNS)
"""The matches table's columns of each side's moves after each state (``a_CC_to_C`` ...)."""


@dataclass(frozen=True)
class Sides:
    """The two rows per match (see the module docstring); one entry per row.

    The count columns (states, transitions) stay in ``table``: the pair sums read them column
    by column (:meth:`pair_sums`), never laid out per row.
    """

    repetition: np.ndarray
    player: np.ndarray
    opponent: np.ndarray
    turns: np.ndarray
    score: np.ndarray
    opponent_score: np.ndarray
    coop: np.ndarray
    opponent_coop: np.ndarray
    first_c: np.ndarray
    table: pd.DataFrame = field(repr=False)

    @classmethod
    def from_matches(cls, matches: pd.DataFrame) -> Sides:
        """The two rows of every match of a matches table (:mod:`tournament.core.record`)."""

        def column(name: str, dtype: type) -> np.ndarray:
            return matches[name].to_numpy(dtype)

        def both(first: str, second: str, dtype: type) -> np.ndarray:
            return np.concatenate([column(first, dtype), column(second, dtype)])

        return cls(
            repetition=np.tile(column("repetition", np.int64), 2),
            player=both("player_a", "player_b", np.int64),
            opponent=both("player_b", "player_a", np.int64),
            turns=np.tile(column("turns", np.int64), 2),
            score=both("score_a", "score_b", np.float64),
            opponent_score=both("score_b", "score_a", np.float64),
            coop=both("coop_a", "coop_b", np.int64),
            opponent_coop=both("coop_b", "coop_a", np.int64),
            first_c=np.concatenate(
                [(matches[side] == "C").to_numpy(bool) for side in ("first_a", "first_b")]
            ),
            table=matches,
        )

    def pair_sums(self, columns: Sequence[tuple[str, str]], n_players: int) -> np.ndarray:
        """(player, opponent, k): sums over the repetitions of count columns, each given as
        (its name from ``player_a``'s side, its name from ``player_b``'s), self-play left out (0 on the diagonal). Each column is read from the
        table once, never laid out per row; integer sums, exact in any order."""
        out = np.empty((n_players * n_players, len(columns)), dtype=np.int64)
        for k, (first, second) in enumerate(columns):
            out[:, k] = self.pair_totals(
                self.table[first].to_numpy(np.int64), self.table[second].to_numpy(np.int64), n_players
            )
        return out.reshape(n_players, n_players, len(columns))

    def pair_totals(self, first: np.ndarray, second: np.ndarray, n_players: int) -> np.ndarray:
        """(player x opponent,): integer sums over the repetitions of one value per match from
        each side (``first`` from ``player_a``'s, ``second`` from ``player_b``'s), self-play
        left out. When every repetition holds the same pairs in the same order (a round robin),
        each side's values are summed reshaped (repetition, pair): no keys per row. Integer
        sums: the same in any order."""
        m, per_repetition = self.n_matches, self.repeated_pairs
        rows = per_repetition or m
        keep = self.others[:rows]  # a match is self-play from both sides or from neither
        size = n_players * n_players
        total = np.zeros(size)
        for side, values in ((slice(0, rows), first), (slice(m, m + rows), second)):
            key = (self.player[side] * n_players + self.opponent[side])[keep]
            if per_repetition:
                values = values.reshape(-1, per_repetition).sum(axis=0)
            total += np.bincount(key, weights=values[keep], minlength=size)
        return total.astype(np.int64)

    @cached_property
    def repeated_pairs(self) -> int | None:
        """Matches per repetition when the table is repetition after repetition, each with the
        same pairs in the same order (a round robin); else None."""
        m = self.n_matches
        repetitions = int(self.repetition[m - 1]) + 1 if m else 0
        if not m or m % repetitions:
            return None
        size = m // repetitions
        grid = (repetitions, size)
        same = np.array_equal(
            self.repetition[:m].reshape(grid), np.repeat(np.arange(repetitions), size).reshape(grid)
        )
        for column in (self.player, self.opponent):
            same = same and bool((column[:m].reshape(grid) == column[:size]).all())
        return size if same else None

    @cached_property
    def whole_scores(self) -> bool:
        """Whether every score is a whole number whose sums are exact in any order (scores
        under whole-number payoffs: :func:`~tournament.stats.grouping.exact_in_any_order`)."""
        return exact_in_any_order(self.score[:, None])

    @property
    def n_matches(self) -> int:
        """Matches in the table (half the rows)."""
        return len(self.player) // 2

    @cached_property
    def others(self) -> np.ndarray:
        """Mask of the rows that are not self-play."""
        return self.player != self.opponent

    @cached_property
    def per_turn(self) -> np.ndarray:
        """The player's mean payoff per turn in the match (a match has at least one turn)."""
        return self.score / self.turns
