"""Probers: strategies that open with a test of the opponent and exploit or copy it after."""

from __future__ import annotations

import numpy as np

from strategies.base import Classifier, Param, Strategy, move_string, probability
from strategies.registry import register
from tournament.core.moves import MOVE_DTYPE, C, D

LI2011 = (
    "Li, J., Hingston, P. and Kendall, G. (2011). Engineering Design of Strategies for "
    "Winning Iterated Prisoner's Dilemma Competitions."
)
PRISON1998 = "The Prison project (1998), LIFL, Université de Lille: http://www.lifl.fr/IPD/ipd.frame.html"


def _opening(view, moves: str) -> np.ndarray:
    """The opening move of this turn, for every game (``view.turn < len(moves)``)."""
    return np.full(view.n, C if moves[view.turn] == "C" else D, dtype=MOVE_DTYPE)


def _exploit_or_copy(view, exploit: np.ndarray, play: int) -> np.ndarray:
    """``play`` in games where ``exploit`` holds, Tit For Tat elsewhere."""
    return np.where(exploit, MOVE_DTYPE(play), view.opp_last).astype(MOVE_DTYPE)


@register
class Prober(Strategy):
    """Opens D, C, C; then defects for ever if the opponent cooperated on moves 2 and 3,
    otherwise plays Tit For Tat.

    Names: Prober (Li et al. 2011).
    """

    name = "Prober"
    reference = LI2011

    def move(self, view):
        if view.turn < 3:
            return _opening(view, "DCC")
        opp = view.opp_history
        return _exploit_or_copy(view, (opp[1] == C) & (opp[2] == C), D)


@register
class Prober2(Strategy):
    """Opens D, C, C; then cooperates for ever if the opponent played D then C on moves 2
    and 3, otherwise plays Tit For Tat.

    Names: Prober 2 (Prison 1998).
    """

    name = "Prober 2"
    aliases = ("prober2",)
    reference = PRISON1998

    def move(self, view):
        if view.turn < 3:
            return _opening(view, "DCC")
        opp = view.opp_history
        return _exploit_or_copy(view, (opp[1] == D) & (opp[2] == C), C)


@register
class Prober3(Strategy):
    """Opens D, C; then defects for ever if the opponent cooperated on move 2, otherwise
    plays Tit For Tat.

    Names: Prober 3 (Prison 1998).
    """

    name = "Prober 3"
    aliases = ("prober3",)
    reference = PRISON1998

    def move(self, view):
        if view.turn < 2:
            return _opening(view, "DC")
        return _exploit_or_copy(view, view.opp_history[1] == C, D)


@register
class Prober4(Strategy):
    """Plays a fixed 20-move opening while counting the opponent's defections made on a turn
    where it defected too (just) and those made when it cooperated (unjust). If the two
    counts differ by at most 2 it defects for ever; otherwise it cooperates 5 times and then
    plays Tit For Tat.

    Names: Prober 4 (Prison 1998).
    """

    name = "Prober 4"
    aliases = ("prober4",)
    reference = PRISON1998
    opening = "CCDCDDDCCDCDCCDCDDCD"

    def setup(self, view):
        self._defector = np.zeros(view.n, dtype=bool)

    def move(self, view):
        turn, size = view.turn, len(self.opening)
        if turn < size:
            return _opening(view, self.opening)
        if turn == size:
            # Like axelrod, the last turn of the opening is not counted.
            own = view.own_history[: size - 1]
            opp_defected = view.opp_history[: size - 1] == D
            just = np.count_nonzero(opp_defected & (own == D), axis=0)
            unjust = np.count_nonzero(opp_defected & (own == C), axis=0)
            self._defector = np.abs(just - unjust) <= 2
        if turn < size + 5:
            return self._defector.astype(MOVE_DTYPE)
        return _exploit_or_copy(view, self._defector, D)


@register
class HardProber(Strategy):
    """Opens D, D, C, C; then defects for ever if the opponent cooperated on moves 2 and 3,
    otherwise plays Tit For Tat.

    Names: Hard Prober (Prison 1998).
    """

    name = "Hard Prober"
    aliases = ("hard_prober",)
    reference = PRISON1998

    def move(self, view):
        if view.turn < 4:
            return _opening(view, "DDCC")
        opp = view.opp_history
        return _exploit_or_copy(view, (opp[1] == C) & (opp[2] == C), D)


@register
class NaiveProber(Strategy):
    """Tit For Tat that, after an opponent's cooperation, defects anyway with probability p.

    Names: Naive Prober (Li et al. 2011).
    """

    name = "Naive Prober"
    aliases = ("naive_prober",)
    params = (Param("p", 0.1, "probability of a probing defection after a cooperation", probability),)
    classifier = Classifier(memory_depth=1, stochastic=True)
    reference = LI2011

    def classify(self) -> Classifier:
        return Classifier(memory_depth=self.classifier.memory_depth, stochastic=self.p not in (0.0, 1.0))

    def _probe(self, view) -> np.ndarray:
        """Where a probing defection is played this turn (when the opponent cooperated)."""
        if self.p == 0:
            return np.zeros(view.n, dtype=bool)
        if self.p == 1:
            return np.ones(view.n, dtype=bool)
        return view.random() >= 1 - self.p

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        return ((view.opp_last == D) | self._probe(view)).astype(MOVE_DTYPE)


@register
class RemorsefulProber(NaiveProber):
    """Naive Prober that, when the opponent retaliates at once against one of its probing
    defections, takes the hit once and cooperates instead of answering.

    Names: Remorseful Prober (Li et al. 2011).
    """

    name = "Remorseful Prober"
    aliases = ("remorseful_prober",)
    classifier = Classifier(memory_depth=2, stochastic=True)

    def setup(self, view):
        self._probing = np.zeros(view.n, dtype=bool)

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        answered = view.opp_last == D
        remorse = answered & self._probing
        probe = ~answered & self._probe(view)
        self._probing = probe
        return ((answered & ~remorse) | probe).astype(MOVE_DTYPE)


@register
class Detective(Strategy):
    """Opens C, D, C, C (or the given opening); then plays Tit For Tat if the opponent
    defected during the opening, and always defects if it did not.

    Names: Detective (The Evolution of Trust, Case 2017).
    """

    name = "Detective"
    params = (Param("initial_actions", "CDCC", "the opening moves, e.g. 'CDCC'", move_string),)
    reference = "Case, N. (2017). The Evolution of Trust. https://ncase.me/trust/"

    def move(self, view):
        size = len(self.initial_actions)
        if view.turn < size:
            return _opening(view, self.initial_actions)
        tested = np.any(view.opp_history[:size] == D, axis=0)
        return _exploit_or_copy(view, ~tested, D)


@register
class CollectiveStrategy(Strategy):
    """Opens C, D. If the opponent opened C, D too, cooperates until the opponent defects a
    second time; otherwise, or after that, always defects.

    Names: Collective Strategy (Li and Kendall 2009).
    """

    name = "CollectiveStrategy"
    aliases = ("Collective Strategy",)
    reference = (
        "Li, J. and Kendall, G. (2009). A Strategy with Novel Evolutionary Features for the "
        "Iterated Prisoner's Dilemma. Evolutionary Computation 17(2)."
    )

    def move(self, view):
        if view.turn < 2:
            return _opening(view, "CD")
        opp = view.opp_history
        kin = (opp[0] == C) & (opp[1] == D) & (view.opp_defections <= 1)
        return (~kin).astype(MOVE_DTYPE)
