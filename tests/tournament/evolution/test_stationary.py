"""The small-mutation limit against egttools (same payoff matrix, same intensity: 1e-9) and
against closed forms; the Fermi imitation process against its fixation formula."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from strategies.registry import create_all
from tournament.errors import EvolutionError
from tournament.evolution.fixation import estimate_fixation, exact_fixation
from tournament.evolution.imitation import fermi
from tournament.evolution.moran import MoranSettings
from tournament.evolution.population import Population
from tournament.evolution.stationary import (
    fixation_matrix,
    payoff_table,
    sml_transitions,
    stationary_distribution,
    stationary_from_payoffs,
)
from tournament.settings import MatchSettings

egttools = pytest.importorskip("egttools")
EGT_CUTOFF = 1 / (1 + 1e7)
"""egttools returns 0 for a fixation probability whose sum phi exceeds 1e7 (rho below this)."""
IPD = [
    "Tit For Tat",
    "Defector",
    "Cooperator",
    "Win-Stay Lose-Shift",
    "Grudger",
    "GTFT",
    "Random",
    "Alternator",
]


def egttools_sml(payoffs: np.ndarray, size: int, beta: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """egttools' transitions (row-stochastic), fixation matrix and stationary distribution."""
    from egttools.analytical import PairwiseComparison
    from egttools.games import Matrix2PlayerGameHolder
    from egttools.utils import calculate_stationary_distribution

    game = Matrix2PlayerGameHolder(payoffs.shape[0], payoffs)
    evolver = PairwiseComparison(size, game)
    transitions, fixation = evolver.calculate_transition_and_fixation_matrix_sml(beta)
    with warnings.catch_warnings():  # egttools warns whenever a transition is close to 1
        warnings.simplefilter("ignore", RuntimeWarning)
        distribution = calculate_stationary_distribution(transitions.transpose())
    return transitions, fixation, distribution


def egttools_rounded(rho: np.ndarray) -> np.ndarray:
    return np.where(rho < EGT_CUTOFF, 0.0, rho)


@pytest.mark.parametrize("seed, k, size, beta", [(1, 4, 20, 0.05), (2, 6, 15, 0.1), (3, 3, 40, 0.02)])
def test_random_games_equal_egttools_to_1e9(seed, k, size, beta):
    payoffs = np.random.default_rng(seed).uniform(-2, 5, (k, k))
    transitions, fixation, distribution = egttools_sml(payoffs, size, beta)
    ours = stationary_from_payoffs([str(i) for i in range(k)], payoffs, size, beta=beta)
    assert (ours.rho + np.eye(k) > EGT_CUTOFF).all()  # no rounding in egttools: compare everything
    assert np.abs(ours.rho - fixation).max() <= 1e-9
    assert np.abs(ours.transitions - transitions).max() <= 1e-9
    assert np.abs(ours.distribution - distribution).max() <= 1e-9


@pytest.mark.parametrize("size, beta, noise", [(30, 1.0, 0.0), (100, 0.5, 0.02), (10, 5.0, 0.05)])
def test_ipd_payoffs_equal_egttools(size, beta, noise):
    players = create_all(IPD)
    payoffs = payoff_table(players, MatchSettings(turns=100, noise=noise), repetitions=20, seed=3)
    transitions, fixation, distribution = egttools_sml(payoffs, size, beta)
    ours = stationary_from_payoffs(IPD, payoffs, size, beta=beta)
    kept = fixation > 0
    np.fill_diagonal(kept, True)
    assert np.abs(ours.rho - fixation)[kept].max() <= 1e-9
    # egttools stops at phi > 1e7 and returns 0: ours is the exact value, below its cutoff
    assert (ours.rho[~kept] < EGT_CUTOFF).all()
    rounded = sml_transitions(egttools_rounded(ours.rho))
    assert np.abs(rounded - transitions).max() <= 1e-9
    assert np.abs(stationary_distribution(rounded) - distribution).max() <= 1e-9


def test_fixation_equals_egttools_python_stochdynamics_with_its_conventions():
    from egttools.analytical import StochDynamics

    payoffs = np.array([[3.0, 0.5], [4.0, 1.0]])
    dynamics = StochDynamics(2, payoffs, 25)
    rho = fixation_matrix(payoffs, 25, beta=0.3)
    assert rho[1, 0] == pytest.approx(dynamics.fixation_probability(0, 1, 0.3), abs=1e-12, rel=0)
    assert rho[0, 1] == pytest.approx(dynamics.fixation_probability(1, 0, 0.3), abs=1e-12, rel=0)


def test_neutral_selection_fixes_with_one_over_n_and_the_distribution_is_uniform():
    payoffs = np.random.default_rng(0).uniform(0, 5, (5, 5))
    result = stationary_from_payoffs(list("abcde"), payoffs, 12, beta=0.0)
    off = ~np.eye(5, dtype=bool)
    assert np.allclose(result.rho[off], 1 / 12, atol=1e-15, rtol=0)
    assert np.allclose(result.distribution, 0.2, atol=1e-15, rtol=0)


def test_two_strategies_stationary_is_the_ratio_of_fixation_probabilities():
    payoffs = np.array([[3.0, 0.0], [5.0, 1.0]])
    result = stationary_from_payoffs(["C", "D"], payoffs, 20, beta=0.4)
    rho_cd, rho_dc = result.rho[0, 1], result.rho[1, 0]
    assert result.distribution[0] == pytest.approx(rho_dc / (rho_cd + rho_dc), rel=1e-12)


def test_fermi_fixation_is_the_closed_form():
    """rho = 1 / sum_k exp(-beta sum_{i<=k} (f_i - g_i)) with mean payoffs over N - 1 others."""
    (a, b), (c, d) = payoffs = np.array([[3.0, 0.0], [5.0, 1.0]])
    size, beta = 9, 0.8
    i = np.arange(1, size)
    f = (a * (i - 1) + b * (size - i)) / (size - 1)
    g = (c * i + d * (size - i - 1)) / (size - 1)
    closed = 1 / np.concatenate(([1.0], np.exp(-beta * np.cumsum(f - g)))).sum()
    assert fixation_matrix(payoffs, size, beta=beta)[1, 0] == pytest.approx(closed, rel=1e-13)


def test_moran_process_agrees_with_the_two_type_formula():
    payoffs = np.array([[3.0, 0.0], [5.0, 1.0]])
    for mode in ("bd", "db"):
        rho = fixation_matrix(payoffs, 10, process="moran", mode=mode, intensity=0.3)
        assert rho[1, 0] == pytest.approx(exact_fixation(payoffs, 10, mode=mode, intensity=0.3), rel=1e-13)
        assert rho[0, 1] == pytest.approx(
            exact_fixation(payoffs[::-1, ::-1], 10, mode=mode, intensity=0.3), rel=1e-13
        )


def test_gth_equals_a_linear_solve():
    matrix = np.random.default_rng(4).uniform(0, 1, (7, 7))
    matrix /= matrix.sum(axis=1, keepdims=True)
    pi = stationary_distribution(matrix)
    assert np.allclose(pi @ matrix, pi, atol=1e-15)
    assert pi.sum() == pytest.approx(1.0)


def test_a_reducible_chain_is_an_error():
    with pytest.raises(EvolutionError, match="not irreducible"):
        stationary_distribution(np.eye(3))


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"payoffs": np.ones((2, 3)), "size": 5}, "square"),
        ({"payoffs": np.ones((2, 2)), "size": 1}, "population size"),
        ({"payoffs": np.ones((2, 2)), "size": 5, "process": "wright"}, "process"),
    ],
)
def test_bad_input_is_an_evolution_error(kwargs, message):
    with pytest.raises(EvolutionError, match=message):
        fixation_matrix(**kwargs)


def test_the_fermi_function():
    assert fermi(1.0, np.array([0.0]))[0] == 0.5
    assert fermi(2.0, np.array([1.0]))[0] == pytest.approx(1 / (1 + np.exp(-2.0)), rel=1e-15)
    assert fermi(1.0, np.array([-1e4, 1e4])).tolist() == [0.0, 1.0]


@pytest.mark.parametrize("beta", [0.5, 3.0])
def test_simulated_fermi_imitation_fixes_as_the_formula(beta):
    """Many imitation processes from one mutant among N - 1 residents: |z| <= 4 from the exact value."""
    players = create_all(["Tit For Tat", "Defector"])
    settings = MatchSettings(turns=10)
    table = payoff_table(players, settings)
    rho = fixation_matrix(table, 8, beta=beta)
    population = Population(tuple(players), (1, 7))
    estimate = estimate_fixation(population, settings, MoranSettings(update="fermi", beta=beta), 4000, seed=2)
    assert estimate.unfinished == 0
    assert abs(estimate.z_score(rho[1, 0])) <= 4
