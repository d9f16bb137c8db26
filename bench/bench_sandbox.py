"""The sandbox's overhead: a tournament of 20 plain-Python submissions, sandboxed vs trusted.

Writes 20 small student-like files (copycats, grudgers, detectives, random ones, windows
over the history) into a temporary folder, loads them once sandboxed and once trusted,
plays the same round robin with each, checks the deterministic matches agree, and prints
the wall time, the cost per move (a move = one strategy's decision in one game) and the
overhead of the sandbox. Loading is not timed (it starts the workers, which then play):
the figures are the cost of play. Usage:

    python bench/bench_sandbox.py                 # 200 turns, 5 repetitions
    python bench/bench_sandbox.py --turns 50 --repetitions 2
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

BODIES = [
    'return them[-1] if them else "C"',
    'return "D" if "D" in them else "C"',
    'return "D" if them.count("D") > len(them) // 3 else "C"',
    'return "D" if them[-2:] == "DD" else "C"',
    'return "CDCC"[len(me)] if len(me) < 4 else (them[-1] if "D" in them[:4] else "D")',
    'return "C" if not me or me[-1] == them[-1] else "D"',
    'return "D" if them[-5:].count("D") >= 2 else "C"',
    'return "C" if len(me) % 3 else "D"',
    'return "D" if len(me) >= 190 else (them[-1] if them else "C")',
    'return "C" if them.count("C") >= them.count("D") else "D"',
]
TEMPLATE = """
from strategies import plain_strategy

@plain_strategy("Entry {k}")
def entry(me, them):
    {body}
"""
RANDOM = """
from strategies import Classifier, PlainStrategy

class Dice{k}(PlainStrategy):
    name = "Dice {k}"
    classifier = Classifier(stochastic=True)

    def play(self, me, them):
        if them and them[-1] == "D":
            return "D" if self.random() < 0.{k} else "C"
        return "C"
"""


def write_submissions(folder: Path) -> None:
    """Twenty files: ten deterministic bodies and ten stochastic ones."""
    for k, body in enumerate(BODIES):
        (folder / f"student{k:02d}.py").write_text(TEMPLATE.format(k=k, body=body))
        (folder / f"student{k + 10:02d}.py").write_text(RANDOM.format(k=k + 1))


def play(folder: Path, trusted: bool, turns: int, repetitions: int) -> tuple[float, int, object]:
    """Load the folder (sandboxed or trusted) and time one round robin."""
    from strategies.user.submissions import load_folder
    from tournament import TournamentSpec, run_tournament

    players = [p for r in load_folder(folder, trusted=trusted) for p in r.players]
    assert len(players) == 20
    spec = TournamentSpec.build(players, turns=turns, repetitions=repetitions, seed=1)
    started = time.perf_counter()
    results = run_tournament(spec)
    seconds = time.perf_counter() - started
    moves = 2 * int(results.counts["turns_played"])
    for player in players:
        getattr(player, "close", lambda: None)()
    return seconds, moves, results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=200)
    parser.add_argument("--repetitions", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_submissions(folder)
        play(folder, False, 5, 1)
        trusted, moves, trusted_results = play(folder, True, args.turns, args.repetitions)
        sandboxed, _, sandboxed_results = play(folder, False, args.turns, args.repetitions)
    deterministic = [f"student{k:02d}/Entry {k}" for k in range(10)]
    a, b = (r.matches for r in (trusted_results, sandboxed_results))
    rows = a.name_a.isin(deterministic) & a.name_b.isin(deterministic)
    same = (a[rows][["score_a", "score_b"]].to_numpy() == b[rows][["score_a", "score_b"]].to_numpy()).all()
    print(f"20 plain-Python submissions, {args.turns} turns, {args.repetitions} repetitions: {moves:,} moves")
    print(f"  trusted (in process): {trusted:7.2f} s  {trusted / moves * 1e6:6.2f} µs per move")
    print(f"  sandboxed (workers):  {sandboxed:7.2f} s  {sandboxed / moves * 1e6:6.2f} µs per move")
    print(f"  overhead: x{sandboxed / trusted:.2f}, +{(sandboxed - trusted) / moves * 1e6:.2f} µs per move")
    print(f"  deterministic matches identical: {bool(same)}")


if __name__ == "__main__":
    main()
