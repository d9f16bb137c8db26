"""Speed of the learning agents: exact LOLA pairs batched, and learners inside tournaments.

1. Exact learning, batched over seeds: 100 seeds x 200 simultaneous updates of a LOLA pair
   and of a naive pair (Foerster et al. 2018's IPD setup), with the figures they reach.
2. Learners in a round robin do not slow the classics' kernels: the time spent inside the
   classics' kernels, per seat-turn, in a tournament of classics alone, with learners added
   (they play in kernels of their own), and with one learner that carries its knowledge
   across repetitions (repetitions 1-4 then replay only its matches, in small blocks, so
   every kernel call there serves few games). Every kernel call is timed through a thin
   proxy; the learners' own cost per seat-turn is shown beside.

Usage:

    python bench/bench_lola.py            # best of 5
    python bench/bench_lola.py --quick    # one repeat, smaller tournament
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import defaultdict
from typing import Any

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

import numpy as np  # noqa: E402

from tournament import TournamentSpec, run_tournament  # noqa: E402
from tournament.core import engine as engine_module  # noqa: E402
from tournament.learning.exact import Agent, ExactSetup, numbered, run_exact  # noqa: E402

PAPER = (-1.0, -3.0, 0.0, -2.0)
CLASSICS = [
    "Tit For Tat",
    "Grudger",
    "Win-Stay Lose-Shift",
    "Tit For 2 Tats",
    "GTFT",
    "Defector",
    "Cooperator",
    "Random",
    "Alternator",
    "Suspicious Tit For Tat",
    "Prober",
    "Two Tits For Tat",
]
LEARNERS = ["Q Learner", "Q Learner(memory=2)", "Naive Learner", "LOLA Learner"]
CARRYING = ["Q Learner(carry=True)"]


def exact_pairs(repeats: int) -> None:
    print(f"Exact learning, 100 seeds x 200 updates, batched (best of {repeats}):")
    for kind in ("lola", "naive"):
        setup = ExactSetup(
            numbered((Agent(kind, kind),) * 2), payoffs=PAPER, seeds=100, updates=200, seed=2018
        )
        best, run = min((_timed(run_exact, setup) for _ in range(repeats)), key=lambda pair: pair[0])
        final = run.rewards[-1].mean(axis=1)
        print(
            f"  {kind:5s} pair: {best:6.3f} s  ({1e3 * best / 200:.2f} ms per update of 100 pairs); "
            f"final reward per step {final.mean():.3f} (sd {final.std():.3f}, median {np.median(final):.3f})"
        )


def _timed(function: Any, *args: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - started, result


class Timed:
    """A kernel whose ``move`` calls are timed into ``sink[key]`` (seconds, seat-turns)."""

    def __init__(self, kernel: Any, sink: dict[str, list[float]], key: str) -> None:
        self.kernel, self.sink, self.key = kernel, sink, key

    def setup(self, view: Any) -> None:
        self.kernel.setup(view)

    def move(self, view: Any) -> Any:
        started = time.perf_counter()
        moves = self.kernel.move(view)
        entry = self.sink[self.key]
        entry[0] += time.perf_counter() - started
        entry[1] += view.n
        return moves

    def __getattr__(self, name: str) -> Any:
        return getattr(self.kernel, name)


def kernel_times(players: list[str], turns: int, repetitions: int) -> tuple[dict[str, list[float]], float]:
    """Seconds and seat-turns inside classic and learner kernels, and the tournament's time."""
    sink: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    original = engine_module.Engine._kernel

    def timed_kernel(self: Any, run: Any) -> Any:
        kernel, view, start, stop = original(self, run)
        first = self.batch.players[run[0][0]]
        key = type(first).__name__ if getattr(first, "learns", False) else "classics"
        return Timed(kernel, sink, key), view, start, stop

    engine_module.Engine._kernel = timed_kernel
    try:
        spec = TournamentSpec.build(players, turns=turns, repetitions=repetitions, seed=1)
        seconds, _ = _timed(run_tournament, spec)
    finally:
        engine_module.Engine._kernel = original
    return dict(sink), seconds


def tournaments(repeats: int, turns: int, repetitions: int) -> None:
    print(f"\nLearners in a round robin ({turns} turns, {repetitions} repetitions, best of {repeats}):")
    setups = (
        ("classics alone", CLASSICS),
        ("+ learners", CLASSICS + LEARNERS),
        ("+ a carrying learner", CLASSICS + LEARNERS + CARRYING),
    )
    for label, players in setups:
        best: dict[str, float] = {}
        wall = float("inf")
        for _ in range(repeats):
            sink, seconds = kernel_times(players, turns, repetitions)
            wall = min(wall, seconds)
            for key, (spent, seat_turns) in sink.items():
                best[key] = min(best.get(key, float("inf")), 1e9 * spent / seat_turns)
        figures = ", ".join(
            f"{key} {value / 1e3:.2f}" for key, value in sorted(best.items(), key=_classics_first)
        )
        print(f"  {label:21s} {wall:6.2f} s in all; microseconds per seat-turn inside the kernels: {figures}")


def _classics_first(item: tuple[str, float]) -> tuple[bool, str]:
    return item[0] != "classics", item[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="one repeat, a smaller tournament")
    args = parser.parse_args()
    repeats = 1 if args.quick else 5
    exact_pairs(repeats)
    tournaments(repeats, turns=200 if args.quick else 500, repetitions=2 if args.quick else 5)


if __name__ == "__main__":
    main()
