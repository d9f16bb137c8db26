"""How stable is a ranking across the points of a sweep? Ranks per point, their summary, Kendall tau.

A sweep plays one tournament at many grid points (lengths, noise, payoffs, seeds). Given the
rank of every player at every point, a (point, player) array of ranks from 1, this module
summarises each player (mean rank, best, worst, share of points at rank 1) and measures how
much two points agree with Kendall's tau: the share of concordant minus discordant pairs of
players, divided as tau-b is for ties (rankings without ties give tau-a). Pure numpy.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd


def kendall_tau(a: np.ndarray, b: np.ndarray) -> float:
    """Kendall's tau between two rankings of the same players (1 = same order, -1 = reversed).

    Raises
    ------
    ValueError
        When the rankings differ in length or hold fewer than two players.
    """
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape or a.ndim != 1 or len(a) < 2:
        raise ValueError("Kendall's tau needs two rankings of the same two or more players")
    upper = np.triu_indices(len(a), k=1)
    order_a = np.sign(a[:, None] - a[None, :])[upper]
    order_b = np.sign(b[:, None] - b[None, :])[upper]
    untied_a, untied_b = np.count_nonzero(order_a), np.count_nonzero(order_b)
    if untied_a == 0 or untied_b == 0:
        return float("nan")
    return float((order_a * order_b).sum() / np.sqrt(untied_a * untied_b))


def tau_matrix(ranks: np.ndarray) -> np.ndarray:
    """(point, point): Kendall's tau between the rankings at every two points."""
    ranks = np.asarray(ranks)
    points = len(ranks)
    out = np.ones((points, points))
    for i in range(points):
        for j in range(i + 1, points):
            out[i, j] = out[j, i] = kendall_tau(ranks[i], ranks[j])
    return out


def rank_table(ranks: np.ndarray, names: Sequence[str], labels: Sequence[str]) -> pd.DataFrame:
    """One row per player: its rank at every point (columns named by ``labels``), then its
    mean rank, best and worst rank and the share of points at which it ranked first; sorted by
    mean rank (ties: best rank, then input order)."""
    ranks = np.asarray(ranks)
    table = pd.DataFrame(ranks.T, columns=list(labels))
    table.insert(0, "name", list(names))
    table["mean_rank"] = ranks.mean(axis=0)
    table["best_rank"] = ranks.min(axis=0)
    table["worst_rank"] = ranks.max(axis=0)
    table["first_share"] = (ranks == 1).mean(axis=0)
    order = np.lexsort((np.arange(len(names)), table["best_rank"], table["mean_rank"]))
    return table.iloc[order].reset_index(drop=True)


def agreement_table(ranks: np.ndarray, labels: Sequence[str]) -> pd.DataFrame:
    """Kendall's tau of every pair of points, one row per pair (``consecutive`` marks neighbours)."""
    taus = tau_matrix(ranks)
    rows = [
        {"point_a": labels[i], "point_b": labels[j], "consecutive": j == i + 1, "kendall_tau": taus[i, j]}
        for i in range(len(labels))
        for j in range(i + 1, len(labels))
    ]
    return pd.DataFrame(rows, columns=["point_a", "point_b", "consecutive", "kendall_tau"])


def stability_sentence(ranks: np.ndarray, names: Sequence[str]) -> str:
    """How stable the ranking is over the points, in words, from the ranks."""
    ranks = np.asarray(ranks)
    points = len(ranks)
    firsts = (ranks == 1).sum(axis=0)
    top = int(np.argmax(firsts))
    lead = f"{names[top]} ranks first at {firsts[top]} of {points} points"
    if points < 2 or len(names) < 2:
        return f"{lead}."
    taus = tau_matrix(ranks)
    upper = taus[np.triu_indices(points, k=1)]
    neighbours = np.diag(taus, k=1)
    if np.all(ranks == ranks[0]):
        return f"{lead}; the ranking is the same at every point (Kendall tau 1)."
    return (
        f"{lead}; Kendall tau between consecutive points: mean {np.nanmean(neighbours):.2f}; "
        f"between all pairs: mean {np.nanmean(upper):.2f}, lowest {np.nanmin(upper):.2f}."
    )
