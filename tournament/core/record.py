"""Results as pandas tables: one row per match, optionally every move.

Self-play matches are kept in ``matches`` (flag ``self_play``); the per-player figures,
which leave them out, are computed in :mod:`tournament.stats`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from tournament.core.observers import Transitions

if TYPE_CHECKING:
    from tournament.core.engine import BatchOutcome
    from tournament.core.observers import TurnProfile
    from tournament.core.plan import Plan

STATES = ("CC", "CD", "DC", "DD")
TRANSITION_COLUMNS = tuple(f"{s}_to_{m}" for s in STATES for m in "CD")
"""``CC_to_C`` ... ``DD_to_D``: how often a player chose C/D right after each state."""

MATCH_COLUMNS = (
    "repetition",
    "player_a",
    "player_b",
    "name_a",
    "name_b",
    "self_play",
    "turns",
    "score_a",
    "score_b",
    "coop_a",
    "coop_b",
    "cc",
    "cd",
    "dc",
    "dd",
    "first_a",
    "first_b",
    "first_defection_a",
    "first_defection_b",
    *(f"a_{c}" for c in TRANSITION_COLUMNS),
    *(f"b_{c}" for c in TRANSITION_COLUMNS),
    "failure_a",
    "failure_b",
    "forfeit_a",
    "forfeit_b",
)
"""``first_defection_a``/``first_defection_b``: the turn (0-based) of the player's first D in the
match, -1 if it never defected. ``failure_a``/``failure_b``: what went wrong with a sandboxed
player in the match ("" when nothing); ``forfeit_a``/``forfeit_b``: whether it lost the match by
forfeit, in which case the scores are replaced (see :meth:`MatchRecords.matches_table`)."""


@dataclass
class Failures:
    """Per match row: what went wrong with each side ("" when nothing) and whether it forfeited."""

    message_a: np.ndarray
    message_b: np.ndarray
    forfeit_a: np.ndarray
    forfeit_b: np.ndarray

    @classmethod
    def none(cls, n_rows: int) -> Failures:
        """No failure in any of ``n_rows`` rows."""
        blank = np.full(n_rows, "", dtype=object)
        return cls(blank, blank.copy(), np.zeros(n_rows, dtype=bool), np.zeros(n_rows, dtype=bool))


@dataclass
class MatchRecords:
    """Every match row's figures as columns, in plan row order: who met in which repetition, for
    how long, the state counts (CC, CD, DC, DD from a's side), first moves, first defections,
    transitions after each state, failures and, when kept, the moves."""

    rep: np.ndarray
    a: np.ndarray
    b: np.ndarray
    turns: np.ndarray
    counts: np.ndarray
    first_a: np.ndarray
    first_b: np.ndarray
    first_defection_a: np.ndarray
    first_defection_b: np.ndarray
    transitions_a: np.ndarray
    transitions_b: np.ndarray
    failures: Failures | None = None
    moves_a: list[str] | None = None
    moves_b: list[str] | None = None

    @classmethod
    def empty(cls, plan: Plan, keep_moves: bool = False) -> MatchRecords:
        """Zeroed records for every row of ``plan``, filled batch by batch with :meth:`fill`."""
        n = len(plan.row_game)
        return cls(
            plan.row_rep,
            plan.row_a,
            plan.row_b,
            plan.row_length,
            np.zeros((n, 4), dtype=np.int64),
            np.zeros(n, dtype=np.uint8),
            np.zeros(n, dtype=np.uint8),
            np.zeros(n, dtype=np.int64),
            np.zeros(n, dtype=np.int64),
            np.zeros((n, 8), dtype=np.int64),
            np.zeros((n, 8), dtype=np.int64),
            moves_a=[""] * n if keep_moves else None,
            moves_b=[""] * n if keep_moves else None,
        )

    def fill(self, rows: np.ndarray, outcome: BatchOutcome) -> None:
        """Copy one batch's outcome into ``rows`` (its rows' indices in the plan)."""
        self.counts[rows] = outcome.counts
        self.first_a[rows] = outcome.first_a
        self.first_b[rows] = outcome.first_b
        self.first_defection_a[rows] = outcome.first_defection_a
        self.first_defection_b[rows] = outcome.first_defection_b
        transitions = outcome.observed[Transitions]
        self.transitions_a[rows] = transitions.a
        self.transitions_b[rows] = transitions.b
        if outcome.failures is not None:
            if self.failures is None:
                self.failures = Failures.none(len(self.rep))
            self.failures.message_a[rows] = outcome.failures["failure_a"]
            self.failures.message_b[rows] = outcome.failures["failure_b"]
            self.failures.forfeit_a[rows] = outcome.failures["forfeit_a"]
            self.failures.forfeit_b[rows] = outcome.failures["forfeit_b"]
        if self.moves_a is not None and self.moves_b is not None and outcome.moves_a is not None:
            for i, row in enumerate(rows.tolist()):
                self.moves_a[row] = outcome.moves_a[i]
                self.moves_b[row] = outcome.moves_b[i]

    def matches_table(self, names: list[str], payoffs: np.ndarray) -> pd.DataFrame:
        """One row per match (columns :data:`MATCH_COLUMNS`), sorted by repetition, a, b.

        A forfeited match is scored as the worst possible one for the offender (the game's
        lowest payoff on every turn) and the best possible one for its opponent (the
        highest payoff on every turn); when both forfeit, both get the lowest.
        """
        counts, turns = self.counts, self.turns
        cc, cd, dc, dd = counts.T
        failures = self.failures or Failures.none(len(self.rep))
        worst, best = payoffs.min() * turns, payoffs.max() * turns
        a_wins = np.where(failures.forfeit_b, best, counts @ payoffs)
        b_wins = np.where(failures.forfeit_a, best, counts @ payoffs[[0, 2, 1, 3]])
        labels = np.array(names, dtype=object)
        letters = np.array(["C", "D"], dtype=object)
        data = {
            "repetition": self.rep,
            "player_a": self.a,
            "player_b": self.b,
            "name_a": labels[self.a],
            "name_b": labels[self.b],
            "self_play": self.a == self.b,
            "turns": turns,
            "score_a": np.where(failures.forfeit_a, worst, a_wins),
            "score_b": np.where(failures.forfeit_b, worst, b_wins),
            "coop_a": cc + cd,
            "coop_b": cc + dc,
            "cc": cc,
            "cd": cd,
            "dc": dc,
            "dd": dd,
            "first_a": letters[self.first_a],
            "first_b": letters[self.first_b],
            "first_defection_a": self.first_defection_a,
            "first_defection_b": self.first_defection_b,
        }
        for k, column in enumerate(TRANSITION_COLUMNS):
            data[f"a_{column}"] = self.transitions_a[:, k]
            data[f"b_{column}"] = self.transitions_b[:, k]
        data |= {
            "failure_a": failures.message_a,
            "failure_b": failures.message_b,
            "forfeit_a": failures.forfeit_a,
            "forfeit_b": failures.forfeit_b,
        }
        return _in_match_order(pd.DataFrame(data))

    def interactions_table(self) -> pd.DataFrame:
        """Every match's moves as two strings of C and D (needs the moves kept)."""
        return interactions_table(self.rep, self.a, self.b, self.moves_a or [], self.moves_b or [])


def _in_match_order(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(["repetition", "player_a", "player_b"], kind="stable").reset_index(drop=True)


def interactions_table(
    row_rep: np.ndarray, row_a: np.ndarray, row_b: np.ndarray, moves_a: list[str], moves_b: list[str]
) -> pd.DataFrame:
    """Every match's moves as two strings of C and D, one character per turn."""
    frame = pd.DataFrame(
        {"repetition": row_rep, "player_a": row_a, "player_b": row_b, "moves_a": moves_a, "moves_b": moves_b}
    )
    return _in_match_order(frame)


class TurnTotals:
    """Each player's cooperations and moves at each turn index, summed over batches."""

    def __init__(self, n_turns: int, n_players: int) -> None:
        self.cooperations = np.zeros((n_turns, n_players), dtype=np.int64)
        self.moves = np.zeros((n_turns, n_players), dtype=np.int64)

    def add(self, profile: TurnProfile) -> None:
        """Add one batch's :class:`~tournament.core.observers.TurnProfile`."""
        turns = profile.cooperations.shape[0]
        self.cooperations[:turns, profile.players] += profile.cooperations
        self.moves[:turns, profile.players] += profile.moves

    def table(self, names: list[str]) -> pd.DataFrame:
        """Long table (turn, player, name, cooperations, moves): each player's play at each turn
        index (1-based) over all its matches and repetitions, self-play excluded."""
        n_turns, n_players = self.cooperations.shape
        return pd.DataFrame(
            {
                "turn": np.repeat(np.arange(1, n_turns + 1), n_players),
                "player": np.tile(np.arange(n_players), n_turns),
                "name": np.tile(np.array(names, dtype=object), n_turns),
                "cooperations": self.cooperations.reshape(-1),
                "moves": self.moves.reshape(-1),
            }
        )


def failure_summary(matches: pd.DataFrame) -> pd.DataFrame:
    """What went wrong with whom: one row per (player, problem) with the number of matches
    and forfeits and the first match where it happened (repetition, opponent)."""
    rows = []
    for side, other in (("a", "b"), ("b", "a")):
        hit = matches[matches[f"failure_{side}"] != ""]
        hit = hit[~(hit["self_play"] & (side == "b"))]
        rows.append(
            pd.DataFrame(
                {
                    "player": hit[f"name_{side}"],
                    "problem": hit[f"failure_{side}"],
                    "forfeit": hit[f"forfeit_{side}"],
                    "repetition": hit["repetition"],
                    "opponent": hit[f"name_{other}"],
                    "self_play": hit["self_play"],
                }
            )
        )
    sides = pd.concat(rows, ignore_index=True).sort_values(
        ["player", "self_play", "repetition"], kind="stable"
    )
    columns = ["player", "problem", "matches", "forfeits", "repetition", "opponent"]
    if sides.empty:
        return pd.DataFrame(columns=columns)
    grouped = sides.groupby(["player", "problem"], sort=False)
    out = grouped.first()[["repetition", "opponent"]]
    out["matches"] = grouped.size()
    out["forfeits"] = grouped["forfeit"].sum()
    return out.reset_index()[columns]
