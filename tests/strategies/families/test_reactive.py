"""Reactive classics and hunters: hand-derived matches and move-for-move agreement with axelrod."""

from __future__ import annotations

import pytest

from strategies.registry import create
from tests import oracle
from tests.oracle import axelrod_moves, replay_mismatch
from tests.strategies.families.test_titfortat import PANEL, Pattern
from tournament.errors import StrategyError
from tournament.match import play_match

REACTIVE_NAMES = [
    "Handshake",
    "Appeaser",
    "Adaptive",
    "Forgiver",
    "Forgiving Tit For Tat",
    "Doubler",
    "Gradual Killer",
    "Grumpy",
    "ShortMem",
    "SelfSteem",
    "Defector Hunter",
    "Cooperator Hunter",
    "Alternator Hunter",
    "Cycle Hunter",
    "Eventual Cycle Hunter",
    "Math Constant Hunter",
    "Random Hunter",
]
DETERMINISTIC = [create(name) for name in REACTIVE_NAMES if not create(name).stochastic] + [
    create("Handshake(initial_plays='DDC')"),
    create("Adaptive(initial_plays='CDCD')"),
    create("Grumpy(starting_state='Grumpy', grumpy_threshold=3, nice_threshold=-2)"),
    create("Grumpy(grumpy_threshold=0, nice_threshold=0)"),
]
NOISY_PANEL = [
    "Random(p=0.2)",
    "Random(p=0.5)",
    "Random(p=0.9)",
    "Alternator",
    "Tit For Tat",
    Pattern("CCDCDDCCCD"),
]
GAMES = [None, (2.7, 0.3, 4.1, 1.2), (1.5, 0.0, 5.0, 1.0)]


@pytest.mark.parametrize(
    "player, opponent, expected",
    [
        ("Handshake", "Cooperator", "CDDDD"),
        ("Handshake", "Handshake", "CDCCC"),
        ("Handshake", "Alternator", "CDCCC"),
        ("Handshake(initial_plays='DD')", "Defector", "DDCCC"),
        ("Appeaser", "Defector", "CDCDC"),
        ("Appeaser", "Cooperator", "CCCC"),
        ("Appeaser", Pattern("CCDCC"), "CCCDDD"),
        ("Adaptive", "Cooperator", "CCCCCCDDDDDDDD"),
        ("Adaptive", "Defector", "CCCCCCDDDDDDD"),
        ("Adaptive", "Tit For Tat", "CCCCCCDDDDDCCCC"),
        ("Forgiver", "Alternator", "CCDDDDDD"),
        ("Forgiver", Pattern("D" + "C" * 29), "C" + "D" * 9 + "CC"),
        ("Forgiving Tit For Tat", Pattern("D" + "C" * 29), "CDCCC"),
        ("ftft", "Alternator", "CCDCDC"),
        ("Doubler", "Defector", "CDDD"),
        ("Doubler", Pattern("CCCD"), "CCCCCCCCCC"),
        ("Doubler", Pattern("CDD"), "CCDDCDDC"),
        ("Gradual Killer", "Cooperator", "DDDDDCCCC"),
        ("Gradual Killer", "Defector", "DDDDDCCDD"),
        ("Gradual Killer", "Tit For Tat", "DDDDDCCCC"),
        ("Gradual Killer", Pattern("CCCCCDD"), "DDDDDCCDDD"),
        ("Grumpy(grumpy_threshold=2, nice_threshold=-1)", Pattern("DDDDCCCCCC"), "CCCDDDDDDDCC"),
        ("Grumpy(starting_state='Grumpy')", "Cooperator", "D" * 11 + "CC"),
        ("ShortMem", "Alternator", "C" * 12 + "DC"),
        ("ShortMem", "Defector", "C" * 11 + "DD"),
        ("Defector Hunter", "Defector", "CCCCDDD"),
        ("Defector Hunter", "Alternator", "CCCCCCC"),
        ("Cooperator Hunter", "Cooperator", "CCCCDDD"),
        ("Cooperator Hunter", "Defector", "CCCCCCC"),
        ("Alternator Hunter", "Alternator", "CCCCCCDDD"),
        ("Alternator Hunter", Pattern("CDCDCDD"), "CCCCCCDDD"),
        ("Alternator Hunter", Pattern("CDCDCC"), "CCCCCCCCC"),
        ("Cycle Hunter", Pattern("CCD"), "CCCCCCDDD"),
        ("Cycle Hunter", "Alternator", "CCCCCCCCDD"),
        ("Cycle Hunter", "Cooperator", "C" * 30),
        ("Eventual Cycle Hunter", "Alternator", "C" * 20 + "D" * 5),
        ("Eventual Cycle Hunter", "Defector", "C" * 20 + "DDD"),
        ("Eventual Cycle Hunter", "Cooperator", "C" * 30),
        ("Math Constant Hunter", "Alternator", "CCCCCCCCD"),
        ("Math Constant Hunter", "Cooperator", "C" * 20),
        ("Random Hunter", "Alternator", "C" * 11 + "DDD"),
        ("Random Hunter", "Cooperator", "C" * 20),
    ],
)
def test_hand_derived_moves(player, opponent, expected):
    assert play_match(player, opponent, turns=len(expected)).moves_a == expected


def test_adaptive_uses_the_game():
    """With R=1.5 the six opening cooperations earn 9, as much as the five defections, so
    Adaptive keeps defecting against Tit For Tat (D on ties)."""
    moves = play_match("Adaptive", "Tit For Tat", turns=13, game=(1.5, 0, 5, 1)).moves_a
    assert moves == "CCCCCCDDDDDDD"


def test_selfsteem_follows_the_sine_curve():
    outcomes = [play_match("SelfSteem", "Defector", turns=20, seed=s).moves_a for s in range(200)]
    for moves in outcomes:
        assert moves[1:5] == "DDDD" and moves[6:10] == "DCCD"
        assert moves[11:15] == "DDDD" and moves[16:20] == "DCCD"
    for turn in (0, 5, 10, 15):
        rate = sum(m[turn] == "C" for m in outcomes) / len(outcomes)
        assert 0.35 < rate < 0.65


def test_parameters():
    assert create("Handshake(initial_plays='cdd')").initial_plays == "CDD"
    assert create("Grumpy('Grumpy', 5, -5)").parameters == {
        "starting_state": "Grumpy",
        "grumpy_threshold": 5,
        "nice_threshold": -5,
    }
    for text in [
        "Grumpy(starting_state='Sad')",
        "Grumpy(grumpy_threshold=1.5)",
        "Handshake(initial_plays='')",
    ]:
        with pytest.raises(StrategyError):
            create(text)


@pytest.mark.parametrize("strategy", DETERMINISTIC, ids=lambda s: s.label)
@pytest.mark.parametrize("turns", [1, 2, 7, 11, 12, 21, 60])
def test_equals_axelrod_move_for_move(strategy, turns):
    for opponent in map(create, [*PANEL, "Handshake", "Cycle Hunter", "Adaptive"]):
        result = play_match(strategy, opponent, turns=turns)
        expected = axelrod_moves(strategy, opponent, turns)
        assert (result.moves_a, result.moves_b) == expected, f"{strategy.label} vs {opponent.label}"


@pytest.mark.parametrize("strategy", DETERMINISTIC, ids=lambda s: s.label)
@pytest.mark.parametrize("noise", [0.0, 0.05, 0.3])
def test_replays_like_axelrod_with_noise(strategy, noise):
    for opponent in NOISY_PANEL:
        for seed in range(3):
            assert replay_mismatch(strategy, opponent, turns=150, noise=noise, seed=seed) is None


@pytest.mark.parametrize("game", GAMES)
def test_adaptive_replays_like_axelrod_in_other_games(game):
    for opponent in NOISY_PANEL:
        for seed in range(4):
            assert (
                replay_mismatch(create("Adaptive"), opponent, turns=120, noise=0.1, seed=seed, game=game)
                is None
            )


@pytest.mark.parametrize("name", REACTIVE_NAMES)
def test_classifier_is_axelrod_s(name):
    strategy = create(name)
    player = oracle.twin(strategy)
    axl = oracle.axelrod()
    assert player.name == strategy.name
    assert player.classifier["memory_depth"] == strategy.classify().memory_depth
    assert axl.Classifiers["stochastic"](player) == strategy.stochastic
    assert set(axl.Classifiers["makes_use_of"](player)) == set(strategy.classify().makes_use_of)
