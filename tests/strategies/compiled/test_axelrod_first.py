"""The compiled steps of Axelrod's first tournament play as their ``move`` (see ``parity.py``)."""

from __future__ import annotations

import pytest

from tests.strategies.compiled.parity import SETTINGS, assert_compiled_parity

PLAYERS = [
    "First by Anonymous",
    "First by Downing",
    "First by Feld",
    "First by Feld(start_coop_prob=0.8, end_coop_prob=0.3, rounds_of_decay=25)",
    "First by Graaskamp",
    "First by Graaskamp(alpha=0.5)",
    "First by Nydegger",
    "First by Shubik",
    "First by Stein and Rapoport",
    "First by Stein and Rapoport(alpha=0.5)",
    "First by Tideman and Chieruzzi",
]


@pytest.mark.parametrize("setting", sorted(SETTINGS))
def test_compiled_steps_play_as_move(setting: str) -> None:
    assert_compiled_parity(PLAYERS, setting)
