"""Replicator dynamics: closed-form rest points of 2x2 games, RK4 integration, mutation."""

from __future__ import annotations

import numpy as np
import pytest

from tournament.errors import EvolutionError
from tournament.evolution.replicator import RestPoint, replicator_dynamics, replicator_rate, rest_points

PRISONERS_DILEMMA = np.array([[3.0, 0.0], [5.0, 1.0]])
HAWK_DOVE = np.array([[0.0, 3.0], [1.0, 2.0]])
STAG_HUNT = np.array([[4.0, 0.0], [3.0, 3.0]])


def test_prisoners_dilemma_has_defection_as_the_only_stable_state():
    assert rest_points(PRISONERS_DILEMMA) == [RestPoint(0.0, "stable"), RestPoint(1.0, "unstable")]


def test_hawk_dove_coexistence_point_is_stable():
    # x* = (d - b) / (a - b - c + d) = (2 - 3) / (0 - 3 - 1 + 2) = 1/2
    assert rest_points(HAWK_DOVE) == [
        RestPoint(0.0, "unstable"),
        RestPoint(0.5, "stable"),
        RestPoint(1.0, "unstable"),
    ]


def test_stag_hunt_interior_point_is_unstable():
    # x* = (3 - 0) / (4 - 0 - 3 + 3) = 3/4
    assert rest_points(STAG_HUNT) == [
        RestPoint(0.0, "stable"),
        RestPoint(0.75, "unstable"),
        RestPoint(1.0, "stable"),
    ]


def test_degenerate_games():
    assert rest_points(np.ones((2, 2))) == [RestPoint(0.0, "neutral"), RestPoint(1.0, "neutral")]
    # b = d: g(x) = (a - c) x vanishes at 0; with a < c the flow still goes to 0.
    assert rest_points(np.array([[1.0, 2.0], [3.0, 2.0]])) == [
        RestPoint(0.0, "stable"),
        RestPoint(1.0, "unstable"),
    ]


@pytest.mark.parametrize(
    "matrix", [PRISONERS_DILEMMA, HAWK_DOVE, STAG_HUNT], ids=["pd", "hawk-dove", "stag-hunt"]
)
def test_integration_converges_to_the_stable_rest_points(matrix):
    points = rest_points(matrix)
    for x0 in (0.1, 0.3, 0.6, 0.9):
        path = replicator_dynamics(matrix, np.array([x0, 1 - x0]), np.array([0.0, 200.0]), max_step=0.1)
        end = path[-1, 0]
        assert any(p.stability == "stable" and abs(end - p.x) < 1e-6 for p in points)
        assert path[-1].sum() == pytest.approx(1.0)
    for point in points:
        x = np.array([point.x, 1 - point.x])
        assert np.allclose(replicator_rate(matrix, x), 0)


def test_rk4_matches_the_logistic_solution():
    # A = [[1, 1], [0, 0]]: g(x) = 1, so dx/dt = x (1 - x) and x(t) = 1 / (1 + 9 e^-t) from 0.1.
    times = np.linspace(0, 5, 11)
    path = replicator_dynamics(np.array([[1.0, 1.0], [0.0, 0.0]]), np.array([0.1, 0.9]), times)
    assert np.allclose(path[:, 0], 1 / (1 + 9 * np.exp(-times)), atol=1e-9)


def test_mutation_moves_the_rest_point_inside():
    path = replicator_dynamics(
        PRISONERS_DILEMMA, np.array([0.5, 0.5]), np.array([0.0, 300.0]), mutation=0.05, max_step=0.1
    )
    assert 0 < path[-1, 0] < 0.1
    rate = replicator_rate(PRISONERS_DILEMMA, path[-1], 0.05)
    assert np.allclose(rate, 0, atol=1e-9)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"payoff_matrix": np.ones((2, 3))}, "must be square"),
        ({"shares": np.array([-1.0, 2.0])}, "non-negative"),
        ({"shares": np.array([1.0, 0.0, 0.0])}, "3 initial shares for 2 strategies"),
        ({"timepoints": np.array([1.0, 0.0])}, "increasing"),
        ({"mutation": 1.5}, "mutation rate must be a number from 0 to 1"),
    ],
)
def test_bad_input(kwargs, message):
    args = {"payoff_matrix": HAWK_DOVE, "shares": np.array([0.5, 0.5]), "timepoints": np.array([0.0, 1.0])}
    args.update(kwargs)
    with pytest.raises(EvolutionError, match=message):
        replicator_dynamics(**args)
    if "payoff_matrix" in kwargs:
        with pytest.raises(EvolutionError):
            rest_points(kwargs["payoff_matrix"])
