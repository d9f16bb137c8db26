"""How much the players cooperated, and what it earned them measured against the folk theorem.

All figures leave self-play out (a player against its own clone), like axelrod's
per-player figures, and pool over repetitions:

- cooperation rate: cooperations / moves, overall, per player, per ordered pair;
- outcome rates: shares of turns that were mutual cooperation (CC), mutual defection (DD)
  or asymmetric (CD or DC);
- cooperation index (u - P) / (R - P) of a per-turn payoff u: 0 at mutual defection, 1 at
  mutual cooperation (it can leave [0, 1]: a sucker scores below P, an exploiter above R);
  per player its mean payoff per turn, per pair each side's; the tournament's
  ``mean_cooperation_index`` is the mean over players;
- pairs (each unordered pair of distinct players once, payoffs per turn pooled over
  repetitions): individually rational when both get at least the minmax payoff (P in a
  PD), strictly when both get more, cooperative when both get R; and whether the pair's
  payoffs lie inside the feasible region (always, by construction: a check);
- by turn index, from the ``cooperation_by_turn`` table: the cooperation rate at each
  turn, and the end-game drop: the rate over the ``window`` turns before the last window
  minus the rate over the last ``window`` turns (positive when players defect as the known
  end nears). Only for a fixed length: under ``prob_end`` there is no known last turn.

The counts come from a :class:`~tournament.stats.results.Results` (:meth:`CooperationStats.of`);
:func:`analyse` builds one from a matches table.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from tournament.settings import Game
from tournament.stats import folk
from tournament.stats.grouping import counts, rate, table_sums
from tournament.stats.results import Results
from tournament.stats.sides import Sides

TOLERANCE = 1e-9
"""Relative tolerance of the payoff comparisons (individually rational, cooperative point)."""


def cooperation_index(payoff: np.ndarray | float, game: Game) -> np.ndarray | float:
    """(u - P) / (R - P): 0 for mutual defection's payoff, 1 for mutual cooperation's (NaN if R == P)."""
    if game.R == game.P:
        return np.full_like(np.asarray(payoff, dtype=np.float64), np.nan)
    return (np.asarray(payoff, dtype=np.float64) - game.P) / (game.R - game.P)


def player_table(results: Results, game: Game) -> pd.DataFrame:
    """Per player (input order): moves, cooperation rate, outcome rates, payoff per turn, cooperation index."""
    turns, states = results.turns, results.state_counts
    return pd.DataFrame(
        {
            "player": np.arange(results.n_players),
            "name": results.names,
            "turns": turns,
            "cooperation_rate": results.cooperation_rate,
            "mutual_cooperation_rate": rate(states[:, 0], turns),
            "mutual_defection_rate": rate(states[:, 3], turns),
            "asymmetric_rate": rate(states[:, 1] + states[:, 2], turns),
            "payoff_per_turn": results.payoff_per_turn,
            "cooperation_index": cooperation_index(results.payoff_per_turn, game),
        }
    )


def _pair_scores(rows: Sides, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(player_a x player_b, 2): both players' scores summed over their matches as the pandas
    table did; and the pairs (a x n + b) that met. In a round robin whose scores are whole
    numbers (exact in any order) each repetition's scores are added pair by pair instead."""
    size, m = rows.repeated_pairs, rows.n_matches
    if size is not None and rows.whole_scores:  # the first side's and the second's scores
        keep = rows.others[:size]
        key = (rows.player[:size] * n + rows.opponent[:size])[keep]
        summed = [side[:m].reshape(-1, size).sum(axis=0)[keep] for side in (rows.score, rows.opponent_score)]
        scores = np.stack([np.bincount(key, weights=side, minlength=n * n) for side in summed], axis=1)
        return scores, np.flatnonzero(counts(key, n * n))
    first = slice(0, m)
    keep = rows.others[first]
    key = (rows.player[first] * n + rows.opponent[first])[keep]
    scores, _ = table_sums(key, np.column_stack([rows.score[first], rows.opponent_score[first]])[keep], n * n)
    return scores, np.flatnonzero(counts(key, n * n))


def pair_table(results: Results, game: Game, tol: float = TOLERANCE) -> pd.DataFrame:
    """Each unordered pair of distinct players once: cooperation, payoffs per turn and their tests.

    The pairs are those of the match rows (``player_a`` <= ``player_b``, the planner's order);
    their scores are summed over the matches as the pandas table did (see
    :mod:`tournament.stats.grouping`).
    """
    rows, n = results.sides, results.n_players
    scores, met = _pair_scores(rows, n)
    a, b = np.divmod(met, n)
    turns = results.pair_turns[a, b]
    states = results.pair_states[a, b]
    payoff_a, payoff_b = rate(scores[met, 0], turns), rate(scores[met, 1], turns)
    v = folk.minmax(game).mixed
    eps = tol * max(1.0, float(np.ptp(folk.outcome_points(game))))
    low = np.minimum(payoff_a, payoff_b)
    labels = np.array(results.names, dtype=object)
    return pd.DataFrame(
        {
            "player_a": a,
            "player_b": b,
            "name_a": labels[a],
            "name_b": labels[b],
            "turns": turns,
            "cooperation_a": rate(results.pair_cooperations[a, b], turns),
            "cooperation_b": rate(results.pair_cooperations[b, a], turns),
            "mutual_cooperation_rate": rate(states[:, 0], turns),
            "mutual_defection_rate": rate(states[:, 3], turns),
            "asymmetric_rate": rate(states[:, 1] + states[:, 2], turns),
            "payoff_a": payoff_a,
            "payoff_b": payoff_b,
            "cooperation_index_a": cooperation_index(payoff_a, game),
            "cooperation_index_b": cooperation_index(payoff_b, game),
            "individually_rational": low >= v - eps,
            "strictly_individually_rational": low > v + eps,
            "cooperative": (np.abs(payoff_a - game.R) <= eps) & (np.abs(payoff_b - game.R) <= eps),
            "feasible": folk.in_feasible_region(np.column_stack([payoff_a, payoff_b]), game, tol)
            if len(met)
            else np.zeros(0, dtype=bool),
        }
    )


def cooperation_matrix(results: Results) -> np.ndarray:
    """(player, opponent): the player's cooperation rate against that opponent; NaN on the diagonal."""
    return rate(results.pair_cooperations, results.pair_turns)


def by_turn(cooperation_by_turn: pd.DataFrame) -> pd.DataFrame:
    """Per turn index (1-based): moves played and the cooperation rate over all players."""
    totals = cooperation_by_turn.groupby("turn")[["cooperations", "moves"]].sum()
    return pd.DataFrame(
        {
            "turn": totals.index.to_numpy(),
            "moves": totals["moves"].to_numpy(),
            "cooperation_rate": rate(totals["cooperations"], totals["moves"]),
        }
    )


def by_turn_per_player(cooperation_by_turn: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """Wide table: one row per turn, one column per player with its cooperation rate."""
    rates = cooperation_by_turn.assign(
        rate=rate(cooperation_by_turn["cooperations"], cooperation_by_turn["moves"])
    )
    wide = rates.pivot(index="turn", columns="player", values="rate").reindex(columns=range(len(names)))
    wide.columns = names
    return wide


@dataclass(frozen=True)
class EndGame:
    """Cooperation over the last ``window`` turns against the ``window`` turns before them."""

    window: int
    rate_before: float
    rate_last: float

    @property
    def drop(self) -> float:
        """rate_before - rate_last: positive when cooperation falls at the end."""
        return self.rate_before - self.rate_last


def default_window(turns: int) -> int:
    """The end-game window: a tenth of the match, at least 1 and at most 10 turns."""
    return max(1, min(10, turns // 10))


def end_game(profile: pd.DataFrame, turns: int | None, window: int | None = None) -> EndGame | None:
    """The end-game drop of a ``by_turn`` profile for matches of fixed length ``turns`` (None otherwise)."""
    if turns is None or turns < 2:
        return None
    window = min(window or default_window(turns), turns // 2)
    played = profile.set_index("turn").reindex(range(1, turns + 1))
    cooperations = (played["cooperation_rate"] * played["moves"]).to_numpy()
    moves = played["moves"].to_numpy(np.float64)
    last = slice(turns - window, turns)
    before = slice(turns - 2 * window, turns - window)
    rate_last = float(rate(np.nansum(cooperations[last]), np.nansum(moves[last])))
    rate_before = float(rate(np.nansum(cooperations[before]), np.nansum(moves[before])))
    return EndGame(window=window, rate_before=rate_before, rate_last=rate_last)


@dataclass(frozen=True)
class CooperationStats:
    """The cooperation figures of one tournament (see the module docstring)."""

    players: pd.DataFrame
    pairs: pd.DataFrame
    matrix: np.ndarray
    profile: pd.DataFrame | None
    end_game: EndGame | None
    totals: dict[str, float]

    @classmethod
    def of(
        cls,
        results: Results,
        game: Game,
        *,
        cooperation_by_turn: pd.DataFrame | None = None,
        turns: int | None = None,
    ) -> CooperationStats:
        """All cooperation figures of a tournament; ``turns`` is the fixed length (None under prob_end)."""
        moves = results.turns.sum()
        states = results.state_counts.sum(axis=0)
        # Every turn is counted once from each player's side: the shares of turns are unchanged.
        totals = {
            "cooperation_rate": _finite(float(rate(results.cooperations.sum(), moves))),
            "mutual_cooperation_rate": _finite(float(rate(states[0], moves))),
            "mutual_defection_rate": _finite(float(rate(states[3], moves))),
            "asymmetric_rate": _finite(float(rate(states[1] + states[2], moves))),
        }
        profile = by_turn(cooperation_by_turn) if cooperation_by_turn is not None else None
        return cls(
            players=player_table(results, game),
            pairs=pair_table(results, game),
            matrix=cooperation_matrix(results),
            profile=profile,
            end_game=end_game(profile, turns) if profile is not None else None,
            totals=totals,
        )

    def overall(self) -> dict[str, float | bool | None]:
        """Tournament-level figures under the keys used by ``summary.json``."""
        pairs = self.pairs
        share = (lambda column: float(pairs[column].mean())) if len(pairs) else (lambda column: None)
        return {
            **self.totals,
            "mean_cooperation_index": _mean(self.players["cooperation_index"]),
            "individually_rational_pair_share": share("individually_rational"),
            "strictly_individually_rational_pair_share": share("strictly_individually_rational"),
            "cooperative_pair_share": share("cooperative"),
            "pairs_in_feasible_region": bool(pairs["feasible"].all()),
            "end_game_window": None if self.end_game is None else self.end_game.window,
            "end_game_drop": None if self.end_game is None else _finite(self.end_game.drop),
        }


def _mean(values: pd.Series) -> float | None:
    finite = values[np.isfinite(values)]
    return float(finite.mean()) if len(finite) else None


def _finite(value: float) -> float | None:
    return float(value) if np.isfinite(value) else None


def analyse(
    matches: pd.DataFrame,
    names: list[str],
    game: Game,
    *,
    cooperation_by_turn: pd.DataFrame | None = None,
    turns: int | None = None,
) -> CooperationStats:
    """All cooperation figures of a tournament from its matches table (see :meth:`CooperationStats.of`)."""
    return CooperationStats.of(
        Results(matches, names), game, cooperation_by_turn=cooperation_by_turn, turns=turns
    )
