"""Grudges: strategies that punish defection for a long time, or forever."""

from __future__ import annotations

import numpy as np

from strategies.base import Classifier, Param, Strategy, non_negative_int, positive_int
from strategies.registry import register
from tournament.core.moves import MOVE_DTYPE, D
from tournament.errors import StrategyError


@register
class Grudger(Strategy):
    """Cooperates until the opponent defects once, then defects for ever.

    Names: Grudger, Grim Trigger, Friedman (Axelrod 1980), Spiteful, Grudger (The Evolution
    of Trust).
    """

    name = "Grudger"
    aliases = ("grim", "Grim Trigger", "Friedman", "Spiteful")
    classifier = Classifier()
    reference = "Axelrod, R. (1980). Effective Choice in the Prisoner's Dilemma."

    def move(self, view):
        return (view.opp_defections > 0).astype(MOVE_DTYPE)


@register
class ForgetfulGrudger(Strategy):
    """Cooperates until the opponent defects, then defects for 10 turns and forgets the grudge.

    Names: Forgetful Grudger (Geraint Palmer, axelrod library).
    """

    name = "Forgetful Grudger"
    classifier = Classifier(memory_depth=10)
    reference = "Axelrod-Python project: Forgetful Grudger."
    mem_length = 10

    def setup(self, view):
        self.grudged = np.zeros(view.n, dtype=bool)
        self.memory = np.zeros(view.n, dtype=np.int64)

    def move(self, view):
        forget = self.memory == self.mem_length
        self.memory[forget] = 0
        self.grudged &= ~forget
        if view.turn > 0:
            self.grudged |= view.opp_last == D
        self.memory += self.grudged
        return self.grudged.astype(MOVE_DTYPE)


@register
class OppositeGrudger(Strategy):
    """Defects until the opponent cooperates once, then cooperates for ever.

    Names: Opposite Grudger (Geraint Palmer, axelrod library).
    """

    name = "Opposite Grudger"
    classifier = Classifier()
    reference = "Axelrod-Python project: Opposite Grudger."

    def move(self, view):
        return (view.opp_cooperations == 0).astype(MOVE_DTYPE)


@register
class Aggravater(Strategy):
    """Defects on the first three turns, then plays Grudger: defects for ever once the
    opponent has defected.

    Names: Aggravater (Thomas Campbell, axelrod library).
    """

    name = "Aggravater"
    classifier = Classifier()
    reference = "Axelrod-Python project: Aggravater."

    def move(self, view):
        if view.turn < 3:
            return view.defect()
        return (view.opp_defections > 0).astype(MOVE_DTYPE)


@register
class SoftGrudger(Strategy):
    """Cooperates until the opponent defects, then punishes with D, D, D, D, C, C and goes
    back to cooperating.

    Names: Soft Grudger, SGRIM (Li et al. 2011).
    """

    name = "Soft Grudger"
    aliases = ("sgrim",)
    classifier = Classifier(memory_depth=6)
    reference = "Li, J., Hingston, P. and Kendall, G. (2011). Engineering design of strategies."
    sequence = np.array([D, D, D, 0, 0], dtype=MOVE_DTYPE)

    def setup(self, view):
        self.position = np.full(view.n, -1, dtype=np.int64)

    def move(self, view):
        return _soft_grudge(self, view, 1)


@register
class GeneralSoftGrudger(Strategy):
    """Cooperates until the opponent has defected n times in a row, then punishes with d
    defections followed by c cooperations and goes back to cooperating.

    Names: General Soft Grudger (J. Taylor Smith, axelrod library).
    """

    name = "General Soft Grudger"
    params = (
        Param("n", 1, "consecutive opponent defections that trigger the punishment", positive_int),
        Param("d", 4, "defections in the punishment", positive_int),
        Param("c", 2, "cooperations of penance after the punishment", non_negative_int),
    )
    classifier = Classifier()
    reference = "Axelrod-Python project: General Soft Grudger."

    def validate(self) -> None:
        if self.d + self.c < 2:
            raise StrategyError("General Soft Grudger needs d + c >= 2")

    def setup(self, view):
        self.sequence = np.array([D] * (self.d - 1) + [0] * self.c, dtype=MOVE_DTYPE)
        self.position = np.full(view.n, -1, dtype=np.int64)

    def move(self, view):
        return _soft_grudge(self, view, self.n)


def _soft_grudge(strategy: SoftGrudger | GeneralSoftGrudger, view, n: int) -> np.ndarray:
    """Shared kernel of the soft grudgers: ``position`` is -1 when not grudging, else the
    index of the next move of ``sequence`` (played after the triggering defection)."""
    position = strategy.position
    grudging = position >= 0
    moves = strategy.sequence[np.maximum(position, 0)]
    if view.turn >= n:
        trigger = ~grudging & view.opp_history[-n:].all(axis=0)
    else:
        trigger = np.zeros(view.n, dtype=bool)
    position = np.where(grudging, position + 1, np.where(trigger, 0, -1))
    position[position == len(strategy.sequence)] = -1
    strategy.position = position
    return np.where(grudging, moves, trigger).astype(MOVE_DTYPE)


@register
class GrudgerAlternator(Strategy):
    """Cooperates until the opponent defects, then alternates D, C, D, C, ...

    Names: Grudger Alternator (Geraint Palmer, axelrod library), c_then_per_dc (PRISON 1998).
    """

    name = "GrudgerAlternator"
    aliases = ("Grudger Alternator",)
    classifier = Classifier()
    reference = "PRISON project (1998), http://www.lifl.fr/IPD/ipd.frame.html"

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        return ((view.opp_defections > 0) & (view.own_last == 0)).astype(MOVE_DTYPE)


@register
class EasyGo(Strategy):
    """Defects until the opponent defects once, then cooperates for ever.

    Names: Easy Go (PRISON 1998), Reverse Grudger, RGRIM (Li et al. 2011), Fool Me Forever
    (Harper et al. 2017).
    """

    name = "EasyGo"
    aliases = ("Easy Go", "Reverse Grudger", "Fool Me Forever")
    classifier = Classifier()
    reference = "PRISON project (1998), http://www.lifl.fr/IPD/ipd.frame.html"

    def move(self, view):
        return (view.opp_defections == 0).astype(MOVE_DTYPE)


@register
class SpitefulCC(Strategy):
    """Cooperates on the first two turns, then plays Grudger.

    Names: spiteful_cc (Mathieu and Delahaye 2015).
    """

    name = "SpitefulCC"
    aliases = ("Spiteful CC",)
    classifier = Classifier()
    reference = "Mathieu, P. and Delahaye, J.-P. (2015). New winning strategies for the IPD."

    def move(self, view):
        if view.turn < 2:
            return view.cooperate()
        return (view.opp_defections > 0).astype(MOVE_DTYPE)


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

    def move(self, view):
        state = np.zeros(view.n, dtype=np.int64)
        own, opp = view.own_history[-3:], view.opp_history[-3:]
        for k in range(own.shape[0]):
            weight = 1 << (own.shape[0] - 1 - k)
            state += weight * (8 * own[k].astype(np.int64) + opp[k])
        return self.table[state]
