"""Once bitten: cooperators that forgive the opponent a defection, but not a second one."""

from __future__ import annotations

import numpy as np

from strategies.base import Classifier, Param, Strategy, defect_where, last_all, probability
from strategies.registry import register
from tournament.core.moves import D

AXELROD_LIBRARY = "Original strategy of the axelrod library (Knight et al. 2016)."


@register
class OnceBitten(Strategy):
    """Cooperates, forgiving single defections; after two opponent defections in a row it
    defects for 11 turns, then cooperates again.

    Names: Once Bitten (Holly Marissa).
    """

    name = "Once Bitten"
    classifier = Classifier(memory_depth=12)
    reference = AXELROD_LIBRARY
    spell = 10

    def setup(self, view):
        self._served = np.zeros(view.n, dtype=np.int64)
        self._grudged = np.zeros(view.n, dtype=bool)

    def move(self, view):
        over = self._served >= self.spell
        self._served[over] = 0
        self._grudged[over] = False
        if view.turn < 2:
            return view.cooperate()
        punishing = self._grudged.copy()
        self._served += punishing
        start = ~punishing & last_all(view.opp_history, 2, D)
        self._grudged |= start
        return defect_where(punishing | start)


@register
class FoolMeOnce(Strategy):
    """Forgives the opponent's first defection, then defects for ever from its second.

    Names: Fool Me Once (Marc Harper).
    """

    name = "Fool Me Once"
    aliases = ("fmo",)
    reference = AXELROD_LIBRARY

    def move(self, view):
        return defect_where(view.opp_defections > 1)


@register
class ForgetfulFoolMeOnce(Strategy):
    """Fool Me Once that keeps its own count of the opponent's defections and forgets it
    (back to 0) with probability forget_probability on each turn.

    Names: Forgetful Fool Me Once (Marc Harper).
    """

    name = "Forgetful Fool Me Once"
    params = (Param("forget_probability", 0.05, "chance of forgetting the count each turn", probability),)
    classifier = Classifier(stochastic=True)
    reference = AXELROD_LIBRARY

    def classify(self) -> Classifier:
        return Classifier(stochastic=0 < self.forget_probability < 1)

    def setup(self, view):
        self._count = np.zeros(view.n, dtype=np.int64)

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        self._count += view.opp_last == D
        self._count[view.random() < self.forget_probability] = 0
        return defect_where(self._count > 1)
