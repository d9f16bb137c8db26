"""Time ``import tournament`` in fresh interpreters (the issue asks for well under a second)."""

from __future__ import annotations

import statistics
import subprocess
import sys

CODE = "import time; t = time.perf_counter(); import tournament, strategies; print(time.perf_counter() - t)"


def main(runs: int = 7) -> None:
    times = [
        float(subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True).stdout)
        for _ in range(runs)
    ]
    print(
        f"import tournament, strategies: median {statistics.median(times) * 1000:.0f} ms over {runs} runs (min {min(times) * 1000:.0f} ms)"
    )


if __name__ == "__main__":
    main()
