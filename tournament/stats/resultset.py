"""Every statistic of axelrod's ``ResultSet``, computed from our matches table (no re-play).

axelrod writes each match as two rows, one from each player's side (a self-match too:
both rows have player == opponent), and derives everything from those rows. We build the
same rows from the matches table (:func:`sides`) and keep axelrod's definitions, including
its conventions for self-play and missing data, so that on the same tournament every
number agrees with axelrod's:

- ``payoffs[i, j, r]``: i's mean per-turn payoff against j in repetition r (for i == j the
  mean of both sides of the self-match; NaN where the pair did not meet);
- ``scores``, ``wins``, ``normalised_scores`` (player, repetition) leave self-play out; a
  player with no opponent in a repetition gets 0 there;
- ``cooperation[i, j]`` counts i's cooperations against j over all repetitions; on the
  diagonal half the self-match's cooperations of both sides (rounded down);
- ``state_distribution`` and ``state_to_action_distribution`` are zero on the diagonal;
- ``summarise()`` mirrors axelrod's ``ResultSet.summarise`` (rank from 0), including its
  quirk that a player's "CC_to_C_rate" etc. is the mean over the opponents whose rate is
  **non-zero** (opponents where the rate is 0 are skipped, so a strategy that always
  defects after CC against half its opponents still shows a rate of 1).
  ``summarise(pooled=True)`` gives the cleaner figure beside it: the four rates pooled over
  all opponents, P(C | state) = (times C followed the state) / (visits to the state), NaN
  for a state never visited.

Shapes follow axelrod's lists as numpy arrays; the Counter-valued statistics of axelrod
become arrays indexed by state (CC, CD, DC, DD, from the player's side) and action (C, D).
"""

from __future__ import annotations

import itertools
from functools import cached_property

import numpy as np
import pandas as pd

from tournament.core.record import STATES, TRANSITION_COLUMNS

SUMMARY_COLUMNS = (
    "Rank",
    "Name",
    "Median_score",
    "Cooperation_rating",
    "Wins",
    "Initial_C_rate",
    "CC_rate",
    "CD_rate",
    "DC_rate",
    "DD_rate",
    "CC_to_C_rate",
    "CD_to_C_rate",
    "DC_to_C_rate",
    "DD_to_C_rate",
)
"""Columns of :meth:`ResultSet.summarise`, as in axelrod's ``ResultSet.summarise``."""


def sides(matches: pd.DataFrame) -> dict[str, np.ndarray]:
    """axelrod's two rows per match (self-matches included), as arrays.

    Keys: ``repetition``, ``player``, ``opponent``, ``turns``, ``score``, ``opponent_score``,
    ``coop``, ``opponent_coop``, ``first_c`` (1 if the player's first move was C), ``states`` (rows, 4: CC,
    CD, DC, DD from the player's side) and ``transitions`` (rows, 8: ``CC_to_C`` ...
    ``DD_to_D`` of the player).
    """
    a_states = matches[["cc", "cd", "dc", "dd"]].to_numpy(np.int64)
    b_states = a_states[:, [0, 2, 1, 3]]
    a_trans = matches[[f"a_{c}" for c in TRANSITION_COLUMNS]].to_numpy(np.int64)
    b_trans = matches[[f"b_{c}" for c in TRANSITION_COLUMNS]].to_numpy(np.int64)

    def both(first: str, second: str) -> np.ndarray:
        return np.concatenate([matches[first].to_numpy(), matches[second].to_numpy()])

    return {
        "repetition": np.tile(matches["repetition"].to_numpy(np.int64), 2),
        "player": both("player_a", "player_b").astype(np.int64),
        "opponent": both("player_b", "player_a").astype(np.int64),
        "turns": np.tile(matches["turns"].to_numpy(np.int64), 2),
        "score": both("score_a", "score_b").astype(np.float64),
        "opponent_score": both("score_b", "score_a").astype(np.float64),
        "coop": both("coop_a", "coop_b").astype(np.int64),
        "opponent_coop": both("coop_b", "coop_a").astype(np.int64),
        "first_c": (both("first_a", "first_b") == "C").astype(np.int64),
        "states": np.concatenate([a_states, b_states]),
        "transitions": np.concatenate([a_trans, b_trans]),
    }


def principal_eigenvector(
    matrix: np.ndarray, maximum_iterations: int = 1000, max_error: float = 1e-3
) -> tuple[np.ndarray, float]:
    """axelrod's power iteration (``axelrod.eigen``): unit eigenvector estimate and eigenvalue.

    Starts from the all-ones vector and stops when successive unit vectors differ by less
    than ``max_error`` (Euclidean) or after ``maximum_iterations``; the eigenvalue is the
    Rayleigh quotient. Reproduced step for step so that ratings agree with axelrod's.
    """
    mat = np.asarray(matrix, dtype=np.float64)
    vector = np.ones(mat.shape[0])
    last = vector
    with np.errstate(invalid="ignore", divide="ignore"):
        for i in itertools.count():
            product = np.dot(mat, vector)
            vector = product / np.sqrt(product @ product)
            diff = vector - last
            if i > maximum_iterations or np.sqrt(diff @ diff) < max_error:
                break
            last = vector
        eigenvalue = float(((mat @ vector) @ vector) / (vector @ vector))
    return vector, eigenvalue


class ResultSet:
    """axelrod's ``ResultSet`` statistics of a tournament, from its matches table.

    Parameters
    ----------
    matches
        The matches table (see :mod:`tournament.core.record`), self-matches included.
    names
        Player labels in input order (index = player number).
    repetitions
        Number of repetitions.

    Every statistic is a lazily computed attribute with axelrod's name.
    """

    def __init__(self, matches: pd.DataFrame, names: list[str], repetitions: int) -> None:
        self.players = list(names)
        self.num_players = len(self.players)
        self.repetitions = int(repetitions)
        self._rows = sides(matches)

    @classmethod
    def from_results(cls, results) -> ResultSet:
        """From a :class:`~tournament.round_robin.TournamentResults`."""
        return cls(results.matches, results.names, results.spec.repetitions)

    # -- building blocks ------------------------------------------------------------------

    def _per_cell(self, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Sums of ``values`` and row counts per (repetition, player, opponent)."""
        n, reps = self.num_players, self.repetitions
        size = reps * n * n
        r = self._rows
        cell = (r["repetition"] * n + r["player"]) * n + r["opponent"]
        sums = np.bincount(cell, weights=values, minlength=size).reshape(reps, n, n)
        counts = np.bincount(cell, minlength=size).reshape(reps, n, n)
        return sums, counts

    def _cell_mean(self, values: np.ndarray, missing: float) -> np.ndarray:
        """Mean of ``values`` per (repetition, player, opponent); ``missing`` where no row."""
        sums, counts = self._per_cell(values)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(counts > 0, sums / np.maximum(counts, 1), missing)

    @cached_property
    def _others(self) -> np.ndarray:
        """Mask of rows that are not self-play."""
        return self._rows["player"] != self._rows["opponent"]

    def _per_player_rep(self, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Sums and counts of ``values`` per (player, repetition), self-play left out."""
        n, reps = self.num_players, self.repetitions
        keep = self._others
        cell = self._rows["player"][keep] * reps + self._rows["repetition"][keep]
        sums = np.bincount(cell, weights=values[keep], minlength=n * reps).reshape(n, reps)
        counts = np.bincount(cell, minlength=n * reps).reshape(n, reps)
        return sums, counts

    def _per_pair(self, values: np.ndarray) -> np.ndarray:
        """Sums of ``values`` (rows, k) per (player, opponent) over repetitions: (n, n, k)."""
        n = self.num_players
        r = self._rows
        cell = r["player"] * n + r["opponent"]
        values = values.reshape(len(cell), -1)
        out = np.zeros((n * n, values.shape[1]))
        np.add.at(out, cell, values)
        return out.reshape(n, n, values.shape[1])

    @cached_property
    def interactions_count(self) -> np.ndarray:
        """Per player: its non-self matches over all repetitions (axelrod's interactions count)."""
        return np.bincount(self._rows["player"][self._others], minlength=self.num_players)

    # -- per repetition -------------------------------------------------------------------

    @cached_property
    def payoffs(self) -> np.ndarray:
        """(player, opponent, repetition): mean per-turn payoff; NaN where they did not meet."""
        r = self._rows
        per_turn = r["score"] / r["turns"]
        return self._cell_mean(per_turn, np.nan).transpose(1, 2, 0)

    @cached_property
    def score_diffs(self) -> np.ndarray:
        """(player, opponent, repetition): mean per-turn score difference; 0 where not met."""
        r = self._rows
        diff = (r["score"] - r["opponent_score"]) / r["turns"]
        return self._cell_mean(diff, 0.0).transpose(1, 2, 0)

    @cached_property
    def match_lengths(self) -> np.ndarray:
        """(repetition, player, opponent): match length; 0 where they did not meet."""
        return self._cell_mean(self._rows["turns"].astype(np.float64), 0.0)

    @cached_property
    def wins(self) -> np.ndarray:
        """(player, repetition): matches won (strictly higher total score), self-play left out."""
        r = self._rows
        won = (r["score"] > r["opponent_score"]).astype(np.float64)
        return self._per_player_rep(won)[0].astype(np.int64)

    @cached_property
    def scores(self) -> np.ndarray:
        """(player, repetition): total score over all opponents, self-play left out."""
        return self._per_player_rep(self._rows["score"])[0]

    @cached_property
    def normalised_scores(self) -> np.ndarray:
        """(player, repetition): mean over opponents of the per-turn payoff (0 if none)."""
        r = self._rows
        sums, counts = self._per_player_rep(r["score"] / r["turns"])
        return np.where(counts > 0, sums / np.maximum(counts, 1), 0.0)

    # -- ranking --------------------------------------------------------------------------

    @cached_property
    def ranking(self) -> list[int]:
        """Player numbers from first to last by median normalised score (stable sort)."""
        with np.errstate(all="ignore"):
            median = np.array([np.nanmedian(row) for row in self.normalised_scores])
        return sorted(range(self.num_players), key=lambda i: -median[i])

    @cached_property
    def ranked_names(self) -> list[str]:
        """Player labels from first to last."""
        return [self.players[i] for i in self.ranking]

    # -- payoff summaries -----------------------------------------------------------------

    @cached_property
    def payoff_matrix(self) -> np.ndarray:
        """(player, opponent): mean over repetitions of the per-turn payoff (0 if never met)."""
        met = ~np.isnan(self.payoffs)
        total = np.where(met, self.payoffs, 0.0).sum(axis=2)
        count = met.sum(axis=2)
        return np.where(count > 0, total / np.maximum(count, 1), 0.0)

    @cached_property
    def payoff_stddevs(self) -> np.ndarray:
        """(player, opponent): population standard deviation over repetitions (0 if never met)."""
        met = ~np.isnan(self.payoffs)
        deviation = np.where(met, self.payoffs - self.payoff_matrix[:, :, None], 0.0)
        count = met.sum(axis=2)
        return np.where(count > 0, np.sqrt((deviation**2).sum(axis=2) / np.maximum(count, 1)), 0.0)

    @cached_property
    def payoff_diffs_means(self) -> np.ndarray:
        """(player, opponent): mean over repetitions of the per-turn score difference."""
        return self.score_diffs.mean(axis=2)

    # -- cooperation ----------------------------------------------------------------------

    @cached_property
    def cooperation(self) -> np.ndarray:
        """(player, opponent): cooperations over all repetitions; diagonal: half the self-match's."""
        coop = self._per_pair(self._rows["coop"].astype(np.float64))[:, :, 0]
        diagonal = np.diag_indices(self.num_players)
        coop[diagonal] = np.floor(coop[diagonal] / 2)
        return coop.astype(np.int64)

    @cached_property
    def _total_lengths(self) -> np.ndarray:
        """(player, opponent): match lengths summed over repetitions."""
        return self.match_lengths.sum(axis=0)

    @cached_property
    def normalised_cooperation(self) -> np.ndarray:
        """(player, opponent): cooperation divided by the total length of their matches."""
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.nan_to_num(self.cooperation / self._total_lengths)

    @cached_property
    def vengeful_cooperation(self) -> np.ndarray:
        """(player, opponent): 2 * (normalised cooperation - 0.5), from -1 to 1."""
        return 2 * (self.normalised_cooperation - 0.5)

    @cached_property
    def cooperating_rating(self) -> np.ndarray:
        """Per player: cooperations / turns over all non-self matches."""
        off = ~np.eye(self.num_players, dtype=bool)
        coop = np.where(off, self.cooperation, 0).sum(axis=1)
        lengths = np.where(off, self._total_lengths, 0).sum(axis=1)
        return coop / np.maximum(1, lengths)

    @cached_property
    def good_partner_matrix(self) -> np.ndarray:
        """(player, opponent): matches where the player cooperated at least as often; 0 on the diagonal."""
        r = self._rows
        good = (r["coop"] >= r["opponent_coop"]).astype(np.float64)
        matrix = self._per_pair(good)[:, :, 0]
        np.fill_diagonal(matrix, 0)
        return matrix.astype(np.int64)

    @cached_property
    def good_partner_rating(self) -> np.ndarray:
        """Per player: good-partner matches / non-self matches."""
        return self.good_partner_matrix.sum(axis=1) / np.maximum(1, self.interactions_count)

    @cached_property
    def initial_cooperation_count(self) -> np.ndarray:
        """Per player: matches (non-self, all repetitions) opened with C."""
        r = self._rows
        keep = self._others
        return np.bincount(r["player"][keep], weights=r["first_c"][keep], minlength=self.num_players).astype(
            np.int64
        )

    @cached_property
    def initial_cooperation_rate(self) -> np.ndarray:
        """Per player: share of its non-self matches opened with C (0 if none)."""
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.nan_to_num(self.initial_cooperation_count / self.interactions_count)

    @cached_property
    def eigenjesus_rating(self) -> np.ndarray:
        """Principal eigenvector of the normalised cooperation matrix (Aaronson's eigenjesus)."""
        return principal_eigenvector(self.normalised_cooperation)[0]

    @cached_property
    def eigenmoses_rating(self) -> np.ndarray:
        """Principal eigenvector of the vengeful cooperation matrix (Aaronson's eigenmoses)."""
        return principal_eigenvector(self.vengeful_cooperation)[0]

    # -- states ---------------------------------------------------------------------------

    @cached_property
    def state_distribution(self) -> np.ndarray:
        """(player, opponent, state): counts of CC, CD, DC, DD from the player's side; 0 on the diagonal."""
        counts = self._per_pair(self._rows["states"].astype(np.float64))
        counts[np.diag_indices(self.num_players)] = 0
        return counts.astype(np.int64)

    @cached_property
    def normalised_state_distribution(self) -> np.ndarray:
        """(player, opponent, state): shares of the four states (0 where no turns, e.g. the diagonal)."""
        counts = self.state_distribution
        total = counts.sum(axis=2, keepdims=True)
        return np.where(total > 0, counts / np.maximum(total, 1), 0.0)

    @cached_property
    def state_to_action_distribution(self) -> np.ndarray:
        """(player, opponent, state, action): how often the player chose C / D right after each state."""
        counts = self._per_pair(self._rows["transitions"].astype(np.float64))
        counts[np.diag_indices(self.num_players)] = 0
        return counts.astype(np.int64).reshape(self.num_players, self.num_players, 4, 2)

    @cached_property
    def normalised_state_to_action_distribution(self) -> np.ndarray:
        """(player, opponent, state, action): P(action | state) per opponent (0 where never in the state)."""
        counts = self.state_to_action_distribution
        total = counts.sum(axis=3, keepdims=True)
        return np.where(total > 0, counts / np.maximum(total, 1), 0.0)

    # -- summary --------------------------------------------------------------------------

    def state_rates(self) -> np.ndarray:
        """(player, state): axelrod's summary state rates (mean of per-opponent shares, renormalised)."""
        off = ~np.eye(self.num_players, dtype=bool)
        summed = np.where(off[:, :, None], self.normalised_state_distribution, 0.0).sum(axis=1)
        total = summed.sum(axis=1, keepdims=True)
        return np.where(total > 0, summed / np.where(total > 0, total, 1), 0.0)

    def state_to_cooperation_rates(self, pooled: bool = False) -> np.ndarray:
        """(player, state): P(C | state).

        ``pooled=False`` is axelrod's summary figure: the mean over opponents of the
        per-opponent rate, skipping opponents where that rate is 0 (0 if all are skipped).
        ``pooled=True`` pools the counts over all opponents: (C after the state) / (visits),
        NaN for a state never visited.
        """
        if pooled:
            counts = self.state_to_action_distribution.sum(axis=1)
            visits = counts.sum(axis=2)
            with np.errstate(invalid="ignore", divide="ignore"):
                return np.where(visits > 0, counts[:, :, 0] / visits, np.nan)
        rates = self.normalised_state_to_action_distribution[:, :, :, 0]
        positive = rates > 0
        count = positive.sum(axis=1)
        total = np.where(positive, rates, 0.0).sum(axis=1)
        return np.where(count > 0, total / np.maximum(count, 1), 0.0)

    def summarise(self, pooled: bool = False) -> pd.DataFrame:
        """axelrod's summary table, one row per player in rank order (``Rank`` from 0).

        With ``pooled=True`` the four ``*_to_C_rate`` columns are pooled over opponents
        (see :meth:`state_to_cooperation_rates`) instead of axelrod's skip-zero mean.
        """
        with np.errstate(all="ignore"):
            median_scores = np.array([np.nanmedian(row) for row in self.normalised_scores])
        median_wins = np.median(self.wins, axis=1)
        states = self.state_rates()
        to_c = self.state_to_cooperation_rates(pooled=pooled)
        order = self.ranking
        data = {
            "Rank": np.arange(self.num_players),
            "Name": [self.players[i] for i in order],
            "Median_score": median_scores[order],
            "Cooperation_rating": self.cooperating_rating[order],
            "Wins": median_wins[order],
            "Initial_C_rate": self.initial_cooperation_rate[order],
            **{f"{s}_rate": states[order, k] for k, s in enumerate(STATES)},
            **{f"{s}_to_C_rate": to_c[order, k] for k, s in enumerate(STATES)},
        }
        return pd.DataFrame(data, columns=list(SUMMARY_COLUMNS))
