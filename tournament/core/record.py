"""Results as pandas tables: one row per match, optionally every move.

Self-play matches are kept in ``matches`` (flag ``self_play``); the per-player figures,
which leave them out, are computed in :mod:`tournament.stats`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

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
match, -1 if it never defected. ``failure_a``/``failure_b``: what went wrong with a sandboxed player in the match ("" when
nothing); ``forfeit_a``/``forfeit_b``: whether it lost the match by forfeit, in which case the
scores are replaced (see :func:`matches_table`)."""


def matches_table(
    names: list[str],
    row_rep: np.ndarray,
    row_a: np.ndarray,
    row_b: np.ndarray,
    row_length: np.ndarray,
    counts: np.ndarray,
    first_a: np.ndarray,
    first_b: np.ndarray,
    transitions_a: np.ndarray,
    transitions_b: np.ndarray,
    payoffs: np.ndarray,
    failures: dict[str, np.ndarray] | None = None,
    first_defections: tuple[np.ndarray, np.ndarray] | None = None,
) -> pd.DataFrame:
    """One row per match; ``counts`` are the CC, CD, DC, DD state counts from a's side.

    ``failures`` holds per-row ``failure_a``/``failure_b`` texts and ``forfeit_a``/``forfeit_b``
    flags. A forfeited match is scored as the worst possible one for the offender (the
    game's lowest payoff on every turn) and the best possible one for its opponent (the
    highest payoff on every turn); when both forfeit, both get the lowest.
    """
    cc, cd, dc, dd = counts.T
    mirrored = payoffs[[0, 2, 1, 3]]
    n_rows = len(row_rep)
    failures = failures or {}
    forfeit_a = failures.get("forfeit_a", np.zeros(n_rows, dtype=bool))
    forfeit_b = failures.get("forfeit_b", np.zeros(n_rows, dtype=bool))
    worst, best = payoffs.min() * row_length, payoffs.max() * row_length
    score_a = np.where(forfeit_a, worst, np.where(forfeit_b, best, counts @ payoffs))
    score_b = np.where(forfeit_b, worst, np.where(forfeit_a, best, counts @ mirrored))
    labels = np.array(names, dtype=object)
    letters = np.array(["C", "D"], dtype=object)
    data = {
        "repetition": row_rep,
        "player_a": row_a,
        "player_b": row_b,
        "name_a": labels[row_a],
        "name_b": labels[row_b],
        "self_play": row_a == row_b,
        "turns": row_length,
        "score_a": score_a,
        "score_b": score_b,
        "coop_a": cc + cd,
        "coop_b": cc + dc,
        "cc": cc,
        "cd": cd,
        "dc": dc,
        "dd": dd,
        "first_a": letters[first_a],
        "first_b": letters[first_b],
    }
    if first_defections is not None:
        data["first_defection_a"], data["first_defection_b"] = first_defections
    for k, column in enumerate(TRANSITION_COLUMNS):
        data[f"a_{column}"] = transitions_a[:, k]
        data[f"b_{column}"] = transitions_b[:, k]
    for side in "ab":
        data[f"failure_{side}"] = failures.get(f"failure_{side}", np.full(n_rows, "", dtype=object))
        data[f"forfeit_{side}"] = failures.get(f"forfeit_{side}", np.zeros(n_rows, dtype=bool))
    frame = pd.DataFrame(data)
    return frame.sort_values(["repetition", "player_a", "player_b"], kind="stable").reset_index(drop=True)


def interactions_table(
    row_rep: np.ndarray, row_a: np.ndarray, row_b: np.ndarray, moves_a: list[str], moves_b: list[str]
) -> pd.DataFrame:
    """Every match's moves as two strings of C and D, one character per turn."""
    frame = pd.DataFrame(
        {"repetition": row_rep, "player_a": row_a, "player_b": row_b, "moves_a": moves_a, "moves_b": moves_b}
    )
    return frame.sort_values(["repetition", "player_a", "player_b"], kind="stable").reset_index(drop=True)


def cooperation_by_turn_table(names: list[str], cooperations: np.ndarray, moves: np.ndarray) -> pd.DataFrame:
    """Long table (turn, player, name, cooperations, moves): each player's play at each turn
    index (1-based) over all its matches and repetitions, self-play excluded."""
    n_turns, n_players = cooperations.shape
    return pd.DataFrame(
        {
            "turn": np.repeat(np.arange(1, n_turns + 1), n_players),
            "player": np.tile(np.arange(n_players), n_turns),
            "name": np.tile(np.array(names, dtype=object), n_turns),
            "cooperations": cooperations.reshape(-1),
            "moves": moves.reshape(-1),
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
