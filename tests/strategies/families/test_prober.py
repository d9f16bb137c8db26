"""Probers: hand-derived matches, move-for-move agreement with axelrod for the deterministic
ones and the probabilities of the stochastic ones."""

from __future__ import annotations

import pytest

from strategies.families.prober import Detective, NaiveProber, RemorsefulProber
from strategies.registry import create, get_class
from tests.strategies.families.test_cycler import BASIC_PANEL, PATTERNS, assert_like_axelrod
from tournament.match import play_match

DETERMINISTIC = [
    "Prober",
    "Prober 2",
    "Prober 3",
    "Prober 4",
    "Hard Prober",
    "Detective",
    "CollectiveStrategy",
]


@pytest.mark.parametrize(
    "name, opponent, moves",
    [
        ("Prober", "Cooperator", "DCCDDDD"),
        ("Prober", "Tit For Tat", "DCCCCCC"),
        ("Prober", "Alternator", "DCCCDCD"),
        ("Prober 2", "Tit For Tat", "DCCCCCC"),
        ("Prober 2", "Defector", "DCCDDDD"),
        ("Prober 2", "Cycler(cycle='CDCDDD')", "DCCCCCCCC"),
        ("Prober 3", "Cooperator", "DCDDDD"),
        ("Prober 3", "Tit For Tat", "DCDCDC"),
        ("Prober 3", "Defector", "DCDDDD"),
        ("Hard Prober", "Cooperator", "DDCCDDD"),
        ("Hard Prober", "Tit For Tat", "DDCCCCC"),
        ("Hard Prober", "Alternator", "DDCCDCD"),
        ("Detective", "Cooperator", "CDCCDDDD"),
        ("Detective", "Tit For Tat", "CDCCCCCC"),
        ("Detective", "Alternator", "CDCCDCDC"),
        ("CollectiveStrategy", "CollectiveStrategy", "CDCCCC"),
        ("CollectiveStrategy", "Cooperator", "CDDDDD"),
        ("CollectiveStrategy", "Cycler(cycle='CDCCCD')", "CDCCCCDD"),
    ],
)
def test_hand_derived_matches(name, opponent, moves):
    assert play_match(name, opponent, turns=len(moves)).moves_a == moves


def test_prober4_opening_then_defects_against_a_cooperator():
    opening = "CCDCDDDCCDCDCCDCDDCD"
    # No defections at all: the counts differ by 0 <= 2, so it defects for ever.
    assert play_match("Prober 4", "Cooperator", turns=30).moves_a == opening + "D" * 10


def test_prober4_forgives_a_provocable_opponent():
    opening = "CCDCDDDCCDCDCCDCDDCD"
    # Tit For Tat answers each of Prober 4's 10 opening defections one turn later; 9 answers
    # fall on the 19 counted turns, 3 on turns where Prober 4 defects too (just), 6 where it
    # cooperates (unjust): 6 - 3 > 2, so it cooperates 5 times, then plays Tit For Tat.
    moves = play_match("Prober 4", "Tit For Tat", turns=30).moves_a
    assert moves[:20] == opening
    assert moves[20:25] == "CCCCC"
    assert moves[25:] == "CCCCC"


def test_detective_with_another_opening():
    assert play_match("Detective(initial_actions='CCD')", "Cooperator", turns=6).moves_a == "CCDDDD"
    assert play_match(Detective(initial_actions="CC"), "Alternator", turns=6).moves_a == "CCDCDC"


@pytest.mark.parametrize("name", DETERMINISTIC)
def test_deterministic_probers_equal_axelrod(name):
    assert_like_axelrod(get_class(name)(), [*BASIC_PANEL, "Prober 4", "AntiCycler", *PATTERNS])


def test_detective_other_opening_equals_axelrod():
    assert_like_axelrod(Detective(initial_actions="DCDCC"), ["Tit For Tat", "Cooperator", *PATTERNS[:2]])


def test_naive_prober_probes_with_probability_p():
    moves = play_match("Naive Prober(p=0.3)", "Cooperator", turns=4000, seed=2).moves_a
    assert moves[0] == "C"
    assert abs(moves.count("D") / 3999 - 0.3) < 0.03


def test_naive_prober_always_answers_a_defection():
    assert play_match("Naive Prober(p=0.5)", "Defector", turns=50, seed=1).moves_a == "C" + "D" * 49


def test_probers_with_extreme_p_are_deterministic():
    assert not NaiveProber(p=0).stochastic and not RemorsefulProber(p=1).stochastic
    assert NaiveProber().stochastic and RemorsefulProber().stochastic
    assert play_match("Naive Prober(p=0)", "Alternator", turns=6).moves_a == "CCDCDC"
    assert play_match("Naive Prober(p=1)", "Cooperator", turns=4).moves_a == "CDDD"
    # p = 1: probes after every cooperation; when the opponent defects on the turn of the
    # probe it takes that hit without answering.
    assert play_match("Remorseful Prober(p=1)", "Alternator", turns=7).moves_a == "CDCDCDC"
    assert play_match("Naive Prober(p=1)", "Alternator", turns=7).moves_a == "CDDDDDD"
    assert play_match("Remorseful Prober(p=1)", "Tit For Tat", turns=7).moves_a == "CDDCDDC"


def test_remorseful_prober_takes_one_hit_after_a_probe():
    moves = play_match("Remorseful Prober(p=0.2)", "Alternator", turns=4001, seed=4).moves_a
    # After the Alternator's C (odd turns) it probes with probability 0.2 ...
    probes = [t for t in range(1, 4001, 2) if moves[t] == "D"]
    assert abs(len(probes) / 2000 - 0.2) < 0.03
    # ... and after its D (even turns) it answers, unless it had probed on that very turn.
    for t in range(2, 4001, 2):
        assert moves[t] == ("C" if moves[t - 1] == "D" else "D")


def test_aliases_and_names():
    assert get_class("Collective Strategy").name == "CollectiveStrategy"
    assert get_class("prober4").name == "Prober 4"
    assert create("detective").label == "Detective"
