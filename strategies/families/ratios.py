"""Ratio players: the CotoDeRatio constants steer the ratio of all cooperations to all
defections towards pi, e or the golden ratio; VeryBad follows the opponent's share of
cooperations.

The CotoDeRatio players of a batch are played by one :class:`RatioKernel` with the target
ratio per game (a subclass that overrides ``move`` or ``setup`` plays alone, see
:class:`~strategies.base.Family`).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from strategies.base import Family, Strategy
from strategies.registry import register
from tournament.core.moves import MOVE_DTYPE

if TYPE_CHECKING:
    from tournament.core.jit import Compiled
    from tournament.core.view import View


class RatioKernel:
    """Every CotoDeRatio player of a batch at once, with its target ratio per game."""

    label = "CotoDeRatio family"

    def __init__(self, members: list[tuple[CotoDeRatio, int]]) -> None:
        self.ratio = np.repeat([float(m.ratio) for m, _ in members], [n for _, n in members])

    def setup(self, view: View) -> None:
        pass

    def compiled(self, view: View) -> Compiled | None:
        from strategies.compiled.ratios import ratio
        from tournament.core.jit import Compiled

        return Compiled(ratio, floats=self.ratio.astype(np.float64))

    def move(self, view: View) -> np.ndarray:
        if view.turn == 0:
            return view.cooperate()
        defections = view.opp_defections + view.own_defections
        with np.errstate(divide="ignore", invalid="ignore"):
            steer = (2 * view.turn - defections) / defections > self.ratio
        return ((view.opp_defections == 0) | steer).view(MOVE_DTYPE)


class CotoDeRatio(Strategy):
    """Cooperates first, defects while the opponent has never defected, then steers the
    ratio of all cooperations to all defections (both players) towards ``ratio``."""

    ratio: float
    reference = "Original strategy by Timothy Standen (axelrod library)."
    family = Family("CotoDeRatio", RatioKernel)

    def setup(self, view: View) -> None:
        """Alone (a subclass that overrides ``move`` or ``setup``): through a kernel of one."""
        self._alone = RatioKernel([(self, view.n)])

    def move(self, view: View) -> np.ndarray:
        return self._alone.move(view)


@register
class Pi(CotoDeRatio):
    """Cooperates first, defects while the opponent has never defected, then steers the
    ratio of all cooperations to all defections (both players) towards pi.

    Names: Pi (Timothy Standen).
    """

    name = "$\\pi$"
    aliases = ("pi",)
    ratio = math.pi


@register
class E(CotoDeRatio):
    """Cooperates first, defects while the opponent has never defected, then steers the
    ratio of all cooperations to all defections (both players) towards e.

    Names: e (Timothy Standen).
    """

    name = "$e$"
    aliases = ("e",)
    ratio = math.e


@register
class Golden(CotoDeRatio):
    """Cooperates first, defects while the opponent has never defected, then steers the
    ratio of all cooperations to all defections (both players) towards the golden ratio.

    Names: Golden, phi (Timothy Standen).
    """

    name = "$\\phi$"
    aliases = ("phi", "Golden")
    ratio = (1 + math.sqrt(5)) / 2


@register
class VeryBad(Strategy):
    """Cooperates for three turns; then cooperates when the opponent cooperated on more than
    half its moves, defects when on fewer, and copies its last move on a tie.

    Names: VeryBad (Andre et al. 2013).
    """

    name = "VeryBad"
    aliases = ("Very Bad",)
    reference = "Andre, L. et al. (2013). Iterated Prisoner's Dilemma (PRISON project notes)."

    def compiled(self, view):
        from strategies.compiled.ratios import very_bad
        from tournament.core.jit import Compiled

        return Compiled(very_bad)

    def move(self, view):
        if view.turn < 3:
            return view.cooperate()
        twice = 2 * view.opp_defections
        # more defections than cooperations: D; as many: its last move; fewer: C
        return (twice > view.turn) | ((twice == view.turn) & view.opp_last)
