"""Continuous replicator dynamics on a payoff matrix, optionally with mutation.

``dx_i/dt = sum_j x_j f_j Q[j, i] - x_i phi`` with ``f = A x`` and ``phi = x . f``; the
mutation matrix ``Q`` keeps a type with probability ``1 - mu`` and sends it to each other
type with probability ``mu / (k - 1)`` (``mu = 0``: the plain replicator equation), or is
given whole (``mutation_matrix``, rows summing to 1).
Integrated with a fixed-step fourth-order Runge-Kutta scheme in numpy. For two types,
:func:`rest_points` gives the rest points and their stability in closed form.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from tournament.errors import EvolutionError
from tournament.evolution.ecological import checked_game
from tournament.evolution.mutation import check_matrix
from tournament.evolution.settings import checked


def replicator_rate(
    matrix: np.ndarray, x: np.ndarray, mutation: float = 0.0, q: np.ndarray | None = None
) -> np.ndarray:
    """The time derivative of the shares ``x`` under (mutated) replicator dynamics; ``q`` is a
    mutation matrix (then ``mutation`` is not used)."""
    fitness = matrix @ x
    mean = x @ fitness
    births = x * fitness
    k = x.size
    if q is not None:
        births = births @ q
    elif mutation > 0 and k > 1:
        births = (1 - mutation) * births + mutation / (k - 1) * (births.sum() - births)
    return births - x * mean


def replicator_dynamics(
    payoff_matrix: np.ndarray,
    shares: np.ndarray,
    timepoints: np.ndarray,
    *,
    mutation: float = 0.0,
    max_step: float = 0.01,
    mutation_matrix: object = None,
) -> np.ndarray:
    """Shares at each of ``timepoints`` (increasing, the first is the start), shape (times, types).

    Between consecutive timepoints the RK4 step is the largest one no longer than
    ``max_step`` that divides the interval evenly.
    """
    matrix, x = checked_game(payoff_matrix, shares)
    times = np.asarray(timepoints, dtype=np.float64)
    if times.ndim != 1 or times.size < 1 or (np.diff(times) < 0).any():
        raise EvolutionError("timepoints must be an increasing sequence")
    if not max_step > 0:
        raise EvolutionError(f"max_step must be > 0, got {max_step!r}")
    mutation = checked("mutation", mutation, "mutation rate")
    q = None if mutation_matrix is None else check_matrix(mutation_matrix, x.size)
    out = np.empty((times.size, x.size))
    out[0] = x / x.sum()
    for n in range(1, times.size):
        span = times[n] - times[n - 1]
        steps = max(1, math.ceil(span / max_step - 1e-9))
        h = span / steps
        y = out[n - 1]
        for _ in range(steps):
            k1 = replicator_rate(matrix, y, mutation, q)
            k2 = replicator_rate(matrix, y + h / 2 * k1, mutation, q)
            k3 = replicator_rate(matrix, y + h / 2 * k2, mutation, q)
            k4 = replicator_rate(matrix, y + h * k3, mutation, q)
            y = y + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
        out[n] = y
    return out


@dataclass(frozen=True)
class RestPoint:
    """A rest point of two-type replicator dynamics: ``x`` is the share of the first type.

    ``stability`` is ``"stable"`` (nearby shares move towards it), ``"unstable"`` or
    ``"neutral"`` (the dynamics do not move at all: every share is a rest point).
    """

    x: float
    stability: str


def rest_points(payoff_matrix: np.ndarray) -> list[RestPoint]:
    """Rest points of ``dx/dt = x (1 - x) g(x)``, ``g(x) = (a - c) x + (b - d) (1 - x)``.

    ``payoff_matrix = [[a, b], [c, d]]``. The pure states 0 and 1 are always rest points;
    ``x* = (d - b) / (a - b - c + d)`` is one when strictly inside (0, 1), stable when
    ``a - b - c + d < 0`` (the two types coexist) and unstable otherwise (bistability).
    A pure state is stable when ``g`` pushes nearby shares towards it; when ``g`` is zero
    there, the next order of ``g`` decides.
    """
    matrix = np.asarray(payoff_matrix, dtype=np.float64)
    if matrix.shape != (2, 2):
        raise EvolutionError(f"rest points in closed form need a 2x2 payoff matrix, got shape {matrix.shape}")
    (a, b), (c, d) = matrix
    at_one, at_zero = a - c, b - d
    slope = at_one - at_zero
    if at_one == 0 and at_zero == 0:
        return [RestPoint(0.0, "neutral"), RestPoint(1.0, "neutral")]
    near_zero = at_zero if at_zero != 0 else at_one
    near_one = at_one if at_one != 0 else at_zero
    points = [RestPoint(0.0, "stable" if near_zero < 0 else "unstable")]
    if slope != 0:
        interior = -at_zero / slope
        if 0 < interior < 1:
            points.append(RestPoint(float(interior), "stable" if slope < 0 else "unstable"))
    points.append(RestPoint(1.0, "stable" if near_one > 0 else "unstable"))
    return points
