"""Worse and Worse and its relatives: strategies whose chance of cooperating drifts over a
match, with the turn number or with the opponent's share of defections.

Each class says its chance of cooperating on a turn (:meth:`DriftingPlayer.cooperation`); every
such player of a batch is played by one :class:`DriftKernel`, which asks each member for its
chances and compares them with one draw per game (a subclass that overrides ``move`` or
``setup`` plays alone, see :class:`~strategies.base.Family`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from strategies.base import Classifier, Family, Strategy
from strategies.registry import register
from tournament.core.moves import MOVE_DTYPE

if TYPE_CHECKING:
    from tournament.core.jit import Compiled
    from tournament.core.view import View

PRISON1998 = "The Prison project (1998), LIFL, Université de Lille: http://www.lifl.fr/IPD/ipd.frame.html"
AXELROD_LIBRARY = "Original strategy of the axelrod library (Knight et al. 2016)."


class DriftKernel:
    """Every drifting player of a batch at once: each member's chances of cooperating on its
    own games, then one draw per game (C when the draw is below the chance, like axelrod's
    ``random_choice``; a chance of 1 always gives C and 0 always D)."""

    label = "drifting cooperation family"

    def __init__(self, members: list[tuple[DriftingPlayer, int]]) -> None:
        stops = np.cumsum([n for _, n in members]).tolist()
        self.members = [(m, stop - n, stop) for (m, n), stop in zip(members, stops)]

    def setup(self, view: View) -> None:
        self.chance = np.empty(view.n, dtype=np.float64)

    def compiled(self, view: View) -> Compiled | None:
        """The compiled block, or None when a member's ``cooperation`` is not one the step knows:
        the class that defines it must name its rule in ``drift_rule``."""
        from strategies.compiled import worse_and_worse as steps
        from tournament.core.jit import Compiled

        rule = np.empty(view.n, dtype=np.int64)
        first = np.zeros(view.n, dtype=np.float64)
        for member, start, stop in self.members:
            owner = next(k for k in type(member).__mro__ if "cooperation" in vars(k))
            code = steps.RULES.get(vars(owner).get("drift_rule"))
            if code is None:
                return None
            rule[start:stop] = code
            if code == steps.AVERAGE:
                first[start:stop] = member.first
        return Compiled(steps.drift, rule, first)

    def move(self, view: View) -> np.ndarray:
        turn, length, chance = view.turn, view.length, self.chance
        defections = view.opp_defections
        last = view.opp_last if turn else None
        for member, start, stop in self.members:
            chance[start:stop] = member.cooperation(
                turn, length, defections[start:stop], None if last is None else last[start:stop]
            )
        return (view.random() >= chance).view(MOVE_DTYPE)


class DriftingPlayer(Strategy):
    """Cooperates on each turn with the chance :meth:`cooperation` gives."""

    classifier = Classifier(stochastic=True)
    reference = PRISON1998
    family = Family("drifting cooperation", DriftKernel)
    drift_rule: str | None = None
    """The compiled step's name for the :meth:`cooperation` this class defines (None: none)."""

    def cooperation(
        self, turn: int, length: int | None, opp_defections: np.ndarray, opp_last: np.ndarray | None
    ) -> float | np.ndarray:
        """The chance of cooperating on ``turn`` (from 0) of a match of known ``length`` (else
        None), per game or for all, given the opponent's defections so far and its last move
        (None on the first turn)."""
        raise NotImplementedError

    def setup(self, view: View) -> None:
        """Alone (a subclass that overrides ``move`` or ``setup``): through a kernel of one."""
        self._alone = DriftKernel([(self, view.n)])
        self._alone.setup(view)

    def move(self, view: View) -> np.ndarray:
        return self._alone.move(view)


@register
class WorseAndWorse(DriftingPlayer):
    """Defects with probability t/1000 on turn t (counted from 1): more and more often.

    Names: Worse and Worse (Prison 1998).
    """

    name = "Worse and Worse"
    drift_rule = "worse"

    def cooperation(self, turn, length, opp_defections, opp_last):
        return 1 - (turn + 1) / 1000


@register
class WorseAndWorse2(DriftingPlayer):
    """Plays Tit For Tat for 20 turns; then cooperates with probability 20/t on turn t
    (counted from 1).

    Names: Worse and Worse 2 (Prison 1998).
    """

    name = "Worse and Worse 2"
    drift_rule = "worse 2"

    def cooperation(self, turn, length, opp_defections, opp_last):
        if opp_last is None:
            return 1.0
        if turn < 20:
            return 1.0 - opp_last  # a sure copy of the opponent's last move
        return 20 / (turn + 1)


@register
class WorseAndWorse3(DriftingPlayer):
    """Cooperates first; then defects with probability equal to the opponent's share of
    defections so far.

    Names: Worse and Worse 3 (Prison 1998).
    """

    name = "Worse and Worse 3"
    drift_rule = "worse 3"

    def cooperation(self, turn, length, opp_defections, opp_last):
        if turn == 0:
            return 1.0
        return 1 - opp_defections / turn


@register
class BetterAndBetter(DriftingPlayer):
    """Cooperates with probability t/1000 on turn t (counted from 1): more and more often.

    Names: Better and Better (Prison 1998).
    """

    name = "Better and Better"
    drift_rule = "better"

    def cooperation(self, turn, length, opp_defections, opp_last):
        return (turn + 1) / 1000


@register
class KnowledgeableWorseAndWorse(DriftingPlayer):
    """Defects with probability t/n on turn t of n (counted from 1); always cooperates when
    the length is unknown.

    Names: Knowledgeable Worse and Worse (Adam Pohl).
    """

    name = "Knowledgeable Worse and Worse"
    drift_rule = "knowledgeable"
    classifier = Classifier(stochastic=True, makes_use_of={"length"})
    reference = AXELROD_LIBRARY

    def cooperation(self, turn, length, opp_defections, opp_last):
        if length is None:
            return 1.0
        return 1 - (turn + 1) / length
