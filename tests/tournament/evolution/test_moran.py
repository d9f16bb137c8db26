"""Moran process: fixation frequencies against the exact formula, reproducibility, graphs, errors."""

from __future__ import annotations

import numpy as np
import pytest

from tournament.core import rng
from tournament.errors import EvolutionError, FitnessError
from tournament.evolution.fixation import estimate_fixation, exact_fixation, fixation_from_fitness
from tournament.evolution.graphs import complete_graph, cycle_graph, lattice_graph
from tournament.evolution.moran import MoranSettings, run_moran, select, simulate, uniforms
from tournament.evolution.payoffs import type_table
from tournament.evolution.population import Population
from tournament.settings import MatchSettings

Z_BOUND = 4.0
TURNS_200 = MatchSettings(turns=200)


def z_score(successes: int, runs: int, exact: float) -> float:
    return (successes / runs - exact) / np.sqrt(exact * (1 - exact) / runs)


def constant_payoffs(r: float):
    """Type 0 has fitness r, type 1 fitness 1, whatever the population."""
    return lambda states, runs, generation: np.where(states == 0, r, 1.0)


def fixations(states0, payoffs, settings, reproduction, runs, seed=0):
    states = np.tile(np.asarray(states0), (runs, 1))
    outcome = simulate(states, payoffs, settings, reproduction, 2, seed=seed)
    assert (outcome.fixed_type >= 0).all()
    return int((outcome.fixed_type == 0).sum())


@pytest.mark.parametrize("mode", ["bd", "db"])
def test_neutral_drift_fixes_with_probability_start_over_n(mode):
    # Cooperator and Tit For Tat always cooperate with each other: every payoff is R.
    population = Population.parse("Cooperator:1, Tit For Tat:9")
    estimate = estimate_fixation(population, TURNS_200, MoranSettings(mode=mode), 3000, seed=11)
    assert abs(estimate.z_score(0.1)) < Z_BOUND
    assert estimate.unfinished == 0


def test_constant_fitness_matches_the_moran_formula():
    r, n, runs = 1.5, 8, 4000
    exact = (1 - 1 / r) / (1 - 1 / r**n)
    settings = MoranSettings()
    start = np.array([0] + [1] * (n - 1))
    successes = fixations(start, constant_payoffs(r), settings, complete_graph(n, loops=True), runs, seed=2)
    assert abs(z_score(successes, runs, exact)) < Z_BOUND
    assert exact == pytest.approx(fixation_from_fitness(np.full(n - 1, r), np.ones(n - 1)))


@pytest.mark.parametrize("graph", [cycle_graph(8), lattice_graph(3, 3)], ids=["cycle", "lattice"])
def test_constant_fitness_on_regular_graphs_matches_the_complete_graph(graph):
    # Isothermal theorem (Lieberman, Hauert & Nowak 2005): regular graphs do not change it.
    r, n, runs = 1.5, graph.size, 3000
    exact = (1 - 1 / r) / (1 - 1 / r**n)
    start = np.array([0] + [1] * (n - 1))
    settings = MoranSettings(interaction_graph=graph)
    _, reproduction = settings.graphs(n)
    successes = fixations(start, constant_payoffs(r), settings, reproduction, runs, seed=3)
    assert abs(z_score(successes, runs, exact)) < Z_BOUND


@pytest.mark.parametrize("self_interaction", [False, True], ids=["no-self", "self"])
@pytest.mark.parametrize("mode", ["bd", "db"])
def test_tit_for_tat_against_defector_matches_the_exact_formula(mode, self_interaction):
    population = Population.parse("Tit For Tat:3, Defector:7")
    settings = MoranSettings(mode=mode, self_interaction=self_interaction)
    estimate = estimate_fixation(population, TURNS_200, settings, 2500, seed=5)
    table = type_table(population.types, TURNS_200, per_turn=True)
    exact = exact_fixation(table, 10, 3, mode=mode, self_interaction=self_interaction)
    assert abs(estimate.z_score(exact)) < Z_BOUND
    assert 0.3 < exact < 0.9


def test_weak_selection_with_averaged_payoffs_matches_the_textbook_formula():
    population = Population.parse("Tit For Tat:2, Defector:6")
    settings = MoranSettings(intensity=0.3, average=True)
    estimate = estimate_fixation(population, TURNS_200, settings, 3000, seed=9)
    table = type_table(population.types, TURNS_200, per_turn=True)
    (a, b), (c, d) = table
    f = [1 - 0.3 + 0.3 * (a * (i - 1) + b * (8 - i)) / 7 for i in range(1, 8)]
    g = [1 - 0.3 + 0.3 * (c * i + d * (8 - i - 1)) / 7 for i in range(1, 8)]
    exact = fixation_from_fitness(np.array(f), np.array(g), start=2)
    assert exact == pytest.approx(exact_fixation(table, 8, 2, intensity=0.3, average=True))
    assert abs(estimate.z_score(exact)) < Z_BOUND


def test_replayed_matches_give_the_same_run_as_the_payoff_table():
    population = Population.parse("Tit For Tat:4, Defector:3, Grudger:3")
    moran = MoranSettings(mutation=0.05)
    table = run_moran(population, TURNS_200, moran, generations=40, seed=4, replay=False)
    replay = run_moran(population, TURNS_200, moran, generations=40, seed=4, replay=True)
    assert np.array_equal(table.history, replay.history)


def test_runs_are_reproducible_from_the_seed_and_independent_of_batching():
    population = Population.parse("Random:3, Tit For Tat:3")
    settings = MatchSettings(turns=20, noise=0.05)
    moran = MoranSettings()
    payoffs, reproduction = moran_model(population, settings, moran, seed=8)
    states = np.tile(population.individuals(), (4, 1))
    together = simulate(states, payoffs, moran, reproduction, 2, seed=8)
    for run in range(4):
        alone = simulate(states[:1], payoffs, moran, reproduction, 2, seed=8, runs=np.array([run]))
        assert np.array_equal(alone.states[0], together.states[run])
        assert alone.generations[0] == together.generations[run]
    first = run_moran(population, settings, moran, seed=8)
    again = run_moran(population, settings, moran, seed=8)
    other = run_moran(population, settings, moran, seed=9)
    assert np.array_equal(first.history, again.history)
    assert len(first.history) != len(other.history) or not np.array_equal(first.history, other.history)


def moran_model(population, settings, moran, seed):
    from tournament.evolution.moran import moran_payoffs

    return moran_payoffs(population.types, settings, moran, population.size, seed=seed)


def test_history_counts_add_up_and_fixation_stops_the_run():
    population = Population.parse("Tit For Tat:5, Defector:5")
    outcome = run_moran(population, TURNS_200, MoranSettings(), seed=3)
    history = np.array(outcome.history)
    assert (history.sum(axis=1) == 10).all()
    assert len(history) == outcome.generations[0] + 1
    assert history[-1].max() == 10 and outcome.fixed_type[0] == history[-1].argmax()
    assert (np.abs(np.diff(history[:, 0])) <= 1).all()


def test_mutation_keeps_every_type_around():
    population = Population.parse("Tit For Tat:6, Defector:0, Cooperator:0")
    outcome = run_moran(population, TURNS_200, MoranSettings(mutation=0.3), generations=300, seed=1)
    seen = np.array(outcome.history).max(axis=0)
    assert (seen > 0).all()
    assert outcome.fixed_type[0] == -1


def test_death_birth_on_a_cycle_only_copies_neighbours():
    population = Population.parse("Tit For Tat:1, Defector:7")
    moran = MoranSettings(mode="db", interaction_graph=cycle_graph(8))
    outcome = run_moran(population, TURNS_200, moran, generations=50, seed=2)
    for before, after in zip(outcome.history, outcome.history[1:]):
        assert abs(int(after[0]) - int(before[0])) <= 1


def test_selection_is_proportional_and_skips_zero_weights():
    weights = np.array([[0.0, 1.0, 0.0, 3.0]] * 4)
    u = np.array([0.0, 0.2499, 0.25, 0.9999999999])
    assert select(weights, None, u).tolist() == [1, 1, 3, 3]
    assert select(np.zeros((1, 3)), None, np.array([0.5])).tolist() == [1]
    with pytest.raises(FitnessError, match="fitness must be >= 0"):
        select(np.array([[1.0, -1.0]]), None, np.array([0.5]))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"mutation": 1.5}, "mutation rate must be a number from 0 to 1"),
        ({"mutation": -0.1}, "mutation rate"),
        ({"intensity": 2}, "selection intensity"),
        ({"mode": "dd"}, "mode must be one of 'bd' \\(birth-death\\)"),
    ],
)
def test_bad_settings_raise_clear_errors(kwargs, message):
    with pytest.raises(EvolutionError, match=message):
        MoranSettings(**kwargs)


def test_disconnected_graph_and_wrong_size_are_rejected():
    from tournament.errors import GraphError
    from tournament.evolution.graphs import Graph

    two_pairs = np.zeros((4, 4), dtype=bool)
    two_pairs[0, 1] = two_pairs[1, 0] = two_pairs[2, 3] = two_pairs[3, 2] = True
    population = Population.parse("Tit For Tat:2, Defector:2")
    with pytest.raises(GraphError, match="not connected"):
        run_moran(
            population, TURNS_200, MoranSettings(interaction_graph=Graph.from_adjacency("pairs", two_pairs))
        )
    with pytest.raises(GraphError, match="has 8 vertices but the population has 4"):
        run_moran(population, TURNS_200, MoranSettings(interaction_graph=cycle_graph(8)))
    with pytest.raises(EvolutionError, match="give a number of generations"):
        run_moran(population, TURNS_200, MoranSettings(mutation=0.1))


def test_uniforms_are_the_rng_draws_of_the_generation():
    """A generation's draws, made in one pass, are rng.uniform's draw d of turn = generation."""
    keys = rng.combine(7, np.arange(5, dtype=np.uint64))
    drawn = uniforms(keys, 12, 4)
    assert drawn.shape == (5, 4)
    for d in range(4):
        np.testing.assert_array_equal(drawn[:, d], rng.uniform(keys, 12, d))
