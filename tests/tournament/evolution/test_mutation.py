"""Mutation matrices and atomic mutation: the draw, in Moran, Fermi, Wright-Fisher and the
eliminate/clone rule; Moran with mutation against axelrod's MoranProcess in distribution."""

from __future__ import annotations

import numpy as np
import pytest

from strategies.registry import create_all
from tests.oracle import twin
from tournament.errors import EvolutionError
from tournament.evolution.eliminate import run_eliminate
from tournament.evolution.moran import MoranSettings, moran_payoffs, run_moran, simulate
from tournament.evolution.mutation import atomic_matrix, check_matrix, mutate
from tournament.evolution.population import Population
from tournament.evolution.settings import MatrixField
from tournament.fields import FieldError
from tournament.settings import MatchSettings

MATRIX = np.array([[0.7, 0.2, 0.1], [0.0, 1.0, 0.0], [0.25, 0.25, 0.5]])


def test_mutation_draws_follow_the_matrix_rows():
    draws = 200_000
    u = np.random.default_rng(1).random((2, draws))
    for row in range(3):
        born = mutate(np.full(draws, row), u[0], u[1], 3, matrix=MATRIX)
        counts = np.bincount(born, minlength=3)
        z = (counts - draws * MATRIX[row]) / np.sqrt(draws * MATRIX[row] * (1 - MATRIX[row]) + 1e-300)
        assert np.all(np.abs(z[MATRIX[row] > 0]) <= 4)
        assert np.all(counts[MATRIX[row] == 0] == 0)


def test_the_atomic_matrix_gives_the_same_runs_as_the_atomic_rate():
    population = Population.from_counts([("Tit For Tat", 3), ("Defector", 3), ("Grudger", 2)])
    settings = MatchSettings(turns=20, noise=0.05)
    for update in ("moran", "fermi", "wright-fisher"):
        rate = run_moran(
            population, settings, MoranSettings(mutation=0.5, update=update), generations=40, seed=3
        )
        matrix = tuple(map(tuple, atomic_matrix(0.5, 3)))
        whole = run_moran(
            population, settings, MoranSettings(mutation_matrix=matrix, update=update), generations=40, seed=3
        )
        assert np.array_equal(np.array(rate.history), np.array(whole.history)), update


def test_an_absorbing_type_takes_over_under_a_one_way_matrix():
    """Everybody mutates to Defector and nothing mutates back: the population ends all Defector."""
    population = Population.from_counts([("Cooperator", 6), ("Defector", 0)])
    moran = MoranSettings(mutation_matrix=((0.5, 0.5), (0.0, 1.0)))
    outcome = run_moran(population, MatchSettings(turns=5), moran, generations=400, seed=1)
    assert outcome.history[-1].tolist() == [0, 6]


def test_eliminate_with_mutation_brings_back_an_absent_type():
    population = Population.from_counts([("Tit For Tat", 10), ("Defector", 0)])
    settings = MatchSettings(turns=10)
    plain = run_eliminate(population, settings, 2, 30, seed=1)
    mutated = run_eliminate(population, settings, 2, 30, seed=1, mutation=0.5)
    assert (plain[:, 1] == 0).all()
    assert mutated[:, 1].max() > 0
    matrix = run_eliminate(population, settings, 2, 30, seed=1, mutation_matrix=((0.5, 0.5), (0.5, 0.5)))
    assert np.array_equal(matrix, mutated)  # the same draws: atomic rate 0.5 is this matrix


def test_eliminate_clones_mutate_at_the_rate():
    """Each generation k clones are born; with mutation 1 every one becomes the other type."""
    population = Population.from_counts([("Cooperator", 8), ("Defector", 2)])
    history = run_eliminate(population, MatchSettings(turns=10), 2, 1, seed=4, mutation=1.0)
    # Defectors score highest: both are cloned (and mutate into Cooperators), 2 Cooperators die
    assert history[1].tolist() == [8, 2]


@pytest.mark.parametrize(
    "value, problem",
    [
        ([[0.5, 0.6], [0.5, 0.5]], "rows must sum to 1"),
        ([[1.0, 0.0]], "must be a square matrix"),
        ([[1.5, -0.5], [0, 1]], "probabilities"),
        ("0.5", "must be a square matrix"),
    ],
)
def test_bad_matrices_say_what_is_wrong(value, problem):
    with pytest.raises(FieldError, match=problem):
        MatrixField().convert(value)


def test_matrix_text_and_size_checks():
    assert MatrixField().from_text("0.9,0.1;0.2,0.8") == ((0.9, 0.1), (0.2, 0.8))
    with pytest.raises(EvolutionError, match="2x2 but there are 3 types"):
        check_matrix([[1, 0], [0, 1]], 3)
    with pytest.raises(EvolutionError, match="not both"):
        MoranSettings(mutation=0.1, mutation_matrix=((1.0, 0.0), (0.0, 1.0)))


def moran_count_distribution(
    table: np.ndarray, size: int, start: int, mutation: float, steps: int
) -> np.ndarray:
    """The exact law of the count of type 0 after ``steps`` generations of axelrod's Moran
    process (birth proportional to the summed per-turn payoff over the others, death uniform
    over everybody, the offspring mutating to the other type with probability ``mutation``)."""
    (a, b), (c, d) = table
    chain = np.zeros((size + 1, size + 1))
    for i in range(size + 1):
        f = a * (i - 1) + b * (size - i) if i else 0.0
        g = c * i + d * (size - i - 1) if i < size else 0.0
        births = i * f / (i * f + (size - i) * g)
        born_zero = births * (1 - mutation) + (1 - births) * mutation
        up = born_zero * (size - i) / size
        down = (1 - born_zero) * i / size
        if i < size:
            chain[i, i + 1] = up
        if i > 0:
            chain[i, i - 1] = down
        chain[i, i] = 1 - up - down
    law = np.zeros(size + 1)
    law[start] = 1.0
    for _ in range(steps):
        law = law @ chain
    return law


def within(counts: np.ndarray, law: np.ndarray) -> bool:
    runs = counts.sum()
    z = (counts - runs * law) / np.sqrt(runs * law * (1 - law))
    return bool(np.all(np.abs(z) <= 4))


@pytest.mark.slow
def test_moran_with_mutation_matches_axelrod_in_distribution(axl):
    """2 Tit For Tat and 2 Defectors, 5-turn matches, mutation 0.2: the count of Tit For Tat after
    8 generations, from 400 axelrod processes and 20,000 of ours, against the exact law."""
    size, steps, mutation, turns = 4, 8, 0.2, 5
    players = create_all(["Tit For Tat", "Defector"])
    population = Population(tuple(players), (2, 2))
    settings = MatchSettings(turns=turns)
    moran = MoranSettings(mutation=mutation)
    payoffs, reproduction = moran_payoffs(population.types, settings, moran, size)
    law = moran_count_distribution(payoffs.table, size, 2, mutation, steps)
    ours = simulate(
        np.tile(population.individuals(), (20_000, 1)),
        payoffs,
        moran,
        reproduction,
        2,
        generations=steps,
        seed=5,
    )
    our_counts = np.bincount((ours.states == 0).sum(axis=1), minlength=size + 1)
    theirs = []
    for seed in range(400):
        individuals = [twin(p) for p in create_all(["Tit For Tat"] * 2 + ["Defector"] * 2)]
        process = axl.MoranProcess(
            individuals, turns=turns, mutation_rate=mutation, seed=seed, stop_on_fixation=False
        )
        for _ in range(steps):
            next(process)
        theirs.append(sum(str(p) == "Tit For Tat" for p in process.players))
    their_counts = np.bincount(theirs, minlength=size + 1)
    assert within(our_counts, law)
    assert within(their_counts, law)
