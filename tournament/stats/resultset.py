"""Every statistic of axelrod's ``ResultSet``, read from a :class:`~tournament.stats.results.Results`.

axelrod writes each match as two rows, one from each player's side (a self-match too:
both rows have player == opponent), and derives everything from those rows: the
:class:`~tournament.stats.sides.Sides` view of the matches table. :class:`ResultSet` keeps
axelrod's names and definitions, including its conventions for self-play and missing data,
so that on the same tournament every number agrees with axelrod's; the figures other tables
share (wins, normalised scores, ranking, per-pair counts, ...) come from the ``Results``:

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
from typing import Any

import numpy as np
import pandas as pd

from tournament.core.record import STATES
from tournament.stats import grouping
from tournament.stats.results import Results

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

    :meth:`of` reads an existing :class:`Results` instead. Every statistic is a lazily
    computed attribute with axelrod's name.
    """

    def __init__(self, matches: pd.DataFrame, names: list[str], repetitions: int) -> None:
        self._read(Results(matches, names, repetitions))

    @classmethod
    def of(cls, results: Results) -> ResultSet:
        """axelrod's statistics over ``results``, sharing its figures (nothing is recomputed)."""
        resultset = cls.__new__(cls)
        resultset._read(results)
        return resultset

    @classmethod
    def from_results(cls, results: Any) -> ResultSet:
        """From a :class:`~tournament.round_robin.TournamentResults`."""
        return cls.of(results.stats)

    def _read(self, results: Results) -> None:
        self.results = results
        self.players = results.names
        self.num_players = results.n_players
        self.repetitions = results.repetitions

    # -- per (repetition, player, opponent), self-play included -------------------------------

    @cached_property
    def _cells(self) -> tuple[np.ndarray, np.ndarray]:
        """Each side row's (repetition, player, opponent) cell as one number, and the side rows
        per cell (repetition, player, opponent): shared by every per-cell mean."""
        n, reps = self.num_players, self.repetitions
        rows = self.results.sides
        cell = (rows.repetition * n + rows.player) * n + rows.opponent
        return cell, grouping.counts(cell, reps * n * n).reshape(reps, n, n)

    def _cell_mean(self, values: np.ndarray, missing: float) -> np.ndarray:
        """(repetition, player, opponent): mean of ``values`` over the side rows; ``missing`` where none."""
        n, reps = self.num_players, self.repetitions
        by_layout = self._cell_mean_by_layout(values, missing)
        if by_layout is not None:
            return by_layout
        cell, number = self._cells
        total = grouping.sums(cell, values, reps * n * n).reshape(reps, n, n)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(number > 0, total / np.maximum(number, 1), missing)

    def _cell_mean_by_layout(self, values: np.ndarray, missing: float) -> np.ndarray | None:
        """:meth:`_cell_mean` of a table that repeats the same pairs in every repetition, each
        cell met once per repetition: a cell's one row is its mean, a self-match's two rows
        their mean, placed without keys. The same numbers: the keyed sums start from 0.0 and add
        the rows in row order (the first side's row, then the second's). None for other tables."""
        rows, n, reps = self.results.sides, self.num_players, self.repetitions
        size, m = rows.repeated_pairs, rows.n_matches
        if size is None or m != size * reps:
            return None
        a, b = rows.player[:size], rows.opponent[:size]
        other = a != b
        cells = np.concatenate([(a * n + b)[other], (b * n + a)[other], (a * n + a)[~other]])
        if len(np.unique(cells)) != len(cells):
            return None
        first = 0.0 + np.asarray(values[:m], dtype=np.float64).reshape(reps, size)
        second = np.asarray(values[m:], dtype=np.float64).reshape(reps, size)
        out = np.full((reps, n * n), missing, dtype=np.float64)
        out[:, (a * n + b)[other]] = first[:, other]
        out[:, (b * n + a)[other]] = 0.0 + second[:, other]
        out[:, (a * n + a)[~other]] = (first[:, ~other] + second[:, ~other]) / 2
        return out.reshape(reps, n, n)

    @cached_property
    def payoffs(self) -> np.ndarray:
        """(player, opponent, repetition): mean per-turn payoff; NaN where they did not meet."""
        return self._cell_mean(self.results.sides.per_turn, np.nan).transpose(1, 2, 0)

    @cached_property
    def score_diffs(self) -> np.ndarray:
        """(player, opponent, repetition): mean per-turn score difference; 0 where not met."""
        rows = self.results.sides
        return self._cell_mean((rows.score - rows.opponent_score) / rows.turns, 0.0).transpose(1, 2, 0)

    @cached_property
    def match_lengths(self) -> np.ndarray:
        """(repetition, player, opponent): match length; 0 where they did not meet."""
        return self._cell_mean(self.results.sides.turns.astype(np.float64), 0.0)

    # -- per (player, repetition) and ranking: shared with the players table -------------------

    @property
    def wins(self) -> np.ndarray:
        """(player, repetition): matches won (strictly higher total score), self-play left out."""
        return self.results.wins

    @property
    def scores(self) -> np.ndarray:
        """(player, repetition): total score over all opponents, self-play left out."""
        return self.results.scores

    @property
    def normalised_scores(self) -> np.ndarray:
        """(player, repetition): mean over opponents of the per-turn payoff (0 if none)."""
        return self.results.normalised_scores

    @property
    def ranking(self) -> list[int]:
        """Player numbers from first to last by median normalised score (stable sort)."""
        return self.results.ranking

    @property
    def ranked_names(self) -> list[str]:
        """Player labels from first to last."""
        return self.results.ranked_names

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
        rows = self.results.sides
        own = ~rows.others
        coop = self.results.pair_cooperations.copy()
        selfplay = grouping.sums(rows.player[own], rows.coop[own], self.num_players).astype(np.int64)
        coop[np.diag_indices(self.num_players)] = selfplay // 2
        return coop

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
        """Per player: cooperations / turns over all non-self matches (0 if none)."""
        return np.nan_to_num(self.results.cooperation_rate)

    @cached_property
    def good_partner_matrix(self) -> np.ndarray:
        """(player, opponent): matches where the player cooperated at least as often; 0 on the diagonal."""
        rows = self.results.sides
        return self.results.per_pair(rows.coop >= rows.opponent_coop)

    @cached_property
    def good_partner_rating(self) -> np.ndarray:
        """Per player: good-partner matches / non-self matches."""
        return self.good_partner_matrix.sum(axis=1) / np.maximum(1, self.interactions_count)

    @property
    def interactions_count(self) -> np.ndarray:
        """Per player: its non-self matches over all repetitions (axelrod's interactions count)."""
        return self.results.interactions_count

    @property
    def initial_cooperation_count(self) -> np.ndarray:
        """Per player: matches (non-self, all repetitions) opened with C."""
        return self.results.initial_cooperation_count

    @property
    def initial_cooperation_rate(self) -> np.ndarray:
        """Per player: share of its non-self matches opened with C (0 if none)."""
        return self.results.initial_cooperation_rate

    @cached_property
    def eigenjesus_rating(self) -> np.ndarray:
        """Principal eigenvector of the normalised cooperation matrix (Aaronson's eigenjesus)."""
        return principal_eigenvector(self.normalised_cooperation)[0]

    @cached_property
    def eigenmoses_rating(self) -> np.ndarray:
        """Principal eigenvector of the vengeful cooperation matrix (Aaronson's eigenmoses)."""
        return principal_eigenvector(self.vengeful_cooperation)[0]

    # -- states ---------------------------------------------------------------------------

    @property
    def state_distribution(self) -> np.ndarray:
        """(player, opponent, state): counts of CC, CD, DC, DD from the player's side; 0 on the diagonal."""
        return self.results.pair_states

    @cached_property
    def normalised_state_distribution(self) -> np.ndarray:
        """(player, opponent, state): shares of the four states (0 where no turns, e.g. the diagonal)."""
        counts = self.state_distribution
        total = counts.sum(axis=2, keepdims=True)
        return np.where(total > 0, counts / np.maximum(total, 1), 0.0)

    @property
    def state_to_action_distribution(self) -> np.ndarray:
        """(player, opponent, state, action): how often the player chose C / D right after each state."""
        return self.results.pair_transitions

    @cached_property
    def normalised_state_to_action_distribution(self) -> np.ndarray:
        """(player, opponent, state, action): P(action | state) per opponent (0 where never in the state)."""
        counts = self.state_to_action_distribution
        total = counts.sum(axis=3, keepdims=True)
        return np.where(total > 0, counts / np.maximum(total, 1), 0.0)

    # -- summary --------------------------------------------------------------------------

    @cached_property
    def median_scores(self) -> np.ndarray:
        """Per player: median normalised score over repetitions (axelrod's ``Median_score``; the
        players table's ``median_score`` is the ``Results``' own sum of the same means)."""
        with np.errstate(all="ignore"):
            return np.array([np.nanmedian(row) for row in self.normalised_scores])

    @cached_property
    def median_wins(self) -> np.ndarray:
        """Per player: median over repetitions of the matches won."""
        return np.median(self.wins, axis=1)

    @cached_property
    def state_rates(self) -> np.ndarray:
        """(player, state): axelrod's summary state rates (mean of per-opponent shares, renormalised),
        the opponents added in order (the players table's rates are ``Results.state_rates``)."""
        off = ~np.eye(self.num_players, dtype=bool)
        summed = np.where(off[:, :, None], self.normalised_state_distribution, 0.0).sum(axis=1)
        total = summed.sum(axis=1, keepdims=True)
        return np.where(total > 0, summed / np.where(total > 0, total, 1), 0.0)

    @cached_property
    def state_to_cooperation_rates(self) -> np.ndarray:
        """(player, state): axelrod's summary P(C | state): the mean over opponents of the
        per-opponent rate, skipping opponents where that rate is 0 (0 if all are skipped).

        The pooled rate beside it, (C after the state) / (visits), NaN for a state never
        visited, is the ``Results``' :attr:`~tournament.stats.results.Results.four_vectors`.
        """
        rates = self.normalised_state_to_action_distribution[:, :, :, 0]
        positive = rates > 0
        count = positive.sum(axis=1)
        total = np.where(positive, rates, 0.0).sum(axis=1)
        return np.where(count > 0, total / np.maximum(count, 1), 0.0)

    def summarise(self, pooled: bool = False) -> pd.DataFrame:
        """axelrod's summary table, one row per player in rank order (``Rank`` from 0).

        With ``pooled=True`` the four ``*_to_C_rate`` columns are pooled over opponents
        (:attr:`~tournament.stats.results.Results.four_vectors`) instead of axelrod's
        skip-zero mean (:attr:`state_to_cooperation_rates`).
        """
        to_c = self.results.four_vectors if pooled else self.state_to_cooperation_rates
        order = self.ranking
        data = {
            "Rank": np.arange(self.num_players),
            "Name": self.ranked_names,
            "Median_score": self.median_scores[order],
            "Cooperation_rating": self.cooperating_rating[order],
            "Wins": self.median_wins[order],
            "Initial_C_rate": self.initial_cooperation_rate[order],
            **{f"{s}_rate": self.state_rates[order, k] for k, s in enumerate(STATES)},
            **{f"{s}_to_C_rate": to_c[order, k] for k, s in enumerate(STATES)},
        }
        return pd.DataFrame(data, columns=list(SUMMARY_COLUMNS))
