"""Helpers that play the same matches through axelrod, our reference implementation."""

from __future__ import annotations

import functools
import math

import numpy as np

from strategies.base import Strategy
from strategies.registry import strategy_classes


@functools.cache
def axelrod():
    import axelrod

    return axelrod


@functools.cache
def axelrod_classes() -> dict[str, type]:
    """axelrod strategy classes by display name."""
    return {cls.name: cls for cls in axelrod().all_strategies}


def twin(strategy: Strategy):
    """A fresh axelrod player equivalent to ``strategy``."""
    name, kwargs = strategy.axelrod_twin()
    return axelrod_classes()[name](**kwargs)


def twinned_strategies() -> list[Strategy]:
    """A default instance of every built-in strategy that has an axelrod twin."""
    return [cls() for cls in strategy_classes() if cls.axelrod_name is not None]


def axelrod_moves(a: Strategy, b: Strategy, turns: int = 200, seed: int = 0, noise: float = 0.0, game=None):
    """Move strings of a and b in one axelrod match."""
    axl = axelrod()
    players = (twin(a), twin(b))
    kwargs = {"game": axl.Game(*game)} if game is not None else {}
    match = axl.Match(players, turns=turns, seed=seed, noise=noise, **kwargs)
    match.play()
    moves_a = "".join(str(x) for x, _ in match.result)
    moves_b = "".join(str(y) for _, y in match.result)
    return moves_a, moves_b


def axelrod_mean_scores(
    a: Strategy, b: Strategy, *, turns: int, repetitions: int, noise: float = 0.0, seed: int = 0
):
    """Per-match per-turn scores of a (array over repetitions) in axelrod."""
    axl = axelrod()
    out = []
    for rep in range(repetitions):
        match = axl.Match((twin(a), twin(b)), turns=turns, noise=noise, seed=seed + rep)
        match.play()
        out.append(match.final_score_per_turn()[0])
    return np.array(out)


def z_score(x: np.ndarray, y: np.ndarray) -> float:
    """Two-sample z statistic of the difference of means.

    Means equal to rounding are z = 0 (constant samples leave ~1e-31 of variance from
    floating-point dust); a difference with no spread on either side is z = inf.
    """
    diff = abs(x.mean() - y.mean())
    scale = max(1.0, abs(x.mean()), abs(y.mean()))
    if diff < 1e-9 * scale:
        return 0.0
    se = math.sqrt(x.var(ddof=1) / len(x) + y.var(ddof=1) / len(y))
    return diff / se if se > 1e-12 * scale else math.inf
