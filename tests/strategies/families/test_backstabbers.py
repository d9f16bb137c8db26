"""Backstabbers: hand-derived matches, the last turns of a known length and move-for-move
agreement with axelrod at several lengths."""

from __future__ import annotations

import pytest

from strategies.registry import create, get_class
from tests.oracle import axelrod_moves
from tests.strategies.families.test_cycler import BASIC_PANEL, PATTERNS, assert_like_axelrod, cycle, our_moves
from tournament.match import play_match

DETERMINISTIC = [
    "BackStabber",
    "DoubleCrosser",
]


@pytest.mark.parametrize(
    "name, opponent, moves",
    [
        ("BackStabber", "Alternator", "C" * 8 + "DDDD"),
    ],
)
def test_hand_derived_matches(name, opponent, moves):
    assert play_match(name, opponent, turns=len(moves)).moves_a == moves


def test_backstabbers_use_the_length():
    assert get_class("BackStabber").classifier.makes_use_of == {"length"}


def test_backstabbers_defect_on_the_last_two_turns_only_when_the_length_is_known():
    for name in ("BackStabber", "DoubleCrosser"):
        for turns in (1, 2, 3, 37, 200):
            expected = "C" * max(turns - 2, 0) + "D" * min(turns, 2)
            assert play_match(name, "Cooperator", turns=turns).moves_a == expected
        unknown = play_match(name, "Cooperator", prob_end=0.01, seed=3).moves_a
        assert len(unknown) > 3 and set(unknown) == {"C"}


def test_double_crosser_only_answers_double_defections_between_turns_8_and_180():
    # The opponent cooperates 7 times then defects twice in every 10 turns.
    moves = play_match("DoubleCrosser", cycle("CCCCCCCDDC"), turns=200).moves_a
    expected = "".join("D" if t % 10 == 9 else "C" for t in range(180)) + "D" * 20
    assert moves == expected
    # A defection in the first 7 moves: BackStabber throughout (D from the 4th defection).
    assert play_match("DoubleCrosser", cycle("DCCCCCCDDC"), turns=30).moves_a[:12] == "C" * 11 + "D"


@pytest.mark.parametrize("name", ["BackStabber", "DoubleCrosser"])
@pytest.mark.parametrize("turns", [1, 2, 3, 181, 250])
def test_backstabbers_equal_axelrod_at_other_lengths(name, turns):
    for opponent in ("Cooperator", "Tit For Tat", PATTERNS[1]):
        strategy, other = get_class(name)(), create(opponent)
        assert our_moves(strategy, other, turns) == axelrod_moves(strategy, other, turns)


@pytest.mark.parametrize("name", DETERMINISTIC)
def test_deterministic_equals_axelrod(name):
    assert_like_axelrod(get_class(name)(), [*BASIC_PANEL, "Prober 4", "AntiCycler", *PATTERNS])
