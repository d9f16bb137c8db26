"""Evolutionary dynamics against axelrod: Ecosystem step for step, MoranProcess fitness."""

from __future__ import annotations

import numpy as np
import pytest

from strategies.registry import create_all
from tests.oracle import twin
from tournament import TournamentSpec, run_tournament
from tournament.evolution.ecological import ecological_dynamics
from tournament.evolution.graphs import complete_graph
from tournament.evolution.payoffs import InteractionPayoffs, tournament_payoff_matrix
from tournament.evolution.population import Population
from tournament.settings import MatchSettings

DETERMINISTIC = ["Tit For Tat", "Defector", "Cooperator", "Grudger", "Alternator", "Tit For 2 Tats"]


@pytest.fixture(scope="module")
def axelrod_results(axl):
    players = [twin(p) for p in create_all(DETERMINISTIC)]
    tournament = axl.Tournament(players, turns=50, repetitions=2, seed=1)
    return tournament.play(progress_bar=False, processes=None)


@pytest.fixture(scope="module")
def our_matrix():
    spec = TournamentSpec.build(DETERMINISTIC, turns=50, repetitions=2, seed=1)
    return tournament_payoff_matrix(run_tournament(spec).matches, len(DETERMINISTIC))


def test_payoff_matrix_equals_axelrods(axelrod_results, our_matrix):
    assert np.allclose(our_matrix, np.array(axelrod_results.payoff_matrix), atol=1e-12, rtol=0)


@pytest.mark.parametrize("population", [None, [5, 1, 1, 3, 2, 4]], ids=["uniform", "weighted"])
def test_ecological_dynamics_equal_axelrods_ecosystem_step_for_step(
    axl, axelrod_results, our_matrix, population
):
    ecosystem = axl.Ecosystem(axelrod_results, population=population)
    ecosystem.reproduce(60)
    shares = np.ones(len(DETERMINISTIC)) if population is None else np.array(population, dtype=float)
    ours = ecological_dynamics(our_matrix, shares, 60)
    assert np.allclose(ours, np.array(ecosystem.population_sizes), atol=1e-9, rtol=0)


def test_ecological_dynamics_with_a_fitness_function_equal_axelrods(axl, axelrod_results, our_matrix):
    ecosystem = axl.Ecosystem(axelrod_results, fitness=lambda p: p * p + 1)
    ecosystem.reproduce(30)
    ours = ecological_dynamics(our_matrix, np.ones(len(DETERMINISTIC)), 30, fitness=lambda p: p * p + 1)
    assert np.allclose(ours, np.array(ecosystem.population_sizes), atol=1e-9, rtol=0)


def test_moran_fitness_equals_axelrods_scores(axl):
    names = ["Tit For Tat", "Defector", "Grudger", "Cooperator", "Alternator", "Tit For Tat"]
    individuals = create_all(names)
    population = Population.from_players(individuals)
    model = InteractionPayoffs(population.types, MatchSettings(turns=200), complete_graph(len(names)))
    states = np.array([[population.names.index(p.label) for p in individuals]])
    ours = model(states, np.zeros(1), 0)[0]
    process = axl.MoranProcess([twin(p) for p in individuals], turns=200, seed=1)
    assert np.allclose(ours, process.score_all(), atol=1e-12, rtol=0)
