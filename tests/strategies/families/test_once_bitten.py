"""Once Bitten and the Fool Me Onces: hand-derived matches, move-for-move agreement with
axelrod and the forgetting of Forgetful Fool Me Once."""

from __future__ import annotations

import pytest

from strategies.families.once_bitten import ForgetfulFoolMeOnce
from strategies.registry import get_class
from tests.strategies.families.test_cycler import BASIC_PANEL, PATTERNS, assert_like_axelrod, cycle
from tournament.match import play_match

DETERMINISTIC = [
    "Once Bitten",
    "Fool Me Once",
]


@pytest.mark.parametrize(
    "name, opponent, moves",
    [
        ("Once Bitten", "Alternator", "C" * 20),
        ("Once Bitten", "Defector", "CC" + "D" * 20),
        ("Once Bitten", cycle("DD" + "C" * 20), "CC" + "D" * 11 + "CC"),
        ("Fool Me Once", "Alternator", "CCCCDD"),
        ("Fool Me Once", cycle("DCCCCC"), "CCCCCCCDD"),
    ],
)
def test_hand_derived_matches(name, opponent, moves):
    assert play_match(name, opponent, turns=len(moves)).moves_a == moves


def test_forgetful_fool_me_once_extremes():
    assert not ForgetfulFoolMeOnce(forget_probability=0).stochastic and ForgetfulFoolMeOnce().stochastic
    for opponent in PATTERNS:
        never = play_match("Forgetful Fool Me Once(forget_probability=0)", opponent, turns=100).moves_a
        assert never == play_match("Fool Me Once", opponent, turns=100).moves_a
        assert play_match("Forgetful Fool Me Once(1.0)", opponent, turns=100).moves_a == "C" * 100


def test_forgetful_fool_me_once_forgets():
    moves = play_match("Forgetful Fool Me Once", "Defector", turns=4000, seed=1).moves_a
    # After a reset it needs two fresh defections: C, C then D until the next reset.
    resets = moves.count("DC")
    assert abs(resets / 4000 - 0.05 * 0.95 * 0.95) < 0.015


@pytest.mark.parametrize("name", DETERMINISTIC)
def test_deterministic_equals_axelrod(name):
    assert_like_axelrod(get_class(name)(), [*BASIC_PANEL, "Prober 4", "AntiCycler", *PATTERNS])
