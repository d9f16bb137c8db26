"""The simplest strategies: unconditional, random and periodic play."""

from __future__ import annotations

import numpy as np

from strategies.base import Classifier, Param, Strategy, probability
from strategies.registry import register
from tournament.core.moves import MOVE_DTYPE


@register
class Cooperator(Strategy):
    """Always cooperates.

    Names: Cooperator (Axelrod 1984), ALLC, Always Cooperate (The Evolution of Trust).
    """

    name = "Cooperator"
    aliases = ("allc", "Always Cooperate")
    classifier = Classifier(memory_depth=0)
    reference = "Axelrod, R. (1984). The Evolution of Cooperation."

    def move(self, view):
        return view.cooperate()


@register
class Defector(Strategy):
    """Always defects.

    Names: Defector (Axelrod 1984), ALLD, Always Cheat (The Evolution of Trust).
    """

    name = "Defector"
    aliases = ("alld", "Always Defect", "Always Cheat")
    classifier = Classifier(memory_depth=0)
    reference = "Axelrod, R. (1984). The Evolution of Cooperation."

    def move(self, view):
        return view.defect()


@register
class Random(Strategy):
    """Cooperates with probability p on every turn, independently of the past.

    Names: Random (Axelrod 1980), Lunatic (Tzafestas 2000).
    """

    name = "Random"
    aliases = ("rand",)
    params = (Param("p", 0.5, "probability of cooperating", probability),)
    reference = "Axelrod, R. (1980). Effective Choice in the Prisoner's Dilemma."

    def classify(self) -> Classifier:
        return Classifier(memory_depth=0, stochastic=self.p not in (0.0, 1.0))

    def move(self, view):
        if self.p == 1:
            return view.cooperate()
        if self.p == 0:
            return view.defect()
        return (view.random() >= self.p).astype(MOVE_DTYPE)


@register
class Alternator(Strategy):
    """Cooperates first, then plays the opposite of its own previous move: C, D, C, D, ...

    Names: Alternator (Axelrod 1984).
    """

    name = "Alternator"
    aliases = ("alt",)
    classifier = Classifier(memory_depth=1)
    reference = "Axelrod, R. (1984). The Evolution of Cooperation."

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        return np.bitwise_xor(view.own_last, 1)
