"""Ratio players: hand-derived matches, names and move-for-move agreement with axelrod."""

from __future__ import annotations

import pytest

from strategies.registry import get_class
from tests.strategies.families.test_cycler import BASIC_PANEL, PATTERNS, assert_like_axelrod
from tournament.match import play_match

DETERMINISTIC = [
    "$\\pi$",
    "$e$",
    "$\\phi$",
    "VeryBad",
]


@pytest.mark.parametrize(
    "name, opponent, moves",
    [
        ("$\\pi$", "Cooperator", "CDDDD"),
        ("$\\pi$", "Defector", "C" * 10),
        ("$\\phi$", "Alternator", "CDCD"),
        ("VeryBad", "Alternator", "CCCCDCDCDC"),
        ("VeryBad", "Defector", "CCCDDD"),
    ],
)
def test_hand_derived_matches(name, opponent, moves):
    assert play_match(name, opponent, turns=len(moves)).moves_a == moves


def test_names_and_aliases():
    assert get_class("pi").name == "$\\pi$" and get_class("e").name == "$e$"
    assert get_class("phi").name == "$\\phi$" == get_class("golden").name


@pytest.mark.parametrize("name", DETERMINISTIC)
def test_deterministic_equals_axelrod(name):
    assert_like_axelrod(get_class(name)(), [*BASIC_PANEL, "Prober 4", "AntiCycler", *PATTERNS])
