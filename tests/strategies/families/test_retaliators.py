"""Retaliators: hand-derived matches, parameters and move-for-move agreement with axelrod."""

from __future__ import annotations

import pytest

from strategies.registry import create, get_class
from tests.strategies.families.test_cycler import BASIC_PANEL, PATTERNS, assert_like_axelrod
from tournament.match import play_match

DETERMINISTIC = [
    "Retaliate",
    "Retaliate 2",
    "Retaliate 3",
    "Limited Retaliate",
    "Limited Retaliate 2",
    "Limited Retaliate 3",
]


@pytest.mark.parametrize(
    "name, opponent, moves",
    [
        ("Retaliate", "Alternator", "CC" + "D" * 19 + "CD"),
        ("Limited Retaliate 2", "Alternator", "CC" + "D" * 15 + "CDD"),
    ],
)
def test_hand_derived_matches(name, opponent, moves):
    assert play_match(name, opponent, turns=len(moves)).moves_a == moves


def test_names_and_parameters():
    assert create("Retaliate 2").retaliation_threshold == 0.08
    assert create("Limited Retaliate 2").parameters == {
        "retaliation_threshold": 0.08,
        "retaliation_limit": 15,
    }
    assert create("Retaliate(retaliation_threshold=0.5)").label == "Retaliate(retaliation_threshold=0.5)"


def test_limited_retaliate_limit_zero_never_retaliates():
    assert play_match("Limited Retaliate(retaliation_limit=0)", "Defector", turns=10).moves_a == "C" * 10


@pytest.mark.parametrize(
    "text",
    [
        "Retaliate(retaliation_threshold=0.5)",
        "Limited Retaliate(retaliation_threshold=0.2, retaliation_limit=3)",
    ],
)
def test_parameterised_equals_axelrod(text):
    assert_like_axelrod(create(text), ["Alternator", *PATTERNS])


@pytest.mark.parametrize("name", DETERMINISTIC)
def test_deterministic_equals_axelrod(name):
    assert_like_axelrod(get_class(name)(), [*BASIC_PANEL, "Prober 4", "AntiCycler", *PATTERNS])
