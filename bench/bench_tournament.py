"""The same round-robin tournaments through axelrod and through ours, in one run; print the ratios.

Workloads (issues 2 and 12):
  * every built-in strategy that has an axelrod twin (174), 200 turns, 5 repetitions, no noise;
  * the same with noise 0.05;
  * Axelrod's first tournament (15 players, 200 turns, 5 repetitions).

For each: axelrod's play alone (serial, ``processes=None``, no result set), our play alone
(the library call ``run_tournament``: its play time through the numpy engine, through the
compiled player on one core and on two (``workers=2``: threads), and the whole call with the
tables; the compiled player is timed once loaded, as in a process that has played enough to
switch to it: see ``tournament/core/compiled.py``), and
the whole ``ipd run`` process a user waits for (start-up and imports, play, statistics,
report.html with its plots, every file), best of five runs, as run by default (play in one
process per core) and with ``--workers 1``. Usage:

    python bench/bench_tournament.py            # all three workloads (several minutes: axelrod)
    python bench/bench_tournament.py --quick    # 40 strategies, 2 repetitions
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from strategies.axelrod.twins import axelrod_name, axelrod_twin  # noqa: E402
from strategies.registry import create_all, strategy_classes  # noqa: E402
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
IPD = str(Path(sys.executable).with_name("ipd"))


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


def ours_library(
    strategies,
    *,
    turns: int,
    repetitions: int,
    noise: float,
    seed: int,
    runs: int = 3,
    compiled: str = "0",
    workers: int = 1,
):
    """Best play time and best whole ``run_tournament`` time over a few runs, through the numpy
    engine (``compiled="0"``) or the compiled player (``"1"``: numba and the steps are loaded by
    an untimed call first, as in any process that has played enough to switch to it)."""
    spec = TournamentSpec.build(strategies, turns=turns, repetitions=repetitions, noise=noise, seed=seed)
    os.environ["IPD_COMPILED"] = compiled
    try:
        if compiled == "1":
            run_tournament(spec, workers=workers)
        play = call = float("inf")
        for _ in range(runs):
            started = time.perf_counter()
            results = run_tournament(spec, workers=workers)
            call = min(call, time.perf_counter() - started)
            play = min(play, results.timings["play_seconds"])
    finally:
        del os.environ["IPD_COMPILED"]
    return play, call


def ours_process(
    strategies,
    *,
    turns: int,
    repetitions: int,
    noise: float,
    seed: int,
    runs: int = 5,
    options: tuple[str, ...] = (),
) -> float:
    """Best wall time of the whole ``ipd run CONFIG`` process (with ``options``), report included."""
    names = [s.label for s in strategies]
    config = (
        f"[tournament]\nname = 'bench'\nseed = {seed}\nrepetitions = {repetitions}\n"
        f"[match]\nturns = {turns}\nnoise = {noise}\n[players]\nstrategies = {json.dumps(names)}\n"
    )
    best = float("inf")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.toml"
        path.write_text(config)
        for run in range(runs):
            started = time.perf_counter()
            subprocess.run(
                [IPD, "run", str(path), "--out", f"{folder}/run{run}", "-q", *options],
                check=True,
                capture_output=True,
            )
            best = min(best, time.perf_counter() - started)
    return best


def compare(label: str, axl, strategies, *, turns: int, repetitions: int, noise: float) -> None:
    players = [_twin(axl, s) for s in strategies]
    theirs = axelrod_play_seconds(axl, players, turns=turns, repetitions=repetitions, noise=noise, seed=1)
    play, call = ours_library(strategies, turns=turns, repetitions=repetitions, noise=noise, seed=1)
    fast, _ = ours_library(
        strategies, turns=turns, repetitions=repetitions, noise=noise, seed=1, compiled="1"
    )
    both, _ = ours_library(
        strategies, turns=turns, repetitions=repetitions, noise=noise, seed=1, compiled="1", workers=2
    )
    process = ours_process(strategies, turns=turns, repetitions=repetitions, noise=noise, seed=1)
    one = ours_process(
        strategies, turns=turns, repetitions=repetitions, noise=noise, seed=1, options=("--workers", "1")
    )
    n = len(strategies)
    print(
        f"{label}: {n} players, {turns} turns, {repetitions} reps, noise {noise}\n"
        f"  axelrod play        {theirs:8.2f} s\n"
        f"  ours, play          {play:8.3f} s   {theirs / play:7.0f}x   (numpy engine, one core)\n"
        f"  ours, play compiled {fast:8.3f} s   {theirs / fast:7.0f}x   (compiled player, one core)\n"
        f"  ours, play comp. x2 {both:8.3f} s   {theirs / both:7.0f}x   (compiled player, workers=2: threads)\n"
        f"  ours, library call  {call:8.3f} s   {theirs / call:7.0f}x   (play and tables)\n"
        f"  ours, ipd run       {process:8.3f} s   {theirs / process:7.0f}x   (whole process, report included)\n"
        f"  ours, ipd run -w 1  {one:8.3f} s   {theirs / one:7.0f}x   (the same, play in one process)",
        flush=True,
    )


def _twin(axl, strategy):
    classes = {cls.name: cls for cls in axl.all_strategies}
    name, kwargs = axelrod_twin(strategy)
    return classes[name](**kwargs)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="40 strategies and 2 repetitions")
    parser.add_argument("--skip-twins", action="store_true", help="only Axelrod's first tournament")
    args = parser.parse_args()

    import axelrod as axl

    strategies = [
        player for player in (cls() for cls in strategy_classes()) if axelrod_name(player) is not None
    ]
    repetitions = 5
    if args.quick:
        strategies, repetitions = strategies[:40], 2
    if not args.skip_twins:
        compare("twins", axl, strategies, turns=200, repetitions=repetitions, noise=0.0)
        compare("twins, noisy", axl, strategies, turns=200, repetitions=repetitions, noise=0.05)
    compare("first tournament", axl, create_all(FIRST_TOURNAMENT), turns=200, repetitions=5, noise=0.0)


if __name__ == "__main__":
    main()
