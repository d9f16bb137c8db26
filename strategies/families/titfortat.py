"""Tit For Tat and its relatives: strategies that answer the opponent's recent moves.

Those that read only the opponent's last few moves are finite state machines, Burn Both Ends
is a memory-one rule and Slow Tit For Two Tats 2 a lookup table: the families' shared kernels
play them.
"""

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
from strategies.families.finite_state_machines import FSMPlayer, Transition, reachable_machine
from strategies.families.lookerup import LookerUp
from strategies.families.memory_one import FourVector, MemoryOnePlayer
from strategies.registry import register
from tournament.core.moves import MOVE_DTYPE

if TYPE_CHECKING:
    from tournament.settings import Game


COPY: tuple[Transition, ...] = ((0, "C", 0, "C"), (0, "D", 0, "D"))
"""A one-state machine that plays the opponent's last move."""
OPPOSE: tuple[Transition, ...] = ((0, "C", 0, "D"), (0, "D", 0, "C"))
"""A one-state machine that plays the opposite of the opponent's last move."""


@register
class TitForTat(FSMPlayer):
    """Cooperates on the first move, then copies the opponent's previous move.

    Names: Tit For Tat (Rapoport; winner of Axelrod 1980), Copycat (The Evolution of Trust).
    """

    name = "Tit For Tat"
    aliases = ("tft", "Copycat")
    params = ()
    classifier = Classifier(memory_depth=1)
    reference = "Axelrod, R. (1980). Effective Choice in the Prisoner's Dilemma."
    transitions = COPY
    initial_state = 0
    initial_action = "C"


@register
class TitForTwoTats(FSMPlayer):
    """Cooperates unless the opponent defected on both of its last two moves.

    Names: Tit For Two Tats (Axelrod 1984), JMaynardSmith (Axelrod's second tournament),
    Copykitten (The Evolution of Trust).
    """

    name = "Tit For 2 Tats"
    aliases = ("tf2t", "Tit For Two Tats", "Copykitten")
    params = ()
    classifier = Classifier(memory_depth=2)
    reference = "Axelrod, R. (1984). The Evolution of Cooperation."
    # state: the opponent's last move (0: C or none yet, 1: D)
    transitions = ((0, "C", 0, "C"), (0, "D", 1, "C"), (1, "C", 0, "C"), (1, "D", 1, "D"))
    initial_state = 0
    initial_action = "C"


@register
class TwoTitsForTat(FSMPlayer):
    """Cooperates first, then defects whenever the opponent defected in its last two moves:
    each defection is answered by two.

    Names: Two Tits For Tat (Axelrod 1984).
    """

    name = "Two Tits For Tat"
    aliases = ("ttft", "2tft")
    params = ()
    classifier = Classifier(memory_depth=2)
    reference = "Axelrod, R. (1984). The Evolution of Cooperation."
    # state: the opponent's last move (0: C or none yet, 1: D)
    transitions = ((0, "C", 0, "C"), (0, "D", 1, "D"), (1, "C", 0, "D"), (1, "D", 1, "D"))
    initial_state = 0
    initial_action = "C"


@register
class SuspiciousTitForTat(FSMPlayer):
    """Defects on the first move, then copies the opponent's previous move.

    Names: Suspicious Tit For Tat (Hilbe et al. 2013), Mistrust (Beaufils et al. 1997).
    """

    name = "Suspicious Tit For Tat"
    aliases = ("stft", "Mistrust")
    params = ()
    classifier = Classifier(memory_depth=1)
    reference = "Hilbe, C., Nowak, M. A. and Traulsen, A. (2013). PLoS ONE 8(2)."
    transitions = COPY
    initial_state = 0
    initial_action = "D"


@register
class HardTitForTat(FSMPlayer):
    """Cooperates first, then defects whenever the opponent defected in its last three moves.

    Names: Hard Tit For Tat (PRISON 2017).
    """

    name = "Hard Tit For Tat"
    aliases = ("htft",)
    params = ()
    classifier = Classifier(memory_depth=3)
    reference = "PRISON project (2017), http://www.lifl.fr/IPD/ipd.frame.html"
    # state: the opponent's last two moves, 2 * older + newer (C = 0 before the match)
    transitions = (
        (0, "C", 0, "C"),
        (0, "D", 1, "D"),
        (1, "C", 2, "D"),
        (1, "D", 3, "D"),
        (2, "C", 0, "D"),
        (2, "D", 1, "D"),
        (3, "C", 2, "D"),
        (3, "D", 3, "D"),
    )
    initial_state = 0
    initial_action = "C"


@register
class HardTitForTwoTats(FSMPlayer):
    """Cooperates first, then defects whenever the opponent's last three moves contain two
    consecutive defections.

    Names: Hard Tit For Two Tats (Stewart and Plotkin 2012).
    """

    name = "Hard Tit For 2 Tats"
    aliases = ("htf2t", "Hard Tit For Two Tats")
    params = ()
    classifier = Classifier(memory_depth=3)
    reference = "Stewart, A. J. and Plotkin, J. B. (2012). PNAS 109(26)."
    # state: the opponent's last two moves, 2 * older + newer (C = 0 before the match)
    transitions = (
        (0, "C", 0, "C"),
        (0, "D", 1, "C"),
        (1, "C", 2, "C"),
        (1, "D", 3, "D"),
        (2, "C", 0, "C"),
        (2, "D", 1, "C"),
        (3, "C", 2, "D"),
        (3, "D", 3, "D"),
    )
    initial_state = 0
    initial_action = "C"


@register
class AntiTitForTat(FSMPlayer):
    """Cooperates on the first move, then plays the opposite of the opponent's previous move.

    Names: Anti Tit For Tat (Hilbe et al. 2013), Psycho (Ashlock et al. 2009).
    """

    name = "Anti Tit For Tat"
    aliases = ("Psycho",)
    params = ()
    classifier = Classifier(memory_depth=1)
    reference = "Hilbe, C., Nowak, M. A. and Traulsen, A. (2013). PLoS ONE 8(2)."
    transitions = OPPOSE
    initial_state = 0
    initial_action = "C"


@register
class Bully(FSMPlayer):
    """Defects on the first move, then plays the opposite of the opponent's previous move.

    Names: Bully, Reverse Tit For Tat (Nachbar 1992).
    """

    name = "Bully"
    aliases = ("Reverse Tit For Tat", "rtft")
    params = ()
    classifier = Classifier(memory_depth=1)
    reference = "Nachbar, J. H. (1992). Games and Economic Behavior 4(3)."
    transitions = OPPOSE
    initial_state = 0
    initial_action = "D"


@register
class SneakyTitForTat(Strategy):
    """Cooperates twice, then defects while the opponent has never defected; once punished,
    it plays Tit For Tat but cooperates after a defection that answered its own.

    Names: Sneaky Tit For Tat (Karol Langner, axelrod library).
    """

    name = "Sneaky Tit For Tat"
    classifier = Classifier()
    reference = "Axelrod-Python project: Sneaky Tit For Tat."

    def compiled(self, view):
        from strategies.compiled.titfortat import sneaky_tit_for_tat
        from tournament.core.jit import Compiled

        return Compiled(sneaky_tit_for_tat)

    def move(self, view):
        t = view.turn
        if t < 2:
            return view.cooperate()
        # Tit For Tat, but C after a D that answered its own D; D while the opponent never defected
        repenting_copy = view.opp_last > view.own_history[t - 2]
        return (repenting_copy | (view.opp_defections == 0)).view(MOVE_DTYPE)


@register
class SpitefulTitForTat(FSMPlayer):
    """Plays Tit For Tat until the opponent defects twice in a row, then defects for ever.

    Names: Spiteful Tit For Tat (PRISON 1998).
    """

    name = "Spiteful Tit For Tat"
    aliases = ()
    params = ()
    classifier = Classifier()
    reference = "PRISON project (1998), http://www.lifl.fr/IPD/ipd.frame.html"
    # states: 0 the opponent's last move was C (or none yet), 1 it was D, 2 retaliating for ever
    transitions = (
        (0, "C", 0, "C"),
        (0, "D", 1, "D"),
        (1, "C", 0, "C"),
        (1, "D", 2, "D"),
        (2, "C", 2, "D"),
        (2, "D", 2, "D"),
    )
    initial_state = 0
    initial_action = "C"


@register
class SlowTitForTwoTats2(LookerUp):
    """Cooperates twice; then repeats the opponent's move when its last two moves agree,
    else repeats its own previous move.

    Names: Slow Tit For Tat (PRISON 1998).
    """

    name = "Slow Tit For Two Tats 2"
    aliases = ()
    params = ()
    classifier = Classifier(memory_depth=2)
    reference = "PRISON project (1998), http://www.lifl.fr/IPD/ipd.frame.html"
    # keys: own last move, the opponent's last two (CCC, CCD, CDC, ..., DDD)
    pattern = "CCCDCDDD"
    depths = (1, 2, 0)
    initial_actions = "CC"


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

    def compiled(self, view):
        from strategies.compiled.titfortat import gradual
        from tournament.core.jit import Compiled, fields

        return Compiled(gradual, fields(view.n, 0, 0))

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        punishing = self.punish > 0
        busy = punishing | (self.calm > 0)
        calming = busy > punishing
        trigger = view.opp_last.view(bool) > busy
        self.punish -= punishing
        self.calm -= calming
        np.copyto(self.punish, view.opp_defections - 1, where=trigger)
        np.copyto(self.calm, 2, where=trigger)
        return (punishing | trigger).view(MOVE_DTYPE)


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

    def compiled(self, view):
        from strategies.compiled.titfortat import original_gradual
        from tournament.core.jit import Compiled, fields

        return Compiled(original_gradual, fields(view.n, 0, 0, 0, 0))

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        calm = self.calming
        punishing = self.punishing > calm
        punish_more = punishing & (self.count < self.limit)
        punish_end = punishing > punish_more
        start = view.opp_last.view(bool) > (calm | punishing)
        self.calming = punish_end
        self.punishing = (self.punishing > punish_end) | start
        defect = punish_more | start
        self.count += defect
        np.copyto(self.count, 0, where=punish_end)
        self.limit += start
        return defect.view(MOVE_DTYPE)


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

    def compiled(self, view):
        from strategies.compiled.titfortat import contrite_tit_for_tat
        from tournament.core.jit import Compiled, fields

        return Compiled(contrite_tit_for_tat, fields(view.n, 0, 0))

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        own_last, opp_last = view.own_last, view.opp_last
        apologise = self.contrite > own_last.view(bool)
        # noise turned its C into a D against a cooperator
        provoked = own_last > (self.intended | opp_last)
        self.contrite = (self.contrite | provoked) > apologise
        self.intended = (opp_last > apologise).view(MOVE_DTYPE)
        return self.intended


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

    def compiled(self, view):
        from strategies.compiled.titfortat import adaptive_tit_for_tat
        from tournament.core.jit import Compiled

        floats = np.full(1 + view.n, float(self.rate))
        return Compiled(adaptive_tit_for_tat, np.zeros(0, dtype=np.int64), floats)

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        cooperated = view.opp_last == 0
        self.world = np.where(
            cooperated, self.world + self.rate * (1.0 - self.world), self.world - self.rate * self.world
        )
        return (self.world < 0.5).view(MOVE_DTYPE)


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

    def compiled(self, view):
        from strategies.compiled.titfortat import omega_tft
        from tournament.core.jit import Compiled, fields

        thresholds = [self.deadlock_threshold, self.randomness_threshold]
        return Compiled(omega_tft, np.concatenate((thresholds, fields(view.n, 0, 0))).astype(np.int64))

    def move(self, view):
        t = view.turn
        if t < 2:
            return view.opp_last.copy() if t else view.cooperate()
        threshold, deadlock = self.deadlock_threshold, self.deadlock
        locked = deadlock >= threshold
        previous, last = view.opp_history[t - 2], view.opp_last
        changed = previous != last
        # randomness: +1 for a change of move, +1 for a disagreement with my last move, -1 for
        # two cooperations in a row (not counted while breaking a deadlock)
        delta = changed.astype(np.int64) - ((previous | last) == 0) + (view.own_last != last)
        delta *= ~locked
        self.randomness += delta
        random = (self.randomness >= self.randomness_threshold) > locked
        copy = ~(locked | random)
        # the deadlock count: up by one with each change of move while copying; once at the
        # threshold, one more (the turn it cooperates), then back to 0
        grow = (copy & changed) | (deadlock == threshold)
        reset = (copy | locked) > grow
        deadlock += grow
        np.copyto(deadlock, 0, where=reset)
        return ((random | last.view(bool)) > locked).view(MOVE_DTYPE)


@register
class NTitsForMTats(FSMPlayer):
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
    initial_state = 0

    def classify(self) -> Classifier:
        return Classifier(memory_depth=max(self.M, self.N))

    @property
    def initial_action(self) -> str:
        return "D" if self.M == 0 and self.N > 0 else "C"

    @property
    def transitions(self) -> tuple[Transition, ...]:
        after_first = max(self.N - 1, 0) if self.M == 0 else 0
        return reachable_machine(self._step, (0, after_first))

    def _step(self, state: tuple[int, int], seen: str) -> tuple[tuple[int, int], str]:
        """(the opponent's trailing defections up to M, retaliations still due) after ``seen``."""
        run, due = state
        run = min(run + 1, self.M) if seen == "D" else 0
        if run == self.M:
            due = self.N
        return (run, max(due - 1, 0)), "D" if due > 0 else "C"


@register
class Alexei(Strategy):
    """Tit For Tat, but defects on the last turn when the match length is known.

    Names: Alexei (LessWrong 2011 tournament).
    """

    name = "Alexei"
    classifier = Classifier(makes_use_of={"length"})
    reference = "LessWrong (2011). Prisoner's Dilemma tournament results."

    def compiled(self, view):
        from strategies.compiled.titfortat import alexei
        from tournament.core.jit import Compiled

        return Compiled(alexei)

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

    def compiled(self, view):
        from strategies.compiled.titfortat import eugine_nier
        from tournament.core.jit import Compiled

        return Compiled(eugine_nier)

    def move(self, view):
        if view.turn == 0:
            return defect_on_last_turns(view, view.cooperate())
        return defect_on_last_turns(view, view.opp_last | (view.opp_defections >= 5))


@register
class DynamicTwoTitsForTat(Strategy):
    """Two Tits For Tat, but after a recent defection it still cooperates with probability
    equal to the opponent's overall cooperation rate.

    Names: Dynamic Two Tits For Tat (Grant Garrett-Grossman, axelrod library).
    """

    name = "Dynamic Two Tits For Tat"
    classifier = Classifier(stochastic=True)
    reference = "Axelrod-Python project: Dynamic Two Tits For Tat."

    def compiled(self, view):
        from strategies.compiled.titfortat import dynamic_two_tits_for_tat
        from tournament.core.jit import Compiled

        return Compiled(dynamic_two_tits_for_tat)

    def move(self, view):
        t = view.turn
        if t == 0:
            return view.cooperate()
        recent = view.opp_last if t == 1 else view.opp_last | view.opp_history[t - 2]
        if not np.count_nonzero(recent):
            return recent.copy()
        return recent & choose(view, view.opp_cooperations / t)


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

    def compiled(self, view):
        from strategies.compiled.titfortat import random_tit_for_tat
        from tournament.core.jit import Compiled

        return Compiled(random_tit_for_tat, np.zeros(0, dtype=np.int64), np.array([float(self.p)]))

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        if view.turn % 2 == 1:
            return view.opp_last.copy()
        return choose(view, self.p)


@register
class BurnBothEnds(MemoryOnePlayer):
    """Tit For Tat, except that after an opponent cooperation it cooperates only with
    probability 0.9.

    Names: Burn Both Ends (Marinoff 1992).
    """

    name = "Burn Both Ends"
    aliases = ("bbe",)
    classifier = Classifier(memory_depth=1, stochastic=True)
    reference = "Marinoff, L. (1992). Theory and Decision 33(3)."

    def probabilities(self, game: Game) -> FourVector:
        return (0.9, 0, 0.9, 0)


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

    def compiled(self, view):
        from strategies.compiled.titfortat import michaelos
        from tournament.core.jit import Compiled, fields

        return Compiled(michaelos, fields(view.n, 0))

    def move(self, view):
        if view.turn == 0:
            return defect_on_last_turns(view, view.cooperate())
        opp = view.opp_last
        # its D met the opponent's C: cooperate, or defect for ever with probability 1/2
        undecided = (view.own_last > opp) > self.defector
        if np.count_nonzero(undecided):
            self.defector |= undecided & (view.random() >= 0.5)
        moves = (opp > undecided) | self.defector
        return defect_on_last_turns(view, moves.view(MOVE_DTYPE))
