"""Exact learning experiments: the IPD result of Foerster et al. (2018) over 100 seeds, and
the properties a run must have (seeds independent of the batch, fixed opponents, populations)."""

from __future__ import annotations

import numpy as np
import pytest

from tournament.learning.exact import Agent, ExactSetup, initial_parameters, numbered, run_exact

PAPER = (-1.0, -3.0, 0.0, -2.0)


def pair(kind: str, **settings) -> ExactSetup:
    return ExactSetup(numbered((Agent(kind, kind), Agent(kind, kind))), payoffs=PAPER, **settings)


def tit_for_tat_like(policies: np.ndarray) -> np.ndarray:
    """Cooperates after CC, defects after being exploited (CD): columns 1 and 2."""
    return (policies[..., 1] > 0.5) & (policies[..., 2] < 0.5)


def test_naive_learners_end_in_mutual_defection():
    run = run_exact(pair("naive", seeds=100, updates=200, seed=2018))
    final = run.rewards[-1]
    assert final.shape == (100, 2)
    assert -2.0 <= final.mean() <= -1.99  # the paper: about -2 per step
    assert np.percentile(final, 90) < -1.99
    # they defect first and after every state but mutual cooperation, which they never reach
    policy = run.policies[-1].mean(axis=(0, 1))
    assert policy[0] < 0.05 and policy[4] < 0.05


def test_lola_learners_reach_reciprocity_with_a_tit_for_tat_like_policy():
    run = run_exact(pair("lola", seeds=100, updates=200, seed=2018))
    final = run.rewards[-1]
    assert -1.12 <= final.mean() <= -1.0  # the paper: about -1 per step
    assert np.median(final) > -1.01
    assert (final.mean(axis=1) > -1.1).mean() >= 0.85
    assert tit_for_tat_like(run.policies[-1]).mean() >= 0.6
    policy = run.policies[-1].mean(axis=(0, 1))
    assert policy[1] > 0.9 and policy[2] < 0.35 and policy[4] < 0.25  # C after CC, D after CD and DD


def test_lola_against_naive_is_between():
    agents = (Agent("LOLA", "lola"), Agent("Naive", "naive"))
    run = run_exact(ExactSetup(agents, payoffs=PAPER, seeds=100, updates=200, seed=2018))
    lola, naive = run.rewards[-1].mean(axis=0)
    assert -1.9 < lola < -1.05 and -1.9 < naive < -1.05


def test_a_seed_plays_the_same_whatever_the_number_of_seeds():
    few = run_exact(pair("lola", seeds=3, updates=30, seed=9))
    many = run_exact(pair("lola", seeds=40, updates=30, seed=9))
    np.testing.assert_allclose(few.policies, many.policies[:, :3], rtol=1e-10, atol=1e-12)
    np.testing.assert_array_equal(initial_parameters(few.setup), initial_parameters(many.setup)[:3])
    again = run_exact(pair("lola", seeds=3, updates=30, seed=9))
    np.testing.assert_array_equal(few.rewards, again.rewards)


def test_a_naive_learner_learns_the_best_reply_to_a_fixed_policy():
    tit_for_tat = Agent("Tit For Tat", "fixed", (1, 1, 0, 1, 0))
    defector = Agent("Defector", "fixed", (0, 0, 0, 0, 0))
    against_tft = run_exact(
        ExactSetup((Agent("Naive", "naive"), tit_for_tat), payoffs=PAPER, seeds=20, updates=200)
    )
    against_alld = run_exact(
        ExactSetup((Agent("Naive", "naive"), defector), payoffs=PAPER, seeds=20, updates=200)
    )
    assert against_tft.rewards[-1, :, 0].min() > -1.05  # cooperates with Tit For Tat: R = -1
    assert against_alld.rewards[-1, :, 0].min() > -2.01  # defects against Defector: P = -2
    # it defects first and after CD and DD (CC and DC never happen, so they never move)
    assert against_alld.policies[-1, :, 0][:, [0, 2, 4]].max() < 0.1
    # the fixed agent does not move
    np.testing.assert_array_equal(
        against_tft.policies[:, :, 1], np.broadcast_to([1, 1, 0, 1, 0], (201, 20, 5))
    )


def test_in_a_population_every_agent_learns_from_its_mean_over_partners():
    agents = numbered((Agent("LOLA", "lola"),) * 3 + (Agent("Naive", "naive"),))
    run = run_exact(ExactSetup(agents, payoffs=PAPER, seeds=5, updates=20))
    assert run.labels == ["LOLA 1", "LOLA 2", "LOLA 3", "Naive"]
    assert run.rewards.shape == (21, 5, 4) and run.policies.shape == (21, 5, 4, 5)
    assert np.all((run.rewards >= -3) & (run.rewards <= 0))


@pytest.mark.parametrize("kind", ["lola", "naive"])
def test_rewards_are_recorded_before_each_update(kind):
    run = run_exact(pair(kind, seeds=4, updates=1))
    from tournament.learning.gradients import sigmoid
    from tournament.learning.markov import average_rewards

    start = sigmoid(initial_parameters(run.setup))
    np.testing.assert_allclose(run.policies[0], start)
    first, second = average_rewards(start[:, 0], start[:, 1], np.array(PAPER), 0.96)
    np.testing.assert_allclose(run.rewards[0], np.stack((first, second), axis=1), rtol=1e-12)
