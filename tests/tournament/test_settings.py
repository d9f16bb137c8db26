"""The stage game's payoffs and their validation."""

from __future__ import annotations

import math

import pytest

from tournament import Game, GameError


def test_defaults_are_axelrods_and_form_a_prisoners_dilemma():
    game = Game()
    assert (game.R, game.S, game.T, game.P) == (3, 0, 5, 1)
    assert game.is_prisoners_dilemma


@pytest.mark.parametrize(
    "values, is_pd",
    [
        ((2, -1, 3, 0), True),
        ((3, 0, 5, 1), True),
        ((3, 0, 7, 1), False),
        ((1, 0, 5, 3), False),
        ((3, 1, 5, 0), False),
    ],
)
def test_says_whether_payoffs_form_a_prisoners_dilemma(values, is_pd):
    assert Game.from_values(values).is_prisoners_dilemma is is_pd


@pytest.mark.parametrize("bad", [("a", 0, 5, 1), (math.nan, 0, 5, 1), (3, 0, math.inf, 1), (True, 0, 5, 1)])
def test_rejects_values_that_are_not_finite_numbers(bad):
    with pytest.raises(GameError, match="payoff"):
        Game(*bad)


def test_from_values_accepts_mappings_text_and_sequences():
    assert Game.from_values({"R": 2, "S": -1, "T": 3, "P": 0}) == Game(2, -1, 3, 0)
    assert Game.from_values("2,-1,3,0") == Game(2, -1, 3, 0)
    with pytest.raises(GameError, match="missing P"):
        Game.from_values({"R": 2, "S": -1, "T": 3})
    with pytest.raises(GameError, match="four numbers"):
        Game.from_values("2,x,3,0")
    with pytest.raises(GameError, match="got 3"):
        Game.from_values([1, 2, 3])
