"""Play the same round-robin tournaments through axelrod and through our engine; print the ratio.

Workloads (issue 2):
  * every built-in strategy that has an axelrod twin, 200 turns, 5 repetitions, no noise;
  * the same with noise 0.05;
  * Axelrod's first tournament (15 players, 200 turns, 5 repetitions).

axelrod plays serially (``processes=None``) without building its result set; our time is
the whole ``run_tournament`` call, records tables included. Usage:

    python bench/bench_tournament.py            # all three workloads (several minutes)
    python bench/bench_tournament.py --quick    # 40 strategies, fewer repetitions
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from strategies.axelrod.twins import axelrod_name, axelrod_twin  # noqa: E402
from strategies.registry import strategy_classes  # noqa: E402
from tournament import TournamentSpec, run_tournament  # noqa: E402

FIRST_TOURNAMENT = [
    "Tit For Tat",
    "First by Tideman and Chieruzzi",
    "First by Nydegger",
    "First by Grofman",
    "First by Shubik",
    "First by Stein and Rapoport",
    "Grudger",
    "First by Davis",
    "First by Graaskamp",
    "First by Downing",
    "First by Feld",
    "First by Joss",
    "First by Tullock",
    "First by Anonymous",
    "Random",
]


def axelrod_play_seconds(axl, players, *, turns: int, repetitions: int, noise: float, seed: int) -> float:
    """Wall time of axelrod's serial tournament play (results written to a temp file)."""
    with tempfile.TemporaryDirectory() as folder:
        tournament = axl.Tournament(players, turns=turns, repetitions=repetitions, noise=noise, seed=seed)
        started = time.perf_counter()
        tournament.play(
            processes=None,
            progress_bar=False,
            build_results=False,
            filename=os.path.join(folder, "interactions.csv"),
        )
        return time.perf_counter() - started


def ours_seconds(
    strategies, *, turns: int, repetitions: int, noise: float, seed: int, runs: int = 3
) -> float:
    """Best wall time of ``run_tournament`` over a few runs (tables included)."""
    spec = TournamentSpec.build(strategies, turns=turns, repetitions=repetitions, noise=noise, seed=seed)
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        run_tournament(spec)
        best = min(best, time.perf_counter() - started)
    return best


def compare(label: str, axl, strategies, *, turns: int, repetitions: int, noise: float) -> float:
    players = [_twin(axl, s) for s in strategies]
    theirs = axelrod_play_seconds(axl, players, turns=turns, repetitions=repetitions, noise=noise, seed=1)
    ours = ours_seconds(strategies, turns=turns, repetitions=repetitions, noise=noise, seed=1)
    ratio = theirs / ours
    n = len(strategies)
    turns_total = n * (n + 1) // 2 * repetitions * turns
    print(
        f"{label}: {n} players, {turns} turns, {repetitions} reps, noise {noise}: "
        f"axelrod {theirs:.2f} s ({theirs / turns_total * 1e6:.1f} us/turn), "
        f"ours {ours:.3f} s ({ours / turns_total * 1e9:.0f} ns/turn), ratio {ratio:.0f}x",
        flush=True,
    )
    return ratio


def _twin(axl, strategy):
    classes = {cls.name: cls for cls in axl.all_strategies}
    name, kwargs = axelrod_twin(strategy)
    return classes[name](**kwargs)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="40 strategies and 2 repetitions")
    args = parser.parse_args()

    import axelrod as axl

    strategies = [
        player for player in (cls() for cls in strategy_classes()) if axelrod_name(player) is not None
    ]
    repetitions = 5
    if args.quick:
        strategies, repetitions = strategies[:40], 2
    compare("twins", axl, strategies, turns=200, repetitions=repetitions, noise=0.0)
    compare("twins, noisy", axl, strategies, turns=200, repetitions=repetitions, noise=0.05)
    known = {cls.name for cls in strategy_classes()}
    first = [s for s in FIRST_TOURNAMENT if s in known]
    if len(first) == len(FIRST_TOURNAMENT):
        from strategies.registry import create_all

        players = create_all(first)
        compare("first tournament", axl, players, turns=200, repetitions=5, noise=0.0)
        spec = TournamentSpec.build(players, turns=200, repetitions=5, seed=1)
        play = run_tournament(spec).timings["play_seconds"]
        print(f"first tournament: our play time {play * 1000:.0f} ms")
    else:
        print(f"first tournament skipped: missing {sorted(set(FIRST_TOURNAMENT) - known)}")


if __name__ == "__main__":
    main()
