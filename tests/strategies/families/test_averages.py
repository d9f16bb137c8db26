"""Average copiers: cooperation in proportion to the opponent's."""

from __future__ import annotations

from tests.strategies.families.test_cycler import cycle, d_share
from tournament.match import play_match


def test_average_copiers():
    assert play_match("Average Copier", "Defector", turns=20).moves_a[1:] == "D" * 19
    assert play_match("Nice Average Copier", "Defector", turns=20).moves_a == "C" + "D" * 19
    assert play_match("Nice Average Copier", "Cooperator", turns=20).moves_a == "C" * 20
    firsts = "".join(play_match("Average Copier", "Cooperator", turns=1, seed=s).moves_a for s in range(400))
    assert abs(d_share(firsts) - 0.5) < 0.08
    moves = play_match("Average Copier", cycle("CCCD"), turns=4000, seed=3).moves_a
    assert abs(d_share(moves[100:]) - 0.25) < 0.03
