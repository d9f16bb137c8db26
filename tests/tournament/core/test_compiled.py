"""The compiled player counts exactly what the engine counts, for every family player, and is used
only where it pays."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from strategies.registry import strategy_classes
from tournament.core import compiled
from tournament.core import plan as planner
from tournament.core.engine import Engine
from tournament.settings import Game, MatchSettings

FAMILY_PLAYERS = [cls() for cls in strategy_classes() if cls().kernel_group() is not None]


def playable(game: Game) -> list:
    """The family players whose rule exists with these payoffs (zero-determinant vectors depend
    on them)."""
    out = []
    for player in FAMILY_PLAYERS:
        try:
            vector = player.probabilities(game) if hasattr(player, "probabilities") else (0, 0, 0, 0)
        except ValueError:
            continue
        if all(0 <= p <= 1 for p in vector):
            out.append(player)
    return out


@pytest.mark.parametrize(
    ("turns", "prob_end", "noise", "game"),
    [(60, None, 0.0, Game()), (60, None, 0.07, Game()), (None, 0.05, 0.1, Game(2, -1, 3, 0))],
)
def test_compiled_counts_equal_the_engine(turns, prob_end, noise, game):
    settings = MatchSettings(turns=turns, prob_end=prob_end, noise=noise, game=game)
    players = playable(game)
    draw = np.random.default_rng(3)
    a, b = draw.integers(0, len(players), 1500), draw.integers(0, len(players), 1500)
    keys = draw.integers(0, 2**63, 1500).astype(np.uint64)
    plan = planner.population_matches(players, a, b, keys, settings, seed=11)
    checked = 0
    for _, batch in planner.batches(plan):
        expected = Engine(batch, settings, seed=11).play().counts
        got, failures = Engine(batch, settings, seed=11).play_counts(compiled=True)
        assert failures is None
        np.testing.assert_array_equal(got, expected)
        checked += len(batch.row_game)
    assert checked == 1500


def test_a_batch_with_a_bespoke_player_falls_back_to_the_engine():
    from strategies.registry import create

    players = [create("Win-Stay Lose-Shift"), create("First by Davis")]
    settings = MatchSettings(turns=30, noise=0.1)
    plan = planner.population_matches(players, [0, 1], [1, 1], np.array([5, 6], dtype=np.uint64), settings, 2)
    ((_, batch),) = planner.batches(plan)
    expected = Engine(batch, settings, seed=2).play().counts
    np.testing.assert_array_equal(Engine(batch, settings, seed=2).play_counts(compiled=True)[0], expected)


def test_the_compiled_player_is_used_only_where_it_pays(monkeypatch):
    monkeypatch.setenv("IPD_COMPILED", "0")
    assert not compiled.worth_it(10**9)
    monkeypatch.setenv("IPD_COMPILED", "1")
    assert compiled.worth_it(1)
    monkeypatch.delenv("IPD_COMPILED")
    monkeypatch.setattr(compiled, "ready", lambda: True)
    monkeypatch.setattr(compiled, "_played", 0)
    monkeypatch.delitem(sys.modules, "tournament.core.compiled_play", raising=False)
    assert not compiled.worth_it(1000)
    assert compiled.worth_it(compiled.THRESHOLD)  # the process has now played enough
    monkeypatch.setattr(compiled, "_played", 0)
    assert not compiled.worth_it(compiled.SMALL_BATCHES + 1)  # big batches: not yet
    monkeypatch.setattr(compiled, "_played", 0)
    assert compiled.worth_it(compiled.SMALL_BATCHES + 1, compiled.SMALL_BATCHES)  # small ones pay sooner
    monkeypatch.setattr(compiled, "ready", lambda: False)  # not compiled on this machine yet
    assert not compiled.worth_it(10**9)
    monkeypatch.setitem(sys.modules, "tournament.core.compiled_play", sys)
    assert compiled.worth_it(1000)  # loaded already: it costs nothing more
