"""Run the dynamics an :class:`Evolution` describes and return the population by generation.

Nothing is written here: :mod:`tournament.io.evolution_storage` saves a run's folder and
:mod:`tournament.io.report.evolution` describes it in words, HTML and a plot.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from tournament.core.record import failure_summary
from tournament.evolution import records
from tournament.evolution.culture import COLUMNS as CULTURE_COLUMNS
from tournament.evolution.culture import Culture, fixed_payoffs_error
from tournament.evolution.ecological import ecological_dynamics
from tournament.evolution.eliminate import run_eliminate
from tournament.evolution.failures import COLUMNS as FAILURE_COLUMNS
from tournament.evolution.failures import FailureLog, labels_of
from tournament.evolution.moran import MoranSettings, run_moran
from tournament.evolution.payoffs import tournament_payoff_matrix
from tournament.evolution.population import Population
from tournament.evolution.replicator import replicator_dynamics, rest_points
from tournament.evolution.settings import UPDATES
from tournament.evolution.stationary import Stationary, payoff_table, stationary_from_payoffs
from tournament.round_robin import run_tournament
from tournament.settings import MatchSettings
from tournament.spec import TournamentSpec

Progress = Callable[[int, np.ndarray], None]
"""Called with (generation, counts of each type) after each generation of a finite population."""


@dataclass(frozen=True)
class Evolution:
    """What evolves and how: the population, the dynamics with their parameters, the matches.

    ``repetitions`` is the payoff matrix's for the ecological, replicator and stationary
    dynamics; ``graph`` names the interaction graph (``moran`` carries the graph itself and
    the rule of the finite-population dynamics moran, fermi and wright-fisher). ``size`` is
    the population size N of the stationary dynamics (None: the population's), whose payoffs
    come from the Markov chain with ``exact_payoffs``.
    """

    name: str
    population: Population
    settings: MatchSettings
    seed: int
    dynamics: str = "moran"
    generations: int | None = None
    moran: MoranSettings = field(default_factory=MoranSettings)
    graph: str = "complete"
    eliminate: int = 5
    max_step: float = 0.01
    repetitions: int = 1
    size: int | None = None
    exact_payoffs: bool = False


@dataclass
class EvolutionResult:
    """The population by generation (long table), the outcome and how long it took."""

    evolution: Evolution
    population: pd.DataFrame
    outcome: dict[str, Any] = field(default_factory=dict)
    payoff_matrix: np.ndarray | None = None
    seconds: float = 0.0
    stationary: Stationary | None = None
    """The small-mutation limit (stationary dynamics only)."""
    failures: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(FAILURE_COLUMNS)))
    """Strategies that failed matches (player, problem, matches, forfeits); empty when none did."""
    carriers: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(CULTURE_COLUMNS)))
    """Learners that carry knowledge across generations: their matches and cooperation by
    generation (:mod:`~tournament.evolution.culture`); empty when none plays."""

    @property
    def names(self) -> list[str]:
        """Strategy labels in population order."""
        return self.evolution.population.names

    @property
    def initial(self) -> pd.DataFrame:
        """The first generation: strategy, count (NaN for share dynamics) and share."""
        return self._generation(self.population["generation"].min())

    @property
    def final(self) -> pd.DataFrame:
        """The last generation: strategy, count (NaN for share dynamics) and share."""
        return self._generation(self.population["generation"].max())

    def _generation(self, generation: Any) -> pd.DataFrame:
        return self.population[self.population["generation"] == generation].reset_index(drop=True)


def run_evolution(evolution: Evolution, progress: Progress | None = None) -> EvolutionResult:
    """Run the dynamics of ``evolution`` from its population."""
    started = time.perf_counter()
    population = evolution.population
    settings = evolution.settings
    seed = evolution.seed
    names = population.names
    outcome: dict[str, Any] = {}
    matrix = None
    stationary = None
    log = FailureLog(labels_of(population.types))
    failures = None
    culture = Culture.of(population.types, settings.game)
    if culture is not None and evolution.dynamics not in UPDATES + ("eliminate",):
        raise fixed_payoffs_error(population.types, f"the {evolution.dynamics} dynamics")
    if evolution.dynamics in UPDATES:
        result = run_moran(
            population,
            settings,
            evolution.moran,
            generations=evolution.generations,
            seed=seed,
            progress=progress,
            failures=log,
            culture=culture,
        )
        table = records.population_table(np.array(result.history), names)
        fixed = int(result.fixed_type[0])
        outcome = {"fixated": fixed >= 0, "winner": names[fixed] if fixed >= 0 else None}
        outcome["generations"] = int(result.generations[0])
        outcome.update(_leader(result.history[-1], names))
    elif evolution.dynamics == "eliminate":
        history = run_eliminate(
            population,
            settings,
            evolution.eliminate,
            evolution.generations,
            seed=seed,
            progress=progress,
            mutation=evolution.moran.mutation,
            mutation_matrix=evolution.moran.mutation_matrix,
            failures=log,
            culture=culture,
        )
        table = records.population_table(history, names)
        outcome = _leader(history[-1], names)
    elif evolution.dynamics == "stationary":
        stationary = run_stationary(evolution)
        matrix = stationary.payoffs
        table = records.population_table(stationary.distribution[None, :], names, counts=False)
        outcome = _leader(stationary.distribution, names)
        outcome["stationary"] = dict(zip(names, stationary.distribution.tolist()))
    else:
        spec = TournamentSpec(population.types, settings, evolution.repetitions, seed, evolution.name)
        matches = run_tournament(spec).matches
        matrix = tournament_payoff_matrix(matches, len(population.types))
        failures = failure_summary(matches)[list(FAILURE_COLUMNS)]
        if evolution.dynamics == "ecological":
            shares = ecological_dynamics(matrix, population.shares, evolution.generations)
            table = records.population_table(shares, names, counts=False)
        else:
            times = np.arange(evolution.generations + 1, dtype=np.float64)
            shares = replicator_dynamics(
                matrix,
                population.shares,
                times,
                mutation=evolution.moran.mutation,
                max_step=evolution.max_step,
                mutation_matrix=evolution.moran.mutation_matrix,
            )
            table = records.population_table(shares, names, counts=False)
            if len(names) == 2:
                outcome["rest_points"] = [
                    {"share_of_" + names[0]: p.x, "stability": p.stability} for p in rest_points(matrix)
                ]
        outcome.update(_leader(shares[-1], names))
    seconds = time.perf_counter() - started
    failures = log.table() if failures is None else failures
    result = EvolutionResult(evolution, table, outcome, matrix, seconds, stationary, failures)
    if culture is not None:
        result.carriers = culture.table()
    return result


def run_stationary(evolution: Evolution) -> Stationary:
    """The small-mutation limit over the strategies of ``evolution`` (see
    :mod:`~tournament.evolution.stationary`): ``moran.update`` picks the process."""
    moran = evolution.moran
    types = evolution.population.types
    payoffs = payoff_table(
        types,
        evolution.settings,
        exact=evolution.exact_payoffs,
        repetitions=evolution.repetitions,
        seed=evolution.seed,
    )
    return stationary_from_payoffs(
        evolution.population.names,
        payoffs,
        evolution.size or evolution.population.size,
        exact_payoffs=evolution.exact_payoffs,
        process=moran.update,
        beta=moran.beta,
        mode=moran.mode,
        intensity=moran.intensity,
        self_interaction=moran.self_interaction,
        average=moran.average,
    )


def _leader(values: np.ndarray, names: Sequence[str]) -> dict[str, Any]:
    values = np.asarray(values, dtype=np.float64)
    best = int(np.argmax(values))
    return {"leader": names[best], "leader_share": float(values[best] / values.sum())}
