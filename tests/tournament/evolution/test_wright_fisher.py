"""Wright-Fisher: neutral fixation start/N, the exact binomial chain, long simulations."""

from __future__ import annotations

import numpy as np
import pytest

from strategies.registry import create_all
from tournament.errors import FitnessError
from tournament.evolution.fixation import estimate_fixation, two_type_fitness
from tournament.evolution.moran import MoranSettings
from tournament.evolution.population import Population
from tournament.evolution.stationary import payoff_table
from tournament.evolution.wright_fisher import proportional_draws, wright_fisher_fixation
from tournament.settings import MatchSettings

WRIGHT_FISHER = MoranSettings(update="wright-fisher")


@pytest.mark.parametrize("size, start", [(2, 1), (7, 3), (30, 1)])
def test_neutral_fixation_is_start_over_n(size, start):
    ones = np.ones(size - 1)
    assert wright_fisher_fixation(ones, ones, start) == pytest.approx(start / size, abs=1e-12)


def test_the_exact_chain_for_n_2():
    """N = 2, one A: the next generation is AA with p^2, AB with 2 p q, BB with q^2
    (p = f / (f + g)); so rho = p^2 / (p^2 + q^2)."""
    f, g = 3.0, 1.0
    p = f / (f + g)
    assert wright_fisher_fixation(np.array([f]), np.array([g])) == pytest.approx(
        p * p / (p * p + (1 - p) ** 2)
    )


def test_an_advantageous_type_fixes_more_often_than_neutral():
    favoured = wright_fisher_fixation(np.full(9, 1.2), np.ones(9))
    assert favoured > 0.1 > wright_fisher_fixation(np.ones(9), np.full(9, 1.2))


def test_neutral_simulation_fixes_with_start_over_n():
    players = create_all(["Cooperator", "Defector"])
    population = Population(tuple(players), (3, 7))
    moran = MoranSettings(update="wright-fisher", intensity=0.0)
    estimate = estimate_fixation(population, MatchSettings(turns=5), moran, 5000, seed=1)
    assert abs(estimate.z_score(0.3)) <= 4


@pytest.mark.parametrize("intensity", [0.3, 1.0])
def test_simulated_wright_fisher_fixes_as_the_exact_chain(intensity):
    players = create_all(["Tit For Tat", "Defector"])
    settings = MatchSettings(turns=10)
    table = payoff_table(players, settings)
    size = 8
    f, g = two_type_fitness(table, size, intensity=intensity)
    exact = wright_fisher_fixation(f, g, 2)
    population = Population(tuple(players), (2, size - 2))
    moran = MoranSettings(update="wright-fisher", intensity=intensity)
    estimate = estimate_fixation(population, settings, moran, 4000, seed=7)
    assert estimate.unfinished == 0
    assert abs(estimate.z_score(exact)) <= 4


def test_proportional_draws():
    weights = np.array([[0.0, 1.0, 3.0], [0.0, 0.0, 0.0]])
    u = np.random.default_rng(0).random((2, 40_000))
    drawn = proportional_draws(weights, u)
    assert np.bincount(drawn[0], minlength=3)[0] == 0
    assert abs(np.mean(drawn[0] == 2) - 0.75) < 0.01
    assert abs(np.mean(drawn[1] == 1) - 1 / 3) < 0.01  # all zero: uniform
    with pytest.raises(FitnessError):
        proportional_draws(np.array([[-1.0, 1.0]]), u[:1, :3])
