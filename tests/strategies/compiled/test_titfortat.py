"""The compiled steps of the Tit For Tat family play as their ``move`` (see ``parity.py``)."""

from __future__ import annotations

import pytest

from tests.strategies.compiled.parity import SETTINGS, assert_compiled_parity

PLAYERS = [
    "Gradual",
    "Sneaky Tit For Tat",
    "Original Gradual",
    "Contrite Tit For Tat",
    "Adaptive Tit For Tat",
    "Adaptive Tit For Tat(rate=0.3)",
    "Adaptive Tit For Tat(rate=0.07)",
    "Omega TFT",
    "Omega TFT(deadlock_threshold=0, randomness_threshold=2)",
    "Omega TFT(deadlock_threshold=1, randomness_threshold=0)",
    "Alexei",
    "EugineNier",
    "Dynamic Two Tits For Tat",
    "Random Tit for Tat",
    "Random Tit for Tat(p=0.2)",
    "Random Tit for Tat(p=0)",
    "Random Tit for Tat(p=1)",
    "Michaelos",
]


@pytest.mark.parametrize("setting", sorted(SETTINGS))
def test_compiled_steps_play_as_move(setting: str) -> None:
    assert_compiled_parity(PLAYERS, setting)
