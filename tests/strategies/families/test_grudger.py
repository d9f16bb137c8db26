"""Grudgers: hand-derived matches and move-for-move agreement with axelrod."""

from __future__ import annotations

import pytest

from strategies.families.grudger import Capri
from strategies.registry import create, get_class
from tests import oracle
from tests.oracle import axelrod_moves, replay_mismatch
from tests.strategies.families.test_titfortat import PANEL, Pattern
from tournament.errors import StrategyError
from tournament.match import play_match

GRUDGER_NAMES = [
    "Grudger",
    "Forgetful Grudger",
    "Opposite Grudger",
    "Aggravater",
    "Soft Grudger",
    "General Soft Grudger",
    "GrudgerAlternator",
    "EasyGo",
    "SpitefulCC",
    "CAPRI",
]
STRATEGIES = [create(name) for name in GRUDGER_NAMES] + [
    create("General Soft Grudger(n=2, d=2, c=1)"),
    create("General Soft Grudger(n=3, d=1, c=3)"),
    create("General Soft Grudger(n=1, d=5, c=0)"),
]
NOISY_PANEL = ["Random(p=0.3)", "Random(p=0.8)", "Alternator", "Tit For Tat", "Soft Grudger"]


@pytest.mark.parametrize(
    "player, opponent, expected",
    [
        ("Grudger", Pattern("CCDCC"), "CCCDDD"),
        ("Forgetful Grudger", Pattern("D" + "C" * 20), "C" + "D" * 10 + "CCC"),
        ("Forgetful Grudger", "Defector", "C" + "D" * 14),
        ("Opposite Grudger", "Defector", "DDDD"),
        ("Opposite Grudger", "Alternator", "DCCC"),
        ("Opposite Grudger", "Suspicious Tit For Tat", "DDDD"),
        ("Aggravater", "Cooperator", "DDDCCC"),
        ("Aggravater", "Tit For Tat", "DDDDDD"),
        ("Soft Grudger", Pattern("DCCCCCCCCC"), "CDDDDCCCC"),
        ("sgrim", "Defector", "CDDDDCCDDDDCC"),
        ("General Soft Grudger(n=2, d=2, c=1)", "Defector", "CCDDCDDC"),
        ("General Soft Grudger", "Defector", "CDDDDCCDDDDCC"),
        ("GrudgerAlternator", "Defector", "CDCDCD"),
        ("Grudger Alternator", Pattern("CCDCCCC"), "CCCDCDCD"),
        ("EasyGo", "Cooperator", "DDDD"),
        ("EasyGo", "Defector", "DCCC"),
        ("Reverse Grudger", "Tit For Tat", "DDCCC"),
        ("SpitefulCC", "Defector", "CCDDD"),
        ("SpitefulCC", Pattern("DCCCC"), "CCDDD"),
        ("CAPRI", "Cooperator", "CCCCCC"),
        ("CAPRI", "Defector", "CDDDD"),
        ("CAPRI", "Alternator", "CCDCDDDDD"),
    ],
)
def test_hand_derived_moves(player, opponent, expected):
    assert play_match(player, opponent, turns=len(expected)).moves_a == expected


def test_capri_table_has_fourteen_cooperative_states():
    assert int((Capri.table == 0).sum()) == 14
    assert Capri.table[0] == 0 and Capri.table[0b000001] == 1


def test_capri_punishes_a_lone_defection_once():
    """CAPRI punishes a lone defection once (rule P), then goes back to cooperation."""
    moves = play_match("CAPRI", Pattern("CCDCCCCCCC"), turns=10).moves_a
    assert moves == "CCCDCCCCCC"


def test_general_soft_grudger_parameters():
    assert create("General Soft Grudger(2, 3, 1)").parameters == {"n": 2, "d": 3, "c": 1}
    for text in ["General Soft Grudger(d=1, c=0)", "General Soft Grudger(n=0)", "General Soft Grudger(c=-1)"]:
        with pytest.raises(StrategyError):
            create(text)


def test_aliases():
    assert get_class("Fool Me Forever").name == "EasyGo"
    assert get_class("sgrim").name == "Soft Grudger"


@pytest.mark.parametrize("strategy", STRATEGIES, ids=lambda s: s.label)
@pytest.mark.parametrize("turns", [1, 2, 3, 9, 60])
def test_equals_axelrod_move_for_move(strategy, turns):
    for opponent in map(create, PANEL):
        result = play_match(strategy, opponent, turns=turns)
        expected = axelrod_moves(strategy, opponent, turns)
        assert (result.moves_a, result.moves_b) == expected, f"{strategy.label} vs {opponent.label}"


@pytest.mark.parametrize("strategy", STRATEGIES, ids=lambda s: s.label)
@pytest.mark.parametrize("noise", [0.0, 0.05, 0.3])
def test_replays_like_axelrod_with_noise(strategy, noise):
    for opponent in NOISY_PANEL:
        for seed in range(3):
            assert replay_mismatch(strategy, opponent, turns=150, noise=noise, seed=seed) is None


@pytest.mark.parametrize("name", GRUDGER_NAMES)
def test_classifier_is_axelrod_s(name):
    strategy = create(name)
    player = oracle.twin(strategy)
    axl = oracle.axelrod()
    assert player.name == strategy.name
    assert player.classifier["memory_depth"] == strategy.classify().memory_depth
    assert not axl.Classifiers["stochastic"](player) and not strategy.stochastic
    assert set(axl.Classifiers["makes_use_of"](player)) == set(strategy.classify().makes_use_of)
