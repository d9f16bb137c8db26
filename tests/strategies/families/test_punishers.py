"""Punishers: hand-derived matches and move-for-move agreement with axelrod."""

from __future__ import annotations

import pytest

from strategies.registry import get_class
from tests.strategies.families.test_cycler import BASIC_PANEL, PATTERNS, assert_like_axelrod, cycle
from tournament.match import play_match

DETERMINISTIC = [
    "Punisher",
    "Inverse Punisher",
    "Level Punisher",
    "Tricky Level Punisher",
]


@pytest.mark.parametrize(
    "name, opponent, moves",
    [
        ("Punisher", "Defector", "C" + "D" * 11),
        # One defection among 1, 20 and 40 moves: spells of 20, 1 and 0 extra turns.
        ("Punisher", cycle("D" + "C" * 30), "C" + "D" * 21 + "C"),
        ("Punisher", cycle("C" * 19 + "D" + "C" * 10), "C" * 20 + "DD" + "C"),
        ("Punisher", cycle("C" * 39 + "D" + "C" * 10), "C" * 40 + "D" + "C"),
        ("Inverse Punisher", "Defector", "C" + "D" * 11),
        ("Inverse Punisher", cycle("C" * 39 + "D" + "C" * 40), "C" * 40 + "D" * 20 + "C"),
        ("Level Punisher", "Alternator", "C" * 10 + "D" * 5),
        ("Level Punisher", cycle("CCCCD"), "C" * 50),
        ("Tricky Level Punisher", cycle("D" + "C" * 99), "C" + "D" * 19 + "C" * 5),
    ],
)
def test_hand_derived_matches(name, opponent, moves):
    assert play_match(name, opponent, turns=len(moves)).moves_a == moves


def test_tricky_level_punisher_forgives_everything_from_turn_100():
    moves = play_match("Tricky Level Punisher", "Defector", turns=150).moves_a
    assert moves == "C" + "D" * 99 + "C" * 50


@pytest.mark.parametrize("name", DETERMINISTIC)
def test_deterministic_equals_axelrod(name):
    assert_like_axelrod(get_class(name)(), [*BASIC_PANEL, "Prober 4", "AntiCycler", *PATTERNS])
