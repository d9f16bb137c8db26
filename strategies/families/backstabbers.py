"""Backstabbers: forgiving cooperators that defect for ever after a few defections and on
the last turns of a match whose length they know."""

from __future__ import annotations

import numpy as np

from strategies.base import Classifier, Strategy, in_last_turns
from strategies.registry import register
from tournament.core.moves import MOVE_DTYPE

AXELROD_LIBRARY = "Original strategy of the axelrod library (Knight et al. 2016)."


@register
class BackStabber(Strategy):
    """Forgives the opponent's first three defections and defects for ever from the fourth;
    defects on the last two turns when it knows the match length.

    Names: BackStabber (Thomas Campbell).
    """

    name = "BackStabber"
    aliases = ("Back Stabber",)
    classifier = Classifier(makes_use_of={"length"})
    reference = AXELROD_LIBRARY

    def compiled(self, view):
        from strategies.compiled.backstabbers import back_stabber
        from tournament.core.jit import Compiled

        return Compiled(back_stabber)

    def move(self, view):
        if in_last_turns(view, 2):
            return view.defect()
        return (view.opp_defections > 3).view(MOVE_DTYPE)


@register
class DoubleCrosser(Strategy):
    """BackStabber, except that from turn 8 to turn 180, when the opponent did not defect in
    its first 7 moves, it defects only after two opponent defections in a row.

    Names: DoubleCrosser (Thomas Campbell).
    """

    name = "DoubleCrosser"
    aliases = ("Double Crosser",)
    classifier = Classifier(makes_use_of={"length"})
    reference = AXELROD_LIBRARY

    def setup(self, view):
        self._trusting = np.zeros(view.n, dtype=bool)

    def compiled(self, view):
        from strategies.compiled.backstabbers import double_crosser
        from tournament.core.jit import Compiled, fields

        return Compiled(double_crosser, fields(view.n, 0))

    def move(self, view):
        t = view.turn
        if t == 7:
            self._trusting = view.opp_defections == 0
        if in_last_turns(view, 2):
            return view.defect()
        backstab = view.opp_defections > 3
        if not 7 <= t < 180:
            return backstab.view(MOVE_DTYPE)
        twice = (view.opp_last & view.opp_history[t - 2]).view(bool)
        return np.where(self._trusting, twice, backstab).view(MOVE_DTYPE)
