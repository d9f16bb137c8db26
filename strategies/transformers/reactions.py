"""Transformers that answer the history: Nice, Grudge, Apology, DeadlockBreaking, Retaliation
and RetaliateUntilApology."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import numpy as np

from strategies.base import Classifier, Param, move_string, non_negative_int, positive_int
from strategies.transformers.base import CD, DD, Transformer
from strategies.transformers.flips import AXELROD
from tournament.core.moves import moves_from_string
from tournament.errors import StrategyError

if TYPE_CHECKING:
    from tournament.core.view import View
    from tournament.settings import Game


class Nice(Transformer):
    """Never defects first: cooperates instead of defecting as long as the opponent has never
    defected.

    Names: NiceTransformer, "Nice" players (axelrod).
    """

    name = "Nice"
    prefix = "Nice"
    example = "Nice(Suspicious Tit For Tat)"
    reference = AXELROD

    def transform(self, view: View, proposed: np.ndarray) -> np.ndarray:
        return proposed & (view.opp_defections > 0)


class Grudge(Transformer):
    """Defects for good once the opponent has defected more than ``grudges`` times.

    Names: GrudgeTransformer, "Grudging" players (axelrod).
    """

    name = "Grudge"
    aliases = ("Grudging",)
    prefix = "Grudging"
    example = "Grudge(Tit For Two Tats, 2)"
    params = (Param("grudges", None, "defections forgiven before the grudge", non_negative_int),)
    per_game = ("grudges",)
    reference = AXELROD

    def transform(self, view: View, proposed: np.ndarray) -> np.ndarray:
        return proposed | (view.opp_defections > self.grudges)


class Apology(Transformer):
    """Cooperates when the last turns were ``myseq`` on its side and ``opseq`` on the
    opponent's (e.g. after exploiting: myseq D, opseq C); otherwise plays the wrapped move.

    Names: ApologyTransformer, "Apologizing" players (axelrod, which never matches sequences of
    different lengths: here they must have the same length).
    """

    name = "Apology"
    aliases = ("Apologizing", "Apologising")
    prefix = "Apologizing"
    example = "Apology(Tit For Tat, D, C)"
    params = (
        Param("myseq", None, "own last moves that call for an apology, e.g. D", move_string),
        Param("opseq", None, "the opponent's last moves at the same turns, e.g. C", move_string),
    )
    reference = AXELROD

    def validate(self) -> None:
        super().validate()
        if len(self.myseq) != len(self.opseq):
            raise StrategyError(
                f"{self.name}: myseq and opseq must have the same length, got {self.myseq} and {self.opseq}"
            )

    def start(self, view: View) -> None:
        self._mine = moves_from_string(self.myseq)[:, None]
        self._theirs = moves_from_string(self.opseq)[:, None]

    def transform(self, view: View, proposed: np.ndarray) -> np.ndarray:
        k = len(self._mine)
        if view.turn < k:
            return proposed
        sorry = np.all(view.own_history[-k:] == self._mine, axis=0) & np.all(
            view.opp_history[-k:] == self._theirs, axis=0
        )
        return proposed & ~sorry

    def remap(self, rule: np.ndarray, game: Game) -> np.ndarray | None:
        if len(self.myseq) != 1:
            return None
        out = rule.copy()
        out[1 + 2 * (self.myseq == "D") + (self.opseq == "D")] = 1
        return out


class DeadlockBreaking(Transformer):
    """Cooperates to break a deadlock: when the last two turns were CD then DC or DC then CD
    (own move first), as two Tit For Tats locked in alternation after a mistake.

    Names: DeadlockBreakingTransformer, "DeadlockBreaking" players (axelrod).
    """

    name = "DeadlockBreaking"
    aliases = ("Deadlock Breaking",)
    prefix = "DeadlockBreaking"
    example = "DeadlockBreaking(Tit For Tat)"
    reference = AXELROD

    def transform(self, view: View, proposed: np.ndarray) -> np.ndarray:
        if view.turn < 2:
            return proposed
        (own_before, own_last), (opp_before, opp_last) = view.own_history[-2:], view.opp_history[-2:]
        deadlock = (own_before ^ opp_before) & (own_before ^ own_last) & (opp_before ^ opp_last)
        return proposed & (deadlock ^ 1)


class Retaliation(Transformer):
    """Retaliates: defects after every defection of the opponent and owes ``retaliations`` - 1
    more defections for each, paid back on the turns when the opponent cooperated.

    Names: RetaliationTransformer, "Retaliating" players (axelrod, whose counter is one
    object shared by every player built with the transformer; here it is per game).
    """

    name = "Retaliation"
    aliases = ("Retaliating",)
    prefix = "Retaliating"
    example = "Retaliation(Cooperator, 3)"
    params = (Param("retaliations", None, "defections answering each defection", positive_int),)
    per_game = ("retaliations",)
    reference = AXELROD

    def reclassify(self, classifier: Classifier) -> Classifier:
        return dataclasses.replace(classifier, memory_depth=max(self.retaliations, classifier.memory_depth))

    def start(self, view: View) -> None:
        self._owed = np.zeros(view.n, dtype=np.int64)

    def transform(self, view: View, proposed: np.ndarray) -> np.ndarray:
        if view.turn == 0:
            return proposed
        provoked = view.opp_last == 1
        self._owed += np.where(provoked, self.retaliations - 1, 0)
        paying = ~provoked & (self._owed > 0)
        self._owed[paying] -= 1
        return np.where(provoked | paying, 1, proposed).astype(proposed.dtype)


class RetaliateUntilApology(Transformer):
    """Defects after every defection of the opponent, until it cooperates again (Tit For Tat's
    rule that a defection is paid back with a cooperation).

    Names: RetaliateUntilApologyTransformer, "RUA" players (axelrod).
    """

    name = "RetaliateUntilApology"
    aliases = ("RUA", "Retaliate Until Apology")
    prefix = "RUA"
    example = "RetaliateUntilApology(Cooperator)"
    reference = AXELROD

    def reclassify(self, classifier: Classifier) -> Classifier:
        return dataclasses.replace(classifier, memory_depth=max(1, classifier.memory_depth))

    def transform(self, view: View, proposed: np.ndarray) -> np.ndarray:
        if view.turn == 0:
            return proposed
        return proposed | view.opp_last

    def remap(self, rule: np.ndarray, game: Game) -> np.ndarray:
        out = rule.copy()
        out[[CD, DD]] = 0
        return out
