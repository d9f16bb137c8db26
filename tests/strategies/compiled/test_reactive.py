"""The compiled steps of the reactive family play as their ``move`` (see ``parity.py``)."""

from __future__ import annotations

import pytest

from tests.strategies.compiled.parity import SETTINGS, assert_compiled_parity

PLAYERS = [
    "Adaptive",
    "Adaptive(initial_plays='CDCD')",
    "Adaptive(initial_plays='D')",
    "Cycle Hunter",
    "Doubler",
    "Eventual Cycle Hunter",
    "Forgiver",
    "Forgiving Tit For Tat",
    "Grumpy",
    "Grumpy(starting_state='Grumpy', grumpy_threshold=3, nice_threshold=-2)",
    "Grumpy(grumpy_threshold=0, nice_threshold=0)",
    "Grumpy(grumpy_threshold=-100000000000000000000)",
    "Grumpy(starting_state='Grumpy', nice_threshold=100000000000000000000)",
    "Math Constant Hunter",
    "Random Hunter",
    "SelfSteem",
]


@pytest.mark.parametrize("setting", sorted(SETTINGS))
def test_compiled_steps_play_as_move(setting: str) -> None:
    assert_compiled_parity(PLAYERS, setting)
