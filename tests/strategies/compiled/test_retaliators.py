"""The compiled steps of the retaliators play as their ``move`` (see ``parity.py``)."""

from __future__ import annotations

import pytest

from tests.strategies.compiled.parity import SETTINGS, assert_compiled_parity

PLAYERS = [
    "Retaliate",
    "Retaliate 2",
    "Retaliate 3",
    "Limited Retaliate",
    "Limited Retaliate 2",
    "Limited Retaliate 3",
    "Retaliate(retaliation_threshold=0)",
    "Retaliate(retaliation_threshold=-1.5)",
    "Retaliate(retaliation_threshold=1e300)",
    "Limited Retaliate(retaliation_limit=0)",
    "Limited Retaliate(retaliation_threshold=0.5, retaliation_limit=1)",
]


@pytest.mark.parametrize("setting", sorted(SETTINGS))
def test_compiled_steps_play_as_move(setting: str) -> None:
    assert_compiled_parity(PLAYERS, setting)
