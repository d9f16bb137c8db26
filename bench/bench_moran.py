"""The same Moran process through axelrod's MoranProcess and through ours; print the ratio.

Workloads (issue 5), 10 players, 200-turn matches, birth-death, no self-interaction:
  * deterministic: 2 each of Tit For Tat, Defector, Cooperator, Grudger, Alternator, run to
    fixation (axelrod uses its deterministic cache; we play a type-vs-type table once);
  * noisy (0.05): the same players, every match re-played each generation, fixed generations;
  * batched: our fixation estimate, many runs of the deterministic process at once;
  * N = 10,000: ours only, time per generation and peak memory.

The noisy workload runs twice on our side: through the numpy engine and through the compiled
player (numba, warm cache; ``IPD_COMPILED=1``), which plays every turn of a batch whose players
all have compiled steps in one compiled loop, without a Python call per turn.

Times are per generation (one birth and one death, with the matches it needs), setup
included (axelrod fills its deterministic cache, we play the payoff table); "steps only"
leaves our one-off payoff table out. Our side is the best of :data:`RUNS` runs of the same
seeds, as bench_tournament takes the best of 3: one run of the noisy workload through the
compiled player takes ~40 ms, which a single pause of the machine can double (axelrod's run
of the same generations takes seconds). Usage:

    python bench/bench_moran.py            # a few seeds per workload
    python bench/bench_moran.py --quick
"""

from __future__ import annotations

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from strategies.registry import create_all  # noqa: E402
from tournament.evolution.fixation import estimate_fixation  # noqa: E402
from tournament.evolution.moran import MoranSettings, moran_payoffs, simulate  # noqa: E402
from tournament.evolution.population import Population  # noqa: E402
from tournament.settings import MatchSettings  # noqa: E402

PLAYERS = ["Tit For Tat", "Defector", "Cooperator", "Grudger", "Alternator"] * 2
RUNS = 5


def axelrod_per_generation(axl, twins, *, noise: float, seeds: range, generations: int | None) -> float:
    """Mean seconds per generation of axelrod's MoranProcess (to fixation, or ``generations``)."""
    total_time, total_generations = 0.0, 0
    for seed in seeds:
        process = axl.MoranProcess([twin() for twin in twins], turns=200, noise=noise, seed=seed)
        started = time.perf_counter()
        steps = 0
        try:
            while generations is None or steps < generations:
                next(process)
                steps += 1
        except StopIteration:
            pass
        total_time += time.perf_counter() - started
        total_generations += steps
    return total_time / max(total_generations, 1)


def best_per_generation(
    population, settings, *, seeds: range, generations: int | None
) -> tuple[float, float]:
    """:func:`ours_per_generation`, the best of :data:`RUNS` runs (each figure on its own)."""
    runs = [
        ours_per_generation(population, settings, seeds=seeds, generations=generations) for _ in range(RUNS)
    ]
    return min(run[0] for run in runs), min(run[1] for run in runs)


def ours_per_generation(
    population, settings, *, seeds: range, generations: int | None
) -> tuple[float, float]:
    """Mean seconds per generation of our Moran process: with its setup (payoff table when the
    matches are deterministic, else nothing), and of the steps alone."""
    moran = MoranSettings()
    setup_time, step_time, total_generations = 0.0, 0.0, 0
    for seed in seeds:
        started = time.perf_counter()
        payoffs, reproduction = moran_payoffs(population.types, settings, moran, population.size, seed=seed)
        ready = time.perf_counter()
        outcome = simulate(
            population.individuals(),
            payoffs,
            moran,
            reproduction,
            len(population.types),
            seed=seed,
            generations=generations,
            record=True,
        )
        finished = time.perf_counter()
        setup_time += ready - started
        step_time += finished - ready
        total_generations += int(outcome.generations[0])
    generations_done = max(total_generations, 1)
    return (setup_time + step_time) / generations_done, step_time / generations_done


def report(label: str, theirs: float, ours: float) -> None:
    print(
        f"{label:<44} axelrod {theirs * 1e3:8.3f} ms/gen   ours {ours * 1e3:8.4f} ms/gen   ratio {theirs / ours:8.1f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer seeds and generations")
    args = parser.parse_args()
    seeds = range(3) if args.quick else range(10)
    noisy_generations = 10 if args.quick else 40

    print("importing axelrod ...", flush=True)
    import axelrod as axl

    from tests.oracle import twin

    individuals = create_all(PLAYERS)
    twins = [lambda p=p: twin(p) for p in individuals]
    population = Population.from_players(individuals)
    ours_per_generation(population, MatchSettings(turns=200), seeds=range(1), generations=5)

    deterministic = axelrod_per_generation(axl, twins, noise=0.0, seeds=seeds, generations=None)
    ours, steps = best_per_generation(population, MatchSettings(turns=200), seeds=seeds, generations=None)
    report("deterministic, to fixation", deterministic, ours)
    report("deterministic, to fixation, steps only", deterministic, steps)

    theirs = axelrod_per_generation(axl, twins, noise=0.05, seeds=seeds[:2], generations=noisy_generations)
    noisy = MatchSettings(turns=200, noise=0.05)
    os.environ["IPD_COMPILED"] = "0"
    ours, _ = best_per_generation(population, noisy, seeds=seeds[:2], generations=noisy_generations)
    report("noise 0.05, matches re-played (numpy engine)", theirs, ours)
    os.environ["IPD_COMPILED"] = "1"
    ours_per_generation(population, noisy, seeds=range(1), generations=2)
    ours, _ = best_per_generation(population, noisy, seeds=seeds[:2], generations=noisy_generations)
    report("noise 0.05, matches re-played (compiled)", theirs, ours)
    del os.environ["IPD_COMPILED"]

    runs = 2000 if args.quick else 10000
    started = time.perf_counter()
    estimate = estimate_fixation(population, MatchSettings(turns=200), MoranSettings(), runs, seed=1)
    elapsed = time.perf_counter() - started
    report(f"deterministic, {runs} runs batched", deterministic, elapsed / (estimate.mean_generations * runs))
    big_population(quick=args.quick)


def big_population(*, quick: bool) -> None:
    """Ours only (axelrod plays N(N-1)/2 matches a generation): Moran with N = 10,000 individuals,
    complete graph, 200-turn matches; time per generation and the process's peak memory."""
    import resource

    size = 10_000
    population = Population.parse(
        f"Tit For Tat:{size // 2}, Defector:{size // 4}, Win-Stay Lose-Shift:{size // 4}"
    )
    generations = 500 if quick else 2000
    started = time.perf_counter()
    payoffs, reproduction = moran_payoffs(
        population.types, MatchSettings(turns=200), MoranSettings(), size, seed=1
    )
    simulate(
        population.individuals(), payoffs, MoranSettings(), reproduction, 3, seed=1, generations=generations
    )
    per_generation = (time.perf_counter() - started) / generations
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{'N = 10,000, complete graph (ours only)':<44} {per_generation * 1e3:8.3f} ms/gen, peak RSS {peak:.0f} MB"
    )


if __name__ == "__main__":
    main()
