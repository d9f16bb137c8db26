"""The compiled steps of the Go By Majority family play as their ``move`` (see ``parity.py``)."""

from __future__ import annotations

import pytest

from tests.strategies.compiled.parity import SETTINGS, assert_compiled_parity

PLAYERS = [
    "Go By Majority",
    "Hard Go By Majority",
    "Go By Majority 5",
    "Hard Go By Majority 40",
    "Go By Majority(memory_depth=0)",
    "Go By Majority(memory_depth=1, soft=False)",
    "Go By Majority(memory_depth=2)",
    "Hard Go By Majority(memory_depth=3)",
    "Go By Majority(memory_depth=1000)",
]


@pytest.mark.parametrize("setting", sorted(SETTINGS))
def test_compiled_steps_play_as_move(setting: str) -> None:
    assert_compiled_parity(PLAYERS, setting)
