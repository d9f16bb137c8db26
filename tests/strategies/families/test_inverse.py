"""Inverse: the probability of defecting after the opponent's last defection."""

from __future__ import annotations

from tests.strategies.families.test_cycler import cycle, d_share
from tournament.match import play_match


def test_inverse_defects_with_probability_one_over_the_age_of_the_last_defection():
    assert play_match("Inverse", "Cooperator", turns=30).moves_a == "C" * 30
    moves = play_match("Inverse", cycle("D" + "C" * 9), turns=6000, seed=2).moves_a
    for k in (1, 2, 4, 9):
        share = d_share(moves[k::10])
        assert abs(share - 1 / k) < 0.07, (k, share)
