"""The small-mutation limit: which strategy a population spends its time playing.

When mutations are rare, a population of ``N`` is almost always monomorphic: a single mutant
either takes over or dies out before the next one appears (Fudenberg & Imhof 2006). The
population then jumps between the monomorphic states ``i -> j`` with probability
``rho[i, j] / (k - 1)`` (a uniformly drawn other type mutates, then fixates with probability
``rho[i, j]``), and the *stationary distribution* of that chain over the ``k`` strategies says
how often each is the resident.

``rho[i, j]`` is the probability that one ``j`` takes over ``N - 1`` ``i``'s (rows: resident,
columns: invader, diagonal 0: egttools' ``fixation_probabilities`` layout), from the closed
form ``rho = 1 / (1 + sum_k prod_{l <= k} T-(l) / T+(l))`` of a birth-death chain:

* ``"fermi"`` (pairwise comparison, egttools' ``PairwiseComparison``): fitness is the mean
  payoff over the ``N - 1`` others (with ``self_interaction``: over all ``N``, oneself
  included) and ``T-/T+ = exp(-beta (f_j - f_i))``;
* ``"moran"``: fitness as in :mod:`~tournament.evolution.moran` (sum or mean of payoffs,
  optionally ``1 - w + w * payoff``) and ``T-/T+`` of birth-death or death-birth.

The stationary distribution is computed with the Grassmann-Taksar-Heyman elimination, which
only adds and multiplies positive numbers and so keeps tiny probabilities accurate.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from strategies.base import Strategy
from tournament.errors import EvolutionError
from tournament.evolution.fixation import moran_gamma, two_type_fitness
from tournament.evolution.payoffs import is_deterministic, type_table
from tournament.evolution.settings import PROCESSES
from tournament.settings import MatchSettings


def pair_blocks(payoffs: np.ndarray) -> np.ndarray:
    """``blocks[i, j]`` (k, k, 2, 2): the 2x2 payoff table of invader ``j`` (first) and resident
    ``i`` (second), from ``payoffs[x, y]``, the payoff of x against y."""
    a = np.asarray(payoffs, dtype=np.float64)
    diagonal = np.diag(a)
    return np.stack(
        (
            np.stack((np.broadcast_to(diagonal[None, :], a.shape), a.T), axis=-1),
            np.stack((a, np.broadcast_to(diagonal[:, None], a.shape)), axis=-1),
        ),
        axis=-2,
    )


def fixation_matrix(
    payoffs: np.ndarray,
    size: int,
    *,
    process: str = "fermi",
    beta: float = 1.0,
    mode: str = "bd",
    intensity: float | None = None,
    self_interaction: bool = False,
    average: bool = False,
) -> np.ndarray:
    """``rho[i, j]``: the probability that one ``j`` takes over a population of ``size - 1``
    ``i``'s on the complete graph (diagonal 0), for every pair of strategies at once.

    Parameters
    ----------
    payoffs : (k, k) payoff of each strategy (row) against each (column) in one match.
    size : the population size N (at least 2).
    process : "fermi" (selection intensity ``beta``) or "moran" (``mode``, ``intensity``,
        ``average``); see the module docstring.
    self_interaction : whether an individual also plays a clone of itself.
    """
    a = np.asarray(payoffs, dtype=np.float64)
    if a.ndim != 2 or a.shape[0] != a.shape[1] or a.shape[0] < 1:
        raise EvolutionError(f"the payoff matrix must be square, got shape {a.shape}")
    if not np.isfinite(a).all():
        raise EvolutionError("the payoff matrix must hold finite numbers")
    if isinstance(size, bool) or not isinstance(size, (int, np.integer)) or size < 2:
        raise EvolutionError(f"the population size must be a whole number >= 2, got {size!r}")
    if process not in PROCESSES:
        raise EvolutionError(f"process must be one of {', '.join(PROCESSES)}, got {process!r}")
    blocks = pair_blocks(a)
    if process == "fermi":
        f, g = two_type_fitness(blocks, size, self_interaction=self_interaction, average=True)
        with np.errstate(over="ignore"):
            gamma = np.exp(-beta * (f - g))
    else:
        f, g = two_type_fitness(
            blocks, size, self_interaction=self_interaction, average=average, intensity=intensity
        )
        gamma = moran_gamma(f, g, mode)
    with np.errstate(over="ignore", invalid="ignore"):
        rho = 1.0 / (1.0 + np.cumprod(gamma, axis=-1).sum(axis=-1))
    np.fill_diagonal(rho, 0.0)
    return rho


def sml_transitions(rho: np.ndarray) -> np.ndarray:
    """The transition matrix between monomorphic states (row-stochastic):
    ``T[i, j] = rho[i, j] / (k - 1)`` and ``T[i, i] = 1 - sum_j T[i, j]``."""
    rho = np.asarray(rho, dtype=np.float64)
    k = rho.shape[0]
    if k == 1:
        return np.ones((1, 1))
    transitions = rho / (k - 1)
    np.fill_diagonal(transitions, 0.0)
    np.fill_diagonal(transitions, 1.0 - transitions.sum(axis=1))
    return transitions


def stationary_distribution(transitions: np.ndarray) -> np.ndarray:
    """The stationary distribution ``pi = pi T`` of a row-stochastic matrix (GTH elimination).

    Raises :class:`EvolutionError` when the chain is not irreducible (some state cannot be
    left towards the others, e.g. fixation probabilities that underflow to 0).
    """
    work = np.array(transitions, dtype=np.float64)
    n = work.shape[0]
    for k in range(n - 1, 0, -1):
        leave = work[k, :k].sum()
        if not leave > 0:
            raise EvolutionError(
                "the chain between strategies is not irreducible (some fixation probabilities are 0 "
                "in floating point): its stationary distribution is not unique; lower the selection "
                "intensity"
            )
        work[:k, k] /= leave
        work[:k, :k] += np.outer(work[:k, k], work[k, :k])
    pi = np.zeros(n)
    pi[0] = 1.0
    for k in range(1, n):
        pi[k] = pi[:k] @ work[:k, k]
    return pi / pi.sum()


@dataclass(frozen=True)
class Stationary:
    """The small-mutation limit over ``names``: per-turn ``payoffs`` (k, k), fixation
    probabilities ``rho`` (resident row, invader column), the ``transitions`` between
    monomorphic states and the stationary ``distribution``, for a population of ``size``."""

    names: tuple[str, ...]
    size: int
    payoffs: np.ndarray
    rho: np.ndarray
    transitions: np.ndarray
    distribution: np.ndarray
    exact_payoffs: bool

    @property
    def neutral(self) -> float:
        """The fixation probability of a neutral mutant, 1 / N."""
        return 1.0 / self.size


def stationary_from_payoffs(
    names: Sequence[str], payoffs: np.ndarray, size: int, *, exact_payoffs: bool = False, **process: object
) -> Stationary:
    """The small-mutation limit of ``payoffs`` among ``names`` (``process`` as
    :func:`fixation_matrix`)."""
    rho = fixation_matrix(payoffs, size, **process)  # type: ignore[arg-type]
    transitions = sml_transitions(rho)
    return Stationary(
        tuple(names),
        size,
        np.asarray(payoffs, dtype=np.float64),
        rho,
        transitions,
        stationary_distribution(transitions),
        exact_payoffs,
    )


def payoff_table(
    types: Sequence[Strategy],
    settings: MatchSettings,
    *,
    exact: bool = False,
    repetitions: int = 1,
    seed: int = 0,
) -> np.ndarray:
    """Mean per-turn payoff of each type (row) against each (column): from the Markov chain
    (``exact``, :mod:`tournament.analysis.exact`) or from ``repetitions`` played matches per pair
    (one when every match is deterministic)."""
    if exact:
        from tournament.analysis.exact import exact_payoff_matrix

        return exact_payoff_matrix(types, settings)
    repetitions = 1 if is_deterministic(types, settings) else repetitions
    return type_table(types, settings, seed, repetitions=repetitions, per_turn=True)
