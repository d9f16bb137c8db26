"""Approximate payoffs: each match drawn from outcomes sampled once (axelrod's ApproximateMoranProcess).

Re-playing every match of every generation is what makes noisy evolutionary runs slow.
axelrod's ``ApproximateMoranProcess`` instead plays each pair of strategies a number of times
up front and, every generation, draws each match's scores from those cached outcomes.
:class:`Outcomes` does the same: ``samples`` matches per unordered pair of types (a type
against a clone of itself included), played in one batch with their own random stream;
a generation's match between types ``a`` and ``b`` takes one of the pair's outcomes,
uniformly, by a keyed draw (so runs stay reproducible and independent of batching), with the
two sides swapped when ``a > b``.
"""

from __future__ import annotations

import numpy as np

from tournament.core import rng

OUTCOME_STREAM = 0x4150524F
"""Stream constant of the matches played to fill the cache."""


class Outcomes:
    """``samples`` played outcomes of every unordered pair of ``k`` types (pair ``(a, b)``,
    ``a <= b``, in ``numpy.triu_indices`` order): ``score_a``/``score_b`` (pairs, samples) are
    the payoffs of the sides ``a`` and ``b`` (per turn for axelrod's Moran process).
    :func:`tournament.evolution.payoffs.sampled_outcomes` plays them."""

    def __init__(self, k: int, score_a: np.ndarray, score_b: np.ndarray) -> None:
        ia, ib = np.triu_indices(k)
        self.samples = score_a.shape[1]
        self.pair = np.full((k, k), -1, dtype=np.int64)
        self.pair[ia, ib] = np.arange(ia.size)
        self.score_a, self.score_b = score_a, score_b

    def draw(self, side_a: np.ndarray, side_b: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each match's payoffs to its two sides (types ``side_a``, ``side_b``), one cached
        outcome of their pair picked by the uniform draw of ``keys``."""
        low, high = np.minimum(side_a, side_b), np.maximum(side_a, side_b)
        row = self.pair[low, high]
        pick = np.minimum((rng.uniform_keys(keys) * self.samples).astype(np.int64), self.samples - 1)
        first, second = self.score_a[row, pick], self.score_b[row, pick]
        swapped = side_a > side_b
        return np.where(swapped, second, first), np.where(swapped, first, second)
