"""What the report costs: the whole ``ipd run`` process with and without it, and its phases.

Prints measured figures only (no thresholds). Issue 12's targets: Axelrod's first tournament,
whole process with report, under 1 s; for ~175 players the report adds well under a second.
Wall time swings with the machine's load; CPU time (user + system) is the steadier figure.

    python bench/bench_report.py                 # Axelrod 1980, and all built-ins (classics.toml)
    python bench/bench_report.py --quick         # Axelrod 1980 only
    python bench/bench_report.py --png           # also time the PNG plots (ipd report --png)
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IPD = [sys.executable, "-c", "from tournament.cli.app import main; main()"]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def ipd(*args: str) -> tuple[float, float]:
    """Wall and CPU seconds of one ``ipd ARGS`` in a fresh interpreter."""
    started, cpu = time.perf_counter(), _children_cpu()
    subprocess.run([*IPD, *args], cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - started, _children_cpu() - cpu


def whole_process(config: str, runs: int) -> None:
    """``ipd run CONFIG -q`` with and without the report, alternated, ``runs`` times each."""
    times: dict[str, list[tuple[float, float]]] = {"with report": [], "--no-report": []}
    for _ in range(runs):
        for label, extra in (("with report", []), ("--no-report", ["--no-report"])):
            out = Path(tempfile.mkdtemp())
            times[label].append(ipd("run", config, "--out", str(out / "run"), "-q", *extra))
            shutil.rmtree(out)
    for k, kind in enumerate(("wall", "CPU")):
        best = {label: min(t[k] for t in runs_) for label, runs_ in times.items()}
        medians = ", ".join(f"{label} {statistics.median(t[k] for t in v):.2f}" for label, v in times.items())
        print(
            f"  ipd run, {kind} (best of {runs}): with report {best['with report']:.2f} s, --no-report "
            f"{best['--no-report']:.2f} s: the report adds {best['with report'] - best['--no-report']:+.2f} s "
            f"(medians: {medians})"
        )


def phases(folder: Path, png: bool) -> None:
    """Wall and CPU seconds of each phase of ``write_report`` on a stored run (nothing cached)."""
    from tournament.io.report.html import write_report
    from tournament.stats.summary import RunData, analyse

    marks = [("Reading the stored tables", time.perf_counter(), time.process_time())]
    analysis = analyse(RunData.from_folder(folder))
    target = Path(tempfile.mkdtemp())
    write_report(
        target,
        analysis,
        png=png,
        progress=lambda name: marks.append((name, time.perf_counter(), time.process_time())),
    )
    marks.append(("end", time.perf_counter(), time.process_time()))
    for (name, wall, cpu), (_, wall_end, cpu_end) in zip(marks, marks[1:]):
        print(f"  {name}: {wall_end - wall:.3f} s wall, {cpu_end - cpu:.3f} s CPU")
    print(f"  report.html: {(target / 'report.html').stat().st_size / 1e6:.2f} MB")
    shutil.rmtree(target)


def bench(config: str, runs: int, png: bool) -> None:
    print(f"== {config} (whole process: import, play, statistics, files)")
    whole_process(config, runs)
    stored = Path(tempfile.mkdtemp())
    ipd("run", config, "--out", str(stored / "run"), "-q", "--no-report")
    print("  phases of write_report, in process, from the stored run:")
    phases(stored / "run", png)
    shutil.rmtree(stored)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="Axelrod's first tournament only")
    parser.add_argument("--png", action="store_true", help="also draw the PNG plots with matplotlib")
    parser.add_argument("--runs", type=int, default=5, help="whole-process runs per figure")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    bench("configs/axelrod_1980.toml", args.runs, args.png)
    if not args.quick:
        bench("configs/classics.toml", max(1, args.runs // 2), args.png)


if __name__ == "__main__":
    main()
