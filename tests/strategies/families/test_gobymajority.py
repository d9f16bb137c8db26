"""Go By Majority and its windowed and hard variants: hand-derived matches and move-for-move
agreement with axelrod."""

from __future__ import annotations

import math

import numpy as np
import pytest

from strategies.base import INF
from strategies.families.gobymajority import GoByMajority, HardGoByMajority
from strategies.registry import create, get_class
from tests.strategies.families.merging import SETTINGS, assert_plays_as_former
from tests.strategies.families.test_cycler import BASIC_PANEL, PATTERNS, assert_like_axelrod
from tournament.core.moves import MOVE_DTYPE
from tournament.errors import StrategyError
from tournament.match import play_match

NAMES = [
    "Go By Majority",
    "Hard Go By Majority",
    *(f"{kind}Go By Majority {depth}" for kind in ("", "Hard ") for depth in (5, 10, 20, 40)),
]


@pytest.mark.parametrize(
    "name, opponent, moves",
    [
        ("Go By Majority", "Alternator", "CCCCCCC"),
        ("Go By Majority", "Defector", "CDDDDDD"),
        ("Hard Go By Majority", "Alternator", "DCDCDCD"),
        ("Hard Go By Majority", "Cooperator", "DCCCCCC"),
        # Cycler CCDDD, C:D over the whole past: 0:0 (tie), 1:0, 2:0, 2:1, 2:2 (tie), 2:3, 3:3 (tie).
        ("Go By Majority", "Cycler(cycle='CCDDD')", "CCCCCDC"),
        ("Hard Go By Majority", "Cycler(cycle='CCDDD')", "DCCCDDD"),
        # Window of 5 over DDDCCCCC...: majority D until the window holds 3 C.
        ("Go By Majority 5", "Cycler(cycle='DDDCCCCCCC')", "CDDDDDCCCCC"),
        ("Go By Majority", "Cycler(cycle='DDDCCCCCCC')", "CDDDDDCCCCC"),
        ("Hard Go By Majority 5", "Cycler(cycle='CDDCCCCCCC')", "DCDDDCCCC"),
    ],
)
def test_hand_derived_matches(name, opponent, moves):
    assert play_match(name, opponent, turns=len(moves)).moves_a == moves


def test_window_forgets_old_defections():
    # Ten defections then cooperation: the whole past forgives after 10 cooperations (a tie),
    # a window of 5 after 3.
    opponent = "Cycler(cycle='" + "D" * 10 + "C" * 40 + "')"
    assert play_match("Go By Majority", opponent, turns=25).moves_a == "C" + "D" * 19 + "C" * 5
    assert play_match("Go By Majority(memory_depth=5)", opponent, turns=16).moves_a == "C" + "D" * 12 + "CCC"


def test_parameters_and_names():
    assert (
        create("Go By Majority(memory_depth=3, soft=False)").label
        == "Go By Majority(memory_depth=3, soft=False)"
    )
    assert create("Hard Go By Majority(memory_depth=10)").parameters == {"memory_depth": 10}
    assert get_class("Soft Go By Majority: 40").name == "Go By Majority 40"
    assert get_class("hgbm5").name == "Hard Go By Majority 5"
    assert get_class("gbm") is GoByMajority and get_class("Hard Majority") is HardGoByMajority
    assert get_class("Go By Majority 20")().parameters == {}
    with pytest.raises(StrategyError, match="whole number"):
        create("Go By Majority(memory_depth=2.5)")
    with pytest.raises(StrategyError, match="at most 0"):
        create("Go By Majority 5(3)")


def test_memory_depth_zero_means_the_whole_past_as_in_axelrod():
    opponent = "Cycler(cycle='" + "D" * 10 + "C" * 40 + "')"
    whole = play_match("Go By Majority", opponent, turns=30).moves_a
    assert play_match("Go By Majority(memory_depth=0)", opponent, turns=30).moves_a == whole
    assert GoByMajority(memory_depth=0).classify().memory_depth == math.inf
    assert GoByMajority(memory_depth=7).classify().memory_depth == 7
    assert get_class("Hard Go By Majority 40")().classify().memory_depth == 40


@pytest.mark.parametrize("name", NAMES)
def test_equals_axelrod(name):
    assert_like_axelrod(get_class(name)(), [*BASIC_PANEL, "AntiCycler", "Prober 4", *PATTERNS])


@pytest.mark.parametrize(
    "params", [{"memory_depth": 3, "soft": False}, {"memory_depth": 0}, {"memory_depth": 8}]
)
def test_parameterised_equals_axelrod(params):
    assert_like_axelrod(GoByMajority(**params), ["Tit For Tat", *PATTERNS])


class FormerGoByMajority:
    """Go By Majority's own ``move`` before the family kernel: the oracle of the merged one."""

    def setup(self, view):
        self._window = np.zeros(view.n, dtype=np.int32)

    def move(self, view):
        t, depth = view.turn, self.memory_depth
        if 0 < depth < INF:
            if t:
                self._window += view.opp_last
                if t > depth:
                    self._window -= view.opp_history[t - 1 - int(depth)]
            defections, counted = self._window, min(t, depth)
        else:
            defections, counted = view.opp_defections, t
        twice = defections + defections
        return (twice > counted if self.soft else twice >= counted).view(MOVE_DTYPE)


class GoByMajority7(GoByMajority):
    """A user subclass that only changes the window: merged with the built-ins."""

    name = "Go By Majority 7 For Test"
    params = ()
    memory_depth = 7


class ContraryMajority(HardGoByMajority):
    """A user subclass that overrides ``move``: plays alone, on its own move."""

    name = "Contrary Majority For Test"

    def move(self, view):
        return super().move(view) ^ 1


@pytest.mark.parametrize("setting", list(SETTINGS))
def test_one_kernel_plays_every_member_as_it_played_alone(setting):
    members = [get_class(name)() for name in NAMES] + [
        create("Go By Majority(memory_depth=3, soft=False)"),
        create("Go By Majority(memory_depth=0)"),
        create("Hard Go By Majority(memory_depth=1)"),
        GoByMajority7(),
        ContraryMajority(),
    ]
    assert {p.kernel_group() for p in members[:-1]} == {GoByMajority.family}
    assert ContraryMajority().kernel_group() is None
    assert_plays_as_former(
        members, lambda p: None if isinstance(p, ContraryMajority) else FormerGoByMajority, setting
    )
