"""The Ashlock fingerprint of Tit For Tat on axelrod's default grid, through axelrod and through
ours, in one run; print the ratio (the goal of issue 15: at least 100x).

axelrod's defaults: probe Tit For Tat, step 0.01 (101 x 101 = 10,201 probes), 50 turns, 10
repetitions: 102,010 matches, which axelrod plays as a spatial tournament (serial,
``processes=None``), writes to a file and reads back. Ours is the library call
:func:`tournament.analysis.fingerprint.ashlock` (probes, one plan, the engine, the means), timed
in this process after a warm-up on a small grid, and the whole ``ipd fingerprint --kind
ashlock`` process a user waits for (imports, play, CSV, PNG), best of three. Usage:

    python bench/bench_fingerprint.py                 # axelrod's default grid (minutes: axelrod)
    python bench/bench_fingerprint.py --step 0.05     # a coarser grid, for a quick look
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from tournament.analysis import fingerprint  # noqa: E402

IPD = str(Path(sys.executable).with_name("ipd"))


def ours_seconds(step: float, turns: int, repetitions: int) -> tuple[float, float]:
    """Best wall time of our library call over three runs, and its mean score."""
    fingerprint.ashlock("Tit For Tat", step=0.25, turns=turns, repetitions=2)  # warm-up
    best, mean = float("inf"), 0.0
    for seed in range(3):
        started = time.perf_counter()
        result = fingerprint.ashlock(
            "Tit For Tat", step=step, turns=turns, repetitions=repetitions, seed=seed
        )
        best = min(best, time.perf_counter() - started)
        mean = float(result.scores.mean())
    return best, mean


def process_seconds(step: float, turns: int, repetitions: int) -> float:
    """Best wall time of the whole ``ipd fingerprint`` process over three runs."""
    best = float("inf")
    with tempfile.TemporaryDirectory() as folder:
        for run in range(3):
            command = [IPD, "fingerprint", "Tit For Tat", "--kind", "ashlock", "--step", str(step)]
            command += ["--turns", str(turns), "--repetitions", str(repetitions), "--seed", str(run)]
            command += ["--out", os.path.join(folder, f"run{run}"), "--quiet"]
            started = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            best = min(best, time.perf_counter() - started)
    return best


def axelrod_seconds(step: float, turns: int, repetitions: int) -> tuple[float, float]:
    """Wall time of axelrod's ``AshlockFingerprint.fingerprint`` (import excluded), and its mean."""
    import axelrod as axl

    started = time.perf_counter()
    with contextlib.redirect_stderr(io.StringIO()):  # its tournament draws a progress bar anyway
        data = axl.AshlockFingerprint(axl.TitForTat, axl.TitForTat).fingerprint(
            turns=turns, repetitions=repetitions, step=step, progress_bar=False, seed=0
        )
    seconds = time.perf_counter() - started
    return seconds, sum(data.values()) / len(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--step", type=float, default=0.01, help="grid spacing (axelrod's default 0.01)")
    parser.add_argument("--turns", type=int, default=50)
    parser.add_argument("--repetitions", type=int, default=10)
    args = parser.parse_args()
    points = (int((1 / args.step) // 1) + 1) ** 2
    print(
        f"Ashlock fingerprint of Tit For Tat, probe Tit For Tat: {points:,} points, {args.turns} turns, "
        f"{args.repetitions} repetitions ({points * args.repetitions:,} matches)"
    )
    ours, our_mean = ours_seconds(args.step, args.turns, args.repetitions)
    print(f"  ours, library call:      {ours:8.2f} s   (mean score {our_mean:.4f})")
    whole = process_seconds(args.step, args.turns, args.repetitions)
    print(f"  ours, ipd fingerprint:   {whole:8.2f} s   (whole process: imports, play, CSV, PNG)")
    theirs, their_mean = axelrod_seconds(args.step, args.turns, args.repetitions)
    print(f"  axelrod:                 {theirs:8.2f} s   (mean score {their_mean:.4f})")
    print(
        f"  ratio axelrod / ours:    {theirs / ours:8.1f}x library call, {theirs / whole:.1f}x whole process"
    )


if __name__ == "__main__":
    main()
