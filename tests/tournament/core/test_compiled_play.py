"""The compiled player plays table families exactly as the numpy engine, and falls back to it for a
batch it cannot compile (every other compiled step is checked in ``tests/strategies/compiled``)."""

from __future__ import annotations

import pytest

from strategies.base import Classifier, Strategy
from strategies.families.titfortat import Gradual
from strategies.registry import create
from tests.strategies.compiled.parity import PANEL, SETTINGS, assert_compiled_parity, assert_same
from tournament.core import plan as planner
from tournament.core.engine import Engine, compilable
from tournament.settings import MatchSettings


@pytest.mark.parametrize("setting", sorted(SETTINGS))
def test_table_families_play_as_the_engine(setting: str) -> None:
    assert_compiled_parity(["Win-Shift Lose-Stay", "Evolved FSM 4", "EvolvedLookerUp1_1_1"], setting)


class Plain(Strategy):
    """A strategy with a ``move`` only: no compiled step."""

    name = "Plain test strategy"
    classifier = Classifier()

    def move(self, view):
        return view.cooperate() if view.turn % 3 else view.defect()


def test_a_batch_with_a_kernel_without_a_step_is_played_by_the_engine() -> None:
    players = [Plain()] + [create(name) for name in PANEL[:3]]
    settings = MatchSettings(turns=20, noise=0.1)
    ((_, batch),) = planner.batches(planner.round_robin(players, settings, 1, 2))
    engine = Engine(batch, settings, seed=1)
    outcome = engine.play(compiled=True)
    assert not engine.played_compiled
    assert_same(Engine(batch, settings, seed=1).play(), outcome)


class StubbornGradual(Gradual):
    """Gradual's subclass with a ``move`` of its own: its inherited step would play Gradual."""

    name = "Stubborn Gradual (test)"

    def move(self, view):
        return view.defect()


def test_a_subclass_that_overrides_move_plays_on_its_own_move() -> None:
    players = [StubbornGradual(), create("Tit For Tat")]
    settings = MatchSettings(turns=10)
    ((_, batch),) = planner.batches(planner.round_robin(players, settings, 1, 1))
    engine = Engine(batch, settings, seed=1, keep_moves=True)
    outcome = engine.play(compiled=True)
    assert not engine.played_compiled
    assert outcome.moves_a[0] == "D" * 10


def test_compilable_says_whether_every_kernel_has_a_step_without_building_one() -> None:
    built = [create("Tit For Tat"), create("Gradual"), create("Go By Majority"), create("Random")]
    assert compilable(built)
    assert not compilable([*built, Plain()])
    assert not compilable([*built, StubbornGradual()])
