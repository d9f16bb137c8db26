"""Results as pandas tables: one row per match, optionally every move.

A plan is played in chunks (engine batches); each chunk's figures are one
:class:`ChunkRecords`, which can be turned into plain arrays and back (to be saved between
the chunks of a long run and read again when it resumes). :class:`MatchRecords` gathers the
chunks in plan row order and builds the matches table once. Self-play matches are kept in
``matches`` (flag ``self_play``); the per-player figures, which leave them out, are computed
in :mod:`tournament.stats`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from tournament.core.observers import CooperationByTurn, Transitions, TurnProfile

if TYPE_CHECKING:
    import pandas as pd

    from tournament.core.engine import BatchOutcome
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


FAILURE_KEYS = ("failure_a", "failure_b", "forfeit_a", "forfeit_b")


@dataclass
class ChunkRecords:
    """The figures of one played chunk of a plan: its rows' indices in the plan, their records
    (as in :class:`MatchRecords`), what went wrong (None when nothing), the moves when kept and
    the chunk's cooperation by turn (:class:`~tournament.core.observers.TurnProfile`)."""

    rows: np.ndarray
    counts: np.ndarray
    first_a: np.ndarray
    first_b: np.ndarray
    first_defection_a: np.ndarray
    first_defection_b: np.ndarray
    transitions_a: np.ndarray
    transitions_b: np.ndarray
    profile: TurnProfile
    failures: dict[str, np.ndarray] | None = None
    moves_a: list[str] | None = None
    moves_b: list[str] | None = None

    @classmethod
    def from_outcome(cls, rows: np.ndarray, outcome: BatchOutcome) -> ChunkRecords:
        """The records of a batch played with the :class:`Transitions` and
        :class:`CooperationByTurn` observers; ``rows`` are its rows' indices in the plan."""
        transitions = outcome.observed[Transitions]
        return cls(
            compact(np.asarray(rows)),
            compact(outcome.counts),
            outcome.first_a,
            outcome.first_b,
            compact(outcome.first_defection_a),
            compact(outcome.first_defection_b),
            compact(transitions.a),
            compact(transitions.b),
            outcome.observed[CooperationByTurn],
            outcome.failures,
            outcome.moves_a,
            outcome.moves_b,
        )

    def arrays(self) -> dict[str, np.ndarray]:
        """Every figure as a plain numpy array (texts as unicode, moves as bytes and lengths),
        for :meth:`from_arrays`."""
        out = {
            "rows": self.rows,
            "counts": self.counts,
            "first_a": self.first_a,
            "first_b": self.first_b,
            "first_defection_a": self.first_defection_a,
            "first_defection_b": self.first_defection_b,
            "transitions_a": self.transitions_a,
            "transitions_b": self.transitions_b,
            "profile_players": self.profile.players,
            "profile_cooperations": self.profile.cooperations,
            "profile_moves": self.profile.moves,
        }
        if self.failures is not None:
            for key in FAILURE_KEYS:
                values = self.failures[key]
                out[key] = values.astype(str) if values.dtype == object else values
        if self.moves_a is not None and self.moves_b is not None:
            for side, moves in (("a", self.moves_a), ("b", self.moves_b)):
                out[f"moves_{side}"] = np.frombuffer("".join(moves).encode(), dtype=np.uint8)
                out[f"lengths_{side}"] = np.array([len(m) for m in moves], dtype=np.int64)
        return out

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, np.ndarray]) -> ChunkRecords:
        """Back from :meth:`arrays`."""
        failures = None
        if "failure_a" in arrays:
            failures = {
                key: arrays[key].astype(object) if key.startswith("failure") else arrays[key]
                for key in FAILURE_KEYS
            }
        moves: dict[str, list[str]] = {}
        for side in "ab":
            if f"moves_{side}" in arrays:
                text = arrays[f"moves_{side}"].tobytes().decode()
                ends = np.cumsum(arrays[f"lengths_{side}"]).tolist()
                moves[side] = [text[start:end] for start, end in zip([0, *ends[:-1]], ends)]
        profile = TurnProfile(
            arrays["profile_players"], arrays["profile_cooperations"], arrays["profile_moves"]
        )
        return cls(
            arrays["rows"],
            arrays["counts"],
            arrays["first_a"],
            arrays["first_b"],
            arrays["first_defection_a"],
            arrays["first_defection_b"],
            arrays["transitions_a"],
            arrays["transitions_b"],
            profile,
            failures,
            moves.get("a"),
            moves.get("b"),
        )


def compact(values: np.ndarray) -> np.ndarray:
    """Integers in the smallest integer type that holds them (a chunk's counts are at most its
    length): a quarter of the bytes to send, save and copy; :class:`MatchRecords` widens them."""
    if not values.size:
        return values
    low, high = int(values.min()), int(values.max())
    for kind in (np.uint8, np.int8, np.uint16, np.int16, np.uint32, np.int32):
        limits = np.iinfo(kind)
        if limits.min <= low and high <= limits.max:
            return values.astype(kind)
    return values


@dataclass
class MatchRecords:
    """Every match row's figures as columns, in plan row order: who met in which repetition, for
    how long, the state counts (CC, CD, DC, DD from a's side), first moves, first defections,
    transitions after each state, failures and, when kept, the moves.

    ``counts`` (4 x rows) and ``transitions_a``/``transitions_b`` (8 x rows) hold one figure per
    row of the array, so each column of the matches table is contiguous: Arrow then writes it
    without a copy (a strided column cost a copy of every row group, 0.2 GB at 2 million matches).
    """

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
            np.zeros((4, n), dtype=np.int64),
            np.zeros(n, dtype=np.uint8),
            np.zeros(n, dtype=np.uint8),
            np.zeros(n, dtype=np.int64),
            np.zeros(n, dtype=np.int64),
            np.zeros((8, n), dtype=np.int64),
            np.zeros((8, n), dtype=np.int64),
            moves_a=[""] * n if keep_moves else None,
            moves_b=[""] * n if keep_moves else None,
        )

    def fill(self, chunk: ChunkRecords) -> None:
        """Copy one chunk's records into its rows."""
        rows = chunk.rows
        self.counts[:, rows] = chunk.counts.T
        self.first_a[rows] = chunk.first_a
        self.first_b[rows] = chunk.first_b
        self.first_defection_a[rows] = chunk.first_defection_a
        self.first_defection_b[rows] = chunk.first_defection_b
        self.transitions_a[:, rows] = chunk.transitions_a.T
        self.transitions_b[:, rows] = chunk.transitions_b.T
        if chunk.failures is not None:
            if self.failures is None:
                self.failures = Failures.none(len(self.rep))
            self.failures.message_a[rows] = chunk.failures["failure_a"]
            self.failures.message_b[rows] = chunk.failures["failure_b"]
            self.failures.forfeit_a[rows] = chunk.failures["forfeit_a"]
            self.failures.forfeit_b[rows] = chunk.failures["forfeit_b"]
        if self.moves_a is not None and self.moves_b is not None and chunk.moves_a is not None:
            for i, row in enumerate(rows.tolist()):
                self.moves_a[row] = chunk.moves_a[i]
                self.moves_b[row] = chunk.moves_b[i]

    def matches_table(self, names: list[str], payoffs: np.ndarray) -> pd.DataFrame:
        """One row per match (columns :data:`MATCH_COLUMNS`), sorted by repetition, a, b.

        A forfeited match is scored as the worst possible one for the offender (the game's
        lowest payoff on every turn) and the best possible one for its opponent (the
        highest payoff on every turn); when both forfeit, both get the lowest.
        """
        import pandas as pd

        counts, turns = self.counts, self.turns
        cc, cd, dc, dd = counts
        failures = self.failures or Failures.none(len(self.rep))
        worst, best = payoffs.min() * turns, payoffs.max() * turns
        by_row = counts.T.astype(np.float64, order="C")  # the product as it always was, row by row
        a_wins = np.where(failures.forfeit_b, best, by_row @ payoffs)
        b_wins = np.where(failures.forfeit_a, best, by_row @ payoffs[[0, 2, 1, 3]])
        del by_row
        data = {
            "repetition": self.rep,
            "player_a": self.a,
            "player_b": self.b,
            "name_a": _text(names, self.a),
            "name_b": _text(names, self.b),
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
            "first_a": _text(["C", "D"], self.first_a),
            "first_b": _text(["C", "D"], self.first_b),
            "first_defection_a": self.first_defection_a,
            "first_defection_b": self.first_defection_b,
        }
        for k, column in enumerate(TRANSITION_COLUMNS):
            data[f"a_{column}"] = self.transitions_a[k]
            data[f"b_{column}"] = self.transitions_b[k]
        if self.failures is None:  # one column of empty messages, made by Arrow, for both sides
            message_a = message_b = _text([""], np.zeros(len(self.rep), dtype=np.int64))
        else:
            message_a, message_b = failures.message_a, failures.message_b
        data |= {
            "failure_a": message_a,
            "failure_b": message_b,
            "forfeit_a": failures.forfeit_a,
            "forfeit_b": failures.forfeit_b,
        }
        return _in_match_order(pd.DataFrame(data, copy=False))

    def interactions_table(self) -> pd.DataFrame:
        """Every match's moves as two strings of C and D (needs the moves kept)."""
        return interactions_table(self.rep, self.a, self.b, self.moves_a or [], self.moves_b or [])


def _text(labels: Sequence[str], codes: np.ndarray) -> Any:
    """The column ``labels[codes]`` as pandas makes one of those strings: where pandas keeps text
    in Arrow (pandas 3), built by Arrow from the codes (6x faster than from Python strings,
    the same column); elsewhere an object array."""
    import pandas as pd

    dtype = pd.Series(["x"]).dtype
    if getattr(dtype, "storage", None) != "pyarrow":
        return np.array(list(labels), dtype=object)[codes]
    import pyarrow as pa

    dictionary = pa.array(list(labels), type=pa.large_string())
    encoded = pa.DictionaryArray.from_arrays(pa.array(np.asarray(codes, dtype=np.int32)), dictionary)
    return pd.array(encoded.cast(pa.large_string()), dtype=dtype)


def _in_match_order(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` sorted by repetition, a, b (stable); as it is when already in that order."""
    keys = [frame[column].to_numpy() for column in ("repetition", "player_a", "player_b")]
    ordered = np.ones(max(len(frame) - 1, 0), dtype=bool)
    for key in reversed(keys):
        step = np.diff(key)
        ordered = (step > 0) | ((step == 0) & ordered)
    if ordered.all():
        return frame
    return frame.sort_values(["repetition", "player_a", "player_b"], kind="stable").reset_index(drop=True)


def interactions_table(
    row_rep: np.ndarray, row_a: np.ndarray, row_b: np.ndarray, moves_a: list[str], moves_b: list[str]
) -> pd.DataFrame:
    """Every match's moves as two strings of C and D, one character per turn."""
    import pandas as pd

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
        import pandas as pd

        n_turns, n_players = self.cooperations.shape
        player = np.tile(np.arange(n_players), n_turns)
        return pd.DataFrame(
            {
                "turn": np.repeat(np.arange(1, n_turns + 1), n_players),
                "player": player,
                "name": _text(names, player),
                "cooperations": self.cooperations.reshape(-1),
                "moves": self.moves.reshape(-1),
            },
            copy=False,  # one block per column: no copy of millions of rows to consolidate them
        )


def failure_summary(matches: pd.DataFrame) -> pd.DataFrame:
    """What went wrong with whom: one row per (player, problem) with the number of matches
    and forfeits and the first match where it happened (repetition, opponent)."""
    import pandas as pd

    columns = ["player", "problem", "matches", "forfeits", "repetition", "opponent"]
    self_play = matches["self_play"].to_numpy(bool)
    failed = {side: (matches[f"failure_{side}"] != "").to_numpy(bool) for side in "ab"}
    failed["b"] = failed["b"] & ~self_play  # a self-match's failure is counted once, from side a
    if not (failed["a"].any() or failed["b"].any()):
        return pd.DataFrame(columns=columns)
    rows = []
    for side, other in (("a", "b"), ("b", "a")):
        wanted = [
            f"name_{side}",
            f"failure_{side}",
            f"forfeit_{side}",
            "repetition",
            f"name_{other}",
            "self_play",
        ]
        hit = matches.loc[failed[side], wanted]
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
    grouped = sides.groupby(["player", "problem"], sort=False)
    out = grouped.first()[["repetition", "opponent"]]
    out["matches"] = grouped.size()
    out["forfeits"] = grouped["forfeit"].sum()
    return out.reset_index()[columns]
