"""Cyclers: hand-derived matches and move-for-move agreement with axelrod.

Also holds what the tests of other families share: irregular :data:`PATTERNS` opponents
(our Cycler, axelrod's Cycler on the other side), :func:`cycle` and :func:`assert_like_axelrod`,
built on ``tests.oracle``'s :func:`axelrod_moves` and :func:`replay_mismatch`, and
:func:`d_share` for the stochastic ones.
"""

from __future__ import annotations

import numpy as np
import pytest

from strategies.base import Strategy
from strategies.families.cycler import AntiCycler, Cycler, anti_cycler_defects
from strategies.registry import create, get_class
from tests.oracle import axelrod_moves, replay_mismatch
from tournament.errors import StrategyError
from tournament.match import play_match


def _pattern(size: int, p_defect: float, seed: int) -> Cycler:
    draws = np.random.default_rng(seed).random(size)
    return Cycler(cycle="".join("D" if u < p_defect else "C" for u in draws))


PATTERNS = [_pattern(7, 0.3, 1), _pattern(23, 0.1, 2), _pattern(61, 0.5, 3), _pattern(97, 0.8, 4)]
BASIC_PANEL = ["Cooperator", "Defector", "Alternator", "Tit For Tat", "Grudger"]


def cycle(moves: str) -> str:
    """Text form of a Cycler opponent."""
    return f"Cycler(cycle='{moves}')"


def d_share(moves: str) -> float:
    """The share of D in a move string."""
    return moves.count("D") / len(moves)


def our_moves(a: Strategy, b: Strategy, turns: int) -> tuple[str, str]:
    """Move strings of a and b in our match of ``turns`` turns."""
    result = play_match(a, b, turns=turns)
    return result.moves_a, result.moves_b


def assert_like_axelrod(strategy: Strategy, opponents: list[str | Strategy]) -> None:
    """Move-for-move agreement at 200 and 37 turns, and under noise at a known and an
    unknown length."""
    for opponent in [create(o) for o in opponents]:
        for turns in (200, 37):
            ours = our_moves(strategy, opponent, turns)
            assert ours == axelrod_moves(strategy, opponent, turns), f"{strategy.label} vs {opponent.label}"
        for seed, kwargs in enumerate(({"turns": 63}, {"turns": None, "prob_end": 0.01})):
            assert replay_mismatch(strategy, opponent, noise=0.1, seed=seed, **kwargs) is None


NAMED = ["Cycler DC", "Cycler CCD", "Cycler DDC", "Cycler CCCD", "Cycler CCCCCD", "Cycler CCCDCD"]


@pytest.mark.parametrize(
    "name, moves",
    [
        ("Cycler", "CCDCCDC"),
        ("Cycler DC", "DCDCDCD"),
        ("Cycler CCD", "CCDCCDC"),
        ("Cycler DDC", "DDCDDCD"),
        ("Cycler CCCD", "CCCDCCC"),
        ("Cycler CCCCCD", "CCCCCDC"),
        ("Cycler CCCDCD", "CCCDCDC"),
        ("AntiCycler", "CDDCDCCDCCCDCCCCD"),
    ],
)
def test_plays_its_sequence_whatever_the_opponent(name, moves):
    for opponent in ("Defector", "Cooperator", "Tit For Tat"):
        assert play_match(name, opponent, turns=len(moves)).moves_a == moves


def test_cycle_parameter():
    assert play_match("Cycler(cycle='DDCDC')", "Cooperator", turns=8).moves_a == "DDCDCDDC"
    assert play_match("Cycler('c')", "Defector", turns=3).moves_a == "CCC"
    assert create("Cycler(cycle='CD')").label == "Cycler(cycle='CD')"
    with pytest.raises(StrategyError, match="string of C and D"):
        create("Cycler(cycle='CXD')")
    with pytest.raises(StrategyError, match="string of C and D"):
        create("Cycler(cycle='')")


def test_classification_follows_the_cycle():
    assert create("Cycler(cycle='CCCCD')").classify().memory_depth == 4
    assert get_class("Cycler CCCDCD")().classify().memory_depth == 5
    assert get_class("Cycler DC")().classify().memory_depth == 1
    assert AntiCycler().classify().memory_depth == float("inf")


def test_anti_cycler_blocks_grow_without_end():
    moves = "".join("D" if anti_cycler_defects(t) else "C" for t in range(3, 3000))
    blocks = moves.split("D")[:-1]
    assert blocks == ["C" * k for k in range(1, len(blocks) + 1)]


def test_aliases():
    assert get_class("Periodic player CCD").name == "Cycler CCD"
    assert get_class("anti cycler") is AntiCycler


@pytest.mark.parametrize("name", [*NAMED, "AntiCycler"])
def test_named_cyclers_equal_axelrod(name):
    assert_like_axelrod(get_class(name)(), [*BASIC_PANEL, "AntiCycler", *PATTERNS[:2]])


@pytest.mark.parametrize("cycle", ["CCD", "D", "DCCDDDCD", PATTERNS[2].cycle])
def test_generic_cycler_equals_axelrod_cycler(cycle):
    assert_like_axelrod(Cycler(cycle=cycle), ["Tit For Tat", "Grudger", PATTERNS[0]])
