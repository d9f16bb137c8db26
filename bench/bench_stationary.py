"""The small-mutation-limit stationary distribution over 50 strategies: ours, timed, beside
egttools on the same payoff matrix.

Workload (issue 15): the first 50 built-in strategies that play without a sandbox and whose
memory is short (memory depth <= 10, or the families), 200-turn matches, noise 0.01 (every
match is stochastic: 10 repetitions per pair), a population of N = 100, Fermi imitation with
beta = 1. Ours: the payoff table (every match of every pair in one engine batch), the 2450
fixation probabilities and the stationary distribution; egttools' ``PairwiseComparison``
computes the fixation matrix and its eigenvector from the same payoff matrix. The goal: ours
under 10 s on this machine. Usage:

    python bench/bench_stationary.py
    python bench/bench_stationary.py --strategies 20 --size 50
"""

from __future__ import annotations

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

import numpy as np  # noqa: E402

from strategies.registry import create, strategy_classes  # noqa: E402
from tournament.evolution.stationary import (  # noqa: E402
    payoff_table,
    sml_transitions,
    stationary_distribution,
    stationary_from_payoffs,
)
from tournament.settings import MatchSettings  # noqa: E402

GOAL_SECONDS = 10.0


def short_memory_strategies(count: int) -> list:
    """The first ``count`` built-in strategies with memory depth <= 10 that build without arguments."""
    chosen = []
    for cls in strategy_classes():
        if len(chosen) == count:
            break
        try:
            player = create(cls.name)
        except Exception:  # a strategy that needs arguments or a sandbox
            continue
        depth = player.classifier.memory_depth
        if depth is not None and depth <= 10 and player.label not in {p.label for p in chosen}:
            chosen.append(player)
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strategies", type=int, default=50)
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--beta", type=float, default=1.0)
    args = parser.parse_args()

    players = short_memory_strategies(args.strategies)
    settings = MatchSettings(turns=200, noise=0.01)
    started = time.perf_counter()
    payoffs = payoff_table(players, settings, repetitions=10, seed=1)
    played = time.perf_counter()
    result = stationary_from_payoffs([p.label for p in players], payoffs, args.size, beta=args.beta)
    ours = time.perf_counter() - started
    limit = time.perf_counter() - played
    print(f"{len(players)} strategies, N = {args.size}, beta = {args.beta:g}, {settings.describe()}")
    print(
        f"ours:     {ours:7.2f} s in all (payoff table {played - started:.2f} s, small-mutation limit {limit:.3f} s)"
    )
    best = np.argsort(-result.distribution)[:5]
    print(
        "          most frequent: "
        + ", ".join(f"{result.names[i]} {result.distribution[i]:.1%}" for i in best)
    )
    try:
        from egttools.analytical import PairwiseComparison
        from egttools.games import Matrix2PlayerGameHolder
        from egttools.utils import calculate_stationary_distribution
    except ImportError:
        print("egttools:  not installed (pip install egttools)")
    else:
        started = time.perf_counter()
        game = Matrix2PlayerGameHolder(len(players), payoffs)  # the evolver keeps a reference only
        evolver = PairwiseComparison(args.size, game)
        transitions, fixation = evolver.calculate_transition_and_fixation_matrix_sml(args.beta)
        theirs = calculate_stationary_distribution(transitions.transpose())
        seconds = time.perf_counter() - started
        kept = fixation > 0
        np.fill_diagonal(kept, True)
        # egttools returns 0 for a fixation probability below 1 / (1 + 1e7); ours keeps the value
        rounded = stationary_distribution(sml_transitions(np.where(kept, result.rho, 0.0)))
        print(
            f"egttools: {seconds:7.2f} s for the small-mutation limit alone; max |difference|: "
            f"fixation {np.abs(fixation - result.rho)[kept].max():.1e} where egttools does not round to 0, "
            f"stationary {np.abs(theirs - result.distribution).max():.1e} "
            f"({np.abs(theirs - rounded).max():.1e} with egttools' rounding)"
        )
    verdict = "meets" if ours < GOAL_SECONDS else "MISSES"
    print(f"goal: under {GOAL_SECONDS:g} s: {verdict} ({ours:.2f} s)")


if __name__ == "__main__":
    main()
