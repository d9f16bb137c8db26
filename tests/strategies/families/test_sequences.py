"""Sequence players: the Thue-Morse sequence, hand-derived matches and move-for-move
agreement with axelrod."""

from __future__ import annotations

import pytest

from strategies.families.sequences import thue_morse
from strategies.registry import get_class
from tests.strategies.families.test_cycler import BASIC_PANEL, PATTERNS, assert_like_axelrod
from tournament.match import play_match

DETERMINISTIC = [
    "ThueMorse",
    "ThueMorseInverse",
]


@pytest.mark.parametrize(
    "name, opponent, moves",
    [
        ("ThueMorse", "Cooperator", "DCCDCDDCCDDCDCCD"),
        ("ThueMorseInverse", "Defector", "CDDCDCCDDCCDCDDC"),
    ],
)
def test_hand_derived_matches(name, opponent, moves):
    assert play_match(name, opponent, turns=len(moves)).moves_a == moves


def test_thue_morse_sequence():
    assert [thue_morse(t) for t in range(16)] == [0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0]


@pytest.mark.parametrize("name", DETERMINISTIC)
def test_deterministic_equals_axelrod(name):
    assert_like_axelrod(get_class(name)(), [*BASIC_PANEL, "Prober 4", "AntiCycler", *PATTERNS])
