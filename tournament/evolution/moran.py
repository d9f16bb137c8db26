"""The Moran process on a finite population, for one run or many at once (and the other
finite-population updates: Fermi imitation, Wright-Fisher).

Each generation every individual plays its neighbours in the interaction graph (see
:class:`~tournament.evolution.payoffs.InteractionPayoffs`); fitness is the payoff, or
``1 - w + w * payoff`` with selection intensity ``w``. Then one individual is replaced:

* birth-death (``"bd"``, axelrod's default): a parent is drawn with probability
  proportional to fitness from the whole population; its offspring replaces a uniformly
  drawn neighbour of the parent in the reproduction graph. By default that graph is the
  interaction graph plus loops, so on the complete graph death is uniform over the whole
  population, parent included (axelrod's MoranProcess);
* death-birth (``"db"``): a uniformly drawn individual dies; its neighbours in the
  reproduction graph (itself excluded) compete for the place with probability
  proportional to fitness (computed before the death). axelrod's death-birth differs: it
  leaves the dead individual out of that generation's matches and lets the whole
  population compete.

With probability ``mutation`` the offspring takes a uniformly drawn other type of the
population definition, or it mutates by a mutation matrix (:mod:`~tournament.evolution.mutation`).
The same loop (:func:`simulate`) runs the other update rules of :class:`MoranSettings`:
``"fermi"`` (one learner imitates a neighbour, :mod:`~tournament.evolution.imitation`) and
``"wright-fisher"`` (the whole population is replaced, :mod:`~tournament.evolution.wright_fisher`).
Every random draw is keyed by (seed, run, generation), so a run reproduces exactly whatever
other runs it is batched with.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from strategies.base import Strategy
from tournament.core import rng
from tournament.errors import EvolutionError, FitnessError
from tournament.evolution.culture import Culture
from tournament.evolution.failures import FailureLog
from tournament.evolution.graphs import Graph, complete_graph
from tournament.evolution.imitation import imitation_step
from tournament.evolution.mutation import check_matrix, mutate, mutates
from tournament.evolution.payoffs import InteractionPayoffs
from tournament.evolution.population import Population
from tournament.evolution.settings import UPDATES, checked
from tournament.evolution.wright_fisher import wright_fisher_step
from tournament.settings import MatchSettings

MORAN_STREAM = 0x4D4F5241
"""Stream constant for the Moran process's selection, death and mutation draws."""

Payoffs = Callable[[np.ndarray, np.ndarray, int], np.ndarray]
"""``payoffs(states, runs, generation)`` -> payoff of every individual, shape of ``states``."""
Progress = Callable[[int, np.ndarray], None]
"""Called with (generation, counts of each type) after every generation of a single run."""


@dataclass(frozen=True)
class MoranSettings:
    """How individuals are selected, replaced and mutated (see the module docstring).

    ``update`` is the rule: ``"moran"`` (with ``mode``), ``"fermi"`` (imitation with
    selection intensity ``beta``; fitness is always the mean payoff over partners) or
    ``"wright-fisher"``. ``intensity`` None means fitness = payoff; a number ``w`` in [0, 1]
    means ``1 - w + w * payoff``. ``average`` divides an individual's summed payoff by its
    number of partners. ``mutation`` is the atomic rate, ``mutation_matrix`` (rows of
    probabilities) the alternative. ``approximate`` > 0 draws re-played matches from that many
    outcomes per pair of types played once (axelrod's ``ApproximateMoranProcess``). ``reproduction_graph`` None means the default for the
    mode (for ``"fermi"``: who may be a learner's model, the interaction graph).
    """

    mode: str = "bd"
    intensity: float | None = None
    mutation: float = 0.0
    self_interaction: bool = False
    average: bool = False
    interaction_graph: Graph | None = None
    reproduction_graph: Graph | None = None
    max_generations: int = 1_000_000
    update: str = "moran"
    beta: float = 1.0
    mutation_matrix: tuple[tuple[float, ...], ...] | None = None
    approximate: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "mode", checked("mode", self.mode))
        object.__setattr__(self, "intensity", checked("intensity", self.intensity, "selection intensity"))
        object.__setattr__(self, "mutation", checked("mutation", self.mutation, "mutation rate"))
        object.__setattr__(self, "max_generations", checked("max_generations", self.max_generations))
        object.__setattr__(self, "beta", checked("beta", self.beta, "selection intensity beta"))
        object.__setattr__(self, "approximate", checked("approximate", self.approximate, "approximate"))
        if self.update not in UPDATES:
            raise EvolutionError(f"update must be one of {', '.join(UPDATES)}, got {self.update!r}")
        if self.mutation_matrix is not None:
            matrix = checked("mutation_matrix", self.mutation_matrix, "mutation matrix")
            object.__setattr__(self, "mutation_matrix", matrix)
            if self.mutation > 0:
                raise EvolutionError("give a mutation rate or a mutation matrix, not both")

    @property
    def averaged(self) -> bool:
        """Whether payoffs are means over partners (always for Fermi imitation)."""
        return self.average or self.update == "fermi"

    def matrix(self, n_types: int) -> np.ndarray | None:
        """The mutation matrix checked against ``n_types`` types (None: atomic mutation)."""
        return None if self.mutation_matrix is None else check_matrix(self.mutation_matrix, n_types)

    def mutates(self, n_types: int) -> bool:
        """Whether an offspring can ever change type (then nothing stays fixed)."""
        return n_types > 1 and mutates(self.mutation, self.matrix(n_types))

    def graphs(self, size: int) -> tuple[Graph, Graph]:
        """The checked interaction and reproduction graphs for ``size`` individuals."""
        if size < 2:
            raise EvolutionError(f"a Moran process needs at least 2 individuals, got {size}")
        interaction = self.interaction_graph or complete_graph(size)
        interaction.check(size)
        reproduction = self.reproduction_graph
        if reproduction is None:
            bd = self.update == "moran" and self.mode == "bd"
            reproduction = interaction.with_loops() if bd else interaction.without_loops()
        reproduction.check(size)
        return interaction, reproduction

    def fitness(self, payoffs: np.ndarray) -> np.ndarray:
        """Fitness from payoffs: the payoffs themselves, or ``1 - w + w * payoffs``."""
        if self.intensity is None:
            return payoffs
        return 1.0 - self.intensity + self.intensity * payoffs


@dataclass
class MoranOutcome:
    """End of a batch of runs: final populations, the fixated type (-1: none) and when."""

    states: np.ndarray
    fixed_type: np.ndarray
    generations: np.ndarray
    history: list[np.ndarray] = field(default_factory=list)
    """Counts of each type per generation (only for a single recorded run)."""


def select(weights: np.ndarray, candidates: np.ndarray | None, u: np.ndarray) -> np.ndarray:
    """One index per row drawn proportionally to ``weights`` among ``candidates`` (None: all).

    Rows whose candidates all have zero weight draw uniformly among the candidates.
    Raises :class:`FitnessError` when a candidate's weight is negative.
    """
    w = np.asarray(weights, dtype=np.float64) if candidates is None else np.where(candidates, weights, 0.0)
    cumulative = np.cumsum(w, axis=1)
    total = cumulative[:, -1]
    if not (total > 0).all() or w.min() < 0:
        if (w < 0).any():
            raise FitnessError(
                f"fitness must be >= 0 for proportional selection, got {w.min():g}; "
                "use a selection intensity w (fitness 1 - w + w * payoff) small enough, or a game "
                "with non-negative payoffs"
            )
        flat = total <= 0
        w = w.copy()
        w[flat] = True if candidates is None else candidates[flat]
        cumulative = np.cumsum(w, axis=1)
        total = cumulative[:, -1]
    index = (cumulative <= (u * total)[:, None]).sum(axis=1)
    rows = np.arange(w.shape[0])
    index = np.minimum(index, w.shape[1] - 1)
    stuck = w[rows, index] <= 0
    if stuck.any():
        last = w.shape[1] - 1 - np.argmax(w[:, ::-1] > 0, axis=1)
        index = np.where(stuck, last, index)
    return index


def uniforms(keys: np.ndarray, generation: int, draws: int) -> np.ndarray:
    """``rng.uniform(keys, generation, d)`` for d < ``draws``, as columns, in one pass."""
    draw = np.arange(draws, dtype=np.uint64) ^ np.uint64(rng.COUNTER_SALT)
    counters = rng.mix(np.uint64(generation << rng.TURN_SHIFT) ^ draw)
    return (rng.mix(keys[:, None] ^ counters[None, :]) >> rng.S11).astype(np.float64) * rng.TO_UNIT


def neighbours_of(graph: Graph, vertices: np.ndarray) -> np.ndarray:
    """Boolean rows (one per vertex): the vertex's neighbours in ``graph``, the vertex excluded."""
    rows = np.arange(vertices.size)
    if graph.complete:
        mask = np.ones((vertices.size, graph.size), dtype=bool)
    else:
        mask = np.zeros((vertices.size, graph.size), dtype=bool)
        degree = graph.degree[vertices]
        starts = graph.indptr[vertices]
        offsets = np.arange(int(degree.sum())) - np.repeat(np.cumsum(degree) - degree, degree)
        mask[np.repeat(rows, degree), graph.indices[np.repeat(starts, degree) + offsets]] = True
    mask[rows, vertices] = False
    return mask


def moran_step(
    states: np.ndarray,
    fitness: np.ndarray,
    u: np.ndarray,
    *,
    mode: str,
    reproduction: Graph,
    mutation: float,
    n_types: int,
    matrix: np.ndarray | None = None,
) -> np.ndarray:
    """One replacement in every row of ``states`` (runs, individuals); returns new states.

    ``u`` holds four uniform draws per row: selection, death, mutation, mutant type.
    """
    rows = np.arange(states.shape[0])
    n = states.shape[1]
    if mode == "bd":
        parent = select(fitness, None, u[:, 0])
        degree = reproduction.degree[parent]
        slot = np.minimum((u[:, 1] * degree).astype(np.int64), degree - 1)
        dead = reproduction.neighbour(parent, slot)
    else:
        dead = np.minimum((u[:, 0] * n).astype(np.int64), n - 1)
        parent = select(fitness, neighbours_of(reproduction, dead), u[:, 1])
    offspring = mutate(states[rows, parent], u[:, 2], u[:, 3], n_types, mutation, matrix)
    new = states.copy()
    new[rows, dead] = offspring
    return new


def simulate(
    states: np.ndarray,
    payoffs: Payoffs,
    settings: MoranSettings,
    reproduction: Graph,
    n_types: int,
    *,
    seed: int = 0,
    runs: np.ndarray | None = None,
    generations: int | None = None,
    record: bool = False,
    progress: Progress | None = None,
) -> MoranOutcome:
    """Run every row of ``states`` for ``generations`` steps, or until fixation when None.

    A row stops when one type holds every place (without mutation). ``runs`` names the
    rows' random streams (default 0, 1, ...). ``record`` keeps the counts of each type per
    generation of the first row (used for single runs). ``settings.update`` picks the rule.
    """
    states = np.array(states, dtype=np.int64, ndmin=2)
    n_runs = states.shape[0]
    runs = np.arange(n_runs) if runs is None else np.asarray(runs)
    matrix = settings.matrix(n_types)
    mutating = settings.mutates(n_types)
    if generations is None and mutating:
        raise EvolutionError("with mutation the population never fixates: give a number of generations")
    limit = settings.max_generations if generations is None else generations
    stop_on_fixation = not mutating
    keys = rng.combine(seed, MORAN_STREAM, runs.astype(np.uint64))
    fixed_type = np.full(n_runs, -1, dtype=np.int64)
    ended = np.zeros(n_runs, dtype=np.int64)
    if stop_on_fixation:
        fixated = (states == states[:, :1]).all(axis=1)
        fixed_type[fixated] = states[fixated, 0]
        active = np.flatnonzero(~fixated)
    else:
        active = np.arange(n_runs)
    history = [np.bincount(states[0], minlength=n_types)] if record else []
    generation = 0
    while active.size and generation < limit:
        current = states[active]
        fitness = settings.fitness(payoffs(current, runs[active], generation))
        current = step(current, fitness, keys[active], generation, settings, reproduction, n_types, matrix)
        states[active] = current
        generation += 1
        if record:
            history.append(np.bincount(states[0], minlength=n_types))
            if progress is not None:
                progress(generation, history[-1])
        if stop_on_fixation:
            done = (current == current[:, :1]).all(axis=1)
            fixed_type[active[done]] = current[done, 0]
            ended[active[done]] = generation
            active = active[~done]
    ended[active] = generation
    return MoranOutcome(states, fixed_type, ended, history)


def step(
    states: np.ndarray,
    fitness: np.ndarray,
    keys: np.ndarray,
    generation: int,
    settings: MoranSettings,
    reproduction: Graph,
    n_types: int,
    matrix: np.ndarray | None,
) -> np.ndarray:
    """One generation of ``settings.update`` in every row of ``states``, with the rows' keys."""
    mutation = settings.mutation
    if settings.update == "moran":
        u = uniforms(keys, generation, 4)
        return moran_step(
            states,
            fitness,
            u,
            mode=settings.mode,
            reproduction=reproduction,
            mutation=mutation,
            n_types=n_types,
            matrix=matrix,
        )
    if settings.update == "fermi":
        u = uniforms(keys, generation, 5)
        return imitation_step(
            states,
            fitness,
            u,
            beta=settings.beta,
            graph=reproduction,
            n_types=n_types,
            mutation=mutation,
            matrix=matrix,
        )
    n = states.shape[1]
    u = uniforms(keys, generation, 3 * n).reshape(-1, 3, n)
    return wright_fisher_step(states, fitness, u, n_types=n_types, mutation=mutation, matrix=matrix)


def moran_payoffs(
    types: Sequence[Strategy],
    settings: MatchSettings,
    moran: MoranSettings,
    size: int,
    *,
    seed: int = 0,
    replay: bool | None = None,
    failures: FailureLog | None = None,
    culture: Culture | None = None,
) -> tuple[InteractionPayoffs, Graph]:
    """The payoff model and reproduction graph of a Moran process on ``size`` individuals
    (``culture``: what its carrying learners know, see :class:`InteractionPayoffs`)."""
    interaction, reproduction = moran.graphs(size)
    payoffs = InteractionPayoffs(
        types,
        settings,
        interaction,
        self_interaction=moran.self_interaction,
        average=moran.averaged,
        seed=seed,
        replay=replay,
        failures=failures,
        culture=culture,
        approximate=moran.approximate,
    )
    return payoffs, reproduction


def run_moran(
    population: Population,
    settings: MatchSettings,
    moran: MoranSettings,
    *,
    generations: int | None = None,
    seed: int = 0,
    replay: bool | None = None,
    progress: Progress | None = None,
    failures: FailureLog | None = None,
    culture: Culture | None = None,
) -> MoranOutcome:
    """One Moran process from ``population``; ``history`` holds the counts per generation;
    ``culture`` follows what its carrying learners know (see :mod:`~tournament.evolution.culture`)."""
    payoffs, reproduction = moran_payoffs(
        population.types,
        settings,
        moran,
        population.size,
        seed=seed,
        replay=replay,
        failures=failures,
        culture=culture,
    )
    return simulate(
        population.individuals(),
        payoffs,
        moran,
        reproduction,
        len(population.types),
        seed=seed,
        generations=generations,
        record=True,
        progress=progress,
    )
