"""Tit For Tat and its relatives: strategies that answer the opponent's recent moves."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from strategies.base import (
    Classifier,
    Param,
    Strategy,
    choose,
    defect_on_last_turns,
    non_negative_int,
    probability,
)
from strategies.registry import register
from tournament.core.moves import MOVE_DTYPE, D

if TYPE_CHECKING:
    from tournament.core.view import View


def defected_in_last(view: View, k: int) -> np.ndarray:
    """Whether the opponent defected at least once in its last ``k`` moves (bool per game)."""
    return view.opp_history[max(view.turn - k, 0) :].any(axis=0)


@register
class TitForTat(Strategy):
    """Cooperates on the first move, then copies the opponent's previous move.

    Names: Tit For Tat (Rapoport; winner of Axelrod 1980), Copycat (The Evolution of Trust).
    """

    name = "Tit For Tat"
    aliases = ("tft", "Copycat")
    classifier = Classifier(memory_depth=1)
    reference = "Axelrod, R. (1980). Effective Choice in the Prisoner's Dilemma."

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        return view.opp_last.copy()


@register
class TitForTwoTats(Strategy):
    """Cooperates unless the opponent defected on both of its last two moves.

    Names: Tit For Two Tats (Axelrod 1984), JMaynardSmith (Axelrod's second tournament),
    Copykitten (The Evolution of Trust).
    """

    name = "Tit For 2 Tats"
    aliases = ("tf2t", "Tit For Two Tats", "Copykitten")
    classifier = Classifier(memory_depth=2)
    reference = "Axelrod, R. (1984). The Evolution of Cooperation."

    def move(self, view):
        if view.turn < 2:
            return view.cooperate()
        history = view.opp_history
        return history[-1] & history[-2]


@register
class TwoTitsForTat(Strategy):
    """Cooperates first, then defects whenever the opponent defected in its last two moves:
    each defection is answered by two.

    Names: Two Tits For Tat (Axelrod 1984).
    """

    name = "Two Tits For Tat"
    aliases = ("ttft", "2tft")
    classifier = Classifier(memory_depth=2)
    reference = "Axelrod, R. (1984). The Evolution of Cooperation."

    def move(self, view):
        return defected_in_last(view, 2).astype(MOVE_DTYPE)


@register
class SuspiciousTitForTat(Strategy):
    """Defects on the first move, then copies the opponent's previous move.

    Names: Suspicious Tit For Tat (Hilbe et al. 2013), Mistrust (Beaufils et al. 1997).
    """

    name = "Suspicious Tit For Tat"
    aliases = ("stft", "Mistrust")
    classifier = Classifier(memory_depth=1)
    reference = "Hilbe, C., Nowak, M. A. and Traulsen, A. (2013). PLoS ONE 8(2)."

    def move(self, view):
        if view.turn == 0:
            return view.defect()
        return view.opp_last.copy()


@register
class HardTitForTat(Strategy):
    """Cooperates first, then defects whenever the opponent defected in its last three moves.

    Names: Hard Tit For Tat (PRISON 2017).
    """

    name = "Hard Tit For Tat"
    aliases = ("htft",)
    classifier = Classifier(memory_depth=3)
    reference = "PRISON project (2017), http://www.lifl.fr/IPD/ipd.frame.html"

    def move(self, view):
        return defected_in_last(view, 3).astype(MOVE_DTYPE)


@register
class HardTitForTwoTats(Strategy):
    """Cooperates first, then defects whenever the opponent's last three moves contain two
    consecutive defections.

    Names: Hard Tit For Two Tats (Stewart and Plotkin 2012).
    """

    name = "Hard Tit For 2 Tats"
    aliases = ("htf2t", "Hard Tit For Two Tats")
    classifier = Classifier(memory_depth=3)
    reference = "Stewart, A. J. and Plotkin, J. B. (2012). PNAS 109(26)."

    def move(self, view):
        if view.turn < 2:
            return view.cooperate()
        recent = view.opp_history[-3:]
        return (recent[1:] & recent[:-1]).any(axis=0).astype(MOVE_DTYPE)


@register
class AntiTitForTat(Strategy):
    """Cooperates on the first move, then plays the opposite of the opponent's previous move.

    Names: Anti Tit For Tat (Hilbe et al. 2013), Psycho (Ashlock et al. 2009).
    """

    name = "Anti Tit For Tat"
    aliases = ("Psycho",)
    classifier = Classifier(memory_depth=1)
    reference = "Hilbe, C., Nowak, M. A. and Traulsen, A. (2013). PLoS ONE 8(2)."

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        return view.opp_last ^ 1


@register
class Bully(Strategy):
    """Defects on the first move, then plays the opposite of the opponent's previous move.

    Names: Bully, Reverse Tit For Tat (Nachbar 1992).
    """

    name = "Bully"
    aliases = ("Reverse Tit For Tat", "rtft")
    classifier = Classifier(memory_depth=1)
    reference = "Nachbar, J. H. (1992). Games and Economic Behavior 4(3)."

    def move(self, view):
        if view.turn == 0:
            return view.defect()
        return view.opp_last ^ 1


@register
class SneakyTitForTat(Strategy):
    """Cooperates twice, then defects while the opponent has never defected; once punished,
    it plays Tit For Tat but cooperates after a defection that answered its own.

    Names: Sneaky Tit For Tat (Karol Langner, axelrod library).
    """

    name = "Sneaky Tit For Tat"
    classifier = Classifier()
    reference = "Axelrod-Python project: Sneaky Tit For Tat."

    def move(self, view):
        if view.turn < 2:
            return view.cooperate()
        opp_last = view.opp_last
        repent = (opp_last == D) & (view.own_history[-2] == D)
        moves = np.where(repent, 0, opp_last)
        return np.where(view.opp_defections == 0, 1, moves).astype(MOVE_DTYPE)


@register
class SpitefulTitForTat(Strategy):
    """Plays Tit For Tat until the opponent defects twice in a row, then defects for ever.

    Names: Spiteful Tit For Tat (PRISON 1998).
    """

    name = "Spiteful Tit For Tat"
    classifier = Classifier()
    reference = "PRISON project (1998), http://www.lifl.fr/IPD/ipd.frame.html"

    def setup(self, view):
        self.retaliating = np.zeros(view.n, dtype=bool)

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        if view.turn >= 2:
            history = view.opp_history
            self.retaliating |= (history[-1] & history[-2]).astype(bool)
        return (self.retaliating | (view.opp_last == D)).astype(MOVE_DTYPE)


@register
class SlowTitForTwoTats2(Strategy):
    """Cooperates twice; then repeats the opponent's move when its last two moves agree,
    else repeats its own previous move.

    Names: Slow Tit For Tat (PRISON 1998).
    """

    name = "Slow Tit For Two Tats 2"
    classifier = Classifier(memory_depth=2)
    reference = "PRISON project (1998), http://www.lifl.fr/IPD/ipd.frame.html"

    def move(self, view):
        if view.turn < 2:
            return view.cooperate()
        history = view.opp_history
        return np.where(history[-2] == history[-1], history[-1], view.own_last)


@register
class Gradual(Strategy):
    """Cooperates until the opponent defects; then defects as many times as the opponent has
    defected in total, and cooperates twice to calm down.

    Names: Gradual (CRISTAL-SMAC 2018 version of Beaufils et al. 1997).
    """

    name = "Gradual"
    aliases = ("grad",)
    classifier = Classifier()
    reference = "CRISTAL-SMAC ipd (2018), https://github.com/cristal-smac/ipd"

    def setup(self, view):
        self.punish = np.zeros(view.n, dtype=np.int64)
        self.calm = np.zeros(view.n, dtype=np.int64)

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        punishing = self.punish > 0
        calming = ~punishing & (self.calm > 0)
        trigger = ~punishing & ~calming & (view.opp_last == D)
        self.punish -= punishing
        self.calm -= calming
        self.punish = np.where(trigger, view.opp_defections - 1, self.punish)
        self.calm[trigger] = 2
        return (punishing | trigger).astype(MOVE_DTYPE)


@register
class OriginalGradual(Strategy):
    """Like Gradual, but the length of the punishment only grows with defections that the
    opponent makes outside punishing and calming phases.

    Names: Gradual (Beaufils et al. 1997).
    """

    name = "Original Gradual"
    classifier = Classifier()
    reference = "Beaufils, B., Delahaye, J.-P. and Mathieu, P. (1997). Our meeting with gradual."

    def setup(self, view):
        self.calming = np.zeros(view.n, dtype=bool)
        self.punishing = np.zeros(view.n, dtype=bool)
        self.count = np.zeros(view.n, dtype=np.int64)
        self.limit = np.zeros(view.n, dtype=np.int64)

    def move(self, view):
        calm = self.calming.copy()
        punishing = ~calm & self.punishing
        punish_more = punishing & (self.count < self.limit)
        punish_end = punishing & ~punish_more
        start = ~calm & ~punishing
        if view.turn > 0:
            start &= view.opp_last == D
        else:
            start[:] = False
        self.calming = punish_end
        self.punishing = (self.punishing & ~punish_end) | start
        self.count = np.where(punish_end, 0, self.count + (punish_more | start))
        self.limit += start
        return (punish_more | start).astype(MOVE_DTYPE)


@register
class ContriteTitForTat(Strategy):
    """Tit For Tat that, when noise turned its cooperation into a defection against a
    cooperator, accepts the retaliation and cooperates until it has cooperated again.

    Names: Contrite Tit For Tat (Wu and Axelrod 1995).
    """

    name = "Contrite Tit For Tat"
    aliases = ("ctft",)
    classifier = Classifier(memory_depth=3)
    reference = "Wu, J. and Axelrod, R. (1995). Journal of Conflict Resolution 39(1)."

    def setup(self, view):
        self.contrite = np.zeros(view.n, dtype=bool)
        self.intended = np.zeros(view.n, dtype=MOVE_DTYPE)

    def move(self, view):
        if view.turn == 0:
            self.intended = view.cooperate()
            return view.cooperate()
        own_last, opp_last = view.own_last, view.opp_last
        apologise = self.contrite & (own_last == 0)
        provoked = (self.intended != own_last) & (own_last == D) & (opp_last == 0)
        self.contrite = np.where(apologise, False, self.contrite | provoked)
        moves = np.where(apologise, 0, opp_last).astype(MOVE_DTYPE)
        self.intended = moves.copy()
        return moves


@register
class AdaptiveTitForTat(Strategy):
    """Keeps an image of the world, moved a fraction ``rate`` towards 1 after each opponent
    cooperation and towards 0 after each defection; cooperates while the image is >= 0.5.

    Names: Adaptive Tit For Tat (Tzafestas 2000).
    """

    name = "Adaptive Tit For Tat"
    aliases = ("atft",)
    params = (Param("rate", 0.5, "adaptation rate of the world image", probability),)
    classifier = Classifier()
    reference = "Tzafestas, E. (2000). Toward adaptive cooperative behavior. SAB 2000."

    def setup(self, view):
        self.world = np.full(view.n, float(self.rate))

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        cooperated = view.opp_last == 0
        self.world = np.where(
            cooperated, self.world + self.rate * (1.0 - self.world), self.world - self.rate * self.world
        )
        return (self.world < 0.5).astype(MOVE_DTYPE)


@register
class OmegaTFT(Strategy):
    """Tit For Tat that breaks C/D deadlocks by cooperating and defects for good when a
    randomness counter (opponent changes of move, disagreements) reaches a threshold.

    Names: OmegaTFT (Slany and Kienreich 2007).
    """

    name = "Omega TFT"
    aliases = ("otft", "OmegaTFT")
    params = (
        Param("deadlock_threshold", 3, "alternations before breaking a deadlock", non_negative_int),
        Param("randomness_threshold", 8, "randomness count that triggers defection", non_negative_int),
    )
    classifier = Classifier()
    reference = "Slany, W. and Kienreich, W. (2007). On some winning strategies for the IPD."

    def setup(self, view):
        self.randomness = np.zeros(view.n, dtype=np.int64)
        self.deadlock = np.zeros(view.n, dtype=np.int64)

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        if view.turn == 1:
            return view.opp_last.copy()
        threshold = self.deadlock_threshold
        locked = self.deadlock >= threshold
        free = ~locked
        history = view.opp_history
        previous, last = history[-2], history[-1]
        changed = previous != last
        self.randomness += free * (changed.astype(np.int64) - ((previous == 0) & (last == 0)))
        self.randomness += free & (view.own_last != last)
        random = free & (self.randomness >= self.randomness_threshold)
        copy = free & ~random
        self.deadlock = np.where(
            locked,
            np.where(self.deadlock == threshold, threshold + 1, 0),
            np.where(copy, np.where(changed, self.deadlock + 1, 0), self.deadlock),
        )
        return np.where(locked, 0, np.where(random, 1, last)).astype(MOVE_DTYPE)


@register
class NTitsForMTats(Strategy):
    """Defects N times whenever the opponent's last M moves were all defections (M=0:
    always); otherwise cooperates.

    Names: N Tit(s) For M Tat(s) (Marc Harper, axelrod library).
    """

    name = "N Tit(s) For M Tat(s)"
    aliases = ("N Tits For M Tats", "ntfmt")
    params = (
        Param("N", 3, "number of retaliations", non_negative_int),
        Param("M", 2, "consecutive opponent defections that trigger retaliation", non_negative_int),
    )
    reference = "Axelrod-Python project: N Tit(s) For M Tat(s)."

    def classify(self) -> Classifier:
        return Classifier(memory_depth=max(self.M, self.N))

    def setup(self, view):
        self.retaliate = np.zeros(view.n, dtype=np.int64)

    def move(self, view):
        if self.M == 0:
            self.retaliate[:] = self.N
        elif view.turn >= self.M:
            self.retaliate[view.opp_history[-self.M :].all(axis=0)] = self.N
        defect = self.retaliate > 0
        self.retaliate -= defect
        return defect.astype(MOVE_DTYPE)


@register
class Alexei(Strategy):
    """Tit For Tat, but defects on the last turn when the match length is known.

    Names: Alexei (LessWrong 2011 tournament).
    """

    name = "Alexei"
    classifier = Classifier(makes_use_of={"length"})
    reference = "LessWrong (2011). Prisoner's Dilemma tournament results."

    def move(self, view):
        if view.turn == 0:
            return defect_on_last_turns(view, view.cooperate())
        return defect_on_last_turns(view, view.opp_last.copy())


@register
class EugineNier(Strategy):
    """Tit For Tat until the opponent has defected five times, then always defects; defects on
    the last turn when the match length is known.

    Names: Eugine Nier (LessWrong 2011 tournament).
    """

    name = "EugineNier"
    aliases = ("Eugine Nier",)
    classifier = Classifier(makes_use_of={"length"})
    reference = "LessWrong (2011). Prisoner's Dilemma tournament results."

    def move(self, view):
        if view.turn == 0:
            return defect_on_last_turns(view, view.cooperate())
        moves = np.where(view.opp_defections >= 5, 1, view.opp_last).astype(MOVE_DTYPE)
        return defect_on_last_turns(view, moves)


@register
class DynamicTwoTitsForTat(Strategy):
    """Two Tits For Tat, but after a recent defection it still cooperates with probability
    equal to the opponent's overall cooperation rate.

    Names: Dynamic Two Tits For Tat (Grant Garrett-Grossman, axelrod library).
    """

    name = "Dynamic Two Tits For Tat"
    classifier = Classifier(stochastic=True)
    reference = "Axelrod-Python project: Dynamic Two Tits For Tat."

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        rate = view.opp_cooperations / view.turn
        return np.where(defected_in_last(view, 2), choose(view, rate), 0).astype(MOVE_DTYPE)


@register
class RandomTitForTat(Strategy):
    """Cooperates first; then alternates between copying the opponent's previous move (even
    turns from the second) and cooperating with probability p.

    Names: Random Tit For Tat (Zachary M. Taylor, axelrod library).
    """

    name = "Random Tit for Tat"
    aliases = ("Random TitForTat",)
    params = (Param("p", 0.5, "probability of cooperating on the random turns", probability),)
    reference = "Axelrod-Python project: Random Tit for Tat."

    def classify(self) -> Classifier:
        return Classifier(memory_depth=1, stochastic=self.p not in (0.0, 1.0))

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        if view.turn % 2 == 1:
            return view.opp_last.copy()
        return choose(view, self.p)


@register
class BurnBothEnds(Strategy):
    """Tit For Tat, except that after an opponent cooperation it cooperates only with
    probability 0.9.

    Names: Burn Both Ends (Marinoff 1992).
    """

    name = "Burn Both Ends"
    aliases = ("bbe",)
    classifier = Classifier(memory_depth=1, stochastic=True)
    reference = "Marinoff, L. (1992). Theory and Decision 33(3)."

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        return np.where(view.opp_last == D, 1, choose(view, 0.9)).astype(MOVE_DTYPE)


@register
class Michaelos(Strategy):
    """Tit For Tat, but when the opponent cooperated after its own defection it cooperates
    with probability 1/2 and otherwise defects for the rest of the match; defects on the last
    turn when the match length is known.

    Names: Michaelos (LessWrong 2011 tournament).
    """

    name = "Michaelos"
    classifier = Classifier(stochastic=True, makes_use_of={"length"})
    reference = "LessWrong (2011). Prisoner's Dilemma tournament results."

    def setup(self, view):
        self.defector = np.zeros(view.n, dtype=bool)

    def move(self, view):
        if view.turn == 0:
            return defect_on_last_turns(view, view.cooperate())
        undecided = ~self.defector & (view.own_last == D) & (view.opp_last == 0)
        gives_up = undecided & (choose(view, 0.5) == D)
        self.defector |= gives_up
        moves = np.where(self.defector, 1, np.where(undecided, 0, view.opp_last)).astype(MOVE_DTYPE)
        return defect_on_last_turns(view, moves)
