"""The figures of a round robin's play, each computed once, on first use, from one per-side view.

:class:`Results` is built from the matches table (one :class:`~tournament.stats.sides.Sides`
view of it) and holds every figure that more than one table reads: the players table
(``players.csv``), axelrod's statistics (:class:`~tournament.stats.resultset.ResultSet`), the
cooperation and reciprocity analyses, ``summary.json``, ``statistics/*.csv`` and the report.

Definitions follow axelrod's ResultSet: per-player figures leave self-play out; the
normalised score of a player in a repetition is the mean over its opponents of its payoff per
turn; the ranking sorts players by their median normalised score over the repetitions (a
stable sort: ties keep input order; a player without opponents comes last).

The normalised scores exist in two sums, both kept to the last digit by the golden outputs:
:attr:`Results.normalised_scores` adds the opponents in row order, as axelrod's statistics
always have (0 for a player without opponents); the players table's :attr:`Results.median_scores`
and :attr:`Results.mean_scores`, and with them the ranking, come from
:attr:`Results.table_normalised_scores`, summed as the pandas group-by did (NaN without
opponents; see :mod:`tournament.stats.grouping`).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from tournament.stats.grouping import (
    counts,
    kahan_in_step,
    rate,
    sums,
    table_means,
    table_sums,
)
from tournament.stats.sides import SIDE_TRANSITION_COLUMNS, STATE_COLUMNS, Sides


class Results:
    """Every shared figure of a tournament's play (see the module docstring).

    Parameters
    ----------
    matches
        The matches table (:mod:`tournament.core.record`), self-matches included.
    names
        Player labels in input order (index = player number).
    repetitions
        Number of repetitions; by default one more than the table's largest repetition number.

    Arrays are indexed by player number (input order), then opponent or repetition. A new
    figure is one more cached property, most often grouping a per-side array of
    :attr:`sides` with :meth:`per_player_repetition` or :meth:`per_pair`.
    """

    def __init__(self, matches: pd.DataFrame, names: Sequence[str], repetitions: int | None = None) -> None:
        self.matches = matches
        self.names = list(names)
        if repetitions is None:
            repetitions = int(matches["repetition"].max()) + 1 if len(matches) else 0
        self.repetitions = int(repetitions)
        self.sides = Sides.from_matches(matches)

    @property
    def n_players(self) -> int:
        """Number of players."""
        return len(self.names)

    # -- grouping keys over the rows that are not self-play ---------------------------------

    @cached_property
    def _player_keys(self) -> np.ndarray:
        """Each non-self row's player."""
        return self.sides.player[self.sides.others]

    @cached_property
    def _player_repetition_keys(self) -> np.ndarray:
        """Each non-self row's (player, repetition) as one number."""
        return self._player_keys * self.repetitions + self.sides.repetition[self.sides.others]

    def per_player_repetition(self, values: np.ndarray) -> np.ndarray:
        """Row-order sums of ``values`` (one per side row) per (player, repetition), self-play left out."""
        rows = self._rows_in_step
        if rows is not None:  # the same additions in the same order, the rows read from the layout
            total = np.zeros((len(rows.players), self.repetitions))
            for step in rows.steps(self.repetitions):
                total += values[step]
            out = np.zeros((self.n_players, self.repetitions))
            out[rows.players] = total
            return out
        keys = self._player_repetition_keys
        total = sums(keys, values[self.sides.others], self.n_players * self.repetitions)
        return total.reshape(self.n_players, self.repetitions)

    def per_pair(self, values: np.ndarray) -> np.ndarray:
        """Sums of integer ``values`` (one per side row) per (player, opponent) over repetitions;
        0 on the diagonal."""
        m, n = self.sides.n_matches, self.n_players
        return self.sides.pair_totals(values[:m], values[m:], n).reshape(n, n)

    # -- per (player, repetition) -------------------------------------------------------------

    @cached_property
    def wins(self) -> np.ndarray:
        """(player, repetition): matches won (strictly higher total score)."""
        won = self.sides.score > self.sides.opponent_score
        return self.per_player_repetition(won).astype(np.int64)

    @cached_property
    def scores(self) -> np.ndarray:
        """(player, repetition): total score over all opponents."""
        return self.per_player_repetition(self.sides.score)

    @cached_property
    def _matches_played(self) -> np.ndarray:
        """(player, repetition): opponents met."""
        rows = self._rows_in_step
        if rows is not None:
            played = np.zeros((self.n_players, self.repetitions), dtype=np.int64)
            played[rows.players] = rows.first.shape[1]
            return played
        played = counts(self._player_repetition_keys, self.n_players * self.repetitions)
        return played.reshape(self.n_players, self.repetitions)

    @cached_property
    def normalised_scores(self) -> np.ndarray:
        """(player, repetition): mean over opponents of the payoff per turn, summed in row order
        (axelrod's statistic); 0 for a player without opponents."""
        total = self.per_player_repetition(self.sides.per_turn)
        played = self._matches_played
        return np.where(played > 0, total / np.maximum(played, 1), 0.0)

    @cached_property
    def table_normalised_scores(self) -> np.ndarray:
        """(player, repetition): the same means summed as the players table's group-by did; NaN
        for a player without opponents."""
        rows = self._rows_in_step
        if rows is not None:  # the same Kahan sums, the rows found from the layout, not sorted
            per_turn = self.sides.per_turn
            total = kahan_in_step(per_turn[step] for step in rows.steps(self.repetitions))
            if total is not None:
                means = np.full((self.n_players, self.repetitions), np.nan)
                means[rows.players] = total / rows.first.shape[1]
                return means
        per_turn = self.sides.per_turn[self.sides.others]
        means = table_means(self._player_repetition_keys, per_turn, self.n_players * self.repetitions)
        return means.reshape(self.n_players, self.repetitions)

    @cached_property
    def _rows_in_step(self) -> _InStep | None:
        """Where the side rows of every (player, repetition) group are, in row order, when the
        table repeats the same pairs in every repetition (a round robin) and every player meets
        as many others (see :class:`_InStep`); else None."""
        size, m = self.sides.repeated_pairs, self.sides.n_matches
        if size is None or not self.repetitions or m != size * self.repetitions:
            return None
        a, b = self.sides.player[:size], self.sides.opponent[:size]
        pairs = np.flatnonzero(a != b)
        rows = np.concatenate([pairs, m + pairs])  # repetition 0's side rows, in row order
        players = np.concatenate([a[pairs], b[pairs]])
        met = np.bincount(players, minlength=self.n_players)
        present = np.flatnonzero(met)
        if not len(present) or met[present].min() != met[present].max():
            return None
        first = rows[np.argsort(players, kind="stable")].reshape(len(present), -1)
        return _InStep(first, size, present)

    # -- ranking ------------------------------------------------------------------------------

    @cached_property
    def median_scores(self) -> np.ndarray:
        """Per player: median of :attr:`table_normalised_scores` over repetitions (NaN if none)."""
        return _per_row(np.nanmedian, self.table_normalised_scores)

    @cached_property
    def mean_scores(self) -> np.ndarray:
        """Per player: mean of :attr:`table_normalised_scores` over repetitions (NaN if none)."""
        return _per_row(np.nanmean, self.table_normalised_scores)

    @cached_property
    def ranking(self) -> list[int]:
        """Player numbers from first to last by median score (stable; no opponents: last)."""
        key = np.where(np.isnan(self.median_scores), np.inf, -self.median_scores)
        return sorted(range(self.n_players), key=lambda i: key[i])

    @cached_property
    def ranked_names(self) -> list[str]:
        """Player labels from first to last."""
        return [self.names[i] for i in self.ranking]

    # -- per (player, opponent), over repetitions ----------------------------------------------

    @cached_property
    def pair_turns(self) -> np.ndarray:
        """(player, opponent): turns played together."""
        return self.per_pair(self.sides.turns)

    @cached_property
    def pair_cooperations(self) -> np.ndarray:
        """(player, opponent): the player's cooperations against the opponent."""
        return self.per_pair(self.sides.coop)

    @cached_property
    def pair_states(self) -> np.ndarray:
        """(player, opponent, state): turns in CC, CD, DC, DD from the player's side."""
        return self.sides.pair_sums(STATE_COLUMNS, self.n_players)

    @cached_property
    def pair_transitions(self) -> np.ndarray:
        """(player, opponent, state, action): how often the player chose C / D right after each state."""
        sums = self.sides.pair_sums(SIDE_TRANSITION_COLUMNS, self.n_players)
        return sums.reshape(self.n_players, self.n_players, 4, 2)

    # -- per player, over opponents and repetitions --------------------------------------------

    @cached_property
    def interactions_count(self) -> np.ndarray:
        """Per player: its matches against others (axelrod's interactions count)."""
        if self._rows_in_step is not None:
            return self._matches_played.sum(axis=1)
        return counts(self._player_keys, self.n_players)

    @cached_property
    def initial_cooperation_count(self) -> np.ndarray:
        """Per player: matches opened with C."""
        if self._rows_in_step is not None:
            return self.per_player_repetition(self.sides.first_c).sum(axis=1).astype(np.int64)
        return counts(self._player_keys[self.sides.first_c[self.sides.others]], self.n_players)

    @cached_property
    def initial_cooperation_rate(self) -> np.ndarray:
        """Per player: share of its matches opened with C (0 if none)."""
        return np.nan_to_num(rate(self.initial_cooperation_count, self.interactions_count))

    @cached_property
    def turns(self) -> np.ndarray:
        """Per player: turns played (each turn is one move of the player)."""
        return self.pair_turns.sum(axis=1)

    @cached_property
    def cooperations(self) -> np.ndarray:
        """Per player: cooperations."""
        return self.pair_cooperations.sum(axis=1)

    @cached_property
    def cooperation_rate(self) -> np.ndarray:
        """Per player: cooperations / moves (NaN without moves)."""
        return rate(self.cooperations, self.turns)

    @cached_property
    def state_counts(self) -> np.ndarray:
        """(player, state): turns in CC, CD, DC, DD from the player's side."""
        return self.pair_states.sum(axis=1)

    @cached_property
    def transition_counts(self) -> np.ndarray:
        """(player, state, action): moves C / D right after each state."""
        return self.pair_transitions.sum(axis=1)

    @cached_property
    def four_vectors(self) -> np.ndarray:
        """(player, state): P(C | CC, CD, DC, DD), pooled over opponents; NaN for a state never visited."""
        return rate(self.transition_counts[..., 0], self.transition_counts.sum(axis=-1))

    @cached_property
    def payoff_per_turn(self) -> np.ndarray:
        """Per player: total score / turns, the score summed as the cooperation table's group-by did."""
        if self._rows_in_step is not None and self.sides.whole_scores:
            return rate(self.scores.sum(axis=1), self.turns)  # whole numbers: any order, same sums
        keep = self.sides.others
        total, _ = table_sums(self._player_keys, self.sides.score[keep], self.n_players)
        return rate(total, self.turns)

    @cached_property
    def state_rates(self) -> np.ndarray:
        """(player, state): mean over opponents of the share of each state, renormalised (the
        players table's rates; the pairs summed per player as its group-by did)."""
        met = self.per_pair(self.sides.others) > 0
        players, opponents = np.nonzero(met)
        states = self.pair_states[players, opponents]
        shares = np.nan_to_num(rate(states, states.sum(axis=1, keepdims=True)))
        summed, _ = table_sums(players, shares, self.n_players)
        norm = summed[:, 0] + summed[:, 1] + summed[:, 2] + summed[:, 3]  # left to right, as pandas did
        return np.nan_to_num(rate(summed, norm[:, None]))


@dataclass(frozen=True)
class _InStep:
    """The side rows of the (player, repetition) groups of a repeated layout, for
    :func:`~tournament.stats.grouping.kahan_in_step`: ``first[i, s]`` is the ``s``-th row of
    ``players[i]`` in repetition 0, and the same row ``size`` rows on in each next repetition
    (on both sides: the second side's rows are the first's, ``n_matches`` on)."""

    first: np.ndarray
    size: int
    players: np.ndarray

    def steps(self, repetitions: int) -> Iterator[np.ndarray]:
        """Step by step, the rows (player, repetition) of every group's next value."""
        later = np.arange(repetitions) * self.size
        for step in range(self.first.shape[1]):
            yield self.first[:, step, None] + later


def _per_row(reduce: Callable[..., np.ndarray], table: np.ndarray) -> np.ndarray:
    """``reduce`` (nanmedian, nanmean) of each row, all rows in one call (numpy reduces each row
    as it would alone); NaN for a row without a finite value."""
    table = np.asarray(table, dtype=np.float64)
    if not table.size:
        return np.full(len(table), np.nan)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # an all-NaN row: replaced below
        out = np.asarray(reduce(table, axis=1), dtype=np.float64)
    out[~np.isfinite(table).any(axis=1)] = np.nan
    return out
