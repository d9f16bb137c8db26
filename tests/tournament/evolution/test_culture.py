"""Learners that carry knowledge from one generation to the next (a culture per type): the next
generation starts from the mean of what the type knew after its matches, checked against a
hand-written Q-learning; reproducible, independent of batching; without carriers nothing
changes; dynamics that need fixed payoffs say so."""

from __future__ import annotations

import numpy as np
import pytest

from strategies.registry import create
from tournament.core import plan as planner
from tournament.core import rng
from tournament.core.engine import Engine
from tournament.errors import EvolutionError
from tournament.evolution.culture import Culture
from tournament.evolution.fixation import estimate_fixation
from tournament.evolution.graphs import complete_graph
from tournament.evolution.moran import MoranSettings
from tournament.evolution.payoffs import PAYOFF_STREAM, InteractionPayoffs, play_pairs, type_table
from tournament.evolution.population import Population
from tournament.evolution.run import Evolution, run_evolution
from tournament.settings import MatchSettings

SETTINGS = MatchSettings(turns=30, noise=0.05)


def q_table(own: str, opponent: str, start: np.ndarray, game) -> np.ndarray:
    """Watkins' Q-learning on the last turn (memory 1, alpha 0.5, gamma 0.9), written out turn
    by turn: state 0 before the first move, 1 + outcome (CC, CD, DC, DD) after."""
    q = start.copy()
    reward = {"CC": game.R, "CD": game.S, "DC": game.T, "DD": game.P}
    state = 0
    for mine, theirs in zip(own, opponent):
        reached = 1 + 2 * (mine == "D") + (theirs == "D")
        action = int(mine == "D")
        target = reward[mine + theirs] + 0.9 * q[reached].max()
        q[state, action] += 0.5 * (target - q[state, action])
        state = reached
    return q


def generation_moves(types, states, seed, generation):
    """The move strings of a generation's pairs, played directly (same keys as the dynamics)."""
    n = states.size
    pair_i, pair_j = complete_graph(n).edges()
    keys = rng.combine(
        np.zeros(1, dtype=np.uint64)[:, None], np.arange(pair_i.size, dtype=np.uint64)[None, :]
    )
    plan = planner.population_matches(
        types,
        states[pair_i],
        states[pair_j],
        keys.ravel(),
        SETTINGS,
        int(rng.combine(seed, PAYOFF_STREAM, generation)[0]),
    )
    ((rows, batch),) = planner.batches(plan)
    outcome = Engine(
        batch, SETTINGS, seed=int(rng.combine(seed, PAYOFF_STREAM, generation)[0]), keep_moves=True
    ).play()
    assert np.array_equal(rows, np.arange(pair_i.size))
    return states[pair_i], states[pair_j], outcome.moves_a, outcome.moves_b


def test_next_generation_starts_from_the_mean_of_what_the_type_knew():
    types = (create("Q Learner(carry=true)"), create("Tit For Tat"), create("Random"))
    states = np.array([0, 1, 0, 2, 1])
    payoffs = InteractionPayoffs(types, SETTINGS, complete_graph(5), seed=4)
    learner = types[0]
    knowledge = learner.prior(SETTINGS.game)
    for generation in range(3):
        played = [payoffs.culture.types[k] for k in range(3)]
        assert np.array_equal(played[0].start(SETTINGS.game), knowledge)
        a, b, moves_a, moves_b = generation_moves(played, states, 4, generation)
        ends = []
        for ta, tb, ma, mb in zip(a.tolist(), b.tolist(), moves_a, moves_b):
            if ta == 0:
                ends.append(q_table(ma, mb, knowledge, SETTINGS.game))
            if tb == 0:
                ends.append(q_table(mb, ma, knowledge, SETTINGS.game))
        assert len(ends) == 8  # two learners: both seats of their match, and three others each
        payoffs(states[None, :], np.zeros(1, dtype=np.uint64), generation)
        knowledge = np.mean(ends, axis=0)
        np.testing.assert_allclose(payoffs.culture.types[0].knowledge, knowledge, rtol=1e-12)
    assert payoffs.culture.types[1] is types[1] and payoffs.culture.types[2] is types[2]
    table = payoffs.culture.table()
    assert table["generation"].tolist() == [0, 1, 2] and (table["matches"] == 8).all()


def test_a_generation_is_the_same_whatever_the_batching():
    types = (create("Q Learner(carry=true)"), create("LOLA Learner(carry=true, every=5)"), create("Grudger"))
    a = np.array([0, 0, 1, 2, 1, 0])
    b = np.array([1, 2, 2, 2, 1, 0])
    keys = np.arange(6, dtype=np.uint64)
    results = []
    for cells in (10_000, 120):
        culture = Culture(types, SETTINGS.game)
        scores = play_pairs(types, a, b, keys, SETTINGS, 9, max_cells=cells, observe=culture.observe)
        culture.advance(a, b, 0)
        results.append((scores, [t.knowledge for t in culture.types[:2]], culture.table()))
    (scores, known, table), (scores2, known2, table2) = results
    for x, y in zip(scores + tuple(known), scores2 + tuple(known2)):
        assert np.array_equal(x, y)
    assert table.equals(table2)


def test_runs_are_reproducible_from_the_seed():
    population = Population.parse("Q-Learner(carry=true):3, Tit For Tat:3, Defector:2")
    for dynamics in ("moran", "eliminate", "fermi"):
        evolution = Evolution(
            "x", population, SETTINGS, seed=5, generations=6, dynamics=dynamics, eliminate=1
        )
        first, again = run_evolution(evolution), run_evolution(evolution)
        assert first.population.equals(again.population) and first.carriers.equals(again.carriers)
        assert len(first.carriers) >= 1


def test_without_carrying_every_generation_starts_afresh():
    """carry=false: the payoffs of generation 3 after three generations are those of a fresh
    model asked for generation 3 directly; carry=true changes them (the check can fail)."""
    states = np.array([[0, 0, 1, 1, 1]])
    run = np.zeros(1, dtype=np.uint64)
    seen = {}
    for text in ("Q Learner", "Q Learner(carry=true)"):
        types = (create(text), create("Tit For Tat"))
        running = InteractionPayoffs(types, SETTINGS, complete_graph(5), seed=2)
        for generation in range(3):
            running(states, run, generation)
        later = running(states, run, 3)
        fresh = InteractionPayoffs(types, SETTINGS, complete_graph(5), seed=2)
        seen[text] = np.array_equal(later, fresh(states, run, 3))
        assert (running.culture is None) == (text == "Q Learner")
    assert seen == {"Q Learner": True, "Q Learner(carry=true)": False}
    plain = run_evolution(
        Evolution("x", Population.parse("Q Learner:2, Tit For Tat:2"), SETTINGS, seed=1, generations=3)
    )
    assert plain.carriers.empty


@pytest.mark.parametrize("dynamics", ["ecological", "replicator", "stationary"])
def test_dynamics_with_fixed_payoffs_refuse_carriers(dynamics):
    population = Population.parse("Q Learner(carry=true):2, Tit For Tat:2")
    with pytest.raises(EvolutionError, match="needs payoffs fixed once.*carry=false"):
        run_evolution(Evolution("x", population, SETTINGS, seed=1, generations=3, dynamics=dynamics))
    with pytest.raises(EvolutionError, match="fixed once"):
        estimate_fixation(population, SETTINGS, MoranSettings(), runs=4)
    with pytest.raises(EvolutionError, match="fixed once"):
        type_table(population.types, SETTINGS)


@pytest.mark.slow
def test_q_learners_carrying_their_culture_cooperate_more_with_tit_for_tat_later():
    """Moran, 2 carrying Q-learners among 8 Tit For Tat, 20 seeds: the learners' cooperation in
    their last 5 generations exceeds generation 0's by more than 3 standard errors of the
    paired differences (learning, not chance: each seed is an independent run)."""
    population = Population.parse("Q-Learner(carry=true):2, Tit For Tat:8")
    gains = []
    for seed in range(20):
        evolution = Evolution("x", population, MatchSettings(turns=100), seed=seed, generations=15)
        cooperation = run_evolution(evolution).carriers["cooperation"].to_numpy()
        gains.append(cooperation[-5:].mean() - cooperation[0])
    gains = np.array(gains)
    assert gains.mean() > 3 * gains.std(ddof=1) / np.sqrt(gains.size)
