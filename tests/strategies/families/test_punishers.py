"""Punishers: hand-derived matches and move-for-move agreement with axelrod."""

from __future__ import annotations

import numpy as np
import pytest

from strategies.families.punishers import (
    InversePunisher,
    LevelPunisher,
    Punisher,
    TrickyLevelPunisher,
)
from strategies.registry import get_class
from tests.strategies.families.merging import SETTINGS, assert_plays_as_former
from tests.strategies.families.test_cycler import BASIC_PANEL, PATTERNS, assert_like_axelrod, cycle
from tournament.core.moves import MOVE_DTYPE
from tournament.match import play_match

DETERMINISTIC = [
    "Punisher",
    "Inverse Punisher",
    "Level Punisher",
    "Tricky Level Punisher",
]


@pytest.mark.parametrize(
    "name, opponent, moves",
    [
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
    ],
)
def test_hand_derived_matches(name, opponent, moves):
    assert play_match(name, opponent, turns=len(moves)).moves_a == moves


def test_tricky_level_punisher_forgives_everything_from_turn_100():
    moves = play_match("Tricky Level Punisher", "Defector", turns=150).moves_a
    assert moves == "C" + "D" * 99 + "C" * 50


@pytest.mark.parametrize("name", DETERMINISTIC)
def test_deterministic_equals_axelrod(name):
    assert_like_axelrod(get_class(name)(), [*BASIC_PANEL, "Prober 4", "AntiCycler", *PATTERNS])


class FormerPunisher:
    """Punisher's own ``move`` before the family kernel: the oracle of the merged one."""

    def setup(self, view):
        self._length = np.ones(view.n, dtype=np.int64)
        self._served = np.ones(view.n, dtype=np.int64)
        self._grudged = np.zeros(view.n, dtype=bool)

    def _spell(self, view):
        return view.opp_defections * 20 // view.turn

    def move(self, view):
        over = self._served >= self._length
        punishing = self._grudged > over
        np.copyto(self._served, 0, where=over)
        self._served += punishing
        if view.turn == 0:
            self._grudged = punishing
            return punishing.view(MOVE_DTYPE)
        start = view.opp_last.view(bool) > punishing
        np.copyto(self._length, self._spell(view), where=start)
        self._grudged = punishing | start
        return self._grudged.view(MOVE_DTYPE)


class FormerInversePunisher(FormerPunisher):
    def _spell(self, view):
        return np.maximum(view.opp_cooperations * 20 // view.turn, 1)


class FormerLevelPunisher:
    def setup(self, view):
        pass

    def move(self, view):
        if view.turn < 10:
            return view.cooperate()
        return (view.opp_defections / view.turn > 0.2).view(MOVE_DTYPE)


class FormerTrickyLevelPunisher(FormerLevelPunisher):
    def move(self, view):
        if view.turn == 0 or view.turn >= 100:
            return view.cooperate()
        return (view.opp_defections / view.turn > 0.05).view(MOVE_DTYPE)


class StrictLevelPunisher(LevelPunisher):
    """A user subclass that only changes the constants: merged with the built-ins."""

    name = "Strict Level Punisher For Test"
    first_judged = 3
    stop_judging = 30
    tolerated = 0.1


class FormerStrictLevelPunisher(FormerLevelPunisher):
    def move(self, view):
        if view.turn < 3 or view.turn >= 30:
            return view.cooperate()
        return (view.opp_defections / view.turn > 0.1).view(MOVE_DTYPE)


class ContraryPunisher(InversePunisher):
    """A user subclass that overrides ``move``: plays alone, on its own move."""

    name = "Contrary Punisher For Test"

    def move(self, view):
        return super().move(view) ^ 1


FORMER = {
    Punisher: FormerPunisher,
    InversePunisher: FormerInversePunisher,
    LevelPunisher: FormerLevelPunisher,
    TrickyLevelPunisher: FormerTrickyLevelPunisher,
    StrictLevelPunisher: FormerStrictLevelPunisher,
    ContraryPunisher: None,
}
"""The classes' own ``move`` before the family kernels: the oracles of the merged ones."""


@pytest.mark.parametrize("setting", list(SETTINGS))
def test_one_kernel_per_kind_plays_every_member_as_it_played_alone(setting):
    members = [cls() for cls in FORMER]
    assert [p.kernel_group() for p in members] == [Punisher.family] * 2 + [LevelPunisher.family] * 3 + [None]
    assert_plays_as_former(members, lambda p: FORMER[type(p)], setting)
