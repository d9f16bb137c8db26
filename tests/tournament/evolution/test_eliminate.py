"""The classroom rule of The Evolution of Trust: eliminate the k worst, clone the k best."""

from __future__ import annotations

import numpy as np
import pytest

from tournament.errors import EvolutionError
from tournament.evolution.eliminate import eliminate_step, run_eliminate
from tournament.evolution.population import Population
from tournament.settings import Game, MatchSettings

TRUST_GAME = Game(R=2, S=-1, T=3, P=0)
CHAPTER = "Always Cooperate:15, Always Cheat:5, Copycat:5"


def test_the_chapter_without_mistakes():
    # Round 1 by hand: a Cooperator scores 14 * 20 (others) + 5 * -10 + 5 * 20 = 330, a
    # Cheater 15 * 30 + 0 + 5 * 3 = 465, a Copycat 15 * 20 + 5 * -1 + 4 * 20 = 375: the
    # five worst are Cooperators and the five best Cheaters.
    settings = MatchSettings(turns=10, game=TRUST_GAME)
    history = run_eliminate(Population.parse(CHAPTER), settings, 5, 10, seed=1)
    assert history[:3].tolist() == [[15, 5, 5], [10, 10, 5], [5, 15, 5]]
    assert history[3, 0] == 0
    assert history[-1].tolist() == [0, 0, 25]
    assert (history.sum(axis=1) == 25).all()


def test_the_chapter_with_mistakes_is_reproducible_from_the_seed():
    settings = MatchSettings(turns=10, game=TRUST_GAME, noise=0.05)
    population = Population.parse(CHAPTER)
    first = run_eliminate(population, settings, 5, 15, seed=7)
    assert np.array_equal(first, run_eliminate(population, settings, 5, 15, seed=7))
    assert first[-1, 0] == 0
    others = [run_eliminate(population, settings, 5, 15, seed=s) for s in range(8, 12)]
    assert any(not np.array_equal(first, other) for other in others)


def test_ties_are_broken_by_the_draws():
    states = np.array([0, 1, 2, 3])
    scores = np.array([1.0, 1.0, 5.0, 5.0])
    assert eliminate_step(states, scores, 1, np.array([0.1, 0.9, 0.1, 0.9])).tolist() == [3, 1, 2, 3]
    assert eliminate_step(states, scores, 1, np.array([0.9, 0.1, 0.9, 0.1])).tolist() == [0, 2, 2, 3]


def test_tie_breaking_is_random_but_seeded():
    # All Cooperators score the same: who is removed and who is cloned is left to chance.
    population = Population.parse("Cooperator:3, Tit For Tat:3")
    settings = MatchSettings(turns=5)
    runs = [run_eliminate(population, settings, 1, 6, seed=s)[-1].tolist() for s in range(12)]
    assert len({tuple(r) for r in runs}) > 1
    assert runs[0] == run_eliminate(population, settings, 1, 6, seed=0)[-1].tolist()


@pytest.mark.parametrize(
    ("k", "message"),
    [(0, "whole number >= 1"), (4, "cannot eliminate 4 and clone 4 in a population of 6: at most 3")],
)
def test_bad_numbers_to_eliminate(k, message):
    with pytest.raises(EvolutionError, match=message):
        run_eliminate(Population.parse("tft:3, alld:3"), MatchSettings(turns=5), k, 3)
