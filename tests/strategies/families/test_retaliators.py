"""Retaliators: hand-derived matches, parameters and move-for-move agreement with axelrod."""

from __future__ import annotations

import numpy as np
import pytest

from strategies.families.retaliators import LimitedRetaliate, Retaliate
from strategies.registry import create, get_class
from tests.strategies.families.merging import SETTINGS, assert_plays_as_former
from tests.strategies.families.test_cycler import BASIC_PANEL, PATTERNS, assert_like_axelrod
from tournament.core.moves import MOVE_DTYPE
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


class FormerRetaliate:
    """Retaliate's own ``move`` before the family kernel: the oracle of the merged one."""

    def setup(self, view):
        self._mutual_defections = np.zeros(view.n, dtype=np.int64)

    def _provoked(self, view):
        mutual = self._mutual_defections
        if view.turn:
            mutual += view.own_last & view.opp_last
        its_wins = view.opp_defections - mutual
        my_wins = view.own_defections - mutual
        return its_wins > my_wins * self.retaliation_threshold

    def move(self, view):
        return self._provoked(view).view(MOVE_DTYPE)


class FormerLimitedRetaliate(FormerRetaliate):
    """Limited Retaliate's own ``move`` before the family kernel."""

    def setup(self, view):
        super().setup(view)
        self._count = np.zeros(view.n, dtype=np.int64)

    def move(self, view):
        retaliate = self._provoked(view) & (self._count < self.retaliation_limit)
        self._count += 1
        self._count *= retaliate
        return retaliate.view(MOVE_DTYPE)


class Retaliate4(LimitedRetaliate):
    """A user subclass that only changes the parameters: merged with the built-ins."""

    name = "Limited Retaliate 4 For Test"
    params = ()
    retaliation_threshold = 0.02
    retaliation_limit = 2


class ContraryRetaliate(Retaliate):
    """A user subclass that overrides ``move``: plays alone, on its own move."""

    name = "Contrary Retaliate For Test"

    def move(self, view):
        return super().move(view) ^ 1


def former_of(player):
    if isinstance(player, ContraryRetaliate):
        return None
    return FormerLimitedRetaliate if isinstance(player, LimitedRetaliate) else FormerRetaliate


@pytest.mark.parametrize("setting", list(SETTINGS))
def test_one_kernel_plays_every_member_as_it_played_alone(setting):
    members = [get_class(name)() for name in DETERMINISTIC] + [
        create("Retaliate(retaliation_threshold=0.5)"),
        create("Limited Retaliate(retaliation_threshold=0.2, retaliation_limit=3)"),
        create("Limited Retaliate(retaliation_limit=0)"),
        Retaliate4(),
        ContraryRetaliate(),
    ]
    assert {p.kernel_group() for p in members[:-1]} == {Retaliate.family}
    assert ContraryRetaliate().kernel_group() is None
    assert_plays_as_former(members, former_of, setting)
