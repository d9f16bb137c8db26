"""``ipd play``: a person against a strategy in the terminal, length and opponent hidden."""

from __future__ import annotations

from click.testing import CliRunner

from tournament.cli.app import main
from tournament.match import play_match
from tournament.web.human import TRUST_GAME, draw_length, scripted


def play(*args: str, moves: str) -> str:
    result = CliRunner().invoke(main, ["play", *args], input="\n".join(moves) + "\n", terminal_width=200)
    assert result.exit_code == 0, result.output
    return result.output


def test_a_full_game_reveals_scores_and_opponent_only_at_the_end() -> None:
    length = draw_length(3)
    out = play("Copycat", "--seed", "3", moves="CD" + "C" * 20)
    before, after = out.split("That was the last round.")
    assert "Copycat" not in before and "Tit For Tat" not in before and "scored" not in before
    expected = play_match(
        scripted(("CD" + "C" * 20)[:length]), "Copycat", seed=3, turns=length, game=TRUST_GAME
    )
    assert "You played Copycat (Tit For Tat)." in after
    assert (
        f"The game lasted {length} rounds. You scored {expected.scores[0]:g}, Copycat scored {expected.scores[1]:g}."
        in after
    )
    assert before.count("Round ") == length


def test_a_wrong_key_asks_again_and_names_option_shows_the_strategy_only() -> None:
    out = play("Always Cheat", "--seed", "5", "--names", "strategies", moves="x" + "D" * 20)
    assert "a move is C (cooperate) or D (cheat), got 'x'" in out
    assert "You played Defector." in out


def test_an_unknown_strategy_is_one_error_line() -> None:
    result = CliRunner().invoke(main, ["play", "Copycatt"], input="C\n")
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "Traceback" not in result.output
