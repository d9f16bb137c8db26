"""The check every compiled step passes: the compiled player plays exactly the games ``move`` plays.

A strategy and a panel of opponents of every table kind (so the whole batch compiles) play a
round robin through the numpy engine and through the compiled player, under noise, random
match lengths, other payoffs and a hidden length; every record (state counts, first moves,
first defections, transitions, cooperation by turn, every move string) must be equal, and the
compiled run must really have gone through the compiled player.
"""

from __future__ import annotations

import numpy as np

from strategies.base import Strategy
from strategies.registry import create
from tournament.core import plan as planner
from tournament.core.engine import BatchOutcome, Engine
from tournament.core.observers import CooperationByTurn, Transitions
from tournament.settings import Game, MatchSettings

PANEL = [
    "Random(p=0.7)",
    "Random",
    "Tit For Tat",
    "Win-Stay Lose-Shift",
    "Cooperator",
    "Defector",
    "Alternator",
    "Generous Tit For Tat",
    "Evolved FSM 16",
    "EvolvedLookerUp2_2_2",
    "First by Tullock",
    "Grudger",
]
"""Opponents with a table form: stochastic, memory-one, machines, lookup tables."""

SETTINGS = {
    "plain": {"turns": 120},
    "noise": {"turns": 90, "noise": 0.1},
    "prob_end": {"prob_end": 0.03, "noise": 0.03},
    "capped prob_end": {"turns": 40, "prob_end": 0.05},
    "payoffs": {"turns": 60, "noise": 0.05, "game": Game(2, -1, 3, 0)},
    "hidden length": {"turns": 45, "hide_length": True},
}


def played(players: list[Strategy], settings: MatchSettings, seed: int, compiled: bool) -> list[BatchOutcome]:
    """Every batch of a 3-repetition round robin of ``players``."""
    plan = planner.round_robin(players, settings, seed, 3)
    outcomes = []
    for _, batch in planner.batches(plan, 2**30):
        engine = Engine(
            batch, settings, seed=seed, keep_moves=True, observers=(Transitions, CooperationByTurn)
        )
        outcomes.append(engine.play(compiled=compiled))
        assert engine.played_compiled == compiled, "the batch did not go through the compiled player"
    return outcomes


def assert_same(numpy_outcome: BatchOutcome, compiled_outcome: BatchOutcome) -> None:
    """Every record of the two outcomes is equal."""
    for name in ("counts", "first_a", "first_b", "first_defection_a", "first_defection_b"):
        np.testing.assert_array_equal(getattr(numpy_outcome, name), getattr(compiled_outcome, name), name)
    assert numpy_outcome.moves_a == compiled_outcome.moves_a
    assert numpy_outcome.moves_b == compiled_outcome.moves_b
    for key, result in numpy_outcome.observed.items():
        other = compiled_outcome.observed[key]
        for field in vars(result):
            np.testing.assert_array_equal(getattr(result, field), getattr(other, field), field)


def assert_compiled_parity(
    players: list[Strategy | str], setting: str, seeds: tuple[int, ...] = (1, 2)
) -> None:
    """``players`` with the panel play the same games through both players under ``setting``."""
    built = [create(p) if isinstance(p, str) else p for p in players]
    everyone = built + [create(name) for name in PANEL]
    settings = MatchSettings(**SETTINGS[setting])
    for seed in seeds:
        expected = played(everyone, settings, seed, compiled=False)
        actual = played(everyone, settings, seed, compiled=True)
        assert len(expected) == len(actual)
        for a, b in zip(expected, actual):
            assert_same(a, b)
