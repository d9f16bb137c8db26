"""Tricksters: hand-derived matches and move-for-move agreement with axelrod."""

from __future__ import annotations

import pytest

from strategies.registry import get_class
from tests.strategies.families.test_cycler import BASIC_PANEL, PATTERNS, assert_like_axelrod, cycle
from tournament.match import play_match

DETERMINISTIC = [
    "Tricky Cooperator",
    "Tricky Defector",
]


@pytest.mark.parametrize(
    "name, opponent, moves",
    [
        ("Tricky Cooperator", "Cooperator", "CCCDDD"),
        ("Tricky Cooperator", "Alternator", "CCCCCCCCCCCC"),
        ("Tricky Cooperator", cycle("D" + "C" * 20), "C" * 11 + "D"),
        ("Tricky Defector", "Defector", "DDDDDD"),
        ("Tricky Defector", cycle("CDDD"), "DDDDCDDDC"),
    ],
)
def test_hand_derived_matches(name, opponent, moves):
    assert play_match(name, opponent, turns=len(moves)).moves_a == moves


@pytest.mark.parametrize("name", DETERMINISTIC)
def test_deterministic_equals_axelrod(name):
    assert_like_axelrod(get_class(name)(), [*BASIC_PANEL, "Prober 4", "AntiCycler", *PATTERNS])
