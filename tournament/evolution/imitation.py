"""Pairwise-comparison imitation with the Fermi rule (Traulsen, Nowak & Pacheco 2006).

Each generation one individual, the *learner*, is drawn uniformly; with the probability of
mutation it explores (takes another type, see :mod:`tournament.evolution.mutation`), and
otherwise it compares itself with a *model* drawn uniformly among its neighbours (on the
complete graph: among the other ``N - 1``) and adopts the model's type with probability

    p = 1 / (1 + exp(-beta (f_model - f_learner))),

the Fermi function of the fitness difference with selection intensity ``beta`` (``beta = 0``:
a coin toss, neutral drift). Fitness is the mean payoff over the partners, the convention of
egttools' ``PairwiseComparison``, so that ``beta`` does not scale with the population. On the
complete graph the number ``k`` of one type A among B's moves up with probability
``T+(k) = (N - k)/N * k/(N - 1) * p(f_A - f_B)`` and down with
``T-(k) = k/N * (N - k)/(N - 1) * p(f_B - f_A)``, so ``T-/T+ = exp(-beta (f_A - f_B))``.
"""

from __future__ import annotations

import numpy as np

from tournament.evolution.graphs import Graph
from tournament.evolution.mutation import mutate


def fermi(beta: float, gain: np.ndarray) -> np.ndarray:
    """The probability ``1 / (1 + exp(-beta * gain))`` of adopting a model whose fitness exceeds
    the learner's by ``gain`` (computed without overflow)."""
    return 0.5 * (1.0 + np.tanh(0.5 * beta * np.asarray(gain, dtype=np.float64)))


def imitation_step(
    states: np.ndarray,
    fitness: np.ndarray,
    u: np.ndarray,
    *,
    beta: float,
    graph: Graph,
    n_types: int,
    mutation: float = 0.0,
    matrix: np.ndarray | None = None,
) -> np.ndarray:
    """One learner per row of ``states`` (runs, individuals) updates its type; returns new states.

    ``u`` holds five uniform draws per row: learner, model, adoption, mutation, mutant type.
    ``graph`` (without loops) says who may be a learner's model.
    """
    rows = np.arange(states.shape[0])
    n = states.shape[1]
    learner = np.minimum((u[:, 0] * n).astype(np.int64), n - 1)
    degree = graph.degree[learner]
    slot = np.minimum((u[:, 1] * degree).astype(np.int64), degree - 1)
    model = graph.neighbour(learner, slot)
    own = states[rows, learner]
    explored = mutate(own, u[:, 3], u[:, 4], n_types, mutation, matrix)
    gain = fitness[rows, model] - fitness[rows, learner]
    adopted = np.where(u[:, 2] < fermi(beta, gain), states[rows, model], own)
    new = states.copy()
    new[rows, learner] = np.where(explored != own, explored, adopted)
    return new
