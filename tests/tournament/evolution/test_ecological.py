"""Ecological dynamics as pure functions (axelrod parity is in test_axelrod_parity.py)."""

from __future__ import annotations

import numpy as np
import pytest

from tournament import TournamentSpec, run_tournament
from tournament.errors import EvolutionError
from tournament.evolution.ecological import ecological_dynamics
from tournament.evolution.payoffs import tournament_payoff_matrix


def test_one_step_by_hand():
    matrix = np.array([[3.0, 0.0], [5.0, 1.0]])
    shares = ecological_dynamics(matrix, np.array([1.0, 3.0]), 1)
    # payoffs: C = 3/4, D = 5/4 + 3/4 = 2; weights 1/4 * 3/4 and 3/4 * 2.
    weights = np.array([0.25 * 0.75, 0.75 * 2])
    assert shares[1] == pytest.approx(weights / weights.sum())
    assert shares[0] == pytest.approx([0.25, 0.75])


def test_payoff_matrix_of_a_tournament_includes_self_play():
    spec = TournamentSpec.build(["Tit For Tat", "Defector", "Cooperator"], turns=10, repetitions=2)
    matrix = tournament_payoff_matrix(run_tournament(spec).matches, 3)
    assert matrix == pytest.approx(np.array([[3.0, 0.9, 3.0], [1.4, 1.0, 5.0], [3.0, 0.0, 3.0]]))


def test_reciprocators_outlast_exploiters():
    spec = TournamentSpec.build(["Tit For Tat", "Defector", "Cooperator"], turns=200)
    matrix = tournament_payoff_matrix(run_tournament(spec).matches, 3)
    shares = ecological_dynamics(matrix, np.ones(3), 300)
    assert shares[-1].argmax() == 0
    assert shares[:, 1].argmax() > 0 and shares[-1, 1] < 1e-6
    assert np.allclose(shares.sum(axis=1), 1)


@pytest.mark.parametrize(
    ("matrix", "shares", "message"),
    [
        (np.ones((2, 3)), np.ones(2), "must be square"),
        (np.ones((2, 2)), np.ones(3), "3 initial shares for 2"),
        (np.ones((2, 2)), np.array([-1.0, 1.0]), "non-negative"),
        (np.array([[-1.0, 0.0], [0.0, 1.0]]), np.ones(2), "negative fitness"),
        (np.zeros((2, 2)), np.ones(2), "zero fitness"),
    ],
)
def test_bad_input(matrix, shares, message):
    with pytest.raises(EvolutionError, match=message):
        ecological_dynamics(matrix, shares, 3)
