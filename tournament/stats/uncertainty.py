"""How sure is the ranking? A bootstrap over the repetitions of a tournament.

Each resample draws the repetitions with replacement (as many as were played) and ranks the
players as the tournament does: by their median normalised score over the drawn repetitions
(a stable sort, ties keep input order; a player without opponents comes last). Over ``B``
resamples this gives, for every player, a percentile confidence interval of its mean score,
the share of resamples in which it ranks first, P(rank 1), and the range of its ranks.

The draws come from the project's counter-based random numbers (:mod:`tournament.core.rng`),
keyed by the tournament's seed and :data:`BOOTSTRAP_STREAM`, so the same run gives the same
intervals. Players whose every repetition scored the same (deterministic players without
noise) get intervals of zero width. With one repetition there is nothing to resample:
:func:`bootstrap_ranking` returns None and :func:`no_estimate` says why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from tournament.core.rng import combine, uniform_keys

BOOTSTRAP_STREAM = 0x424F4F54
"""Stream constant of the bootstrap's draws (apart from every draw of play)."""
LEVEL = 0.95
"""Coverage of the intervals: from the 2.5th to the 97.5th percentile."""
CHUNK_CELLS = 4_000_000
"""Most (player, resample, repetition) cells held at once: memory stays flat for big runs."""


@dataclass(frozen=True)
class RankUncertainty:
    """The bootstrap's figures, one entry per player in input order.

    ``mean`` is the point estimate (mean normalised score over all repetitions);
    ``mean_low``/``mean_high`` its percentile interval; ``p_first`` the share of resamples
    ranked first; ``rank_low``/``rank_high`` the percentile interval of the ranks;
    ``rank`` the tournament's own rank.
    """

    names: list[str]
    resamples: int
    repetitions: int
    level: float
    rank: np.ndarray
    mean: np.ndarray
    mean_low: np.ndarray
    mean_high: np.ndarray
    p_first: np.ndarray
    rank_low: np.ndarray
    rank_high: np.ndarray

    def table(self) -> pd.DataFrame:
        """One row per player in rank order (``statistics/uncertainty.csv``)."""
        order = np.argsort(self.rank, kind="stable")
        return pd.DataFrame(
            {
                "player": order,
                "name": [self.names[i] for i in order],
                "rank": self.rank[order],
                "mean_score": self.mean[order],
                "mean_score_low": self.mean_low[order],
                "mean_score_high": self.mean_high[order],
                "p_first": self.p_first[order],
                "rank_low": self.rank_low[order],
                "rank_high": self.rank_high[order],
            }
        )

    def record(self) -> dict[str, Any]:
        """The figures as plain JSON values (``summary.json``'s ``uncertainty``)."""
        rows = self.table().to_dict(orient="records")
        return {
            "resamples": self.resamples,
            "repetitions": self.repetitions,
            "level": self.level,
            "sentence": self.sentence(),
            "players": rows,
        }

    def sentence(self) -> str:
        """Whether the winner is clear, in words, from the resamples."""
        winner = int(np.argmin(self.rank))
        name, share = self.names[winner], self.p_first[winner]
        times = f"{self.resamples:,} resamples of the {self.repetitions} repetitions"
        if share == 1:
            return f"{name} ranks first in every one of {times}: the winner is clear."
        others = [i for i in np.argsort(-self.p_first, kind="stable") if i != winner and self.p_first[i] > 0]
        rivals = ", ".join(f"{self.names[i]} {percent(self.p_first[i])}" for i in others[:3])
        more = f" (and {len(others) - 3} more)" if len(others) > 3 else ""
        verdict = "the winner is clear" if share >= LEVEL else "the winner is not clear"
        return (
            f"{name} ranks first in {percent(share)} of {times}; first otherwise: {rivals}{more}: {verdict}."
        )


def percent(share: float) -> str:
    """A share as a percentage that never rounds to 0% or 100% unless it is exactly that."""
    text = f"{share:.0%}"
    if 0 < share < 1 and text in ("0%", "100%"):
        text = f"{share:.1%}"
        if text in ("0.0%", "100.0%"):
            return "<0.1%" if share < 0.5 else ">99.9%"
    return text


def no_estimate(repetitions: int, resamples: int) -> str:
    """Why there are no intervals (one repetition, or the bootstrap switched off)."""
    if resamples == 0:
        return "No uncertainty estimate: the bootstrap is off (bootstrap = 0)."
    return (
        f"No uncertainty estimate: {repetitions} repetition{'s' if repetitions != 1 else ''} "
        "leave nothing to resample (play 2 or more)."
    )


def resample_indices(seed: int, resamples: int, repetitions: int) -> np.ndarray:
    """(resample, draw): the repetitions each resample draws, a pure function of the seed."""
    cells = np.arange(resamples * repetitions, dtype=np.uint64)
    draws = uniform_keys(combine(seed, BOOTSTRAP_STREAM, cells))
    picked = np.minimum((draws * repetitions).astype(np.int64), repetitions - 1)
    return picked.reshape(resamples, repetitions)


def bootstrap_ranking(
    scores: np.ndarray,
    names: Sequence[str],
    resamples: int,
    seed: int,
    level: float = LEVEL,
) -> RankUncertainty | None:
    """Bootstrap the ranking of per-repetition ``scores`` (player, repetition).

    Parameters
    ----------
    scores
        Normalised score of each player in each repetition (NaN for a player without
        opponents), as :attr:`tournament.stats.results.Results.table_normalised_scores`.
    names
        Player labels in input order.
    resamples
        B, the number of resamples; 0 switches the bootstrap off.
    seed
        The tournament's seed: the draws are keyed by it.
    level
        Coverage of the percentile intervals.

    Returns
    -------
    RankUncertainty or None
        None when there is nothing to estimate (``resamples`` 0 or fewer than 2 repetitions).
    """
    scores = np.asarray(scores, dtype=np.float64)
    n, repetitions = scores.shape
    if resamples < 1 or repetitions < 2 or n == 0:
        return None
    picks = resample_indices(seed, resamples, repetitions)
    means = np.empty((n, resamples))
    ranks = np.empty((n, resamples), dtype=np.int64)
    step = max(1, CHUNK_CELLS // max(1, n * repetitions))
    for start in range(0, resamples, step):
        drawn = scores[:, picks[start : start + step]]  # (player, resample, draw)
        means[:, start : start + step] = drawn.mean(axis=2)
        ranks[:, start : start + step] = rank_by_median(
            resampled_medians(scores, drawn, picks[start : start + step])
        )
    point = rank_by_median(np.median(scores, axis=1)[:, None])[:, 0]
    tail = (1 - level) / 2 * 100
    with np.errstate(all="ignore"):
        low, high = np.percentile(means, [tail, 100 - tail], axis=1)
    rank_low, rank_high = np.percentile(ranks, [tail, 100 - tail], axis=1, method="nearest")
    return RankUncertainty(
        names=list(names),
        resamples=resamples,
        repetitions=repetitions,
        level=level,
        rank=point,
        mean=scores.mean(axis=1),
        mean_low=low,
        mean_high=high,
        p_first=(ranks == 1).mean(axis=1),
        rank_low=rank_low.astype(np.int64),
        rank_high=rank_high.astype(np.int64),
    )


def resampled_medians(scores: np.ndarray, drawn: np.ndarray, picks: np.ndarray) -> np.ndarray:
    """(player, resample): ``np.median(drawn, axis=2)``, the same numbers, ~10x faster.

    ``drawn`` is ``scores[:, picks]``. Every resample draws from the same few repetitions, so
    each player's scores are sorted once and a resample's k-th smallest score is found from how
    often it drew each repetition: the first sorted position whose running count of draws
    passes k. The middle one or two order statistics then make the median as numpy makes it
    (the mean of the middle two). A player with a NaN score falls back to ``np.median``.
    """
    n, repetitions = scores.shape
    resamples, size = picks.shape
    order = np.argsort(scores, axis=1, kind="stable")
    ordered = np.take_along_axis(scores, order, axis=1)
    offsets = repetitions * np.arange(resamples)[:, None]
    drawn_times = np.bincount((picks + offsets).ravel(), minlength=resamples * repetitions)
    count = np.int16 if size < 2**15 else np.int64  # a running count reaches ``size``
    drawn_times = drawn_times.reshape(resamples, repetitions).astype(count)
    running = np.cumsum(drawn_times[:, order], axis=2, dtype=count)  # (resample, player, position)
    middle = [size // 2] if size % 2 else [size // 2 - 1, size // 2]
    players = np.arange(n)[:, None]
    values = [ordered[players, (running <= k).sum(axis=2, dtype=np.int64).T] for k in middle]
    total = 0.0 + values[0]  # numpy's mean adds from 0.0 (so -0.0 becomes 0.0), then divides
    medians = (total if len(values) == 1 else total + values[1]) / len(values)
    for player in np.flatnonzero(np.isnan(scores).any(axis=1)):
        medians[player] = np.median(drawn[player], axis=1)
    return medians


def rank_by_median(medians: np.ndarray) -> np.ndarray:
    """(player, resample) ranks from 1, highest median first; stable; NaN last."""
    key = np.where(np.isnan(medians), np.inf, -medians)
    order = np.argsort(key, axis=0, kind="stable")
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(1, len(medians) + 1)[:, None], axis=0)
    return ranks
