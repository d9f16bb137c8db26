"""The exact value of two memory-one policies: closed forms, symmetry, batching, and the
expected total payoff of matches that go on with probability gamma, played by the engine."""

from __future__ import annotations

import numpy as np
import pytest

from strategies.families.memory_one import MemoryOne
from tournament.core import plan as planner
from tournament.core.engine import Engine
from tournament.learning.markov import average_rewards, chain, values
from tournament.settings import MatchSettings

AXELROD = np.array([3.0, 0.0, 5.0, 1.0])
PAPER = np.array([-1.0, -3.0, 0.0, -2.0])
TFT = (1, 1, 0, 1, 0)
ALLC = (1, 1, 1, 1, 1)
ALLD = (0, 0, 0, 0, 0)
WSLS = (1, 1, 0, 0, 1)


def value_pair(x, y, payoffs=AXELROD, gamma=0.9):
    first, second = values(np.array([x], float), np.array([y], float), payoffs, gamma)
    return first[0], second[0]


@pytest.mark.parametrize("gamma", [0.0, 0.5, 0.96])
def test_closed_forms_of_deterministic_pairs(gamma):
    R, S, T, P = AXELROD
    assert value_pair(TFT, TFT, gamma=gamma) == pytest.approx((R / (1 - gamma),) * 2)
    assert value_pair(ALLD, ALLC, gamma=gamma) == pytest.approx((T / (1 - gamma), S / (1 - gamma)))
    tail = gamma * P / (1 - gamma)
    assert value_pair(TFT, ALLD, gamma=gamma) == pytest.approx((S + tail, T + tail))
    # Win-Stay Lose-Shift against Defector: C, D, C, D, ... (S, P, S, P, ...)
    period = 1 - gamma**2
    assert value_pair(WSLS, ALLD, gamma=gamma) == pytest.approx(
        ((S + gamma * P) / period, (T + gamma * P) / period)
    )


def test_the_papers_game_mutual_cooperation_and_defection_per_step():
    reward_cc, _ = average_rewards(np.array([TFT], float), np.array([TFT], float), PAPER, 0.96)
    reward_dd, _ = average_rewards(np.array([ALLD], float), np.array([ALLD], float), PAPER, 0.96)
    assert reward_cc[0] == pytest.approx(-1.0) and reward_dd[0] == pytest.approx(-2.0)


def test_each_player_sees_the_states_from_its_own_side():
    """A policy that cooperates only after being exploited (CD) against one that defects first
    and then cooperates forever: states DC... from the first player's side."""
    x, y = (0, 0, 1, 0, 0), (0, 1, 1, 1, 1)
    q0, transition = chain(np.array([x], float), np.array([y], float))
    assert q0[0].tolist() == [0, 0, 0, 1]  # both defect first: DD
    # after DD, x defects and y (its own view DD) cooperates: x's state DC
    assert transition[0, 3].tolist() == [0, 0, 1, 0]
    # after DC (y's view CD: y was exploited) y cooperates, x defects again: DC forever
    assert transition[0, 2].tolist() == [0, 0, 1, 0]


def test_values_are_symmetric_and_do_not_depend_on_the_batch():
    rng = np.random.default_rng(1)
    x, y = rng.random((50, 5)), rng.random((50, 5))
    first, second = values(x, y, AXELROD, 0.9)
    swapped_first, swapped_second = values(y, x, AXELROD, 0.9)
    np.testing.assert_allclose(first, swapped_second, rtol=1e-12)
    np.testing.assert_allclose(second, swapped_first, rtol=1e-12)
    alone = np.array([values(x[k : k + 1], y[k : k + 1], AXELROD, 0.9)[0][0] for k in range(50)])
    np.testing.assert_allclose(alone, first, rtol=1e-12)


@pytest.mark.parametrize(
    ("four_x", "initial_x", "four_y", "initial_y"),
    [
        ((0.9, 0.2, 0.7, 0.4), "C", (0.6, 0.1, 0.8, 0.3), "D"),
        ((0.3, 0.9, 0.5, 0.2), "D", (1.0, 0.0, 1.0, 0.0), "C"),
    ],
)
def test_value_is_the_expected_total_of_matches_that_continue_with_probability_gamma(
    four_x, initial_x, four_y, initial_y
):
    """Independent check by simulation: with prob_end = 1 - gamma a match has
    P(length > t) = gamma^t, so its expected total payoff is the discounted value (|z| <= 4)."""
    gamma, runs = 0.9, 40_000
    players = (MemoryOne(four_x, initial_x), MemoryOne(four_y, initial_y))
    settings = MatchSettings(turns=None, prob_end=1 - gamma)
    plan = planner.matches(
        players, np.zeros(runs, int), np.ones(runs, int), np.arange(runs), settings, seed=5
    )
    counts = np.zeros((runs, 4))
    for rows, batch in planner.batches(plan):
        counts[rows] = Engine(batch, settings, seed=5).play().counts
    totals_x, totals_y = counts @ AXELROD, counts @ AXELROD[[0, 2, 1, 3]]
    first = lambda four, initial: (1.0 if initial == "C" else 0.0, *four)  # noqa: E731
    exact_x, exact_y = value_pair(first(four_x, initial_x), first(four_y, initial_y), gamma=gamma)
    for totals, exact in ((totals_x, exact_x), (totals_y, exact_y)):
        z = (totals.mean() - exact) / (totals.std(ddof=1) / np.sqrt(runs))
        assert abs(z) <= 4, (totals.mean(), exact, z)
