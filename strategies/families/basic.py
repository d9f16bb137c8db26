"""The simplest strategies: unconditional, random and periodic play.

Each is played by a family's shared kernel: Cooperator and Defector are one-state machines
(:mod:`strategies.families.finite_state_machines`), Random and Alternator memory-one rules
(:mod:`strategies.families.memory_one`).
"""

from __future__ import annotations

from strategies.base import Classifier, Param, probability
from strategies.families.finite_state_machines import FSMPlayer
from strategies.families.memory_one import FourVector, MemoryOnePlayer
from strategies.registry import register
from tournament.settings import Game


@register
class Cooperator(FSMPlayer):
    """Always cooperates.

    Names: Cooperator (Axelrod 1984), ALLC, Always Cooperate (The Evolution of Trust).
    """

    name = "Cooperator"
    aliases = ("allc", "Always Cooperate")
    params = ()
    classifier = Classifier(memory_depth=0)
    reference = "Axelrod, R. (1984). The Evolution of Cooperation."
    transitions = ((0, "C", 0, "C"), (0, "D", 0, "C"))
    initial_state = 0
    initial_action = "C"


@register
class Defector(FSMPlayer):
    """Always defects.

    Names: Defector (Axelrod 1984), ALLD, Always Cheat (The Evolution of Trust).
    """

    name = "Defector"
    aliases = ("alld", "Always Defect", "Always Cheat")
    params = ()
    classifier = Classifier(memory_depth=0)
    reference = "Axelrod, R. (1984). The Evolution of Cooperation."
    transitions = ((0, "C", 0, "D"), (0, "D", 0, "D"))
    initial_state = 0
    initial_action = "D"


@register
class Random(MemoryOnePlayer):
    """Cooperates with probability p on every turn, independently of the past.

    Names: Random (Axelrod 1980), Lunatic (Tzafestas 2000).
    """

    name = "Random"
    aliases = ("rand",)
    params = (Param("p", 0.5, "probability of cooperating", probability),)
    reference = "Axelrod, R. (1980). Effective Choice in the Prisoner's Dilemma."

    def classify(self) -> Classifier:
        return Classifier(memory_depth=0, stochastic=self.p not in (0.0, 1.0))

    def probabilities(self, game: Game) -> FourVector:
        return (self.p, self.p, self.p, self.p)

    def first_cooperation(self) -> float:
        return self.p


@register
class Alternator(MemoryOnePlayer):
    """Cooperates first, then plays the opposite of its own previous move: C, D, C, D, ...

    Names: Alternator (Axelrod 1984).
    """

    name = "Alternator"
    aliases = ("alt",)
    classifier = Classifier(memory_depth=1)
    reference = "Axelrod, R. (1984). The Evolution of Cooperation."

    def probabilities(self, game: Game) -> FourVector:
        return (0, 0, 1, 1)
