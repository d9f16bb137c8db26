"""Retaliators: cooperators that defect while the opponent has exploited them more often
than they have exploited it, with a threshold and, for the limited ones, a cap on the run.

Every retaliator of a batch is played by one :class:`RetaliateKernel` with a threshold and a
cap per game (a subclass that overrides ``move`` or ``setup`` plays alone, see
:class:`~strategies.base.Family`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from strategies.base import Family, Param, Strategy, non_negative_int, number
from strategies.registry import register
from tournament.core.moves import MOVE_DTYPE

if TYPE_CHECKING:
    from tournament.core.jit import Compiled
    from tournament.core.view import View

AXELROD_LIBRARY = "Original strategy of the axelrod library (Knight et al. 2016)."
UNLIMITED = np.iinfo(np.int64).max
"""The cap on a run of retaliation of the retaliators without one."""


class RetaliateKernel:
    """Every retaliator of a batch at once: per game, the threshold, the cap on a run of
    defections, the mutual defections and the current run."""

    label = "Retaliate family"

    def __init__(self, members: list[tuple[Retaliate, int]]) -> None:
        sizes = [n for _, n in members]
        self.threshold = np.repeat([float(m.retaliation_threshold) for m, _ in members], sizes)
        self.limit = np.repeat(
            np.array([min(m.retaliation_limit, UNLIMITED) for m, _ in members], dtype=np.int64), sizes
        )

    def setup(self, view: View) -> None:
        self.mutual = np.zeros(view.n, dtype=np.int64)
        self.run = np.zeros(view.n, dtype=np.int64)

    def compiled(self, view: View) -> Compiled | None:
        from strategies.compiled.retaliators import retaliate
        from tournament.core.jit import Compiled, fields

        return Compiled(retaliate, fields(view.n, self.limit, 0, 0), self.threshold.astype(np.float64))

    def move(self, view: View) -> np.ndarray:
        mutual = self.mutual
        if view.turn:
            mutual += view.own_last & view.opp_last
        its_wins = view.opp_defections - mutual
        my_wins = view.own_defections - mutual
        # provoked while the opponent's wins (CD) exceed mine (DC) times the threshold
        retaliate = (its_wins > my_wins * self.threshold) & (self.run < self.limit)
        self.run += 1
        self.run *= retaliate
        return retaliate.view(MOVE_DTYPE)


@register
class Retaliate(Strategy):
    """Cooperates, but defects whenever the opponent has won (its D against my C) more than
    retaliation_threshold times as often as I have (my D against its C).

    Names: Retaliate (Owen Campbell).
    """

    name = "Retaliate"
    params = (Param("retaliation_threshold", 0.1, "tolerated ratio of its wins to mine", number),)
    reference = AXELROD_LIBRARY
    family = Family("retaliators", RetaliateKernel)
    retaliation_limit: int = UNLIMITED

    def setup(self, view: View) -> None:
        """Alone (a subclass that overrides ``move`` or ``setup``): through a kernel of one."""
        self._alone = RetaliateKernel([(self, view.n)])
        self._alone.setup(view)

    def move(self, view: View) -> np.ndarray:
        return self._alone.move(view)


@register
class Retaliate2(Retaliate):
    """Retaliate with a threshold of 8%.

    Names: Retaliate 2 (Owen Campbell).
    """

    name = "Retaliate 2"
    params = (Param("retaliation_threshold", 0.08, "tolerated ratio of its wins to mine", number),)


@register
class Retaliate3(Retaliate):
    """Retaliate with a threshold of 5%.

    Names: Retaliate 3 (Owen Campbell).
    """

    name = "Retaliate 3"
    params = (Param("retaliation_threshold", 0.05, "tolerated ratio of its wins to mine", number),)


@register
class LimitedRetaliate(Retaliate):
    """Retaliate that stops after retaliation_limit defections in a row and cooperates once
    (the count restarts whenever it is no longer provoked).

    Names: Limited Retaliate (Owen Campbell).
    """

    name = "Limited Retaliate"
    params = (
        Param("retaliation_threshold", 0.1, "tolerated ratio of its wins to mine", number),
        Param("retaliation_limit", 20, "most defections in a row", non_negative_int),
    )


@register
class LimitedRetaliate2(LimitedRetaliate):
    """Limited Retaliate with a threshold of 8% and a limit of 15.

    Names: Limited Retaliate 2 (Owen Campbell).
    """

    name = "Limited Retaliate 2"
    params = (
        Param("retaliation_threshold", 0.08, "tolerated ratio of its wins to mine", number),
        Param("retaliation_limit", 15, "most defections in a row", non_negative_int),
    )


@register
class LimitedRetaliate3(LimitedRetaliate):
    """Limited Retaliate with a threshold of 5% and a limit of 20.

    Names: Limited Retaliate 3 (Owen Campbell).
    """

    name = "Limited Retaliate 3"
    params = (
        Param("retaliation_threshold", 0.05, "tolerated ratio of its wins to mine", number),
        Param("retaliation_limit", 20, "most defections in a row", non_negative_int),
    )
