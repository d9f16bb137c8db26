"""Calculator: its Joss opening and its answer to short and long cycles."""

from __future__ import annotations

from tests.strategies.families.test_cycler import cycle, d_share
from tournament.match import play_match


def test_calculator_defects_for_ever_against_a_short_cycle():
    for seed in range(5):
        moves = play_match("Calculator", "Alternator", turns=60, seed=seed).moves_a
        assert moves[0] == "C" and moves[20:] == "D" * 40


def test_calculator_plays_tit_for_tat_against_a_long_cycle():
    opponent = "C" * 11 + "D"  # period 12 > 10: not detected
    result = play_match("Calculator", cycle(opponent), turns=100, seed=1)
    assert all(result.moves_a[t] == result.moves_b[t - 1] for t in range(21, 100))


def test_calculator_opens_like_joss():
    moves = "".join(play_match("Calculator", "Cooperator", turns=20, seed=s).moves_a[1:] for s in range(200))
    assert abs(d_share(moves) - 0.1) < 0.02
    assert play_match("Calculator", "Defector", turns=20, seed=1).moves_a == "C" + "D" * 19
