"""Worse and Worse and its relatives: the probabilities that drift over a match."""

from __future__ import annotations

import numpy as np
import pytest

from strategies.base import choose
from strategies.families.worse_and_worse import (
    BetterAndBetter,
    DriftingPlayer,
    KnowledgeableWorseAndWorse,
    WorseAndWorse,
    WorseAndWorse2,
    WorseAndWorse3,
)
from strategies.registry import get_class
from tests.strategies.families.merging import SETTINGS, assert_plays_as_former
from tests.strategies.families.test_cycler import d_share
from tournament.match import play_match


def test_knowledgeable_worse_and_worse_declares_that_it_uses_the_length():
    assert get_class("Knowledgeable Worse and Worse").classifier.makes_use_of == {"length"}


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


class FormerWorseAndWorse:
    def setup(self, view):
        pass

    def move(self, view):
        return choose(view, 1 - (view.turn + 1) / 1000)


class FormerWorseAndWorse2(FormerWorseAndWorse):
    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        if view.turn < 20:
            return view.opp_last.copy()
        return choose(view, 20 / (view.turn + 1))


class FormerWorseAndWorse3(FormerWorseAndWorse):
    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        return choose(view, 1 - view.opp_defections / view.turn)


class FormerBetterAndBetter(FormerWorseAndWorse):
    def move(self, view):
        return choose(view, (view.turn + 1) / 1000)


class FormerKnowledgeableWorseAndWorse(FormerWorseAndWorse):
    def move(self, view):
        if view.length is None:
            return view.cooperate()
        return choose(view, 1 - (view.turn + 1) / view.length)


FORMER = {
    WorseAndWorse: FormerWorseAndWorse,
    WorseAndWorse2: FormerWorseAndWorse2,
    WorseAndWorse3: FormerWorseAndWorse3,
    BetterAndBetter: FormerBetterAndBetter,
    KnowledgeableWorseAndWorse: FormerKnowledgeableWorseAndWorse,
}
"""The classes' own ``move`` before the family kernel: the oracles of the merged ones."""


class Halfway(DriftingPlayer):
    """A user subclass that only says its chance: merged with the built-ins."""

    name = "Halfway For Test"

    def cooperation(self, turn, length, opp_defections, opp_last):
        return 0.5 if opp_last is None else np.where(opp_defections > turn / 2, 0.25, 0.75)


class FormerHalfway:
    def setup(self, view):
        pass

    def move(self, view):
        if view.turn == 0:
            return choose(view, 0.5)
        return choose(view, np.where(view.opp_defections > view.turn / 2, 0.25, 0.75))


class ContraryWorse(WorseAndWorse):
    """A user subclass that overrides ``move``: plays alone, on its own move."""

    name = "Contrary Worse For Test"

    def move(self, view):
        return super().move(view) ^ 1


@pytest.mark.parametrize("setting", list(SETTINGS))
def test_one_kernel_plays_every_member_as_it_played_alone(setting):
    members = [cls() for cls in FORMER] + [Halfway(), ContraryWorse()]
    assert {p.kernel_group() for p in members[:-1]} == {DriftingPlayer.family}
    assert ContraryWorse().kernel_group() is None
    oracles = {**FORMER, Halfway: FormerHalfway, ContraryWorse: None}
    assert_plays_as_former(members, lambda p: oracles[type(p)], setting)
