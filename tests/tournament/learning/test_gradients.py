"""Exact derivatives against finite differences, and the naive and LOLA learning directions
against their definitions (the LOLA term as the reference code writes it: the gradient, with
respect to one's own parameters, of (dV_self/dtheta_opp, held fixed) . dV_opp/dtheta_opp)."""

from __future__ import annotations

import numpy as np
import pytest

from tournament.learning.gradients import logit, pair_step, sigmoid
from tournament.learning.markov import pair_terms, values

PAPER = np.array([-1.0, -3.0, 0.0, -2.0])
AXELROD = np.array([3.0, 0.0, 5.0, 1.0])
GAMMA = 0.96


def policies(seed: int, n: int = 6) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.uniform(0.05, 0.95, (n, 5)), rng.uniform(0.05, 0.95, (n, 5))


def central(function, point: np.ndarray, step: float) -> np.ndarray:
    """d function / d point[:, i] by central differences, shape (n, 5)."""
    out = np.zeros_like(point)
    for i in range(5):
        shift = np.zeros(5)
        shift[i] = step
        out[:, i] = (function(point + shift) - function(point - shift)) / (2 * step)
    return out


@pytest.mark.parametrize("payoffs", [PAPER, AXELROD], ids=["paper", "axelrod"])
@pytest.mark.parametrize("seed", [0, 1])
def test_gradients_match_finite_differences(payoffs, seed):
    x, y = policies(seed)
    terms = pair_terms(x, y, payoffs, GAMMA)
    own = lambda p: values(p, y, payoffs, GAMMA)[0]  # noqa: E731
    scale = np.abs(terms.grad).max()
    np.testing.assert_allclose(terms.grad, central(own, x, 1e-6), atol=1e-6 * scale)
    np.testing.assert_allclose(
        terms.grad_opponent, central(lambda q: values(x, q, payoffs, GAMMA)[0], y, 1e-6), atol=1e-6 * scale
    )
    np.testing.assert_allclose(
        terms.opponent_grad, central(lambda q: values(x, q, payoffs, GAMMA)[1], y, 1e-6), atol=1e-6 * scale
    )


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_mixed_second_derivatives_match_finite_differences_of_the_gradient(seed):
    x, y = policies(seed)
    terms = pair_terms(x, y, PAPER, GAMMA)
    for i in range(5):
        shift = np.zeros(5)
        shift[i] = 1e-6
        up = pair_terms(x + shift, y, PAPER, GAMMA).opponent_grad
        down = pair_terms(x - shift, y, PAPER, GAMMA).opponent_grad
        np.testing.assert_allclose(
            terms.mixed[:, i, :], (up - down) / 2e-6, atol=1e-5 * np.abs(terms.mixed).max()
        )


def test_naive_direction_is_the_parameter_gradient_of_the_own_value():
    rng = np.random.default_rng(3)
    theta, other = rng.normal(size=(4, 5)), rng.normal(size=(4, 5))
    p, q = sigmoid(theta), sigmoid(other)
    step = pair_step(p, p * (1 - p), q, q * (1 - q), 0.0, PAPER, GAMMA)
    expected = central(lambda t: values(sigmoid(t), q, PAPER, GAMMA)[0], theta, 1e-6)
    np.testing.assert_allclose(step.direction, expected, rtol=1e-6, atol=1e-8)


def test_lola_direction_adds_the_shaping_of_the_opponents_naive_step():
    rng = np.random.default_rng(4)
    theta, other = rng.normal(size=(4, 5)), rng.normal(size=(4, 5))
    p, q = sigmoid(theta), sigmoid(other)
    eta = 0.7
    naive = pair_step(p, p * (1 - p), q, q * (1 - q), 0.0, PAPER, GAMMA).direction
    lola = pair_step(p, p * (1 - p), q, q * (1 - q), eta, PAPER, GAMMA).direction
    # held fixed: dV_self / dtheta_opp at the current point
    held = central(lambda t: values(p, sigmoid(t), PAPER, GAMMA)[0], other, 1e-6)

    def shaped(t: np.ndarray) -> np.ndarray:
        opponents_gradient = central(lambda u: values(sigmoid(t), sigmoid(u), PAPER, GAMMA)[1], other, 1e-5)
        return np.einsum("bj,bj->b", held, opponents_gradient)

    expected = eta * central(shaped, theta, 1e-4)  # nested differences: about 4 digits
    np.testing.assert_allclose(lola - naive, expected, rtol=1e-3, atol=1e-4 * np.abs(expected).max())
    assert np.abs(lola - naive).max() > 1e-2


def test_against_a_fixed_policy_lola_learns_as_a_naive_learner():
    rng = np.random.default_rng(5)
    p = sigmoid(rng.normal(size=(3, 5)))
    tit_for_tat = np.tile([1.0, 1.0, 0.0, 1.0, 0.0], (3, 1))
    fixed = np.zeros_like(tit_for_tat)
    naive = pair_step(p, p * (1 - p), tit_for_tat, fixed, 0.0, PAPER, GAMMA).direction
    lola = pair_step(p, p * (1 - p), tit_for_tat, fixed, 1.0, PAPER, GAMMA).direction
    np.testing.assert_array_equal(naive, lola)


def test_sigmoid_and_logit_are_inverse_and_do_not_overflow():
    theta = np.array([-800.0, -3.0, 0.0, 2.5, 800.0])
    p = sigmoid(theta)
    assert p[0] == 0.0 and p[-1] == 1.0 and p[2] == 0.5
    np.testing.assert_allclose(logit(p[1:4]), theta[1:4])
