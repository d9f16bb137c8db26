"""Every match twice, once from each player's side: the one view all per-player figures group.

axelrod derives its statistics from two rows per match, one from each player's side, a
self-match included (both rows then have player == opponent). :class:`Sides` holds those
rows as numpy arrays, built once from the matches table: rows ``0 .. m - 1`` are the ``m``
matches from ``player_a``'s side in table order, rows ``m .. 2m - 1`` the same matches from
``player_b``'s side. Per-player figures leave self-play out (:attr:`Sides.others`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from tournament.core.record import TRANSITION_COLUMNS


@dataclass(frozen=True)
class Sides:
    """The two rows per match (see the module docstring); one entry per row.

    ``states`` (rows, 4) counts CC, CD, DC, DD from the row's player's side (own move first);
    ``transitions`` (rows, 8) how often the player chose C / D right after each state
    (``CC_to_C``, ``CC_to_D`` ... ``DD_to_D``).
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
    states: np.ndarray
    transitions: np.ndarray

    @classmethod
    def from_matches(cls, matches: pd.DataFrame) -> Sides:
        """The two rows of every match of a matches table (:mod:`tournament.core.record`)."""

        m = len(matches)

        def column(name: str, dtype: type) -> np.ndarray:
            return matches[name].to_numpy(dtype)

        def both(first: str, second: str, dtype: type) -> np.ndarray:
            return np.concatenate([column(first, dtype), column(second, dtype)])

        def side_columns(columns: list[tuple[str, str]]) -> np.ndarray:
            """Rows 0..m-1 from the first names, m..2m-1 from the second: laid out column by
            column (each copy contiguous, and each column read contiguously by the sums)."""
            out = np.empty((len(columns), 2 * m), dtype=np.int64)
            for k, (first, second) in enumerate(columns):
                out[k, :m] = column(first, np.int64)
                out[k, m:] = column(second, np.int64)
            return out.T

        states = list(zip(("cc", "cd", "dc", "dd"), ("cc", "dc", "cd", "dd")))
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
            states=side_columns(states),
            transitions=side_columns([(f"a_{c}", f"b_{c}") for c in TRANSITION_COLUMNS]),
        )

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
