"""Assorted strategies from the axelrod library: tricksters, punishers, retaliators,
sequence players, ratio seekers and strategies that drift with the turn number."""

from __future__ import annotations

import math

import numpy as np

from strategies.base import Classifier, Param, Strategy, in_last_turns, non_negative_int, number, probability
from strategies.registry import register
from tournament.core.moves import MOVE_DTYPE, C, D

ECKHART2015 = "Arnold, E. (2015). CoopSim v0.9.9 beta 6. https://github.com/jecki/CoopSim/"
PRISON1998 = "The Prison project (1998), LIFL, Université de Lille: http://www.lifl.fr/IPD/ipd.frame.html"
AXELROD_LIBRARY = "Original strategy of the axelrod library (Knight et al. 2016)."


def _moves(flags: np.ndarray) -> np.ndarray:
    """Boolean 'defect' flags as a move array."""
    return np.asarray(flags).astype(MOVE_DTYPE)


def _chance(view, p) -> np.ndarray:
    """axelrod's ``random_choice(p)`` per game: C with probability p (no draw needed at 0 or 1)."""
    return _moves(view.random() >= p)


def _last_all(history: np.ndarray, k: int, move: int) -> np.ndarray:
    """Whether the last ``k`` moves of each game (``len(history) >= k``) all equal ``move``."""
    return np.all(history[-k:] == move, axis=0)


# Tricksters ---------------------------------------------------------------------------------


@register
class TrickyCooperator(Strategy):
    """Cooperates, but from the fourth turn on defects whenever the opponent has not defected
    in its last 10 moves.

    Names: Tricky Cooperator (Karol Langner).
    """

    name = "Tricky Cooperator"
    aliases = ("tricky_c",)
    classifier = Classifier(memory_depth=10)
    reference = AXELROD_LIBRARY
    axelrod_name = "Tricky Cooperator"

    def move(self, view):
        if view.turn < 3:
            return view.cooperate()
        return _moves(~np.any(view.opp_history[-10:] == D, axis=0))


@register
class TrickyDefector(Strategy):
    """Defects, but cooperates when the opponent, having cooperated at least once, defected
    on each of its last three moves.

    Names: Tricky Defector (Karol Langner).
    """

    name = "Tricky Defector"
    aliases = ("tricky_d",)
    reference = AXELROD_LIBRARY
    axelrod_name = "Tricky Defector"

    def move(self, view):
        if view.turn < 3:
            return view.defect()
        return _moves(~((view.opp_cooperations > 0) & _last_all(view.opp_history, 3, D)))


# Punishers ----------------------------------------------------------------------------------


@register
class Punisher(Strategy):
    """Cooperates until the opponent defects, then defects for a spell whose length (0 to 20
    turns) is 20 times the opponent's share of defections so far; then cooperates again.

    Names: Punisher (Geraint Palmer).
    """

    name = "Punisher"
    reference = AXELROD_LIBRARY
    axelrod_name = "Punisher"

    def setup(self, view):
        self._length = np.ones(view.n, dtype=np.int64)
        self._served = np.ones(view.n, dtype=np.int64)
        self._grudged = np.zeros(view.n, dtype=bool)

    def _spell(self, view) -> np.ndarray:
        """Length of the punishment started this turn."""
        return view.opp_defections * 20 // view.turn

    def move(self, view):
        over = self._served >= self._length
        self._served[over] = 0
        self._grudged[over] = False
        punishing = self._grudged.copy()
        self._served += punishing
        if view.turn == 0:
            return _moves(punishing)
        start = ~punishing & (view.opp_last == D)
        self._length = np.where(start, self._spell(view), self._length)
        self._grudged |= start
        return _moves(punishing | start)


@register
class InversePunisher(Punisher):
    """Like Punisher, but the punishment lasts 20 times the opponent's share of cooperations
    so far (at least one turn).

    Names: Inverse Punisher (Geraint Palmer).
    """

    name = "Inverse Punisher"
    axelrod_name = "Inverse Punisher"

    def _spell(self, view) -> np.ndarray:
        return np.maximum(view.opp_cooperations * 20 // view.turn, 1)


@register
class LevelPunisher(Strategy):
    """Cooperates for the first 10 turns; then defects whenever more than 20% of the
    opponent's moves so far were defections.

    Names: Level Punisher (Eckhart Arnold, CoopSim).
    """

    name = "Level Punisher"
    reference = ECKHART2015
    axelrod_name = "Level Punisher"

    def move(self, view):
        if view.turn < 10:
            return view.cooperate()
        return _moves(view.opp_defections / view.turn > 0.2)


@register
class TrickyLevelPunisher(Strategy):
    """Cooperates on the first turn and from turn 100 on; in between, defects whenever more
    than 5% of the opponent's moves so far were defections. (It is meant to use thresholds
    of 20%, 10% and 5% before turns 10, 50 and 100, but as axelrod codes it the checks fall
    through, so the 5% one decides throughout.)

    Names: Tricky Level Punisher (Eckhart Arnold, CoopSim).
    """

    name = "Tricky Level Punisher"
    reference = ECKHART2015
    axelrod_name = "Tricky Level Punisher"

    def move(self, view):
        if view.turn == 0 or view.turn >= 100:
            return view.cooperate()
        return _moves(view.opp_defections / view.turn > 0.05)


# Retaliators --------------------------------------------------------------------------------


@register
class Retaliate(Strategy):
    """Cooperates, but defects whenever the opponent has won (its D against my C) more than
    retaliation_threshold times as often as I have (my D against its C).

    Names: Retaliate (Owen Campbell).
    """

    name = "Retaliate"
    params = (Param("retaliation_threshold", 0.1, "tolerated ratio of its wins to mine", number),)
    reference = AXELROD_LIBRARY
    axelrod_name = "Retaliate"

    def _provoked(self, view) -> np.ndarray:
        counts = view.state_counts
        return counts[1] > counts[2] * self.retaliation_threshold

    def move(self, view):
        return _moves(self._provoked(view))


@register
class Retaliate2(Retaliate):
    """Retaliate with a threshold of 8%.

    Names: Retaliate 2 (Owen Campbell).
    """

    name = "Retaliate 2"
    params = (Param("retaliation_threshold", 0.08, "tolerated ratio of its wins to mine", number),)
    axelrod_name = "Retaliate 2"


@register
class Retaliate3(Retaliate):
    """Retaliate with a threshold of 5%.

    Names: Retaliate 3 (Owen Campbell).
    """

    name = "Retaliate 3"
    params = (Param("retaliation_threshold", 0.05, "tolerated ratio of its wins to mine", number),)
    axelrod_name = "Retaliate 3"


@register
class LimitedRetaliate(Retaliate):
    """Retaliate that stops after retaliation_limit defections in a row and cooperates once
    (the count restarts whenever it is no longer provoked).

    Names: Limited Retaliate (Owen Campbell).
    """

    name = "Limited Retaliate"
    params = (
        Param("retaliation_threshold", 0.1, "tolerated ratio of its wins to mine", number),
        Param("retaliation_limit", 20, "most defections in a row", non_negative_int),
    )
    axelrod_name = "Limited Retaliate"

    def setup(self, view):
        self._count = np.zeros(view.n, dtype=np.int64)

    def move(self, view):
        provoked = self._provoked(view)
        retaliate = provoked & (self._count < self.retaliation_limit)
        self._count = np.where(retaliate, self._count + 1, 0)
        return _moves(retaliate)


@register
class LimitedRetaliate2(LimitedRetaliate):
    """Limited Retaliate with a threshold of 8% and a limit of 15.

    Names: Limited Retaliate 2 (Owen Campbell).
    """

    name = "Limited Retaliate 2"
    params = (
        Param("retaliation_threshold", 0.08, "tolerated ratio of its wins to mine", number),
        Param("retaliation_limit", 15, "most defections in a row", non_negative_int),
    )
    axelrod_name = "Limited Retaliate 2"


@register
class LimitedRetaliate3(LimitedRetaliate):
    """Limited Retaliate with a threshold of 5% and a limit of 20.

    Names: Limited Retaliate 3 (Owen Campbell).
    """

    name = "Limited Retaliate 3"
    params = (
        Param("retaliation_threshold", 0.05, "tolerated ratio of its wins to mine", number),
        Param("retaliation_limit", 20, "most defections in a row", non_negative_int),
    )
    axelrod_name = "Limited Retaliate 3"


# Forgivers ----------------------------------------------------------------------------------


@register
class OnceBitten(Strategy):
    """Cooperates, forgiving single defections; after two opponent defections in a row it
    defects for 11 turns, then cooperates again.

    Names: Once Bitten (Holly Marissa).
    """

    name = "Once Bitten"
    classifier = Classifier(memory_depth=12)
    reference = AXELROD_LIBRARY
    axelrod_name = "Once Bitten"
    spell = 10

    def setup(self, view):
        self._served = np.zeros(view.n, dtype=np.int64)
        self._grudged = np.zeros(view.n, dtype=bool)

    def move(self, view):
        over = self._served >= self.spell
        self._served[over] = 0
        self._grudged[over] = False
        if view.turn < 2:
            return view.cooperate()
        punishing = self._grudged.copy()
        self._served += punishing
        start = ~punishing & _last_all(view.opp_history, 2, D)
        self._grudged |= start
        return _moves(punishing | start)


@register
class FoolMeOnce(Strategy):
    """Forgives the opponent's first defection, then defects for ever from its second.

    Names: Fool Me Once (Marc Harper).
    """

    name = "Fool Me Once"
    aliases = ("fmo",)
    reference = AXELROD_LIBRARY
    axelrod_name = "Fool Me Once"

    def move(self, view):
        return _moves(view.opp_defections > 1)


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
    axelrod_name = "Forgetful Fool Me Once"

    def classify(self) -> Classifier:
        return Classifier(stochastic=0 < self.forget_probability < 1)

    def setup(self, view):
        self._count = np.zeros(view.n, dtype=np.int64)

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        self._count += view.opp_last == D
        self._count[view.random() < self.forget_probability] = 0
        return _moves(self._count > 1)


@register
class Resurrection(Strategy):
    """Plays Tit For Tat, except that after five defections of its own in a row it keeps
    defecting.

    Names: Resurrection (Eckhart Arnold, CoopSim).
    """

    name = "Resurrection"
    classifier = Classifier(memory_depth=5)
    reference = ECKHART2015
    axelrod_name = "Resurrection"

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        if view.turn < 5:
            return view.opp_last.copy()
        return np.where(_last_all(view.own_history, 5, D), MOVE_DTYPE(D), view.opp_last).astype(MOVE_DTYPE)


@register
class DoubleResurrection(Strategy):
    """Plays Tit For Tat, except that after five cooperations of its own in a row it defects
    and after five defections in a row it cooperates.

    Names: DoubleResurrection (Eckhart Arnold, CoopSim).
    """

    name = "DoubleResurrection"
    aliases = ("Double Resurrection",)
    classifier = Classifier(memory_depth=5)
    reference = ECKHART2015
    axelrod_name = "DoubleResurrection"

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        if view.turn < 5:
            return view.opp_last.copy()
        own = view.own_history
        out = np.where(_last_all(own, 5, C), MOVE_DTYPE(D), view.opp_last)
        return np.where(_last_all(own, 5, D), MOVE_DTYPE(C), out).astype(MOVE_DTYPE)


# Length-aware backstabbers ------------------------------------------------------------------


@register
class BackStabber(Strategy):
    """Forgives the opponent's first three defections and defects for ever from the fourth;
    defects on the last two turns when it knows the match length.

    Names: BackStabber (Thomas Campbell).
    """

    name = "BackStabber"
    aliases = ("Back Stabber",)
    classifier = Classifier(makes_use_of={"length"})
    reference = AXELROD_LIBRARY
    axelrod_name = "BackStabber"

    def move(self, view):
        if in_last_turns(view, 2):
            return view.defect()
        return _moves(view.opp_defections > 3)


@register
class DoubleCrosser(Strategy):
    """BackStabber, except that from turn 8 to turn 180, when the opponent did not defect in
    its first 7 moves, it defects only after two opponent defections in a row.

    Names: DoubleCrosser (Thomas Campbell).
    """

    name = "DoubleCrosser"
    aliases = ("Double Crosser",)
    classifier = Classifier(makes_use_of={"length"})
    reference = AXELROD_LIBRARY
    axelrod_name = "DoubleCrosser"

    def move(self, view):
        if in_last_turns(view, 2):
            return view.defect()
        backstab = view.opp_defections > 3
        if not 7 <= view.turn < 180:
            return _moves(backstab)
        trusting = ~np.any(view.opp_history[:7] == D, axis=0)
        return _moves(np.where(trusting, _last_all(view.opp_history, 2, D), backstab))


# Sequences and ratios -----------------------------------------------------------------------


def thue_morse(turn: int) -> int:
    """The Thue-Morse sequence 0 1 1 0 1 0 0 1 ...: parity of the number of 1 bits."""
    return bin(turn).count("1") % 2


@register
class ThueMorse(Strategy):
    """Plays the Thue-Morse sequence 0 1 1 0 1 0 0 1 ..., with 1 for C and 0 for D.

    Names: Thue Morse (Geraint Palmer).
    """

    name = "ThueMorse"
    aliases = ("Thue Morse",)
    reference = AXELROD_LIBRARY
    axelrod_name = "ThueMorse"
    defect_on = 0

    def move(self, view):
        return np.full(view.n, thue_morse(view.turn) == self.defect_on, dtype=MOVE_DTYPE)


@register
class ThueMorseInverse(ThueMorse):
    """Plays the Thue-Morse sequence 0 1 1 0 1 0 0 1 ..., with 0 for C and 1 for D.

    Names: Inverse Thue Morse (Geraint Palmer).
    """

    name = "ThueMorseInverse"
    aliases = ("Thue Morse Inverse", "Inverse Thue Morse")
    axelrod_name = "ThueMorseInverse"
    defect_on = 1


class CotoDeRatio(Strategy):
    """Cooperates first, defects while the opponent has never defected, then steers the
    ratio of all cooperations to all defections (both players) towards ``ratio``."""

    ratio: float
    reference = "Original strategy by Timothy Standen (axelrod library)."

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        cooperations = view.opp_cooperations + view.own_cooperations
        defections = view.opp_defections + view.own_defections
        with np.errstate(divide="ignore", invalid="ignore"):
            steer = cooperations / defections > self.ratio
        return _moves((view.opp_defections == 0) | steer)


@register
class Pi(CotoDeRatio):
    """Cooperates first, defects while the opponent has never defected, then steers the
    ratio of all cooperations to all defections (both players) towards pi.

    Names: Pi (Timothy Standen).
    """

    name = "$\\pi$"
    aliases = ("pi",)
    ratio = math.pi
    axelrod_name = "$\\pi$"


@register
class E(CotoDeRatio):
    """Cooperates first, defects while the opponent has never defected, then steers the
    ratio of all cooperations to all defections (both players) towards e.

    Names: e (Timothy Standen).
    """

    name = "$e$"
    aliases = ("e",)
    ratio = math.e
    axelrod_name = "$e$"


@register
class Golden(CotoDeRatio):
    """Cooperates first, defects while the opponent has never defected, then steers the
    ratio of all cooperations to all defections (both players) towards the golden ratio.

    Names: Golden, phi (Timothy Standen).
    """

    name = "$\\phi$"
    aliases = ("phi", "Golden")
    ratio = (1 + math.sqrt(5)) / 2
    axelrod_name = "$\\phi$"


@register
class VeryBad(Strategy):
    """Cooperates for three turns; then cooperates when the opponent cooperated on more than
    half its moves, defects when on fewer, and copies its last move on a tie.

    Names: VeryBad (Andre et al. 2013).
    """

    name = "VeryBad"
    aliases = ("Very Bad",)
    reference = "Andre, L. et al. (2013). Iterated Prisoner's Dilemma (PRISON project notes)."
    axelrod_name = "VeryBad"

    def move(self, view):
        if view.turn < 3:
            return view.cooperate()
        twice = 2 * view.opp_cooperations
        out = np.where(twice < view.turn, MOVE_DTYPE(D), MOVE_DTYPE(C))
        return np.where(twice == view.turn, view.opp_last, out).astype(MOVE_DTYPE)


# Stochastic ---------------------------------------------------------------------------------


@register
class Calculator(Strategy):
    """Plays Joss (Tit For Tat that cooperates only 90% of the time) for 20 turns; then, if
    the opponent's first 20 moves repeat with a period of at most 10, defects for ever,
    otherwise plays Tit For Tat.

    Names: Calculator (Prison 1998).
    """

    name = "Calculator"
    classifier = Classifier(stochastic=True)
    reference = PRISON1998
    axelrod_name = "Calculator"
    opening = 20

    def setup(self, view):
        self._cyclic = np.zeros(view.n, dtype=bool)

    def move(self, view):
        turn = view.turn
        if turn == 0:
            return view.cooperate()
        if turn < self.opening:
            return _moves((view.opp_last == D) | (view.random() >= 0.9))
        if turn == self.opening:
            opp = view.opp_history
            periods = range(1, self.opening // 2 + 1)
            self._cyclic = np.any([np.all(opp[k:] == opp[:-k], axis=0) for k in periods], axis=0)
        return _moves(self._cyclic | (view.opp_last == D))


@register
class Inverse(Strategy):
    """Cooperates until the opponent defects; then defects with probability 1/k, where k is
    the number of turns since the opponent's last defection.

    Names: Inverse (Karol Langner).
    """

    name = "Inverse"
    classifier = Classifier(stochastic=True)
    reference = AXELROD_LIBRARY
    axelrod_name = "Inverse"

    def setup(self, view):
        self._last_defection = np.full(view.n, -1, dtype=np.int64)

    def move(self, view):
        turn = view.turn
        if turn == 0:
            return view.cooperate()
        self._last_defection[view.opp_last == D] = turn - 1
        seen = self._last_defection >= 0
        since = np.where(seen, turn - self._last_defection, 1)
        return _moves(seen & (view.random() >= 1 - 1 / since))


@register
class AverageCopier(Strategy):
    """Cooperates with probability equal to the opponent's share of cooperations so far;
    the first move is C or D with equal chances.

    Names: Average Copier (Geraint Palmer).
    """

    name = "Average Copier"
    classifier = Classifier(stochastic=True)
    reference = AXELROD_LIBRARY
    axelrod_name = "Average Copier"
    first = 0.5

    def move(self, view):
        if view.turn == 0:
            return _chance(view, self.first)
        return _chance(view, view.opp_cooperations / view.turn)


@register
class NiceAverageCopier(AverageCopier):
    """Cooperates first, then with probability equal to the opponent's share of
    cooperations so far.

    Names: Nice Average Copier (Owen Campbell).
    """

    name = "Nice Average Copier"
    axelrod_name = "Nice Average Copier"
    first = 1.0


@register
class WorseAndWorse(Strategy):
    """Defects with probability t/1000 on turn t (counted from 1): more and more often.

    Names: Worse and Worse (Prison 1998).
    """

    name = "Worse and Worse"
    classifier = Classifier(stochastic=True)
    reference = PRISON1998
    axelrod_name = "Worse and Worse"

    def move(self, view):
        return _chance(view, 1 - (view.turn + 1) / 1000)


@register
class WorseAndWorse2(Strategy):
    """Plays Tit For Tat for 20 turns; then cooperates with probability 20/t on turn t
    (counted from 1).

    Names: Worse and Worse 2 (Prison 1998).
    """

    name = "Worse and Worse 2"
    classifier = Classifier(stochastic=True)
    reference = PRISON1998
    axelrod_name = "Worse and Worse 2"

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        if view.turn < 20:
            return view.opp_last.copy()
        return _chance(view, 20 / (view.turn + 1))


@register
class WorseAndWorse3(Strategy):
    """Cooperates first; then defects with probability equal to the opponent's share of
    defections so far.

    Names: Worse and Worse 3 (Prison 1998).
    """

    name = "Worse and Worse 3"
    classifier = Classifier(stochastic=True)
    reference = PRISON1998
    axelrod_name = "Worse and Worse 3"

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        return _chance(view, 1 - view.opp_defections / view.turn)


@register
class BetterAndBetter(Strategy):
    """Cooperates with probability t/1000 on turn t (counted from 1): more and more often.

    Names: Better and Better (Prison 1998).
    """

    name = "Better and Better"
    classifier = Classifier(stochastic=True)
    reference = PRISON1998
    axelrod_name = "Better and Better"

    def move(self, view):
        return _chance(view, (view.turn + 1) / 1000)


@register
class KnowledgeableWorseAndWorse(Strategy):
    """Defects with probability t/n on turn t of n (counted from 1); always cooperates when
    the length is unknown.

    Names: Knowledgeable Worse and Worse (Adam Pohl).
    """

    name = "Knowledgeable Worse and Worse"
    classifier = Classifier(stochastic=True, makes_use_of={"length"})
    reference = AXELROD_LIBRARY
    axelrod_name = "Knowledgeable Worse and Worse"

    def move(self, view):
        if view.length is None:
            return view.cooperate()
        return _chance(view, 1 - (view.turn + 1) / view.length)
