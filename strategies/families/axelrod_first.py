"""The strategies of Axelrod's first tournament (1980), as the axelrod library implements them.

Each class follows axelrod 4.13.1's ``FirstBy...`` player move for move (deterministic ones) or
with the same probability at every decision (stochastic ones), including its reading of the
paper's sometimes vague descriptions; the docstrings say which reading that is. Davis is a
finite state machine, Grofman and Joss are memory-one rules and Tullock a table of
probabilities: the families' shared kernels play them.
"""

from __future__ import annotations

import functools
import math

import numpy as np

from strategies.base import (
    Classifier,
    Param,
    Strategy,
    defect_on_last_turns,
    non_negative_int,
    positive_int,
    probability,
)
from strategies.families.finite_state_machines import FSMPlayer, Transition, reachable_machine
from strategies.families.lookerup import Gambler
from strategies.families.memory_one import FourVector, MemoryOnePlayer
from strategies.registry import register
from tournament.core.moves import MOVE_DTYPE, D
from tournament.settings import Game

AXELROD_1980 = (
    "Axelrod, R. (1980). Effective Choice in the Prisoner's Dilemma. "
    "Journal of Conflict Resolution, 24(1), 3-25."
)


def looks_random(cooperations: np.ndarray, turns: int, alpha: float) -> np.ndarray:
    """Whether each opponent passes for random: axelrod's chi-squared test of its cooperation and
    defection counts against a 50-50 split (``scipy.stats.chisquare(...).pvalue >= alpha``).

    With two cells the statistic is (c - d)^2 / turns on one degree of freedom, and its p-value
    falls as the statistic grows, so the test is a comparison with the critical value
    :func:`chi_square_critical` (no scipy needed, no per-game p-value).
    """
    difference = 2 * cooperations.astype(np.float64) - turns
    return difference * difference / turns <= chi_square_critical(alpha)


@functools.cache
def chi_square_critical(alpha: float) -> float:
    """The largest x with P(chi-squared on 1 dof >= x) = erfc(sqrt(x / 2)) >= alpha (bisection)."""
    if alpha <= 0:
        return math.inf
    low, high = 0.0, 1.0
    while math.erfc(math.sqrt(high / 2)) >= alpha:
        high *= 2
    for _ in range(200):
        middle = (low + high) / 2
        if middle in (low, high):
            break
        if math.erfc(math.sqrt(middle / 2)) >= alpha:
            low = middle
        else:
            high = middle
    return low


@register
class FirstByAnonymous(Strategy):
    """Each turn draws a cooperation probability uniformly between 0.3 and 0.7 and cooperates with it.

    Names: (name withheld) (Axelrod 1980). axelrod's reading of "the complex process of adjustment
    frequently left the probability of cooperation in the 30% to 70% range".
    """

    name = "First by Anonymous"
    aliases = ("Anonymous",)
    classifier = Classifier(memory_depth=0, stochastic=True)
    reference = AXELROD_1980

    def compiled(self, view):
        from strategies.compiled.axelrod_first import anonymous
        from tournament.core.jit import Compiled

        return Compiled(anonymous)

    def move(self, view):
        chance = (3 + 4 * view.random(0)) / 10
        return (view.random(1) >= chance).view(MOVE_DTYPE)


@register
class FirstByDavis(FSMPlayer):
    """Cooperates on the first rounds_to_cooperate turns, then plays Grudger: defects for ever once
    the opponent has defected at all.

    Names: Davis (Axelrod 1980; 8th).
    """

    name = "First by Davis"
    aliases = ("Davis",)
    params = (Param("rounds_to_cooperate", 10, "number of opening cooperations", non_negative_int),)
    classifier = Classifier()
    reference = AXELROD_1980
    initial_state = 0
    initial_action = "C"

    @property
    def transitions(self) -> tuple[Transition, ...]:
        return reachable_machine(self.step, (1, False))

    def step(self, state: tuple[int, bool], seen: str) -> tuple[tuple[int, bool], str]:
        """(the turn, counted up to rounds_to_cooperate; whether the opponent ever defected)
        after ``seen``."""
        turn, grudged = state
        grudged = grudged or seen == "D"
        opening = turn < self.rounds_to_cooperate
        return (min(turn + 1, self.rounds_to_cooperate), grudged), "D" if grudged and not opening else "C"


@register
class FirstByDowning(Strategy):
    """Defects twice, then estimates how often the opponent cooperates after its own C (alpha) and
    after its own D (beta), and plays the move of higher expected payoff, alpha R + (1 - alpha) S
    against beta T + (1 - beta) P; on a tie it switches from its previous move.

    Names: Downing (Axelrod 1980; 10th). The opponent's first move counts as an answer to a
    cooperation before the match, and beta's denominator is at least 2 (axelrod's reading).
    """

    name = "First by Downing"
    aliases = ("Downing",)
    classifier = Classifier(makes_use_of={"game"})
    reference = (
        AXELROD_1980 + " Downing, L. (1975). The Prisoner's Dilemma Game as a Problem-Solving Phenomenon."
    )

    def setup(self, view):
        self._coop_after_c = np.zeros(view.n, dtype=np.int64)
        self._coop_after_d = np.zeros(view.n, dtype=np.int64)

    def compiled(self, view):
        from strategies.compiled.axelrod_first import downing
        from tournament.core.jit import Compiled, fields

        return Compiled(downing, fields(view.n, 0, 0))

    def move(self, view):
        t = view.turn
        if t < 2:
            if t == 1:
                self._coop_after_c += view.opp_last == 0
            return view.defect()
        opp, before = view.opp_last, view.own_history[t - 2]
        self._coop_after_c += (opp | before) == 0
        self._coop_after_d += before > opp
        alpha = self._coop_after_c / (view.own_cooperations + 1)
        beta = self._coop_after_d / np.maximum(view.own_defections, 2)
        game = view.game
        value_c = alpha * game.R + (1 - alpha) * game.S
        value_d = beta * game.T + (1 - beta) * game.P
        # the better move, and on a tie the switch from its previous move
        return np.where(value_c == value_d, view.own_last ^ 1, value_c < value_d)


@register
class FirstByFeld(Strategy):
    """Defects after the opponent's defection; after its cooperation cooperates with a probability
    that falls linearly from start_coop_prob to end_coop_prob over rounds_of_decay turns.

    Names: Feld (Axelrod 1980; 11th).
    """

    name = "First by Feld"
    aliases = ("Feld",)
    params = (
        Param("start_coop_prob", 1.0, "initial probability of cooperating after a C", probability),
        Param("end_coop_prob", 0.5, "final probability of cooperating after a C", probability),
        Param("rounds_of_decay", 200, "turns over which the probability falls", positive_int),
    )
    classifier = Classifier(memory_depth=200, stochastic=True)
    reference = AXELROD_1980

    def compiled(self, view):
        from strategies.compiled.axelrod_first import feld
        from tournament.core.jit import Compiled

        slope = (self.end_coop_prob - self.start_coop_prob) / self.rounds_of_decay
        floats = np.array([self.start_coop_prob, slope, self.end_coop_prob], dtype=np.float64)
        return Compiled(feld, floats=floats)

    def move(self, view):
        t = view.turn
        if t == 0:
            return view.cooperate()
        slope = (self.end_coop_prob - self.start_coop_prob) / self.rounds_of_decay
        chance = max(self.start_coop_prob + slope * t, self.end_coop_prob)
        return view.opp_last | (view.random() >= chance)


@register
class FirstByGraaskamp(Strategy):
    """Plays Tit For Tat for 50 turns, defects on turn 51, Tit For Tat again for 5 turns; from then
    on defects for ever once the opponent looks random (chi-squared test at level alpha), plays Tit
    For Tat against Tit For Tat or its own twin, and otherwise cooperates but defects every 5 to
    14 turns at random.

    Names: Graaskamp (Axelrod 1980; 9th). The opponent is taken for Tit For Tat when it has always
    copied this player's previous move, for a twin when both histories are equal (axelrod's reading).
    """

    name = "First by Graaskamp"
    aliases = ("Graaskamp",)
    params = (Param("alpha", 0.05, "significance level of the randomness test", probability),)
    classifier = Classifier(stochastic=True)
    reference = AXELROD_1980

    def setup(self, view):
        self._random_opponent = np.zeros(view.n, dtype=bool)
        self._copies_me = np.ones(view.n, dtype=bool)
        self._twin = np.ones(view.n, dtype=bool)
        self._next_defection = np.full(view.n, -1, dtype=np.int64)

    def compiled(self, view):
        from strategies.compiled.axelrod_first import graaskamp
        from tournament.core.jit import Compiled, fields

        critical = np.array([chi_square_critical(self.alpha)], dtype=np.float64)
        return Compiled(graaskamp, fields(view.n, 0, 1, 1, -1), critical)

    def move(self, view):
        t = view.turn
        if t == 0:
            return view.cooperate()
        opp = view.opp_last
        self._twin &= view.own_last == opp
        if t >= 2:
            self._copies_me &= opp == view.own_history[t - 2]
        if t < 56:
            return view.defect() if t == 50 else opp.copy()
        random_opponent = self._random_opponent
        random_opponent |= looks_random(view.opp_cooperations, t, self.alpha)
        mimic = (self._copies_me | self._twin) > random_opponent
        scheming = ~(random_opponent | mimic)
        next_defection = self._next_defection
        strike = scheming & (next_defection == t)
        # a new gap of 5 to 14 turns after a strike, or to start the schedule
        due = strike | (scheming & (next_defection < 0))
        np.copyto(next_defection, (view.random() * 10).astype(np.int64) + (t + 5), where=due)
        return np.where(mimic, opp, strike | random_opponent)


@register
class FirstByGrofman(MemoryOnePlayer):
    """Cooperates when both players did the same thing on the previous turn, otherwise cooperates
    with probability 2/7.

    Names: Grofman (Axelrod 1980; 4th).
    """

    name = "First by Grofman"
    aliases = ("Grofman",)
    classifier = Classifier(memory_depth=1, stochastic=True)
    reference = AXELROD_1980

    def probabilities(self, game: Game) -> FourVector:
        return (1, 2 / 7, 2 / 7, 1)


@register
class FirstByJoss(MemoryOnePlayer):
    """Cooperates first; after the opponent's cooperation cooperates with probability p, after its
    defection always defects.

    Names: Joss (Axelrod 1980; 12th), Hard Joss (Stewart and Plotkin 2012).
    """

    name = "First by Joss"
    aliases = ("Joss", "Hard Joss")
    params = (Param("p", 0.9, "probability of cooperating after the opponent's C", probability),)
    reference = AXELROD_1980

    def classify(self) -> Classifier:
        return Classifier(memory_depth=0 if self.p == 0 else 1, stochastic=0 < self.p < 1)

    def probabilities(self, game: Game) -> FourVector:
        return (self.p, 0, self.p, 0)


_NYDEGGER_DEFECTS = np.zeros(64, dtype=MOVE_DTYPE)
_NYDEGGER_DEFECTS[[1, 6, 7, 17, 22, 23, 26, 29, 30, 31, 33, 38, 39, 45, 49, 54, 55, 58, 61]] = D


@register
class FirstByNydegger(Strategy):
    """Plays Tit For Tat for three turns (defecting on the third if the opponent played D then C),
    then scores the last three turns A = 16 a1 + 4 a2 + a3 (a = 2 per opponent defection + 1 per
    own, a1 the most recent) and defects exactly when A is 1, 6, 7, 17, 22, 23, 26, 29, 30, 31, 33,
    38, 39, 45, 49, 54, 55, 58 or 61.

    Names: Nydegger (Axelrod 1980; 3rd).
    """

    name = "First by Nydegger"
    aliases = ("Nydegger",)
    classifier = Classifier(memory_depth=3)
    reference = AXELROD_1980

    def setup(self, view):
        # A of the last three turns: base-4 digits own + 2 opp, the most recent the highest
        self._score = np.zeros(view.n, dtype=np.intp)

    def compiled(self, view):
        from strategies.compiled.axelrod_first import nydegger
        from tournament.core.jit import Compiled, fields

        return Compiled(nydegger, np.concatenate((fields(view.n, 0), _NYDEGGER_DEFECTS.astype(np.int64))))

    def move(self, view):
        t = view.turn
        if t == 0:
            return view.cooperate()
        opp = view.opp_last
        self._score >>= 2
        self._score += (opp + opp + view.own_last) << 4
        if t == 1:
            return opp.copy()
        if t == 2:
            return opp | view.opp_history[0]
        return _NYDEGGER_DEFECTS[self._score]


@register
class FirstByShubik(Strategy):
    """Cooperates until the opponent defects while it cooperates; then defects k turns, k growing
    by one with each such departure from mutual cooperation, and cooperates again.

    Names: Shubik (Axelrod 1980; 5th).
    """

    name = "First by Shubik"
    aliases = ("Shubik",)
    classifier = Classifier()
    reference = AXELROD_1980

    def setup(self, view):
        self._length = np.zeros(view.n, dtype=np.int64)
        self._remaining = np.zeros(view.n, dtype=np.int64)

    def compiled(self, view):
        from strategies.compiled.axelrod_first import shubik
        from tournament.core.jit import Compiled, fields

        return Compiled(shubik, fields(view.n, 0, 0))

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        retaliating = self._remaining > 0
        provoked = (view.opp_last > view.own_last) > retaliating
        self._length += provoked
        np.copyto(self._remaining, self._length, where=provoked)
        punish = retaliating | provoked
        self._remaining -= punish
        return punish.view(MOVE_DTYPE)


@register
class FirstBySteinAndRapoport(Strategy):
    """Cooperates on the first four turns, then plays Tit For Tat, except that every 15 turns it
    tests whether the opponent looks random (chi-squared test at level alpha) and, until the next
    test, defects if so; defects on the last two turns when the length is known.

    Names: Stein and Rapoport (Axelrod 1980; 6th).
    """

    name = "First by Stein and Rapoport"
    aliases = ("Stein and Rapoport",)
    params = (Param("alpha", 0.05, "significance level of the randomness test", probability),)
    classifier = Classifier(makes_use_of={"length"})
    reference = AXELROD_1980

    def setup(self, view):
        self._random_opponent = np.zeros(view.n, dtype=bool)

    def compiled(self, view):
        from strategies.compiled.axelrod_first import stein_and_rapoport
        from tournament.core.jit import Compiled, fields

        critical = np.array([chi_square_critical(self.alpha)], dtype=np.float64)
        return Compiled(stein_and_rapoport, fields(view.n, 0), critical)

    def move(self, view):
        t = view.turn
        if t < 4:
            moves = view.cooperate()
        elif t < 14:
            moves = view.opp_last.copy()
        else:
            if (t + 1) % 15 == 0:
                self._random_opponent = looks_random(view.opp_cooperations, t, self.alpha)
            moves = (self._random_opponent | (view.opp_last == 1)).astype(MOVE_DTYPE)
        return defect_on_last_turns(view, moves, 2)


@register
class FirstByTidemanAndChieruzzi(Strategy):
    """Tit For Tat whose punishment grows by one defection with each run of the opponent's
    defections; gives the opponent a fresh start (two cooperations, then everything forgotten) when
    it is 10 points behind, just cooperated, 20 turns have passed since the last fresh start, at
    least 10 turns remain, and its defections are 3 standard deviations from a fair coin's;
    defects on the last two turns when the length is known.

    Names: Tideman and Chieruzzi (Axelrod 1980; 2nd).
    """

    name = "First by Tideman and Chieruzzi"
    aliases = ("Tideman and Chieruzzi",)
    classifier = Classifier(makes_use_of={"game", "length"})
    reference = AXELROD_1980

    def setup(self, view):
        n = view.n
        self._length = np.zeros(n, dtype=np.int64)
        self._remaining = np.zeros(n, dtype=np.int64)
        self._forgotten_defections = np.zeros(n, dtype=np.int64)
        self._last_fresh_start = np.zeros(n, dtype=np.int64)
        self._second_cooperation = np.zeros(n, dtype=bool)
        self._score = np.zeros(n)
        self._opp_score = np.zeros(n)
        payoffs = view.game.payoff_vector()
        self._payoffs, self._opp_payoffs = payoffs, payoffs[[0, 2, 1, 3]]

    def compiled(self, view):
        from strategies.compiled.axelrod_first import tideman_and_chieruzzi
        from tournament.core.jit import Compiled, fields

        floats = np.concatenate(([1 / 2], fields(view.n, 0.0, 0.0, dtype=np.float64)))
        return Compiled(tideman_and_chieruzzi, fields(view.n, 0, 0, 0, 0, 0), floats)

    def _fresh_start(self, view, opp_defected: np.ndarray) -> np.ndarray:
        """Where the opponent gets a fresh start this turn."""
        fresh = (self._score - self._opp_score >= 10) > (opp_defected | self._second_cooperation)
        t = view.turn
        current_round = t + 1
        if not np.count_nonzero(fresh) or (view.length is not None and view.length - current_round < 10):
            return np.zeros(view.n, dtype=bool)
        std_deviation = (t ** (1 / 2)) / 2
        lower = t / 2 - 3 * std_deviation
        upper = t / 2 + 3 * std_deviation
        last = self._last_fresh_start
        fresh &= (last == 0) | (current_round - last >= 20)
        defections = view.opp_defections
        remembered = defections - self._forgotten_defections
        fresh &= (remembered <= lower) | (remembered >= upper)
        if np.count_nonzero(fresh):
            np.copyto(last, current_round, where=fresh)
            np.copyto(self._length, 0, where=fresh)
            np.copyto(self._remaining, 0, where=fresh)
            np.copyto(self._forgotten_defections, defections, where=fresh)
        return fresh

    def move(self, view):
        if view.turn == 0:
            return defect_on_last_turns(view, view.cooperate(), 2)
        opp = view.opp_last
        opp_defected = opp.view(bool)
        own = view.own_last
        state = (own + own + opp).astype(np.intp)
        self._score += self._payoffs[state]
        self._opp_score += self._opp_payoffs[state]

        second = self._second_cooperation
        fresh = self._fresh_start(view, opp_defected)
        self._second_cooperation = fresh
        rest = ~(second | fresh)
        busy = self._remaining > 0
        retaliating = rest & busy
        provoked = (rest > busy) & opp_defected
        self._length += provoked
        np.copyto(self._remaining, self._length, where=provoked)
        punish = retaliating | provoked
        self._remaining -= punish
        return defect_on_last_turns(view, punish.view(MOVE_DTYPE), 2)


def _tullock_pattern() -> tuple[float, ...]:
    """Tullock's probability of cooperating after each 11 last moves of the opponent, in key
    order (the oldest move first, as the bits of the key): only the last 10 count, the table
    starting on turn 12. Its cooperation rate over those 10, less 0.1, and at least 0."""
    return tuple(max(0, (10 - (key & 0x3FF).bit_count()) / 10 - 0.10) for key in range(2**11))


@register
class FirstByTullock(Gambler):
    """Cooperates on the first 11 turns, then cooperates with probability 0.1 less than the
    opponent's cooperation rate over the last 10 turns.

    Names: Tullock (Axelrod 1980; 13th).
    """

    name = "First by Tullock"
    aliases = ("Tullock",)
    params = ()
    classifier = Classifier(stochastic=True)
    reference = AXELROD_1980
    pattern = _tullock_pattern()
    depths = (0, 11, 0)
    initial_actions = "C" * 11

    def classify(self) -> Classifier:
        return self.classifier
