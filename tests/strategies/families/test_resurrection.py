"""Resurrections: hand-derived matches and move-for-move agreement with axelrod."""

from __future__ import annotations

import numpy as np
import pytest

from strategies.families.resurrection import DoubleResurrection, Resurrection
from strategies.registry import get_class
from tests.strategies.families.merging import SETTINGS, assert_plays_as_former
from tests.strategies.families.test_cycler import BASIC_PANEL, PATTERNS, assert_like_axelrod, cycle
from tournament.match import play_match

DETERMINISTIC = [
    "Resurrection",
    "DoubleResurrection",
]


@pytest.mark.parametrize(
    "name, opponent, moves",
    [
        ("Resurrection", "Tit For Tat", "CCCCCC"),
        ("Resurrection", cycle("DDDDDC"), "CDDDDDDDD"),
        ("DoubleResurrection", "Cooperator", "CCCCCDCCCCCD"),
        ("DoubleResurrection", "Defector", "CDDDDDCDDDDDC"),
    ],
)
def test_hand_derived_matches(name, opponent, moves):
    assert play_match(name, opponent, turns=len(moves)).moves_a == moves


@pytest.mark.parametrize("name", DETERMINISTIC)
def test_deterministic_equals_axelrod(name):
    assert_like_axelrod(get_class(name)(), [*BASIC_PANEL, "Prober 4", "AntiCycler", *PATTERNS])


class FormerResurrection:
    """Resurrection's own ``move`` before the family kernel: the oracle of the merged one."""

    def setup(self, view):
        self._defections_in_a_row = np.zeros(view.n, dtype=np.int64)

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        run = self._defections_in_a_row
        run += 1
        run *= view.own_last
        if view.turn < 5:
            return view.opp_last.copy()
        return view.opp_last | (run >= 5)


class FormerDoubleResurrection:
    def setup(self, view):
        self._same_in_a_row = np.zeros(view.n, dtype=np.int64)

    def move(self, view):
        t = view.turn
        if t == 0:
            return view.cooperate()
        own = view.own_last
        run = self._same_in_a_row
        if t > 1:
            run *= own == view.own_history[t - 2]
        run += 1
        if t < 5:
            return view.opp_last.copy()
        return np.where(run >= 5, own ^ 1, view.opp_last)


class ContraryResurrection(Resurrection):
    """A user subclass that overrides ``move``: plays alone, on its own move."""

    name = "Contrary Resurrection For Test"

    def move(self, view):
        return super().move(view) ^ 1


@pytest.mark.parametrize("setting", list(SETTINGS))
def test_one_kernel_plays_both_as_they_played_alone(setting):
    members = [Resurrection(), DoubleResurrection(), ContraryResurrection()]
    assert [p.kernel_group() for p in members] == [Resurrection.family] * 2 + [None]
    oracles = {Resurrection: FormerResurrection, DoubleResurrection: FormerDoubleResurrection}
    assert_plays_as_former(members, lambda p: oracles.get(type(p)), setting)
