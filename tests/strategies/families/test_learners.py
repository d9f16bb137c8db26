"""Learners: what they learn against fixed rules (fixed seeds), the exact Q-learning update,
their replay, and that they play in tournaments like any strategy (reproducible, batching-free,
left out of "all")."""

from __future__ import annotations

import numpy as np
import pytest

from strategies.families.learners import LOLALearner, NaiveLearner, QLearner
from strategies.registry import create, strategy_classes
from tournament import TournamentSpec, run_tournament
from tournament.core import plan as planner
from tournament.core.engine import Engine
from tournament.errors import StrategyError
from tournament.learning.curves import play_seeds
from tournament.settings import Game, MatchSettings

SEEDS = range(10)


def learner_moves(learner: str, opponent: str, turns: int = 600) -> np.ndarray:
    """The learner's moves (turns, matches): ten matches, repetitions 0-9 of seed 0, in one batch."""
    run = play_seeds((create(learner), create(opponent)), MatchSettings(turns=turns), 0, len(SEEDS), turns)
    return run.own


def late_cooperation(learner: str, opponent: str, turns: int = 600) -> list[float]:
    """The learner's cooperation over turns 301-600 of each match."""
    return list((learner_moves(learner, opponent, turns)[300:] == 0).mean(axis=0))


def test_q_learner_learns_to_cooperate_with_tit_for_tat_when_the_future_matters():
    # gamma = 0.9 > 2/3: cooperating forever beats defecting once; 10% of moves are random
    assert min(late_cooperation("Q Learner", "Tit For Tat")) >= 0.85
    early = (learner_moves("Q Learner", "Tit For Tat")[:100] == 0).mean(axis=0)
    assert early.max() < 0.9  # it did have to learn


def test_q_learner_alternates_against_tit_for_tat_when_the_future_matters_little():
    # gamma = 0.5: D then C (5, 0, 5, 0, ...) is worth more than C forever (3, 3, ...)
    rates = late_cooperation("Q Learner(gamma=0.5)", "Tit For Tat")
    assert all(0.4 <= rate <= 0.6 for rate in rates)


@pytest.mark.parametrize("opponent", ["Defector", "Grudger"])
def test_q_learner_learns_to_defect_against_defection(opponent):
    assert max(late_cooperation("Q Learner", opponent)) <= 0.12


def test_softmax_exploration_learns_too():
    softmax = "Q Learner(exploration='softmax')"
    assert min(late_cooperation(softmax, "Tit For Tat")) >= 0.8
    assert max(late_cooperation(softmax, "Defector")) <= 0.12


def test_a_longer_memory_learns_to_cooperate_with_tit_for_tat():
    assert min(late_cooperation("Q Learner(memory=2)", "Tit For Tat")) >= 0.85


@pytest.mark.parametrize("learner", ["Naive Learner", "LOLA Learner"])
def test_gradient_learners_cooperate_with_tit_for_tat_and_defect_against_defector(learner):
    assert min(late_cooperation(learner, "Tit For Tat")) >= 0.95
    assert max(late_cooperation(learner, "Defector")) <= 0.05


def test_q_update_by_hand():
    """Greedy learner (epsilon 0), alpha 0.5, gamma 0.9, all values starting at 0, moves C then D
    against C, C: Q[start, C] = 0.5 * (R + 0.9 * 0) = 1.5; Q[CC, D] = 0.5 * (T + 0.9 * max Q[DC])."""
    learner = QLearner(epsilon=0, alpha=0.5, gamma=0.9, initial=0.0)
    own, other = np.array([0, 1], np.uint8), np.array([0, 0], np.uint8)
    table = learner.learned([own], [other], Game())
    expected = np.zeros((5, 2))
    expected[0, 0] = 1.5
    expected[1, 1] = 2.5
    np.testing.assert_allclose(table, expected)
    # memory 2: 1 + 4 + 16 states; after one turn the state is a one-turn history
    assert QLearner(memory=2).prior(Game()).shape == (21, 2)
    assert QLearner().prior(Game()) == pytest.approx(np.full((5, 2), 3 / 0.1))


@pytest.mark.parametrize("learner", ["Q Learner(memory=2)", "LOLA Learner(every=3)", "Naive Learner"])
def test_replaying_the_moves_recovers_what_the_kernel_learned(learner):
    """What a learner knows is a function of the moves it saw: the replay of the first T - 1
    turns (the kernel learns from turn t - 1 at the start of turn t) equals the kernel's state."""
    player = create(learner)
    settings = MatchSettings(turns=40, noise=0.05)
    players = (player, create("Random"))
    plan = planner.matches(players, np.zeros(3, int), np.ones(3, int), np.arange(3), settings, seed=4)
    ((_, batch),) = planner.batches(plan)
    engine = Engine(batch, settings, seed=4, keep_moves=True)
    outcome = engine.play()
    kernel = next(k for k, _, _, _ in engine.blocks if isinstance(k, type(player)))
    for game in range(3):
        own = np.frombuffer(outcome.moves_a[game].encode(), np.uint8) == ord("D")
        other = np.frombuffer(outcome.moves_b[game].encode(), np.uint8) == ord("D")
        replayed = player.learned([own[:-1].astype(np.uint8)], [other[:-1].astype(np.uint8)], settings.game)
        np.testing.assert_array_equal(replayed, kernel.knowledge_now()[game])


def test_learners_are_reproducible_and_do_not_depend_on_batching():
    players = [
        "Q Learner",
        "Q Learner(exploration='softmax', carry=True)",
        "LOLA Learner",
        "Tit For Tat",
        "Random",
    ]
    spec = TournamentSpec.build(players, turns=60, repetitions=3, seed=8, noise=0.02)
    one = run_tournament(spec, interactions=True)
    tiny = run_tournament(spec, interactions=True, max_cells=300)
    assert one.interactions.equals(tiny.interactions)
    assert one.matches.equals(tiny.matches)


def test_parameters_are_checked_and_labelled():
    assert create("Q Learner(alpha=0.3)").label == "Q Learner(alpha=0.3)"
    assert create("LOLA").label == "LOLA Learner"
    for text in (
        "Q Learner(alpha=2)",
        "Q Learner(memory=4)",
        "Q Learner(gamma=1)",
        "Q Learner(exploration='ucb')",
    ):
        with pytest.raises(StrategyError):
            create(text)
    assert not QLearner(epsilon=0).stochastic and QLearner(epsilon=0, carry=True).stochastic
    assert NaiveLearner().stochastic and LOLALearner().carries is False and LOLALearner(carry=True).carries


def test_learners_are_not_part_of_all():
    from tournament.io.config import parse_config_text

    learners = [cls.name for cls in strategy_classes() if getattr(cls, "learns", False)]
    assert set(learners) == {"Q Learner", "Naive Learner", "LOLA Learner"}
    config = parse_config_text('[match]\nturns = 5\n[players]\nstrategies = "all"\n')
    assert not {p.name for p in config.spec.players} & set(learners)
