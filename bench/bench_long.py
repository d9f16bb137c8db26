"""Per game-turn cost of play at 200 and at 10,000 turns, for the built-in strategies (ours only).

Workload (issue 12): the round robin of every built-in strategy, seated as ``strategies = "all"``
seats them (the learning strategies left out), one repetition, noise 0.05 so that no game is
shared, played through ``run_tournament``. The figure is the play time (the engine, as
``timings["play_seconds"]`` reports it) per game-turn played, and the goal is a 10,000-turn cost
within 1.2x of the 200-turn one: no strategy's cost per turn may grow with the turn. The short
round robin is the best of a few runs (it lasts well under a second), the long one is played
once; on a busy machine run it twice. The batches are the library's, sized by memory: at 10,000
turns the round robin is cut into several, and every kernel is then called once per turn per
batch; ``--batch-cells`` overrides their size to tell that cost from the kernels' own. Usage:

    python bench/bench_long.py                        # 200 and 10,000 turns (about a minute)
    python bench/bench_long.py --long 2000            # a quicker look
    python bench/bench_long.py --batch-cells 400000000  # each length in one batch (~0.8 GB)
"""

from __future__ import annotations

import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from strategies.registry import strategy_classes  # noqa: E402
from tournament import TournamentSpec, run_tournament  # noqa: E402


def builtins() -> list:
    """A default instance of every built-in strategy, in catalogue order (no learners)."""
    return [cls() for cls in strategy_classes() if not getattr(cls, "learns", False)]


def per_game_turn(
    players, *, turns: int, runs: int, noise: float, repetitions: int, batch_cells: int | None
) -> dict:
    """Best play time over ``runs`` round robins of ``turns``, and per game-turn played."""
    spec = TournamentSpec.build(players, turns=turns, repetitions=repetitions, noise=noise, seed=1)
    seconds = float("inf")
    for _ in range(runs):
        results = run_tournament(spec, max_cells=batch_cells)
        seconds = min(seconds, results.timings["play_seconds"])
    game_turns = results.counts["turns_played"]
    return {
        "turns": turns,
        "games": results.counts["games_played"],
        "seconds": seconds,
        "ns": seconds / game_turns * 1e9,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", type=int, default=200, help="turns of the short matches")
    parser.add_argument("--long", type=int, default=10_000, help="turns of the long matches")
    parser.add_argument("--noise", type=float, default=0.05)
    parser.add_argument("--repetitions", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3, help="short runs (the best is kept)")
    parser.add_argument(
        "--batch-cells", type=int, default=None, help="seat-turns per batch (default: the library's)"
    )
    args = parser.parse_args()
    options = {"noise": args.noise, "repetitions": args.repetitions, "batch_cells": args.batch_cells}

    players = builtins()
    print(f"{len(players)} built-in strategies, noise {args.noise}, {args.repetitions} repetition(s)")
    short = per_game_turn(players, turns=args.short, runs=args.runs, **options)
    long = per_game_turn(players, turns=args.long, runs=1, **options)
    for row in (short, long):
        print(
            f"{row['turns']:>7,} turns: {row['games']:,} games, play {row['seconds']:7.2f} s, "
            f"{row['ns']:6.1f} ns per game-turn"
        )
    print(f"ratio {args.long:,} / {args.short:,} turns: {long['ns'] / short['ns']:.2f} (goal: at most 1.2)")


if __name__ == "__main__":
    main()
