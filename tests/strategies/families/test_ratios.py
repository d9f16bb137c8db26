"""Ratio players: hand-derived matches, names and move-for-move agreement with axelrod."""

from __future__ import annotations

import numpy as np
import pytest

from strategies.families.ratios import CotoDeRatio, E, Golden, Pi
from strategies.registry import get_class
from tests.strategies.families.merging import SETTINGS, assert_plays_as_former
from tests.strategies.families.test_cycler import BASIC_PANEL, PATTERNS, assert_like_axelrod
from tournament.core.moves import MOVE_DTYPE
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


class FormerCotoDeRatio:
    """CotoDeRatio's own ``move`` before the family kernel: the oracle of the merged one."""

    def setup(self, view):
        pass

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        defections = view.opp_defections + view.own_defections
        with np.errstate(divide="ignore", invalid="ignore"):
            steer = (2 * view.turn - defections) / defections > self.ratio
        return ((view.opp_defections == 0) | steer).view(MOVE_DTYPE)


class Two(CotoDeRatio):
    """A user subclass with a ratio of its own: merged with the built-ins."""

    name = "Two For Test"
    ratio = 2


class ContraryPi(Pi):
    """A user subclass that overrides ``move``: plays alone, on its own move."""

    name = "Contrary Pi For Test"

    def move(self, view):
        return super().move(view) ^ 1


@pytest.mark.parametrize("setting", list(SETTINGS))
def test_one_kernel_plays_every_member_as_it_played_alone(setting):
    members = [Pi(), E(), Golden(), Two(), ContraryPi()]
    assert {p.kernel_group() for p in members[:-1]} == {CotoDeRatio.family}
    assert ContraryPi().kernel_group() is None
    assert_plays_as_former(
        members, lambda p: None if isinstance(p, ContraryPi) else FormerCotoDeRatio, setting
    )
