"""Sequence players: strategies that play a fixed sequence whatever the opponent does."""

from __future__ import annotations

import numpy as np

from strategies.base import Strategy
from strategies.registry import register
from tournament.core.moves import MOVE_DTYPE

AXELROD_LIBRARY = "Original strategy of the axelrod library (Knight et al. 2016)."


def thue_morse(turn: int) -> int:
    """The Thue-Morse sequence 0 1 1 0 1 0 0 1 ...: parity of the number of 1 bits."""
    return bin(turn).count("1") % 2


@register
class ThueMorse(Strategy):
    """Plays the Thue-Morse sequence 0 1 1 0 1 0 0 1 ..., with 1 for C and 0 for D.

    Names: Thue Morse (Geraint Palmer).
    """

    name = "ThueMorse"
    aliases = ("Thue Morse",)
    reference = AXELROD_LIBRARY
    defect_on = 0

    def compiled(self, view):
        from strategies.compiled.sequences import thue_morse
        from tournament.core.jit import Compiled

        return Compiled(thue_morse, np.array([self.defect_on], dtype=np.int64))

    def move(self, view):
        return np.full(view.n, thue_morse(view.turn) == self.defect_on, dtype=MOVE_DTYPE)


@register
class ThueMorseInverse(ThueMorse):
    """Plays the Thue-Morse sequence 0 1 1 0 1 0 0 1 ..., with 0 for C and 1 for D.

    Names: Inverse Thue Morse (Geraint Palmer).
    """

    name = "ThueMorseInverse"
    aliases = ("Thue Morse Inverse", "Inverse Thue Morse")
    defect_on = 1
