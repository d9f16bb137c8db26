"""Payoffs of a population: the matches it needs, played by the batched engine.

Every generation of an evolutionary run needs one match per interacting pair of
individuals. :class:`InteractionPayoffs` plays them for many runs at once in one batch
(chunked only to bound memory). Random streams are keyed by (seed, generation, run,
pair), so a generation's payoffs do not depend on how runs are grouped. When every
strategy is deterministic, there is no noise and the length is fixed, each pair of
types always plays the same match: a type-vs-type table is played once and reused.
Learners that carry knowledge across generations (:mod:`~tournament.evolution.culture`)
change between generations, so with them nothing is reused and no table is built.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from strategies.base import Strategy
from tournament.core import compiled, rng
from tournament.core import plan as planner
from tournament.core.engine import Engine
from tournament.core.plan import DEFAULT_BATCH_CELLS
from tournament.errors import EvolutionError
from tournament.evolution.approximate import OUTCOME_STREAM, Outcomes
from tournament.evolution.culture import Culture, fixed_payoffs_error
from tournament.evolution.failures import FailureLog, forfeit_scores
from tournament.evolution.graphs import Graph
from tournament.settings import MatchSettings

PAYOFF_STREAM = 0x5041594F
"""Stream constant for the matches of an evolutionary generation."""


def is_deterministic(types: Sequence[Strategy], settings: MatchSettings) -> bool:
    """Whether every match between these types always has the same moves."""
    return settings.noise == 0 and settings.prob_end is None and not any(t.stochastic for t in types)


def play_pairs(
    types: Sequence[Strategy],
    type_a: np.ndarray,
    type_b: np.ndarray,
    keys: np.ndarray,
    settings: MatchSettings,
    seed: int,
    max_cells: int = DEFAULT_BATCH_CELLS,
    failures: FailureLog | None = None,
    observe: Callable[[np.ndarray, Engine], None] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Play one match per entry: ``types[type_a[g]]`` against ``types[type_b[g]]``; a forfeited
    match is scored as in a round robin and recorded in ``failures``.

    Parameters
    ----------
    types : the distinct strategies; each plays all of its games in one block.
    type_a, type_b : type index of each side of each match.
    keys : one uint64 per match naming its random streams (and its length under prob_end).
    settings : match length, noise and game.
    seed : the seed of these matches' random streams.
    max_cells : seat-turns per engine batch (bounds memory).
    failures : where strategies' failures are counted (None: not counted).
    observe : told (rows, engine) after each batch is played through the numpy engine, whose
        move history it may read (None: batches may go to the compiled player).

    Returns
    -------
    (total payoff of a, total payoff of b, number of turns), one entry per match.
    """
    plan = planner.population_matches(types, type_a, type_b, keys, settings, seed)
    payoffs = settings.game.payoff_vector()
    lengths = plan.row_length
    score_a = np.zeros(plan.row_a.size)
    score_b = np.zeros(plan.row_a.size)
    for rows, batch in planner.batches(plan, max_cells):
        fast = compiled.worth_it(int(batch.row_length.sum()), compiled.SMALL_BATCHES) and observe is None
        engine = Engine(batch, settings, seed=seed)
        counts, failed = engine.play_counts(compiled=fast)
        if observe is not None:
            observe(rows, engine)
        if failed is not None and failures is not None:
            failures.add(plan.row_a[rows], plan.row_b[rows], failed)
        score_a[rows], score_b[rows] = forfeit_scores(
            counts @ payoffs, counts @ payoffs[[0, 2, 1, 3]], lengths[rows], payoffs, failed
        )
    return score_a, score_b, lengths


def type_table(
    types: Sequence[Strategy],
    settings: MatchSettings,
    seed: int = 0,
    *,
    repetitions: int = 1,
    per_turn: bool = False,
    failures: FailureLog | None = None,
) -> np.ndarray:
    """Payoff of each type (row) in a match against each type (column).

    The match total, or with ``per_turn`` the per-turn mean, averaged over
    ``repetitions`` matches per pair. The diagonal is a type against a clone of itself
    (mean of the two seats). Every match is played in one batch. Learners that carry
    knowledge across generations cannot be held in a fixed table (an :class:`EvolutionError`).
    """
    error = fixed_payoffs_error(types, "a type-vs-type payoff table")
    if error is not None:
        raise error
    k = len(types)
    ia, ib = np.triu_indices(k)
    score_a, score_b = pair_samples(types, settings, seed, repetitions, per_turn=per_turn, failures=failures)
    mean_a, mean_b = score_a.mean(axis=1), score_b.mean(axis=1)
    table = np.zeros((k, k))
    table[ia, ib] = mean_a
    table[ib, ia] = mean_b
    diagonal = ia == ib
    table[ia[diagonal], ia[diagonal]] = (mean_a[diagonal] + mean_b[diagonal]) / 2
    return table


def pair_samples(
    types: Sequence[Strategy],
    settings: MatchSettings,
    seed: int,
    samples: int,
    *,
    per_turn: bool = False,
    failures: FailureLog | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """``samples`` matches of every unordered pair of ``types`` (``numpy.triu_indices`` order,
    a type against a clone of itself included), played in one batch on the random streams of
    ``seed``: the payoffs of both sides, (pairs, samples), match totals or with ``per_turn``
    per-turn means."""
    ia, ib = np.triu_indices(len(types))
    draws = np.arange(samples, dtype=np.uint64)
    keys = rng.combine(ia.astype(np.uint64)[:, None], ib.astype(np.uint64)[:, None], draws[None, :])
    a, b, lengths = play_pairs(
        types,
        np.repeat(ia, samples),
        np.repeat(ib, samples),
        keys.ravel(),
        settings,
        seed,
        failures=failures,
    )
    if per_turn:
        a, b = a / lengths, b / lengths
    return a.reshape(ia.size, samples), b.reshape(ia.size, samples)


def sampled_outcomes(
    types: Sequence[Strategy],
    settings: MatchSettings,
    seed: int,
    samples: int,
    *,
    per_turn: bool = True,
    failures: FailureLog | None = None,
) -> Outcomes:
    """The cache an approximate process draws from: :func:`pair_samples` on the outcomes' own
    random stream."""
    stream = int(rng.combine(seed, OUTCOME_STREAM)[0])
    a, b = pair_samples(types, settings, stream, samples, per_turn=per_turn, failures=failures)
    return Outcomes(len(types), a, b)


class InteractionPayoffs:
    """Payoff of every individual from its matches with its neighbours, for many runs at once.

    An individual's payoff is the sum over the neighbours it plays (and itself, with
    ``self_interaction``) of its payoff in that match: the per-turn mean payoff
    (axelrod's Moran process) or, with ``per_turn=False``, the match total. With
    ``average=True`` the sum becomes a mean over those partners.
    ``replay`` forces (True) or forbids (False) re-playing matches every generation;
    by default matches are re-played unless :func:`is_deterministic`. When some types carry
    knowledge from one generation to the next, ``culture`` (one is made when None) holds
    what they know; matches are then re-played every generation, for one run at a time.
    With ``approximate`` > 0, re-played matches are instead drawn from that many outcomes per
    pair of types played once (:mod:`~tournament.evolution.approximate`).

    Nothing of size individuals x individuals is built: with the type-vs-type table, an
    individual's payoff on the complete graph comes from the counts of each type, and on a
    sparse graph from its neighbour list; re-played matches are summed per individual.
    """

    def __init__(
        self,
        types: Sequence[Strategy],
        settings: MatchSettings,
        graph: Graph,
        *,
        self_interaction: bool = False,
        per_turn: bool = True,
        average: bool = False,
        seed: int = 0,
        replay: bool | None = None,
        failures: FailureLog | None = None,
        culture: Culture | None = None,
        approximate: int = 0,
    ) -> None:
        self.types = tuple(types)
        self.culture = culture if culture is not None else Culture.of(self.types, settings.game)
        self.failures = failures
        self.settings = settings
        self.seed = seed
        self.per_turn = per_turn
        self.graph = graph.without_loops()
        self.self_interaction = self_interaction
        n = graph.size
        partners = self.graph.degree + self_interaction
        self.scale = 1.0 / np.maximum(partners, 1.0) if average else None
        deterministic = is_deterministic(self.types, settings)
        self.replay = not deterministic if replay is None else bool(replay)
        if self.culture is not None and not self.replay:
            raise EvolutionError("learners that carry knowledge across generations need replayed matches")
        self.table: np.ndarray | None = None
        self.outcomes: Outcomes | None = None
        if approximate and self.culture is not None:
            raise EvolutionError("learners that carry knowledge across generations cannot be approximated")
        if approximate and self.replay:
            self.outcomes = sampled_outcomes(
                self.types, settings, seed, approximate, per_turn=per_turn, failures=failures
            )
        if not self.replay:
            self.table = type_table(self.types, settings, seed, per_turn=per_turn, failures=failures)
        else:
            pair_i, pair_j = self.graph.edges()
            if self_interaction:
                pair_i = np.concatenate((pair_i, np.arange(n)))
                pair_j = np.concatenate((pair_j, np.arange(n)))
            self.pair_i, self.pair_j = pair_i, pair_j
            self.self_pair = pair_i == pair_j

    def __call__(self, states: np.ndarray, runs: np.ndarray, generation: int) -> np.ndarray:
        """Payoffs (runs, individuals) of populations ``states`` (type index per individual).

        ``runs`` names each row's run and ``generation`` the step: together with the seed
        they key every random draw of the matches.
        """
        states = np.asarray(states, dtype=np.int64)
        total = self._from_table(states) if self.table is not None else self._played(states, runs, generation)
        return total if self.scale is None else total * self.scale

    def _from_table(self, states: np.ndarray) -> np.ndarray:
        table = self.table
        graph = self.graph
        k = table.shape[0]
        if graph.complete:
            n_runs, n = states.shape
            counts = np.zeros((n_runs, k), dtype=np.float64)
            np.add.at(counts, (np.repeat(np.arange(n_runs), n), states.ravel()), 1.0)
            by_type = counts @ table.T
            total = np.take_along_axis(by_type, states, axis=1) - table[states, states]
        else:
            nbr = graph.indices
            values = table[np.repeat(states, graph.degree, axis=1), states[:, nbr]]
            total = np.add.reduceat(values, graph.indptr[:-1], axis=1) if nbr.size else np.zeros(states.shape)
            total = np.where(graph.degree > 0, total, 0.0)
        if self.self_interaction:
            total = total + table[states, states]
        return total

    def _played(self, states: np.ndarray, runs: np.ndarray, generation: int) -> np.ndarray:
        side_a = states[:, self.pair_i]
        side_b = states[:, self.pair_j]
        pair = np.arange(self.pair_i.size, dtype=np.uint64)
        keys = rng.combine(np.asarray(runs, dtype=np.uint64)[:, None], pair[None, :])
        seed = int(rng.combine(self.seed, PAYOFF_STREAM, generation)[0])
        if self.outcomes is not None:
            pay_a, pay_b = self.outcomes.draw(side_a.ravel(), side_b.ravel(), rng.combine(seed, keys.ravel()))
            return self._summed(states, pay_a.reshape(side_a.shape), pay_b.reshape(side_a.shape))
        culture = self.culture
        if culture is not None and states.shape[0] != 1:
            raise EvolutionError(
                "learners that carry knowledge across generations are followed one run at a time, "
                f"got {states.shape[0]} runs at once"
            )
        total_a, total_b, lengths = play_pairs(
            self.types if culture is None else culture.types,
            side_a.ravel(),
            side_b.ravel(),
            keys.ravel(),
            self.settings,
            seed,
            failures=self.failures,
            observe=None if culture is None else culture.observe,
        )
        if culture is not None:
            culture.advance(side_a.ravel(), side_b.ravel(), generation)
        if self.per_turn:
            total_a, total_b = total_a / lengths, total_b / lengths
        return self._summed(states, total_a.reshape(side_a.shape), total_b.reshape(side_a.shape))

    def _summed(self, states: np.ndarray, pay_a: np.ndarray, pay_b: np.ndarray) -> np.ndarray:
        """Each individual's payoff (runs, individuals): the sum over its pairs' payoffs
        (``pay_a`` to the pairs' first sides, ``pay_b`` to their second; a self-pair counts once,
        the mean of its two seats)."""
        pay_a[:, self.self_pair] = (pay_a[:, self.self_pair] + pay_b[:, self.self_pair]) / 2
        pay_b[:, self.self_pair] = 0.0
        n_runs, n = states.shape
        offsets = (np.arange(n_runs) * n)[:, None]
        sums = np.bincount(
            (offsets + self.pair_i[None, :]).ravel(), weights=pay_a.ravel(), minlength=n_runs * n
        )
        sums += np.bincount(
            (offsets + self.pair_j[None, :]).ravel(), weights=pay_b.ravel(), minlength=n_runs * n
        )
        return sums.reshape(n_runs, n)


def tournament_payoff_matrix(matches: pd.DataFrame, n_players: int) -> np.ndarray:
    """Mean per-turn payoff of each player (row) against each (column) in a round robin.

    Same as axelrod's ``ResultSet.payoff_matrix``: averaged over repetitions; the diagonal
    is the self-play match, averaged over its two seats. ``matches`` is
    :func:`tournament.core.record.matches_table`'s frame.
    """
    turns = matches["turns"].to_numpy().astype(np.float64)
    a = matches["player_a"].to_numpy()
    b = matches["player_b"].to_numpy()
    per_turn_a = matches["score_a"].to_numpy() / turns
    per_turn_b = matches["score_b"].to_numpy() / turns
    total = np.zeros((n_players, n_players))
    seen = np.zeros((n_players, n_players))
    selfplay = a == b
    np.add.at(total, (a[~selfplay], b[~selfplay]), per_turn_a[~selfplay])
    np.add.at(total, (b[~selfplay], a[~selfplay]), per_turn_b[~selfplay])
    np.add.at(seen, (a[~selfplay], b[~selfplay]), 1)
    np.add.at(seen, (b[~selfplay], a[~selfplay]), 1)
    np.add.at(total, (a[selfplay], a[selfplay]), (per_turn_a[selfplay] + per_turn_b[selfplay]) / 2)
    np.add.at(seen, (a[selfplay], a[selfplay]), 1)
    return np.divide(total, seen, out=np.zeros_like(total), where=seen > 0)
