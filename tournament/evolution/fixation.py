"""Fixation probabilities: estimated from many Moran runs, and exact for two types.

The estimate runs every process at once (rows of one state array; their matches in one
engine batch per generation), optionally split over worker processes; each run's draws
are keyed by its index, so the estimate does not depend on the split. The exact value
for two types on the complete graph is the birth-death chain formula of Nowak, Sasaki,
Taylor & Fudenberg (2004, Nature 428:646): with ``i`` individuals of type A, fitnesses
``f_i`` (A) and ``g_i`` (B) and ``gamma_i = T-(i) / T+(i)``,

    rho(i0) = (1 + sum_{k<i0} prod_{j<=k} gamma_j) / (1 + sum_{k<N} prod_{j<=k} gamma_j),

where ``gamma_i = g_i / f_i`` for birth-death. Payoffs follow :mod:`moran`: the sum over
partners of the per-turn payoff (or its mean, with ``average``), with or without the
match against oneself.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from tournament.errors import EvolutionError
from tournament.evolution.culture import fixed_payoffs_error
from tournament.evolution.moran import MoranSettings, moran_payoffs, simulate
from tournament.evolution.payoffs import is_deterministic, type_table
from tournament.evolution.population import Population
from tournament.settings import MatchSettings

Z_95 = 1.959963984540054


def wilson_interval(successes: int, trials: int, z: float = Z_95) -> tuple[float, float]:
    """Wilson score interval for a binomial proportion (95% by default)."""
    if trials < 1:
        raise EvolutionError("a confidence interval needs at least one run")
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials))
    return max(0.0, centre - half), min(1.0, centre + half)


def two_type_fitness(
    payoffs: np.ndarray,
    size: int,
    *,
    self_interaction: bool = False,
    average: bool = False,
    intensity: float | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Fitness ``f_i`` of A and ``g_i`` of B with ``i = 1 .. N-1`` A's on the complete graph.

    ``payoffs[..., x, y]`` is the payoff of type x against type y in one match (A = 0, B = 1);
    leading axes are pairs handled at once (the results then have shape (..., N - 1)).
    """
    table = np.asarray(payoffs, dtype=np.float64)
    a, b, c, d = (table[..., x, y, None] for x, y in ((0, 0), (0, 1), (1, 0), (1, 1)))
    i = np.arange(1, size, dtype=np.float64)
    own = 0 if self_interaction else 1
    pi_a = a * (i - own) + b * (size - i)
    pi_b = c * i + d * (size - i - own)
    if average:
        partners = size - own
        pi_a, pi_b = pi_a / partners, pi_b / partners
    if intensity is not None:
        pi_a, pi_b = 1 - intensity + intensity * pi_a, 1 - intensity + intensity * pi_b
    return pi_a, pi_b


def fixation_from_fitness(f: np.ndarray, g: np.ndarray, start: int = 1, mode: str = "bd") -> float:
    """Probability that ``start`` A's take over, given ``f_i``, ``g_i`` for i = 1 .. N-1.

    Birth-death: ``gamma_i = g_i / f_i``. Death-birth on the complete graph (fitness
    before the death, the dead excluded from the competition):
    ``gamma_i = g_i (i f_i + (N-i-1) g_i) / (f_i ((i-1) f_i + (N-i) g_i))``.
    """
    f = np.asarray(f, dtype=np.float64)
    g = np.asarray(g, dtype=np.float64)
    size = f.size + 1
    if not 0 <= start <= size:
        raise EvolutionError(f"start must be from 0 to {size}, got {start}")
    terms = np.concatenate(([1.0], np.cumprod(moran_gamma(f, g, mode))))
    return float(terms[:start].sum() / terms.sum())


def moran_gamma(f: np.ndarray, g: np.ndarray, mode: str = "bd") -> np.ndarray:
    """``gamma_i = T-(i) / T+(i)`` of the Moran process from the fitness ``f_i`` of A and ``g_i``
    of B, ``i = 1 .. N-1`` along the last axis (see :func:`fixation_from_fitness`)."""
    if (f <= 0).any() or (g <= 0).any():
        raise EvolutionError("the exact formula needs positive fitness; use a selection intensity w")
    if mode == "bd":
        return g / f
    if mode == "db":
        size = f.shape[-1] + 1
        i = np.arange(1, size, dtype=np.float64)
        return g * (i * f + (size - i - 1) * g) / (f * ((i - 1) * f + (size - i) * g))
    raise EvolutionError(f"mode must be 'bd' or 'db', got {mode!r}")


def exact_fixation(
    payoffs: np.ndarray,
    size: int,
    start: int = 1,
    *,
    mode: str = "bd",
    self_interaction: bool = False,
    average: bool = False,
    intensity: float | None = None,
) -> float:
    """Exact probability that ``start`` A's take over N = ``size`` (two types, complete graph)."""
    if size < 2:
        raise EvolutionError(f"the population needs at least 2 individuals, got {size}")
    f, g = two_type_fitness(
        payoffs, size, self_interaction=self_interaction, average=average, intensity=intensity
    )
    return fixation_from_fitness(f, g, start, mode)


@dataclass(frozen=True)
class FixationEstimate:
    """How often type ``target`` took over in ``runs`` Moran processes."""

    target: int
    successes: int
    runs: int
    mean_generations: float
    unfinished: int

    @property
    def probability(self) -> float:
        """The estimated fixation probability."""
        return self.successes / self.runs

    @property
    def interval(self) -> tuple[float, float]:
        """95% Wilson confidence interval."""
        return wilson_interval(self.successes, self.runs)

    def z_score(self, exact: float) -> float:
        """Distance of the estimate from ``exact`` in binomial standard errors."""
        spread = math.sqrt(max(exact * (1 - exact), 1e-12) / self.runs)
        return (self.probability - exact) / spread


def estimate_fixation(
    population: Population,
    settings: MatchSettings,
    moran: MoranSettings,
    runs: int,
    *,
    target: int = 0,
    seed: int = 0,
    replay: bool | None = None,
    workers: int = 1,
) -> FixationEstimate:
    """Run ``runs`` Moran processes from ``population`` to fixation; count wins of ``target``."""
    if isinstance(runs, bool) or not isinstance(runs, int) or runs < 1:
        raise EvolutionError(f"runs must be a whole number >= 1, got {runs!r}")
    if moran.mutation > 0:
        raise EvolutionError("fixation needs mutation rate 0 (with mutation nothing stays fixed)")
    error = fixed_payoffs_error(population.types, "a fixation estimate (many runs played together)")
    if error is not None:
        raise error
    chunks = np.array_split(np.arange(runs), max(1, min(workers, runs)))
    if workers > 1 and len(chunks) > 1:
        from joblib import Parallel, delayed

        parts = Parallel(n_jobs=workers, backend="loky")(
            delayed(_run_chunk)(population, settings, moran, chunk, seed, replay) for chunk in chunks
        )
    else:
        parts = [_run_chunk(population, settings, moran, chunk, seed, replay) for chunk in chunks]
    fixed = np.concatenate([p[0] for p in parts])
    generations = np.concatenate([p[1] for p in parts])
    return FixationEstimate(
        target=target,
        successes=int((fixed == target).sum()),
        runs=runs,
        mean_generations=float(generations.mean()),
        unfinished=int((fixed < 0).sum()),
    )


def _run_chunk(
    population: Population,
    settings: MatchSettings,
    moran: MoranSettings,
    runs: np.ndarray,
    seed: int,
    replay: bool | None,
) -> tuple[np.ndarray, np.ndarray]:
    payoffs, reproduction = moran_payoffs(
        population.types, settings, moran, population.size, seed=seed, replay=replay
    )
    states = np.tile(population.individuals(), (runs.size, 1))
    outcome = simulate(states, payoffs, moran, reproduction, len(population.types), seed=seed, runs=runs)
    return outcome.fixed_type, outcome.generations


@dataclass(frozen=True)
class FixationRow:
    """One invasion: ``start`` mutants of ``mutant`` in a population of ``resident``."""

    mutant: str
    resident: str
    start: int
    size: int
    estimate: FixationEstimate
    exact: float | None
    exact_is_approximate: bool

    @property
    def neutral(self) -> float:
        """The fixation probability under neutral drift, start / N."""
        return self.start / self.size


def fixation_analysis(
    a: str,
    b: str,
    size: int,
    runs: int,
    settings: MatchSettings,
    moran: MoranSettings,
    *,
    start: int = 1,
    seed: int = 0,
    workers: int = 1,
    payoff_repetitions: int = 200,
) -> tuple[list[FixationRow], np.ndarray]:
    """Both invasions of a two-type population (A into B, B into A): estimates and exact values.

    Returns the rows and the 2x2 table of mean per-turn payoffs used by the exact formula
    (exact when the matches are deterministic; otherwise the mean of
    ``payoff_repetitions`` matches, and the formula is only an approximation).
    """
    if isinstance(size, bool) or not isinstance(size, int) or size < 2:
        raise EvolutionError(f"size must be a whole number >= 2, got {size!r}")
    if isinstance(start, bool) or not isinstance(start, int) or not 1 <= start < size:
        raise EvolutionError(f"start must be a whole number from 1 to {size - 1}, got {start!r}")
    pair = Population.from_counts([(a, 1), (b, 1)])
    if len(pair.types) != 2:
        raise EvolutionError(f"{a!r} and {b!r} are the same strategy: give two different ones")
    deterministic = is_deterministic(pair.types, settings)
    repetitions = 1 if deterministic else payoff_repetitions
    table = type_table(pair.types, settings, seed, repetitions=repetitions, per_turn=True)
    complete = moran.interaction_graph is None and moran.reproduction_graph is None
    rows = []
    for mutant, resident in ((0, 1), (1, 0)):
        counts = [0, 0]
        counts[mutant], counts[resident] = start, size - start
        population = Population(pair.types, tuple(counts))
        estimate = estimate_fixation(
            population, settings, moran, runs, target=mutant, seed=seed, workers=workers
        )
        exact = None
        if complete:
            order = [mutant, resident]
            try:
                exact = exact_fixation(
                    table[np.ix_(order, order)],
                    size,
                    start,
                    mode=moran.mode,
                    self_interaction=moran.self_interaction,
                    average=moran.average,
                    intensity=moran.intensity,
                )
            except EvolutionError:
                exact = None
        rows.append(
            FixationRow(
                pair.names[mutant], pair.names[resident], start, size, estimate, exact, not deterministic
            )
        )
    return rows, table
