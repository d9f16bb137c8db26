"""Ecological dynamics (Axelrod 1984; axelrod's ``Ecosystem``) on a tournament's payoff matrix.

Each generation a type's payoff is its payoff against the current mix,
``payoff_i = sum_j A[i, j] * x_j`` (self-play included on the diagonal), and its share is
multiplied by its fitness (the payoff, or ``fitness(payoff)``) and renormalised. This is
axelrod's ``Ecosystem.reproduce`` step for step, except that axelrod draws each
``A[i, j]`` from a normal distribution with the standard deviation over repetitions;
here the mean is used, which is the same thing for deterministic strategies.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from tournament.errors import EvolutionError


def ecological_dynamics(
    payoff_matrix: np.ndarray,
    shares: np.ndarray,
    generations: int,
    fitness: Callable[[np.ndarray], np.ndarray] | None = None,
) -> np.ndarray:
    """Shares of every type for generations 0 .. ``generations``, shape (generations + 1, types).

    Parameters
    ----------
    payoff_matrix : A[i, j], mean per-turn payoff of type i against type j.
    shares : initial population (non-negative, normalised to sum to 1).
    generations : number of reproduction steps.
    fitness : maps payoffs to non-negative fitness (default: the payoff itself).

    Raises
    ------
    EvolutionError : shapes that do not match, negative shares or fitness, no survivors.
    """
    matrix, x = checked_game(payoff_matrix, shares)
    if isinstance(generations, bool) or not isinstance(generations, int) or generations < 0:
        raise EvolutionError(f"generations must be a whole number >= 0, got {generations!r}")
    out = np.empty((generations + 1, x.size))
    out[0] = x / x.sum()
    for t in range(generations):
        payoffs = matrix @ out[t]
        weights = out[t] * (payoffs if fitness is None else fitness(payoffs))
        if (weights < 0).any():
            raise EvolutionError(
                "a negative fitness: ecological dynamics need payoffs >= 0 (shift the game or pass a fitness)"
            )
        total = weights.sum()
        if total <= 0:
            raise EvolutionError(f"every strategy has zero fitness at generation {t + 1}")
        out[t + 1] = weights / total
    return out


def checked_game(payoff_matrix: np.ndarray, shares: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The payoff matrix and initial shares as float arrays, checked to fit together.

    Raises
    ------
    EvolutionError : a matrix that is not square, shares of another length, or shares that are
    negative, not finite or all zero.
    """
    matrix = np.asarray(payoff_matrix, dtype=np.float64)
    x = np.asarray(shares, dtype=np.float64)
    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1]:
        raise EvolutionError(f"the payoff matrix must be square, got shape {matrix.shape}")
    if x.shape != (matrix.shape[0],):
        raise EvolutionError(f"{x.size} initial shares for {matrix.shape[0]} strategies")
    if (x < 0).any() or not np.isfinite(x).all() or x.sum() <= 0:
        raise EvolutionError("initial shares must be non-negative numbers, not all zero")
    return matrix, x
