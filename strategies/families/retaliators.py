"""Retaliators: cooperators that defect while the opponent has exploited them more often
than they have exploited it, with a threshold and, for the limited ones, a cap on the run."""

from __future__ import annotations

import numpy as np

from strategies.base import Param, Strategy, non_negative_int, number
from strategies.registry import register
from tournament.core.moves import MOVE_DTYPE

AXELROD_LIBRARY = "Original strategy of the axelrod library (Knight et al. 2016)."


@register
class Retaliate(Strategy):
    """Cooperates, but defects whenever the opponent has won (its D against my C) more than
    retaliation_threshold times as often as I have (my D against its C).

    Names: Retaliate (Owen Campbell).
    """

    name = "Retaliate"
    params = (Param("retaliation_threshold", 0.1, "tolerated ratio of its wins to mine", number),)
    reference = AXELROD_LIBRARY

    def setup(self, view):
        self._mutual_defections = np.zeros(view.n, dtype=np.int64)

    def _provoked(self, view) -> np.ndarray:
        """Whether the opponent's wins (CD) exceed its own (DC) times the threshold."""
        mutual = self._mutual_defections
        if view.turn:
            mutual += view.own_last & view.opp_last
        its_wins = view.opp_defections - mutual
        my_wins = view.own_defections - mutual
        return its_wins > my_wins * self.retaliation_threshold

    def move(self, view):
        return self._provoked(view).view(MOVE_DTYPE)


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

    def setup(self, view):
        super().setup(view)
        self._count = np.zeros(view.n, dtype=np.int64)

    def move(self, view):
        provoked = self._provoked(view)
        retaliate = provoked & (self._count < self.retaliation_limit)
        self._count += 1
        self._count *= retaliate
        return retaliate.view(MOVE_DTYPE)


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
