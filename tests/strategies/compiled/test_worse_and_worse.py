"""The compiled steps of the drifting players (Worse and Worse, Average Copier) play as their
``move`` (see ``parity.py``)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from strategies.families.worse_and_worse import DriftingPlayer, DriftKernel, WorseAndWorse
from tests.strategies.compiled.parity import SETTINGS, assert_compiled_parity

PLAYERS = [
    "Worse and Worse",
    "Worse and Worse 2",
    "Worse and Worse 3",
    "Better and Better",
    "Knowledgeable Worse and Worse",
    "Average Copier",
    "Nice Average Copier",
]


@pytest.mark.parametrize("setting", sorted(SETTINGS))
def test_compiled_steps_play_as_move(setting: str) -> None:
    assert_compiled_parity(PLAYERS, setting)


def test_a_rule_of_its_own_is_not_compiled() -> None:
    class Halves(DriftingPlayer):
        name = "Halves"

        def cooperation(self, turn, length, opp_defections, opp_last):
            return 0.5

    class Renamed(WorseAndWorse):
        name = "Renamed"

    class Quarters(WorseAndWorse):  # inherits a drift_rule, but not the cooperation it names
        name = "Quarters"

        def cooperation(self, turn, length, opp_defections, opp_last):
            return 0.25

    view = SimpleNamespace(n=3)
    assert DriftKernel([(Renamed(), 1), (Halves(), 2)]).compiled(view) is None
    assert DriftKernel([(Renamed(), 1), (Quarters(), 2)]).compiled(view) is None
    assert DriftKernel([(Renamed(), 1), (WorseAndWorse(), 2)]).compiled(view) is not None
