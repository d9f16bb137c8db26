"""A person's games: replayed by the engine turn by turn, length and opponent hidden."""

from __future__ import annotations

import pytest

from tournament.match import play_match
from tournament.web.human import LENGTHS, MoveError, PairGame, StrategyGame, draw_length, scripted


@pytest.mark.parametrize("opponent", ["Random", "Detective", "Copykitten"])
def test_turn_by_turn_play_equals_one_match_of_the_whole_script(opponent: str) -> None:
    game = StrategyGame.start(opponent, 11, noise=0.1)
    script = "CDDCCDCCCDCDCDCC"
    seen_them = ""
    for move in script[: game.length]:
        result = game.play(move)
        assert result.moves_b.startswith(seen_them)  # earlier rounds never change
        seen_them = result.moves_b
    whole = play_match(
        scripted(script[: game.length]), opponent, seed=11, turns=game.length, noise=0.1, game=game.game
    )
    assert (game.result.moves_a, game.result.moves_b) == (whole.moves_a, whole.moves_b)
    assert game.done and game.state()["summary"]
    with pytest.raises(MoveError):
        game.play("C")


def test_the_length_and_the_opponent_stay_hidden_until_the_end() -> None:
    game = StrategyGame.start("Copycat", 5)
    game.play("C")
    state = game.state()
    assert "length" not in state and "opponent" not in state
    lengths = {draw_length(seed) for seed in range(200)}
    assert lengths == set(range(LENGTHS[0], LENGTHS[1] + 1))


def test_the_summary_compares_with_replays_computed_by_the_engine() -> None:
    game = StrategyGame.start("Copycat", 2, length=6)
    for move in "CCCCCC":
        game.play(move)
    # with Trust's payoffs: always cooperating with Copycat gives 2 a round, always cheating 3 then 0
    assert "always cooperating would have scored 12 and always cheating 3" in " ".join(game.summary())


def test_two_people_play_a_round_when_both_have_chosen() -> None:
    game = PairGame(("Ann", "Ben"), 2)
    assert game.play(0, "C") is False
    assert game.state(0)["waiting"] and not game.state(1)["waiting"]
    with pytest.raises(MoveError, match="already chose"):
        game.play(0, "D")
    assert game.play(1, "D") is True
    game.play(1, "C")
    game.play(0, "cheat")
    assert game.done and game.moves == ("CD", "DC")
    assert game.scores() == (-1 + 3, 3 - 1)
    assert "You both cooperated in 0 of 2 rounds" in " ".join(game.state(0)["summary"])
