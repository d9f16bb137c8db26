"""Spatial tournaments: which pairs met, matrices that leave the others empty, the network's record.

In a spatial tournament (:mod:`tournament.network`) a pair that is not an edge never plays.
The per-player figures need nothing special: they are grouped over the matches that were
played, so a player's normalised score is the mean over the opponents it met, its wins count
those matches, as in axelrod's ``ResultSet``. axelrod's pair matrices put 0 where a pair never
met (its ``payoff_matrix`` does, and :class:`~tournament.stats.resultset.ResultSet` keeps that
for parity); the tables and charts written for people show such a pair as empty (NaN) instead,
through :func:`unmet_as_nan`. In a round robin every pair meets and nothing changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from tournament.stats import grouping
from tournament.stats.results import Results


def met_pairs(results: Results) -> np.ndarray:
    """(player, opponent): True where the two played at least one match (the diagonal: a
    self-match)."""
    rows, n = results.sides, results.n_players
    first = slice(0, rows.n_matches)  # the other side's rows are the same pairs, mirrored
    met = grouping.counts(rows.player[first] * n + rows.opponent[first], n * n).reshape(n, n) > 0
    return met | met.T


def unmet_as_nan(matrix: Any, met: np.ndarray) -> np.ndarray:
    """``matrix`` (player, opponent) as floats with NaN where the pair never met."""
    return np.where(met, np.asarray(matrix, dtype=np.float64), np.nan)


def network_record(
    edges: Sequence[Sequence[int]] | None, network: str | None, n_players: int
) -> dict[str, Any] | None:
    """The network of a spatial tournament as JSON values (None for a round robin):
    ``{"description", "edges": [[a, b], ...], "degree": [...]}``, the degree counting the other
    players a player meets."""
    if edges is None:
        return None
    pairs = [[int(a), int(b)] for a, b in edges]
    degree = np.zeros(n_players, dtype=np.int64)
    for a, b in pairs:
        if a != b:
            degree[[a, b]] += 1
    return {"description": network, "edges": pairs, "degree": degree.tolist()}
