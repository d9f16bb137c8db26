"""Assorted strategies: hand-derived matches, move-for-move agreement with axelrod for the
deterministic ones and the probabilities of the stochastic ones."""

from __future__ import annotations

import numpy as np
import pytest

from strategies.families.misc import ForgetfulFoolMeOnce, thue_morse
from strategies.registry import create, get_class
from tests.oracle import axelrod_moves
from tests.strategies.families.test_cycler import BASIC_PANEL, PATTERNS, assert_like_axelrod, our_moves
from tournament.match import play_match

DETERMINISTIC = [
    "Tricky Cooperator",
    "Tricky Defector",
    "Punisher",
    "Inverse Punisher",
    "Level Punisher",
    "Tricky Level Punisher",
    "Retaliate",
    "Retaliate 2",
    "Retaliate 3",
    "Limited Retaliate",
    "Limited Retaliate 2",
    "Limited Retaliate 3",
    "Once Bitten",
    "Fool Me Once",
    "Resurrection",
    "DoubleResurrection",
    "BackStabber",
    "DoubleCrosser",
    "ThueMorse",
    "ThueMorseInverse",
    "$\\pi$",
    "$e$",
    "$\\phi$",
    "VeryBad",
]


def cycle(moves: str) -> str:
    """Text form of a Cycler opponent."""
    return f"Cycler(cycle='{moves}')"


@pytest.mark.parametrize(
    "name, opponent, moves",
    [
        ("Tricky Cooperator", "Cooperator", "CCCDDD"),
        ("Tricky Cooperator", "Alternator", "CCCCCCCCCCCC"),
        ("Tricky Cooperator", cycle("D" + "C" * 20), "C" * 11 + "D"),
        ("Tricky Defector", "Defector", "DDDDDD"),
        ("Tricky Defector", cycle("CDDD"), "DDDDCDDDC"),
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
        ("Retaliate", "Alternator", "CC" + "D" * 19 + "CD"),
        ("Limited Retaliate 2", "Alternator", "CC" + "D" * 15 + "CDD"),
        ("Once Bitten", "Alternator", "C" * 20),
        ("Once Bitten", "Defector", "CC" + "D" * 20),
        ("Once Bitten", cycle("DD" + "C" * 20), "CC" + "D" * 11 + "CC"),
        ("Fool Me Once", "Alternator", "CCCCDD"),
        ("Fool Me Once", cycle("DCCCCC"), "CCCCCCCDD"),
        ("Resurrection", "Tit For Tat", "CCCCCC"),
        ("Resurrection", cycle("DDDDDC"), "CDDDDDDDD"),
        ("DoubleResurrection", "Cooperator", "CCCCCDCCCCCD"),
        ("DoubleResurrection", "Defector", "CDDDDDCDDDDDC"),
        ("BackStabber", "Alternator", "C" * 8 + "DDDD"),
        ("ThueMorse", "Cooperator", "DCCDCDDCCDDCDCCD"),
        ("ThueMorseInverse", "Defector", "CDDCDCCDDCCDCDDC"),
        ("$\\pi$", "Cooperator", "CDDDD"),
        ("$\\pi$", "Defector", "C" * 10),
        ("$\\phi$", "Alternator", "CDCD"),
        ("VeryBad", "Alternator", "CCCCDCDCDC"),
        ("VeryBad", "Defector", "CCCDDD"),
    ],
)
def test_hand_derived_matches(name, opponent, moves):
    assert play_match(name, opponent, turns=len(moves)).moves_a == moves


def test_tricky_level_punisher_forgives_everything_from_turn_100():
    moves = play_match("Tricky Level Punisher", "Defector", turns=150).moves_a
    assert moves == "C" + "D" * 99 + "C" * 50


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


def test_thue_morse_sequence():
    assert [thue_morse(t) for t in range(16)] == [0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0]


def test_names_aliases_and_parameters():
    assert get_class("pi").name == "$\\pi$" and get_class("e").name == "$e$"
    assert get_class("phi").name == "$\\phi$" == get_class("golden").name
    assert create("Retaliate 2").retaliation_threshold == 0.08
    assert create("Limited Retaliate 2").parameters == {
        "retaliation_threshold": 0.08,
        "retaliation_limit": 15,
    }
    assert create("Retaliate(retaliation_threshold=0.5)").label == "Retaliate(retaliation_threshold=0.5)"
    assert get_class("BackStabber").classifier.makes_use_of == {"length"}
    assert get_class("Knowledgeable Worse and Worse").classifier.makes_use_of == {"length"}


def test_limited_retaliate_limit_zero_never_retaliates():
    assert play_match("Limited Retaliate(retaliation_limit=0)", "Defector", turns=10).moves_a == "C" * 10


@pytest.mark.parametrize("name", DETERMINISTIC)
def test_deterministic_equals_axelrod(name):
    assert_like_axelrod(get_class(name)(), [*BASIC_PANEL, "Prober 4", "AntiCycler", *PATTERNS])


@pytest.mark.parametrize(
    "text",
    [
        "Retaliate(retaliation_threshold=0.5)",
        "Limited Retaliate(retaliation_threshold=0.2, retaliation_limit=3)",
    ],
)
def test_parameterised_equals_axelrod(text):
    assert_like_axelrod(create(text), ["Alternator", *PATTERNS])


@pytest.mark.parametrize("name", ["BackStabber", "DoubleCrosser"])
@pytest.mark.parametrize("turns", [1, 2, 3, 181, 250])
def test_backstabbers_equal_axelrod_at_other_lengths(name, turns):
    for opponent in ("Cooperator", "Tit For Tat", PATTERNS[1]):
        strategy, other = get_class(name)(), create(opponent)
        assert our_moves(strategy, other, turns) == axelrod_moves(strategy, other, turns)


# Stochastic strategies ---------------------------------------------------------------------


def d_share(moves: str) -> float:
    return moves.count("D") / len(moves)


def test_calculator_defects_for_ever_against_a_short_cycle():
    for seed in range(5):
        moves = play_match("Calculator", "Alternator", turns=60, seed=seed).moves_a
        assert moves[0] == "C" and moves[20:] == "D" * 40


def test_calculator_plays_tit_for_tat_against_a_long_cycle():
    opponent = "C" * 11 + "D"  # period 12 > 10: not detected
    result = play_match("Calculator", cycle(opponent), turns=100, seed=1)
    assert all(result.moves_a[t] == result.moves_b[t - 1] for t in range(21, 100))


def test_calculator_opens_like_joss():
    moves = "".join(play_match("Calculator", "Cooperator", turns=20, seed=s).moves_a[1:] for s in range(200))
    assert abs(d_share(moves) - 0.1) < 0.02
    assert play_match("Calculator", "Defector", turns=20, seed=1).moves_a == "C" + "D" * 19


def test_inverse_defects_with_probability_one_over_the_age_of_the_last_defection():
    assert play_match("Inverse", "Cooperator", turns=30).moves_a == "C" * 30
    moves = play_match("Inverse", cycle("D" + "C" * 9), turns=6000, seed=2).moves_a
    for k in (1, 2, 4, 9):
        share = d_share(moves[k::10])
        assert abs(share - 1 / k) < 0.07, (k, share)


def test_average_copiers():
    assert play_match("Average Copier", "Defector", turns=20).moves_a[1:] == "D" * 19
    assert play_match("Nice Average Copier", "Defector", turns=20).moves_a == "C" + "D" * 19
    assert play_match("Nice Average Copier", "Cooperator", turns=20).moves_a == "C" * 20
    firsts = "".join(play_match("Average Copier", "Cooperator", turns=1, seed=s).moves_a for s in range(400))
    assert abs(d_share(firsts) - 0.5) < 0.08
    moves = play_match("Average Copier", cycle("CCCD"), turns=4000, seed=3).moves_a
    assert abs(d_share(moves[100:]) - 0.25) < 0.03


def test_worse_and_worse_and_better_and_better_drift_with_the_turn():
    worse = play_match("Worse and Worse", "Cooperator", turns=1200, seed=1).moves_a
    better = play_match("Better and Better", "Cooperator", turns=1200, seed=1).moves_a
    assert abs(worse[:1000].count("D") - 500.5) < 60 and worse[999:] == "D" * 201
    assert abs(better[:1000].count("C") - 500.5) < 60 and better[999:] == "C" * 201
    assert d_share(worse[:200]) < d_share(worse[800:1000])


def test_worse_and_worse_2_and_3():
    moves = play_match("Worse and Worse 2", "Alternator", turns=400, seed=1).moves_a
    assert moves[:20] == "C" + "CD" * 9 + "C"
    assert abs(d_share(moves[200:]) - (1 - np.mean([20 / (t + 1) for t in range(200, 400)]))) < 0.07
    assert play_match("Worse and Worse 3", "Defector", turns=10).moves_a == "C" + "D" * 9
    assert play_match("Worse and Worse 3", "Cooperator", turns=10).moves_a == "C" * 10
    assert (
        abs(d_share(play_match("Worse and Worse 3", "Alternator", turns=2000, seed=2).moves_a) - 0.5) < 0.04
    )


def test_knowledgeable_worse_and_worse_uses_the_length():
    assert set(play_match("Knowledgeable Worse and Worse", "Cooperator", prob_end=0.01, seed=1).moves_a) == {
        "C"
    }
    runs = [
        play_match("Knowledgeable Worse and Worse", "Cooperator", turns=50, seed=s).moves_a
        for s in range(200)
    ]
    assert all(run[-1] == "D" for run in runs)
    first_half = "".join(run[:10] for run in runs)
    assert abs(d_share(first_half) - np.mean([(t + 1) / 50 for t in range(10)])) < 0.025


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
