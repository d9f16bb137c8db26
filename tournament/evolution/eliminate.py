"""The classroom rule of "The Evolution of Trust" (Nicky Case): eliminate the worst, clone the best.

Each generation every individual plays every other one match (no self-play) and scores
the total payoff of its matches. The ``k`` lowest scorers are removed and the ``k``
highest are cloned into their places; ties are broken at random with a draw keyed by
(seed, generation, place), so a run is reproducible from its seed. With mutation (a rate or
a matrix, :mod:`~tournament.evolution.mutation`) each clone may be born as another type,
with two more draws keyed by its place.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import numpy as np

from tournament.core import rng
from tournament.errors import EvolutionError
from tournament.evolution.culture import Culture
from tournament.evolution.failures import FailureLog
from tournament.evolution.graphs import complete_graph
from tournament.evolution.mutation import check_matrix, mutate
from tournament.evolution.payoffs import InteractionPayoffs
from tournament.evolution.population import Population
from tournament.settings import MatchSettings

ELIMINATE_STREAM = 0x454C494D
"""Stream constant for the tie-breaking draws."""

Progress = Callable[[int, np.ndarray], None]
"""Called with (generation, counts of each type) after every generation."""


def eliminate_step(
    states: np.ndarray,
    scores: np.ndarray,
    k: int,
    tiebreak: np.ndarray,
    mutated: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None,
) -> np.ndarray:
    """Replace the ``k`` lowest scorers by clones of the ``k`` highest.

    Individuals are ranked by score, ties ordered by ``tiebreak`` (one uniform per
    individual). The best is cloned into the place of the worst, the second best into
    the second worst, and so on. Needs ``2 k <= len(states)``. ``mutated(types, places)``,
    if given, returns the types the clones are born as in those places.
    """
    order = np.lexsort((tiebreak, scores))
    worst, best = order[:k], order[::-1][:k]
    new = np.array(states, copy=True)
    new[worst] = states[best] if mutated is None else mutated(states[best], worst)
    return new


def check_eliminate(k: int, size: int) -> int:
    """``k`` checked against the population size (at least 1, at most half)."""
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise EvolutionError(f"the number to eliminate must be a whole number >= 1, got {k!r}")
    if 2 * k > size:
        raise EvolutionError(
            f"cannot eliminate {k} and clone {k} in a population of {size}: at most {size // 2}"
        )
    return k


def run_eliminate(
    population: Population,
    settings: MatchSettings,
    k: int,
    generations: int,
    *,
    seed: int = 0,
    replay: bool | None = None,
    progress: Progress | None = None,
    mutation: float = 0.0,
    mutation_matrix: object = None,
    failures: FailureLog | None = None,
    culture: Culture | None = None,
) -> np.ndarray:
    """Counts of each type for generations 0 .. ``generations``, shape (generations + 1, types).

    ``mutation`` (a rate) or ``mutation_matrix`` (rows of probabilities) mutate the clones;
    ``culture`` follows what carrying learners know (see :mod:`~tournament.evolution.culture`).
    """
    size = population.size
    check_eliminate(k, size)
    if isinstance(generations, bool) or not isinstance(generations, int) or generations < 0:
        raise EvolutionError(f"generations must be a whole number >= 0, got {generations!r}")
    if size < 2:
        raise EvolutionError(f"a round robin needs at least 2 individuals, got {size}")
    n_types = len(population.types)
    matrix = None if mutation_matrix is None else check_matrix(mutation_matrix, n_types)
    payoffs = InteractionPayoffs(
        population.types,
        settings,
        complete_graph(size),
        per_turn=False,
        seed=seed,
        replay=replay,
        failures=failures,
        culture=culture,
    )
    keys = rng.combine(rng.combine(seed, ELIMINATE_STREAM), np.arange(size, dtype=np.uint64))
    states = population.individuals()
    history = np.empty((generations + 1, n_types), dtype=np.int64)
    history[0] = np.bincount(states, minlength=n_types)
    for generation in range(generations):
        scores = payoffs(states[None, :], np.zeros(1, dtype=np.uint64), generation)[0]
        mutated = None
        if mutation > 0 or matrix is not None:
            mutated = partial(
                _mutated, keys=keys, generation=generation, n_types=n_types, rate=mutation, matrix=matrix
            )
        states = eliminate_step(states, scores, k, rng.uniform(keys, generation), mutated)
        history[generation + 1] = np.bincount(states, minlength=n_types)
        if progress is not None:
            progress(generation + 1, history[generation + 1])
    return history


def _mutated(
    types: np.ndarray,
    places: np.ndarray,
    *,
    keys: np.ndarray,
    generation: int,
    n_types: int,
    rate: float,
    matrix: np.ndarray | None,
) -> np.ndarray:
    """The clones ``types`` born in ``places`` after mutation, with draws 1 and 2 of their places."""
    u_mutate, u_target = rng.uniform(keys[places], generation, 1), rng.uniform(keys[places], generation, 2)
    return mutate(types, u_mutate, u_target, n_types, rate, matrix)
