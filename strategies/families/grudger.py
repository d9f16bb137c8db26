"""Grudges: strategies that punish defection for a long time, or forever.

Those whose grudge depends on the opponent's moves only are finite state machines, played by
the machines' shared kernel (:mod:`strategies.families.finite_state_machines`).
"""

from __future__ import annotations

import numpy as np

from strategies.base import Classifier, Param, Strategy, non_negative_int, positive_int
from strategies.families.finite_state_machines import FSMPlayer, Transition, reachable_machine
from strategies.registry import register
from tournament.core.moves import MOVE_DTYPE
from tournament.errors import StrategyError


@register
class Grudger(FSMPlayer):
    """Cooperates until the opponent defects once, then defects for ever.

    Names: Grudger, Grim Trigger, Friedman (Axelrod 1980), Spiteful, Grudger (The Evolution
    of Trust).
    """

    name = "Grudger"
    aliases = ("grim", "Grim Trigger", "Friedman", "Spiteful")
    params = ()
    classifier = Classifier()
    reference = "Axelrod, R. (1980). Effective Choice in the Prisoner's Dilemma."
    # states: 0 the opponent never defected, 1 it did
    transitions = ((0, "C", 0, "C"), (0, "D", 1, "D"), (1, "C", 1, "D"), (1, "D", 1, "D"))
    initial_state = 0
    initial_action = "C"


@register
class ForgetfulGrudger(FSMPlayer):
    """Cooperates until the opponent defects, then defects for 10 turns and forgets the grudge.

    Names: Forgetful Grudger (Geraint Palmer, axelrod library).
    """

    name = "Forgetful Grudger"
    aliases = ()
    params = ()
    classifier = Classifier(memory_depth=10)
    reference = "Axelrod-Python project: Forgetful Grudger."
    mem_length = 10
    initial_state = 0
    initial_action = "C"

    @property
    def transitions(self) -> tuple[Transition, ...]:
        return reachable_machine(self.step, (False, 0))

    def step(self, state: tuple[bool, int], seen: str) -> tuple[tuple[bool, int], str]:
        """(grudging, turns spent grudging) after the opponent played ``seen``."""
        grudged, memory = state
        if memory == self.mem_length:
            grudged, memory = False, 0
        grudged = grudged or seen == "D"
        return (grudged, memory + grudged), "D" if grudged else "C"


@register
class OppositeGrudger(FSMPlayer):
    """Defects until the opponent cooperates once, then cooperates for ever.

    Names: Opposite Grudger (Geraint Palmer, axelrod library).
    """

    name = "Opposite Grudger"
    aliases = ()
    params = ()
    classifier = Classifier()
    reference = "Axelrod-Python project: Opposite Grudger."
    # states: 0 the opponent never cooperated, 1 it did
    transitions = ((0, "C", 1, "C"), (0, "D", 0, "D"), (1, "C", 1, "C"), (1, "D", 1, "C"))
    initial_state = 0
    initial_action = "D"


@register
class Aggravater(FSMPlayer):
    """Defects on the first three turns, then plays Grudger: defects for ever once the
    opponent has defected.

    Names: Aggravater (Thomas Campbell, axelrod library).
    """

    name = "Aggravater"
    aliases = ()
    params = ()
    classifier = Classifier()
    reference = "Axelrod-Python project: Aggravater."
    initial_state = 0
    initial_action = "D"

    @property
    def transitions(self) -> tuple[Transition, ...]:
        return reachable_machine(self.step, (1, False))

    @staticmethod
    def step(state: tuple[int, bool], seen: str) -> tuple[tuple[int, bool], str]:
        """(the turn, counted up to 3; whether the opponent ever defected) after ``seen``."""
        turn, grudged = state
        grudged = grudged or seen == "D"
        return (min(turn + 1, 3), grudged), "D" if turn < 3 or grudged else "C"


@register
class SoftGrudger(FSMPlayer):
    """Cooperates until the opponent defects, then punishes with D, D, D, D, C, C and goes
    back to cooperating.

    Names: Soft Grudger, SGRIM (Li et al. 2011).
    """

    name = "Soft Grudger"
    aliases = ("sgrim",)
    params = ()
    classifier = Classifier(memory_depth=6)
    reference = "Li, J., Hingston, P. and Kendall, G. (2011). Engineering design of strategies."
    # states: 0 not grudging; 1 to 5 the punishment D, D, D, C, C after the triggering D
    transitions = (
        (0, "C", 0, "C"),
        (0, "D", 1, "D"),
        (1, "C", 2, "D"),
        (1, "D", 2, "D"),
        (2, "C", 3, "D"),
        (2, "D", 3, "D"),
        (3, "C", 4, "D"),
        (3, "D", 4, "D"),
        (4, "C", 5, "C"),
        (4, "D", 5, "C"),
        (5, "C", 0, "C"),
        (5, "D", 0, "C"),
    )
    initial_state = 0
    initial_action = "C"


@register
class GeneralSoftGrudger(FSMPlayer):
    """Cooperates until the opponent has defected n times in a row, then punishes with d
    defections followed by c cooperations and goes back to cooperating.

    Names: General Soft Grudger (J. Taylor Smith, axelrod library).
    """

    name = "General Soft Grudger"
    aliases = ()
    params = (
        Param("n", 1, "consecutive opponent defections that trigger the punishment", positive_int),
        Param("d", 4, "defections in the punishment", positive_int),
        Param("c", 2, "cooperations of penance after the punishment", non_negative_int),
    )
    classifier = Classifier()
    reference = "Axelrod-Python project: General Soft Grudger."
    initial_state = 0
    initial_action = "C"

    def validate(self) -> None:
        if self.d + self.c < 2:
            raise StrategyError("General Soft Grudger needs d + c >= 2")
        super().validate()

    @property
    def transitions(self) -> tuple[Transition, ...]:
        return reachable_machine(self.step, (0, -1))

    def step(self, state: tuple[int, int], seen: str) -> tuple[tuple[int, int], str]:
        """(the opponent's trailing defections up to n; -1 when not grudging, else the position
        in the d - 1 defections and c cooperations that follow the triggering D) after ``seen``."""
        run, position = state
        run = min(run + 1, self.n) if seen == "D" else 0
        if position < 0:
            return (run, 0 if run == self.n else -1), "D" if run == self.n else "C"
        move = "D" if position < self.d - 1 else "C"
        return (run, position + 1 if position + 1 < self.d - 1 + self.c else -1), move


@register
class GrudgerAlternator(Strategy):
    """Cooperates until the opponent defects, then alternates D, C, D, C, ...

    Names: Grudger Alternator (Geraint Palmer, axelrod library), c_then_per_dc (PRISON 1998).
    """

    name = "GrudgerAlternator"
    aliases = ("Grudger Alternator",)
    classifier = Classifier()
    reference = "PRISON project (1998), http://www.lifl.fr/IPD/ipd.frame.html"

    def compiled(self, view):
        from strategies.compiled.grudger import grudger_alternator
        from tournament.core.jit import Compiled

        return Compiled(grudger_alternator)

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        return ((view.opp_defections > 0) > view.own_last.view(bool)).view(MOVE_DTYPE)


@register
class EasyGo(FSMPlayer):
    """Defects until the opponent defects once, then cooperates for ever.

    Names: Easy Go (PRISON 1998), Reverse Grudger, RGRIM (Li et al. 2011), Fool Me Forever
    (Harper et al. 2017).
    """

    name = "EasyGo"
    aliases = ("Easy Go", "Reverse Grudger", "Fool Me Forever")
    params = ()
    classifier = Classifier()
    reference = "PRISON project (1998), http://www.lifl.fr/IPD/ipd.frame.html"
    # states: 0 the opponent never defected, 1 it did
    transitions = ((0, "C", 0, "D"), (0, "D", 1, "C"), (1, "C", 1, "C"), (1, "D", 1, "C"))
    initial_state = 0
    initial_action = "D"


@register
class SpitefulCC(FSMPlayer):
    """Cooperates on the first two turns, then plays Grudger.

    Names: spiteful_cc (Mathieu and Delahaye 2015).
    """

    name = "SpitefulCC"
    aliases = ("Spiteful CC",)
    params = ()
    classifier = Classifier()
    reference = "Mathieu, P. and Delahaye, J.-P. (2015). New winning strategies for the IPD."
    # states: 0 second turn; 1 the opponent never defected; 2 it defected on the first turn
    # (still answered by C); 3 grudging
    transitions = (
        (0, "C", 1, "C"),
        (0, "D", 2, "C"),
        (1, "C", 1, "C"),
        (1, "D", 3, "D"),
        (2, "C", 3, "D"),
        (2, "D", 3, "D"),
        (3, "C", 3, "D"),
        (3, "D", 3, "D"),
    )
    initial_state = 0
    initial_action = "C"


def _capri_table() -> np.ndarray:
    """CAPRI's move for each of the 64 memory-3 states, indexed by
    ``32*own[-3] + 16*own[-2] + 8*own[-1] + 4*opp[-3] + 2*opp[-2] + opp[-1]`` (D=1)."""
    cooperate = [
        ("CCC", "CCC"),
        ("CCD", "CCC"),
        ("CDC", "CCD"),
        ("DCC", "CDC"),
        ("CCC", "DCC"),
        ("CCD", "CDC"),
        ("CDC", "DCC"),
        ("DCC", "CCC"),
        ("DDD", "DDC"),
        ("DDC", "DCC"),
        ("DDC", "DDD"),
        ("DCC", "DDC"),
        ("DDC", "DDC"),
        ("DCC", "DCC"),
    ]
    table = np.ones(64, dtype=MOVE_DTYPE)
    for own, opp in cooperate:
        table[int((own + opp).translate(str.maketrans("CD", "01")), 2)] = 0
    return table


@register
class Capri(Strategy):
    """A memory-three strategy built from five rules: cooperate at mutual cooperation, accept
    punishment for one's own error, punish one defection once, recover from mutual
    defection, otherwise defect. Missing history counts as mutual cooperation.

    Names: CAPRI (Murase and Baek 2020).
    """

    name = "CAPRI"
    classifier = Classifier(memory_depth=3)
    reference = "Murase, Y. and Baek, S. K. (2020). Five rules for friendly rivalry. J. Theor. Biol."
    table = _capri_table()

    def setup(self, view):
        self._state = np.zeros(view.n, dtype=MOVE_DTYPE)

    def compiled(self, view):
        from strategies.compiled.grudger import capri
        from tournament.core.jit import Compiled

        ints = np.concatenate((self.table, np.zeros(view.n, dtype=np.int64))).astype(np.int64)
        return Compiled(capri, ints)

    def move(self, view):
        if view.turn:
            # shift the last three turns of both players by one and put the last turn in
            state = self._state
            state <<= 1
            state &= 0b110110
            state |= view.own_last << 3
            state |= view.opp_last
        return self.table[self._state.astype(np.intp)]
