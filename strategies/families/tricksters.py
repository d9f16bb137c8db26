"""Tricksters: a cooperator that exploits an opponent who has not defected for a while, and
a defector that cooperates with an opponent who has just defected three times running.

Both are finite state machines, played by the machines' shared kernel.
"""

from __future__ import annotations

from strategies.base import Classifier
from strategies.families.finite_state_machines import FSMPlayer, Transition, reachable_machine
from strategies.registry import register

AXELROD_LIBRARY = "Original strategy of the axelrod library (Knight et al. 2016)."


@register
class TrickyCooperator(FSMPlayer):
    """Cooperates, but from the fourth turn on defects whenever the opponent has not defected
    in its last 10 moves.

    Names: Tricky Cooperator (Karol Langner).
    """

    name = "Tricky Cooperator"
    aliases = ("tricky_c",)
    params = ()
    classifier = Classifier(memory_depth=10)
    reference = AXELROD_LIBRARY
    initial_state = 0
    initial_action = "C"

    @property
    def transitions(self) -> tuple[Transition, ...]:
        return reachable_machine(self.step, (1, 0))

    @staticmethod
    def step(state: tuple[int, int], seen: str) -> tuple[tuple[int, int], str]:
        """(the turn, counted up to 10; the opponent's cooperations since its last defection,
        up to 10) after ``seen``."""
        turn, calm = state
        calm = min(calm + 1, 10) if seen == "C" else 0
        defect = turn >= 3 and calm >= turn
        return (min(turn + 1, 10), calm), "D" if defect else "C"


@register
class TrickyDefector(FSMPlayer):
    """Defects, but cooperates when the opponent, having cooperated at least once, defected
    on each of its last three moves.

    Names: Tricky Defector (Karol Langner).
    """

    name = "Tricky Defector"
    aliases = ("tricky_d",)
    params = ()
    classifier = Classifier()
    reference = AXELROD_LIBRARY
    initial_state = 0
    initial_action = "D"

    @property
    def transitions(self) -> tuple[Transition, ...]:
        return reachable_machine(self.step, (False, 0))

    @staticmethod
    def step(state: tuple[bool, int], seen: str) -> tuple[tuple[bool, int], str]:
        """(whether the opponent ever cooperated; its defections in a row, up to 3) after
        ``seen``."""
        cooperated, run = state
        cooperated = cooperated or seen == "C"
        run = min(run + 1, 3) if seen == "D" else 0
        return (cooperated, run), "C" if cooperated and run == 3 else "D"
