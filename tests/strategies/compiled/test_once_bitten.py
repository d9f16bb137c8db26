"""The compiled steps of the once bitten family play as their ``move`` (see ``parity.py``)."""

from __future__ import annotations

import pytest

from tests.strategies.compiled.parity import SETTINGS, assert_compiled_parity

PLAYERS = [
    "Forgetful Fool Me Once",
    "Forgetful Fool Me Once(forget_probability=0)",
    "Forgetful Fool Me Once(forget_probability=1)",
    "Forgetful Fool Me Once(forget_probability=0.4)",
]


@pytest.mark.parametrize("setting", sorted(SETTINGS))
def test_compiled_steps_play_as_move(setting: str) -> None:
    assert_compiled_parity(PLAYERS, setting)
