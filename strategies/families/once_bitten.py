"""Once bitten: cooperators that forgive the opponent a defection, but not a second one.

Once Bitten and Fool Me Once are finite state machines, played by the machines' shared kernel.
"""

from __future__ import annotations

import numpy as np

from strategies.base import Classifier, Param, Strategy, probability
from strategies.families.finite_state_machines import FSMPlayer, Transition, reachable_machine
from strategies.registry import register
from tournament.core.moves import MOVE_DTYPE

AXELROD_LIBRARY = "Original strategy of the axelrod library (Knight et al. 2016)."


@register
class OnceBitten(FSMPlayer):
    """Cooperates, forgiving single defections; after two opponent defections in a row it
    defects for 11 turns, then cooperates again.

    Names: Once Bitten (Holly Marissa).
    """

    name = "Once Bitten"
    aliases = ()
    params = ()
    classifier = Classifier(memory_depth=12)
    reference = AXELROD_LIBRARY
    spell = 10
    initial_state = 0
    initial_action = "C"

    @property
    def transitions(self) -> tuple[Transition, ...]:
        return reachable_machine(self.step, (None, ""))

    def step(self, state: tuple[int | None, str], seen: str) -> tuple[tuple[int | None, str], str]:
        """(None when not grudging, else the turns served after the grudge's first D; the
        opponent's previous move, "" before the match) after ``seen``."""
        served, previous = state
        if served is not None and served < self.spell:
            return (served + 1, seen), "D"
        if previous == "D" and seen == "D":
            return (0, seen), "D"
        return (None, seen), "C"


@register
class FoolMeOnce(FSMPlayer):
    """Forgives the opponent's first defection, then defects for ever from its second.

    Names: Fool Me Once (Marc Harper).
    """

    name = "Fool Me Once"
    aliases = ("fmo",)
    params = ()
    classifier = Classifier()
    reference = AXELROD_LIBRARY
    # state: the opponent's defections so far, up to 2
    transitions = (
        (0, "C", 0, "C"),
        (0, "D", 1, "C"),
        (1, "C", 1, "C"),
        (1, "D", 2, "D"),
        (2, "C", 2, "D"),
        (2, "D", 2, "D"),
    )
    initial_state = 0
    initial_action = "C"


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

    def compiled(self, view):
        from strategies.compiled.once_bitten import forgetful_fool_me_once
        from tournament.core.jit import Compiled, fields

        return Compiled(
            forgetful_fool_me_once, fields(view.n, 0), np.array([self.forget_probability], dtype=np.float64)
        )

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        self._count += view.opp_last
        if np.count_nonzero(self._count):
            np.copyto(self._count, 0, where=view.random() < self.forget_probability)
        return (self._count > 1).view(MOVE_DTYPE)
