"""Approximate payoffs: matches drawn from outcomes played once (axelrod's ApproximateMoranProcess)."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest

from strategies.registry import create_all
from tests.oracle import twin
from tournament.core import rng
from tournament.errors import EvolutionError
from tournament.evolution.approximate import Outcomes
from tournament.evolution.moran import MoranSettings, moran_payoffs, simulate
from tournament.evolution.payoffs import sampled_outcomes
from tournament.settings import MatchSettings

NOISY = MatchSettings(turns=10, noise=0.1)


def test_draws_pick_cached_outcomes_uniformly_and_swap_sides():
    outcomes = Outcomes(
        2, np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]), np.array([[7.0, 8.0], [9.0, 10.0], [11.0, 12.0]])
    )
    keys = rng.combine(7, np.arange(4000, dtype=np.uint64))
    a, b = outcomes.draw(np.zeros(4000, np.int64), np.ones(4000, np.int64), keys)
    assert set(a) == {3.0, 4.0} and set(zip(a, b)) == {(3.0, 9.0), (4.0, 10.0)}
    assert abs((a == 3.0).mean() - 0.5) <= 4 * math.sqrt(0.25 / 4000)
    swapped_a, swapped_b = outcomes.draw(np.ones(4000, np.int64), np.zeros(4000, np.int64), keys)
    assert np.array_equal(swapped_a, b) and np.array_equal(swapped_b, a)
    same_a, same_b = outcomes.draw(np.ones(3, np.int64), np.ones(3, np.int64), keys[:3])
    assert set(same_a) <= {5.0, 6.0} and set(same_b) <= {11.0, 12.0}


def test_cached_outcomes_are_played_matches_per_turn():
    types = create_all(["Tit For Tat", "Defector"])
    outcomes = sampled_outcomes(types, MatchSettings(turns=10), seed=1, samples=3)
    assert outcomes.score_a.shape == (3, 3)
    np.testing.assert_allclose(outcomes.score_a[1], 0.9)  # Tit For Tat against Defector: 9 of 10 turns at P
    np.testing.assert_allclose(outcomes.score_b[1], 1.4)
    np.testing.assert_allclose(outcomes.score_a[0], 3.0)


def test_approximate_runs_are_reproducible_and_refuse_bad_values():
    types = create_all(["Tit For Tat", "Defector"])
    moran = MoranSettings(approximate=20)
    payoffs, reproduction = moran_payoffs(types, NOISY, moran, 4, seed=3)
    states = np.tile([0, 0, 1, 1], (50, 1))
    first = simulate(states, payoffs, moran, reproduction, 2, seed=3)
    again = simulate(states, payoffs, moran, reproduction, 2, seed=3)
    assert np.array_equal(first.fixed_type, again.fixed_type)
    with pytest.raises(EvolutionError, match="approximate"):
        MoranSettings(approximate=-1)


@pytest.mark.slow
def test_approximate_moran_fixation_matches_axelrods_in_distribution(axl):
    """2 Tit For Tat and 2 Defectors, 10-turn matches with noise 0.1, each pair's per-turn
    scores drawn from 200 played matches: how often Tit For Tat fixates, 4,000 of our runs
    against 600 of axelrod's ApproximateMoranProcess on its own cache (|z| <= 4)."""
    types = create_all(["Tit For Tat", "Defector"])
    moran = MoranSettings(approximate=200)
    payoffs, reproduction = moran_payoffs(types, NOISY, moran, 4, seed=11)
    ours = simulate(np.tile([0, 0, 1, 1], (4000, 1)), payoffs, moran, reproduction, 2, seed=11)
    p_ours = float((ours.fixed_type == 0).mean())
    names = ["Tit For Tat", "Defector"]
    cache = {}
    for i, first in enumerate(names):
        for second in names[i:]:
            scores = Counter()
            for seed in range(200):
                match = axl.Match(
                    [twin(create_all([first])[0]), twin(create_all([second])[0])],
                    turns=NOISY.turns,
                    noise=NOISY.noise,
                    seed=seed,
                )
                match.play()
                scores[tuple(match.final_score_per_turn())] += 1
            key = tuple(sorted((first, second)))
            cache[key] = axl.Pdf(
                scores if key == (first, second) else Counter({(b, a): n for (a, b), n in scores.items()})
            )
    fixed = 0
    for seed in range(600):
        players = [twin(p) for p in create_all(["Tit For Tat"] * 2 + ["Defector"] * 2)]
        process = axl.ApproximateMoranProcess(players, cache, seed=seed)
        process.play()
        fixed += str(process.winning_strategy_name) == "Tit For Tat"
    p_theirs = fixed / 600
    pooled = (p_ours * 4000 + fixed) / 4600
    z = (p_ours - p_theirs) / math.sqrt(pooled * (1 - pooled) * (1 / 4000 + 1 / 600))
    assert 0.05 < pooled < 0.95 and abs(z) <= 4, (p_ours, p_theirs, z)
