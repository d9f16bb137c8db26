"""Mutation: what type an offspring (or a learner) takes instead of its parent's.

Two kinds, one rule each:

* atomic, rate ``mu``: with probability ``mu`` the offspring takes a uniformly drawn *other*
  type of the population definition (axelrod's ``MoranProcess(mutation_rate=mu)``);
* a mutation matrix ``M`` (rows sum to 1): an offspring of type ``i`` becomes type ``j`` with
  probability ``M[i, j]`` (``M[i, i]``: it stays ``i``).

Atomic mutation at rate ``mu`` is the matrix with ``1 - mu`` on the diagonal and
``mu / (k - 1)`` elsewhere (:func:`atomic_matrix`). Both kinds use two uniform draws per
offspring: the first decides whether it mutates (below ``mu``, or below ``1 - M[i, i]``), the
second which other type it takes (the other types in the cyclic order ``i + 1, i + 2, ...``).
"""

from __future__ import annotations

import numpy as np

from tournament.errors import EvolutionError
from tournament.evolution.settings import MatrixField
from tournament.fields import FieldError


def atomic_matrix(rate: float, n_types: int) -> np.ndarray:
    """The mutation matrix of atomic mutation at ``rate`` among ``n_types`` types."""
    if n_types < 2:
        return np.ones((1, 1))
    matrix = np.full((n_types, n_types), rate / (n_types - 1))
    np.fill_diagonal(matrix, 1.0 - rate)
    return matrix


def check_matrix(matrix: object, n_types: int) -> np.ndarray:
    """``matrix`` as a float array checked to be a mutation matrix among ``n_types`` types."""
    try:
        rows = MatrixField().convert(matrix)
    except FieldError as error:
        raise EvolutionError(f"mutation matrix {error.problem}") from None
    if len(rows) != n_types:
        raise EvolutionError(f"the mutation matrix is {len(rows)}x{len(rows)} but there are {n_types} types")
    return np.array(rows, dtype=np.float64)


def mutates(rate: float, matrix: np.ndarray | None) -> bool:
    """Whether any offspring can ever change type."""
    if matrix is None:
        return rate > 0
    return bool((matrix[~np.eye(matrix.shape[0], dtype=bool)] > 0).any())


def mutate(
    types: np.ndarray,
    u_mutate: np.ndarray,
    u_target: np.ndarray,
    n_types: int,
    rate: float = 0.0,
    matrix: np.ndarray | None = None,
) -> np.ndarray:
    """The types of offspring born as ``types`` after mutation (see the module docstring).

    ``u_mutate`` and ``u_target`` hold one uniform draw per offspring.
    """
    types = np.asarray(types, dtype=np.int64)
    if n_types < 2:
        return types
    if matrix is None:
        if rate <= 0:
            return types
        shift = 1 + np.minimum((u_target * (n_types - 1)).astype(np.int64), n_types - 2)
        return np.where(u_mutate < rate, (types + shift) % n_types, types)
    others = (types[..., None] + np.arange(1, n_types)) % n_types
    weights = matrix[types[..., None], others]
    leave = weights.sum(axis=-1)
    cumulative = np.cumsum(weights, axis=-1)
    step = (cumulative <= (u_target * leave)[..., None]).sum(axis=-1)
    step = np.minimum(step, n_types - 2)
    # a draw on a zero-weight type (only at the rounding edge) moves on to the last type with weight
    stuck = np.take_along_axis(weights, step[..., None], axis=-1)[..., 0] <= 0
    if stuck.any():
        last = n_types - 2 - np.argmax(weights[..., ::-1] > 0, axis=-1)
        step = np.where(stuck, last, step)
    target = np.take_along_axis(others, step[..., None], axis=-1)[..., 0]
    return np.where(u_mutate < leave, target, types)
