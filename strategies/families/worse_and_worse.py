"""Worse and Worse and its relatives: strategies whose chance of cooperating drifts over a
match, with the turn number or with the opponent's share of defections."""

from __future__ import annotations

from strategies.base import Classifier, Strategy, choose
from strategies.registry import register

PRISON1998 = "The Prison project (1998), LIFL, Université de Lille: http://www.lifl.fr/IPD/ipd.frame.html"
AXELROD_LIBRARY = "Original strategy of the axelrod library (Knight et al. 2016)."


@register
class WorseAndWorse(Strategy):
    """Defects with probability t/1000 on turn t (counted from 1): more and more often.

    Names: Worse and Worse (Prison 1998).
    """

    name = "Worse and Worse"
    classifier = Classifier(stochastic=True)
    reference = PRISON1998

    def move(self, view):
        return choose(view, 1 - (view.turn + 1) / 1000)


@register
class WorseAndWorse2(Strategy):
    """Plays Tit For Tat for 20 turns; then cooperates with probability 20/t on turn t
    (counted from 1).

    Names: Worse and Worse 2 (Prison 1998).
    """

    name = "Worse and Worse 2"
    classifier = Classifier(stochastic=True)
    reference = PRISON1998

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        if view.turn < 20:
            return view.opp_last.copy()
        return choose(view, 20 / (view.turn + 1))


@register
class WorseAndWorse3(Strategy):
    """Cooperates first; then defects with probability equal to the opponent's share of
    defections so far.

    Names: Worse and Worse 3 (Prison 1998).
    """

    name = "Worse and Worse 3"
    classifier = Classifier(stochastic=True)
    reference = PRISON1998

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        return choose(view, 1 - view.opp_defections / view.turn)


@register
class BetterAndBetter(Strategy):
    """Cooperates with probability t/1000 on turn t (counted from 1): more and more often.

    Names: Better and Better (Prison 1998).
    """

    name = "Better and Better"
    classifier = Classifier(stochastic=True)
    reference = PRISON1998

    def move(self, view):
        return choose(view, (view.turn + 1) / 1000)


@register
class KnowledgeableWorseAndWorse(Strategy):
    """Defects with probability t/n on turn t of n (counted from 1); always cooperates when
    the length is unknown.

    Names: Knowledgeable Worse and Worse (Adam Pohl).
    """

    name = "Knowledgeable Worse and Worse"
    classifier = Classifier(stochastic=True, makes_use_of={"length"})
    reference = AXELROD_LIBRARY

    def move(self, view):
        if view.length is None:
            return view.cooperate()
        return choose(view, 1 - (view.turn + 1) / view.length)
