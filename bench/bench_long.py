"""Per game-turn cost of play at 200 and at 10,000 turns, for the built-in strategies (ours only).

Workload (issue 12): the round robin of every built-in strategy, seated as ``strategies = "all"``
seats them (the learning strategies left out), one repetition, noise 0.05 so that no game is
shared, played through ``run_tournament``. The figure is the play time (the engine, as
``timings["play_seconds"]`` reports it) per game-turn played, and the goal is a 10,000-turn cost
within 1.2x of the 200-turn one: no strategy's cost per turn may grow with the turn. The short
round robin is the best of a few runs (it lasts well under a second), the long one is played
once; on a busy machine run it twice. The batches are the library's, sized by memory: at 10,000
turns the round robin is cut into several, and every kernel is then called once per turn per
batch; ``--batch-cells`` overrides their size to tell that cost from the kernels' own.
``--kernels N`` plays the long round robin in one batch with every kernel timed, and lists the N
kernels whose median time per turn grew most from early turns to the last eighth (relative to
all kernels together, so that a busy machine slowing everything down does not count). Usage:

    python bench/bench_long.py                        # 200 and 10,000 turns (about a minute)
    python bench/bench_long.py --long 2000            # a quicker look
    python bench/bench_long.py --batch-cells 400000000  # each length in one batch (~0.8 GB)
    python bench/bench_long.py --long 4000 --kernels 10  # which kernels' cost grows with the turn
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from strategies.registry import strategy_classes  # noqa: E402
from tournament import TournamentSpec, run_tournament  # noqa: E402
from tournament.core import plan as planner  # noqa: E402
from tournament.core.engine import Engine  # noqa: E402
from tournament.core.observers import CooperationByTurn, Transitions  # noqa: E402


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


def kernel_growth(players, *, turns: int, noise: float) -> tuple[list[tuple[str, int, float, float]], float]:
    """Play the round robin of ``turns`` in one batch with each kernel's ``move`` timed; per
    kernel (label, seats, median microseconds per turn over turns 100-600, over the last eighth),
    and the engine's own median work per turn (everything but the kernels), late over early."""
    spec = TournamentSpec.build(players, turns=turns, repetitions=1, noise=noise, seed=1)
    plan = planner.round_robin(spec.players, spec.settings, spec.seed, spec.repetitions, spec.edges)
    ((_, batch),) = planner.batches(plan, 2 * plan.turns_played)
    engine = Engine(batch, spec.settings, seed=spec.seed, observers=(Transitions, CooperationByTurn))
    seconds = np.zeros((len(engine.blocks), turns))
    for k, (kernel, _, _, _) in enumerate(engine.blocks):

        def timed(view, move=kernel.move, k=k):
            started = time.perf_counter()
            chosen = move(view)
            seconds[k, view.turn] = time.perf_counter() - started
            return chosen

        kernel.move = timed
    stamps = np.zeros(turns + 1)
    stamps[0] = time.perf_counter()
    engine.play(lambda done, _: stamps.__setitem__(done, time.perf_counter()))
    # medians over pairs of turns: a kernel that does more on even turns is not bimodal
    pairs = turns // 2
    kernels = seconds[:, : 2 * pairs].reshape(len(engine.blocks), pairs, 2).mean(axis=2)
    engine_own = (np.diff(stamps) - seconds.sum(axis=0))[: 2 * pairs].reshape(pairs, 2).mean(axis=1)
    early, late = slice(50, max(51, min(300, pairs // 4))), slice(pairs - pairs // 8, pairs)
    rows = [
        (
            getattr(kernel, "label", type(kernel).__name__),
            stop - start,
            float(np.median(kernels[k, early])) * 1e6,
            float(np.median(kernels[k, late])) * 1e6,
        )
        for k, (kernel, _, start, stop) in enumerate(engine.blocks)
    ]
    return rows, float(np.median(engine_own[late]) / np.median(engine_own[early]))


def print_growth(players, *, turns: int, noise: float, top: int) -> None:
    """The ``top`` kernels whose time per turn grew most, relative to all kernels together."""
    rows, engine_ratio = kernel_growth(players, turns=turns, noise=noise)
    overall = sum(late for *_, late in rows) / sum(early for *_, early, _ in rows)
    print(
        f"{turns:,} turns in one batch, {len(rows)} kernels: all kernels late / early {overall:.2f}, "
        f"the engine's own work {engine_ratio:.2f}"
    )
    rows.sort(key=lambda row: row[3] / max(row[2], 1e-3), reverse=True)
    for label, seats, early, late in rows[:top]:
        print(
            f"  {label:<32} {seats:>6} seats {early:7.1f} -> {late:7.1f} us per turn "
            f"(x{late / max(early, 1e-3) / overall:.2f} relative)"
        )


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
    parser.add_argument(
        "--kernels", type=int, default=0, help="list the N kernels whose cost grew most (one batch)"
    )
    args = parser.parse_args()
    players = builtins()
    if args.kernels:
        print_growth(players, turns=args.long, noise=args.noise, top=args.kernels)
        return
    options = {"noise": args.noise, "repetitions": args.repetitions, "batch_cells": args.batch_cells}

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
