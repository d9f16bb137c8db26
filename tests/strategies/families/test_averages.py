"""Average copiers: cooperation in proportion to the opponent's."""

from __future__ import annotations

import pytest

from strategies.base import choose
from strategies.families.averages import AverageCopier, NiceAverageCopier
from strategies.families.worse_and_worse import DriftingPlayer, WorseAndWorse3
from tests.strategies.families.merging import SETTINGS, assert_plays_as_former
from tests.strategies.families.test_cycler import cycle, d_share
from tests.strategies.families.test_worse_and_worse import FormerWorseAndWorse3
from tournament.match import play_match


def test_average_copiers():
    assert play_match("Average Copier", "Defector", turns=20).moves_a[1:] == "D" * 19
    assert play_match("Nice Average Copier", "Defector", turns=20).moves_a == "C" + "D" * 19
    assert play_match("Nice Average Copier", "Cooperator", turns=20).moves_a == "C" * 20
    firsts = "".join(play_match("Average Copier", "Cooperator", turns=1, seed=s).moves_a for s in range(400))
    assert abs(d_share(firsts) - 0.5) < 0.08
    moves = play_match("Average Copier", cycle("CCCD"), turns=4000, seed=3).moves_a
    assert abs(d_share(moves[100:]) - 0.25) < 0.03


class FormerAverageCopier:
    """Average Copier's own ``move`` before it joined the drifting family: the oracle."""

    def setup(self, view):
        pass

    def move(self, view):
        if view.turn == 0:
            return choose(view, self.first)
        return choose(view, view.opp_cooperations / view.turn)


@pytest.mark.parametrize("setting", list(SETTINGS))
def test_the_drifting_kernel_plays_the_copiers_as_they_played_alone(setting):
    members = [AverageCopier(), NiceAverageCopier(), WorseAndWorse3()]
    assert {p.kernel_group() for p in members} == {DriftingPlayer.family}
    oracles = {AverageCopier: FormerAverageCopier, NiceAverageCopier: FormerAverageCopier}
    assert_plays_as_former(members, lambda p: oracles.get(type(p), FormerWorseAndWorse3), setting)
