"""The compiled steps of the sequence family play as their ``move`` (see ``parity.py``)."""

from __future__ import annotations

import pytest

from tests.strategies.compiled.parity import SETTINGS, assert_compiled_parity

PLAYERS = ["ThueMorse", "ThueMorseInverse"]


@pytest.mark.parametrize("setting", sorted(SETTINGS))
def test_compiled_steps_play_as_move(setting: str) -> None:
    assert_compiled_parity(PLAYERS, setting)
