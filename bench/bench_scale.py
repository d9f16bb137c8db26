"""The whole ``ipd run`` process on 10^8 game-turns: wall time and peak memory, serial and with
``--workers 2``, and whether both give the same tables.

"Serial" is one core all the way: ``--workers 1`` and ``IPD_SIDE_BY_SIDE=0`` (otherwise the
results folder is written by two processes side by side even with one worker); ``--workers 2``
runs as a user runs it.

Workload (issue 12): every built-in strategy (179 players today), 200 turns, 30 repetitions:
483,300 matches, 96.7 million game-turns (``configs/classics.toml -r 30``). Without noise deterministic
pairs share one game over the repetitions; ``--noise 0.05`` plays every game. Each run is a
fresh ``ipd run ... --no-report -q`` process (import, play, records, statistics, files). Peak
memory is the largest sum over the process and its workers, sampled every 20 ms: proportional
set size (PSS: pages shared by forked workers counted once) and resident set size (RSS, shared
pages counted in every process). CPU seconds (the process and its workers) are printed too:
on a busy machine they say more than the wall time. The ceiling printed last is the best
speed-up those CPU seconds allow on the machine's cores, however well they are packed. Usage:

    python bench/bench_scale.py                   # serial vs --workers 2, best of 3 each
    python bench/bench_scale.py --noise 0.05      # every game played
    python bench/bench_scale.py --repetitions 5 --runs 1   # a quick look
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOALS = {"seconds with 2 workers": 15.0, "peak GB": 1.0, "speed-up": 1.7}


def descendants(pid: int) -> set[int]:
    """``pid`` and every process below it (Linux /proc)."""
    found = {pid}
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child in children:
            found |= descendants(int(child))
    return found


def memory_kb(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of one process in kB; (0, 0) once it is gone."""
    pss = rss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1])
            elif line.startswith("Rss:"):
                rss = int(line.split()[1])
    except (OSError, ValueError):
        pass
    return pss, rss


class Sampler(threading.Thread):
    """Samples the memory of a process tree until stopped; keeps the peaks of the sums."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_pss, self.peak_rss, self.running = pid, 0, 0, True

    def run(self) -> None:
        while self.running:
            figures = [memory_kb(p) for p in descendants(self.pid)]
            self.peak_pss = max(self.peak_pss, sum(f[0] for f in figures))
            self.peak_rss = max(self.peak_rss, sum(f[1] for f in figures))
            time.sleep(0.02)


def run_once(args: list[str], out: Path, env: dict[str, str] | None = None) -> dict[str, float]:
    """One ``ipd run`` process (``env`` added to the environment): wall seconds, peak PSS and RSS
    (GB), and its own timings."""
    command = [str(Path(sys.executable).with_name("ipd")), "run", *args, "--out", str(out)]
    cpu_before = _children_cpu()
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )
    sampler = Sampler(process.pid)
    sampler.start()
    _, err = process.communicate()
    wall = time.perf_counter() - started
    sampler.running = False
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{err}")
    timings = json.loads((out / "manifest.json").read_text())["timings"]
    return {
        "wall": wall,
        "cpu": _children_cpu() - cpu_before,
        "play": timings["play_seconds"],
        "pss": sampler.peak_pss / 2**20,
        "rss": sampler.peak_rss / 2**20,
    }


def _children_cpu() -> float:
    """CPU seconds of every finished child process (and the workers they waited for)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def same_tables(one: Path, two: Path) -> bool:
    import pandas as pd

    if not pd.read_parquet(one / "matches.parquet").equals(pd.read_parquet(two / "matches.parquet")):
        return False
    names = (
        "players.csv",
        "cooperation_by_turn.csv",
        "statistics/scores.csv",
        "statistics/payoff_matrix.csv",
    )
    return all((one / n).read_bytes() == (two / n).read_bytes() for n in names)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repetitions", type=int, default=30)
    parser.add_argument("--noise", type=float, default=0.0)
    parser.add_argument("--runs", type=int, default=3, help="runs of each; the best is kept")
    options = parser.parse_args()
    base = ["configs/classics.toml", "-r", str(options.repetitions), "--noise", str(options.noise)]
    base += ["--seed", "1", "--no-report", "-q"]
    sys.path.insert(0, str(ROOT))
    from tournament.io.config import load_config

    n = len(load_config(ROOT / "configs" / "classics.toml").spec.players)
    turns = n * (n + 1) // 2 * options.repetitions * 200
    print(
        f"{n} players, 200 turns, {options.repetitions} repetitions, noise {options.noise}: {turns:,} game-turns"
    )
    best: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for attempt in range(options.runs):
            for workers in (1, 2):
                out = Path(folder) / f"w{workers}-{attempt}"
                one_core = {"IPD_SIDE_BY_SIDE": "0"} if workers == 1 else {}
                figures = run_once([*base, "--workers", str(workers)], out, one_core)
                print(
                    f"  --workers {workers}: {figures['wall']:.2f} s wall ({figures['play']:.2f} s play, "
                    f"{figures['cpu']:.2f} s CPU), "
                    f"peak {figures['pss']:.2f} GB PSS / {figures['rss']:.2f} GB RSS",
                    flush=True,
                )
                if workers not in best or figures["wall"] < best[workers]["wall"]:
                    best[workers] = figures
        identical = same_tables(Path(folder) / "w1-0", Path(folder) / "w2-0")
    serial, parallel = best[1], best[2]
    print(
        f"best serial:     {serial['wall']:.2f} s wall, {serial['play']:.2f} s play, peak {serial['pss']:.2f} GB"
    )
    print(
        f"best --workers 2: {parallel['wall']:.2f} s wall, {parallel['play']:.2f} s play, peak {parallel['pss']:.2f} GB"
    )
    print(
        f"speed-up of --workers 2: {serial['wall'] / parallel['wall']:.2f}x whole process, "
        f"{serial['play'] / parallel['play']:.2f}x play (goal {GOALS['speed-up']}x)"
    )
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    packed = parallel["cpu"] / min(cores, 2)
    print(
        f"ceiling: the --workers 2 run's {parallel['cpu']:.2f} CPU seconds, packed perfectly on "
        f"{min(cores, 2)} cores, take {packed:.2f} s: at most {serial['wall'] / packed:.2f}x "
        "(start-up, which runs on one core, left out)"
    )
    print(
        f"goals: under {GOALS['seconds with 2 workers']:.0f} s with 2 workers "
        f"({'met' if parallel['wall'] < GOALS['seconds with 2 workers'] else 'NOT met'}), peak under "
        f"{GOALS['peak GB']:.0f} GB ({'met' if max(serial['pss'], parallel['pss']) < GOALS['peak GB'] else 'NOT met'}); "
        f"identical tables serial and parallel: {'yes' if identical else 'NO'}"
    )


if __name__ == "__main__":
    main()
