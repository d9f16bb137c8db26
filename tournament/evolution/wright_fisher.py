"""The Wright-Fisher process: the whole population is replaced every generation.

Each of the ``N`` places of the next generation draws its parent from the whole population
with probability proportional to fitness (payoff, or ``1 - w + w * payoff``), independently;
the offspring then mutates (see :mod:`tournament.evolution.mutation`). With two types and
``i`` individuals of A the next count is binomial, ``Bin(N, i f_i / (i f_i + (N - i) g_i))``:
:func:`wright_fisher_fixation` solves that chain exactly (neutral drift: ``i / N``).
"""

from __future__ import annotations

import math

import numpy as np

from tournament.errors import EvolutionError, FitnessError
from tournament.evolution.mutation import mutate


def proportional_draws(weights: np.ndarray, u: np.ndarray) -> np.ndarray:
    """For every row of ``weights`` (runs, individuals), one index per entry of the same row of
    ``u`` (runs, draws), drawn proportionally to the row's weights (uniformly when all are 0).

    Raises :class:`FitnessError` when a weight is negative.
    """
    weights = np.asarray(weights, dtype=np.float64)
    if (weights < 0).any():
        raise FitnessError(
            f"fitness must be >= 0 for proportional selection, got {weights.min():g}; "
            "use a selection intensity w (fitness 1 - w + w * payoff) small enough, or a game "
            "with non-negative payoffs"
        )
    flat = weights.sum(axis=1) <= 0
    if flat.any():
        weights = np.where(flat[:, None], 1.0, weights)
    n_runs, n = weights.shape
    cumulative = np.cumsum(weights, axis=1)
    targets = u * cumulative[:, -1:]
    index = np.empty(u.shape, dtype=np.int64)
    for row in range(n_runs):
        index[row] = np.searchsorted(cumulative[row], targets[row], side="right")
    index = np.minimum(index, n - 1)
    # a draw on the edge of a zero-weight individual moves back to the last one with weight
    stuck = np.take_along_axis(weights, index, axis=1) <= 0
    if stuck.any():
        last = n - 1 - np.argmax(weights[:, ::-1] > 0, axis=1)
        index = np.where(stuck, last[:, None], index)
    return index


def wright_fisher_step(
    states: np.ndarray,
    fitness: np.ndarray,
    u: np.ndarray,
    *,
    n_types: int,
    mutation: float = 0.0,
    matrix: np.ndarray | None = None,
) -> np.ndarray:
    """The next generation of every row of ``states`` (runs, individuals).

    ``u`` holds three uniform draws per place (runs, 3, individuals): parent, mutation,
    mutant type.
    """
    parents = proportional_draws(fitness, u[:, 0])
    offspring = np.take_along_axis(states, parents, axis=1)
    return mutate(offspring, u[:, 1], u[:, 2], n_types, mutation, matrix)


def wright_fisher_fixation(f: np.ndarray, g: np.ndarray, start: int = 1) -> float:
    """Exact probability that ``start`` A's take over under Wright-Fisher, given the fitness
    ``f_i`` of A and ``g_i`` of B with ``i = 1 .. N-1`` A's (no mutation).

    Solves ``h = P h`` on the transient counts with the binomial transitions.
    """
    f = np.asarray(f, dtype=np.float64)
    g = np.asarray(g, dtype=np.float64)
    size = f.size + 1
    if not 0 <= start <= size:
        raise EvolutionError(f"start must be from 0 to {size}, got {start}")
    if start in (0, size):
        return float(start == size)
    if (f < 0).any() or (g < 0).any() or ((f == 0) & (g == 0)).any():
        raise EvolutionError("the exact formula needs fitness >= 0, not zero for both types")
    i = np.arange(1, size, dtype=np.float64)
    p = i * f / (i * f + (size - i) * g)
    j = np.arange(size + 1)
    log_choose = np.array([math.lgamma(size + 1) - math.lgamma(k + 1) - math.lgamma(size - k + 1) for k in j])
    with np.errstate(divide="ignore", invalid="ignore"):
        log_p, log_q = np.log(p)[:, None], np.log1p(-p)[:, None]
        successes = np.where(j > 0, j * log_p, 0.0)
        failures = np.where(j < size, (size - j) * log_q, 0.0)
    binomial = np.exp(log_choose[None, :] + successes + failures)
    transient = binomial[:, 1:size]
    absorbed = binomial[:, size]
    h = np.linalg.solve(np.eye(size - 1) - transient, absorbed)
    return float(h[start - 1])
