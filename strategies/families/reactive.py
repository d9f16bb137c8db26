"""Reactive classics: strategies that react to simple statistics of the opponent's play,
and the hunters, which defect once they recognise a simple opponent.

Those with a bounded memory of the opponent's moves are finite state machines, Appeaser is a
memory-one rule and ShortMem a lookup table: the families' shared kernels play them.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from strategies.base import Classifier, Param, Strategy, choose, move_string
from strategies.families.finite_state_machines import FSMPlayer, Transition, reachable_machine
from strategies.families.lookerup import LookerUp
from strategies.families.memory_one import FourVector, MemoryOnePlayer
from strategies.registry import register
from tournament.core.moves import MOVE_DTYPE, D, moves_from_string
from tournament.settings import Game


def whole_number(value: Any) -> int:
    """Check that ``value`` is a whole number (of any sign)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("must be a whole number")
    return int(value)


def mood(value: Any) -> str:
    """Check a Grumpy starting state: ``"Nice"`` or ``"Grumpy"``."""
    if value not in ("Nice", "Grumpy"):
        raise ValueError("must be 'Nice' or 'Grumpy'")
    return value


@register
class Handshake(FSMPlayer):
    """Opens with a fixed sequence (C, D by default); cooperates for ever if the opponent
    opened with the same sequence, else defects for ever.

    Names: Handshake (Robson 1990).
    """

    name = "Handshake"
    aliases = ()
    params = (Param("initial_plays", "CD", "opening sequence, also the expected answer", move_string),)
    classifier = Classifier()
    reference = "Robson, A. J. (1990). Efficiency in evolutionary games. J. Theor. Biol. 144(3)."
    initial_state = 0

    @property
    def initial_action(self) -> str:
        return self.initial_plays[0]

    @property
    def transitions(self) -> tuple[Transition, ...]:
        return reachable_machine(self.step, (1, True))

    def step(self, state: tuple[int, bool], seen: str) -> tuple[tuple[int, bool], str]:
        """(the turn, counted up to the opening's length + 1; whether the opponent's moves so
        far follow the opening) after ``seen``."""
        turn, same = state
        opening = self.initial_plays
        same = same and (turn > len(opening) or seen == opening[turn - 1])
        if turn < len(opening):
            return (turn + 1, same), opening[turn]
        return (len(opening) + 1, same), "C" if same else "D"


@register
class Appeaser(MemoryOnePlayer):
    """Cooperates first; then repeats its own previous move, except that it switches between
    C and D each time the opponent defects.

    Names: Appeaser (Jochen Müller, axelrod library).
    """

    name = "Appeaser"
    aliases = ()
    classifier = Classifier()
    reference = "Axelrod-Python project: Appeaser."

    def classify(self) -> Classifier:
        return self.classifier

    def probabilities(self, game: Game) -> FourVector:
        return (1, 0, 0, 1)


@register
class Adaptive(Strategy):
    """Plays a fixed opening (6 C then 5 D by default), then the move that has earned it the
    larger total payoff so far (D on ties).

    Names: Adaptive (Li et al. 2011).
    """

    name = "Adaptive"
    params = (Param("initial_plays", "CCCCCCDDDDD", "opening sequence", move_string),)
    classifier = Classifier(makes_use_of={"game"})
    reference = "Li, J., Hingston, P. and Kendall, G. (2011). Engineering design of strategies."

    def compiled(self, view):
        from strategies.compiled.reactive import adaptive
        from tournament.core.jit import Compiled, fields

        opening = moves_from_string(self.initial_plays).astype(np.int64)
        ints = np.concatenate(([opening.size], opening)).astype(np.int64)
        return Compiled(adaptive, ints, fields(view.n, 0.0, 0.0, dtype=np.float64))

    def setup(self, view):
        self.opening = moves_from_string(self.initial_plays)
        payoffs = view.game.payoff_vector()
        # the payoff by state (CC, CD, DC, DD) that a C (a D) earns, 0 after the other move
        self.earned_c = np.where(np.arange(4) < 2, payoffs, 0.0)
        self.earned_d = np.where(np.arange(4) < 2, 0.0, payoffs)
        self.score_c = np.zeros(view.n)
        self.score_d = np.zeros(view.n)

    def move(self, view):
        if view.turn > 0:
            own_last = view.own_last
            state = (own_last + own_last + view.opp_last).astype(np.intp)
            self.score_c += self.earned_c[state]
            self.score_d += self.earned_d[state]
        if view.turn < len(self.opening):
            return np.full(view.n, self.opening[view.turn], dtype=MOVE_DTYPE)
        return (self.score_c <= self.score_d).view(MOVE_DTYPE)


@register
class Forgiver(Strategy):
    """Defects while the opponent has defected on more than 10% of the turns so far, else
    cooperates.

    Names: Forgiver (Thomas Campbell, axelrod library).
    """

    name = "Forgiver"
    classifier = Classifier()
    reference = "Axelrod-Python project: Forgiver."

    def compiled(self, view):
        from strategies.compiled.reactive import forgiver
        from tournament.core.jit import Compiled

        return Compiled(forgiver)

    def move(self, view):
        return (view.opp_defections > view.turn / 10.0).view(MOVE_DTYPE)


@register
class ForgivingTitForTat(Strategy):
    """Plays Tit For Tat while the opponent has defected on more than 10% of the turns so far,
    else cooperates.

    Names: Forgiving Tit For Tat (Thomas Campbell, axelrod library).
    """

    name = "Forgiving Tit For Tat"
    aliases = ("ftft",)
    classifier = Classifier()
    reference = "Axelrod-Python project: Forgiving Tit For Tat."

    def compiled(self, view):
        from strategies.compiled.reactive import forgiving_tit_for_tat
        from tournament.core.jit import Compiled

        return Compiled(forgiving_tit_for_tat)

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        unforgiven = view.opp_defections > view.turn / 10
        return np.where(unforgiven, view.opp_last, 0).astype(MOVE_DTYPE)


@register
class Doubler(Strategy):
    """Cooperates, except after an opponent defection when the opponent has cooperated at
    most twice as often as it has defected.

    Names: Doubler (PRISON 1998).
    """

    name = "Doubler"
    classifier = Classifier()
    reference = "PRISON project (1998), http://www.lifl.fr/IPD/ipd.frame.html"

    def compiled(self, view):
        from strategies.compiled.reactive import doubler
        from tournament.core.jit import Compiled

        return Compiled(doubler)

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        bad = view.opp_cooperations <= 2 * view.opp_defections
        return ((view.opp_last == D) & bad).astype(MOVE_DTYPE)


@register
class GradualKiller(FSMPlayer):
    """Opens with D, D, D, D, D, C, C; then defects for ever if the opponent defected on
    both turns 6 and 7, else cooperates for ever.

    Names: Gradual Killer (PRISON 1998).
    """

    name = "Gradual Killer"
    aliases = ()
    params = ()
    classifier = Classifier()
    reference = "PRISON project (1998), http://www.lifl.fr/IPD/ipd.frame.html"
    # states: 1 to 6 the opening; 7 (8) the opponent played C (D) on turn 6; 9 cooperate for
    # ever; 10 defect for ever
    transitions = (
        (1, "C", 2, "D"),
        (1, "D", 2, "D"),
        (2, "C", 3, "D"),
        (2, "D", 3, "D"),
        (3, "C", 4, "D"),
        (3, "D", 4, "D"),
        (4, "C", 5, "D"),
        (4, "D", 5, "D"),
        (5, "C", 6, "C"),
        (5, "D", 6, "C"),
        (6, "C", 7, "C"),
        (6, "D", 8, "C"),
        (7, "C", 9, "C"),
        (7, "D", 9, "C"),
        (8, "C", 9, "C"),
        (8, "D", 10, "D"),
        (9, "C", 9, "C"),
        (9, "D", 9, "C"),
        (10, "C", 10, "D"),
        (10, "D", 10, "D"),
    )
    initial_state = 1
    initial_action = "D"


@register
class Grumpy(Strategy):
    """Gets grumpier with each opponent defection and nicer with each cooperation; defects
    once grumpiness (defections minus cooperations) exceeds grumpy_threshold, and only goes
    back to cooperating when it falls below nice_threshold.

    Names: Grumpy (Jason Young, axelrod library).
    """

    name = "Grumpy"
    params = (
        Param("starting_state", "Nice", "'Nice' or 'Grumpy'", mood),
        Param("grumpy_threshold", 10, "grumpiness above which it turns grumpy", whole_number),
        Param("nice_threshold", -10, "grumpiness below which it turns nice again", whole_number),
    )
    classifier = Classifier()
    reference = "Axelrod-Python project: Grumpy."

    def compiled(self, view):
        from strategies.compiled.reactive import grumpy
        from tournament.core.jit import Compiled

        # grumpiness stays within the int32 counts: thresholds beyond compare alike when clipped
        clip = 2**40
        thresholds = [max(-clip, min(clip, value)) for value in (self.grumpy_threshold, self.nice_threshold)]
        state = np.full(view.n, int(self.starting_state == "Grumpy"))
        return Compiled(grumpy, np.concatenate((thresholds, state)).astype(np.int64))

    def setup(self, view):
        self.grumpy = np.full(view.n, self.starting_state == "Grumpy")

    def move(self, view):
        grumpiness = view.opp_defections - view.opp_cooperations
        self.grumpy = np.where(
            self.grumpy, grumpiness >= self.nice_threshold, grumpiness > self.grumpy_threshold
        )
        return self.grumpy.astype(MOVE_DTYPE)


def _short_mem_pattern() -> str:
    """ShortMem's move after each 11 last moves of the opponent, in key order (the oldest
    move first, as the bits of the key): only the last 10 count, the table starting on turn
    12. C with at least 3 more cooperations than defections, D with at least 3 more
    defections, else the opponent's last move."""
    moves = []
    for key in range(2**11):
        balance = 10 - 2 * (key & 0x3FF).bit_count()
        moves.append("C" if balance >= 3 else "D" if balance <= -3 else "CD"[key & 1])
    return "".join(moves)


@register
class ShortMem(LookerUp):
    """Cooperates for the first 10 turns; then cooperates when the opponent's last 10 moves
    hold at least 3 more cooperations than defections, defects when they hold at least 3 more
    defections, and otherwise plays Tit For Tat.

    Names: ShortMem (André and Damasceno 2013).
    """

    name = "ShortMem"
    aliases = ("Short Mem",)
    params = ()
    classifier = Classifier()
    reference = "André, C. and Damasceno, F. (2013). Tabajara strategies."
    pattern = _short_mem_pattern()
    depths = (0, 11, 0)
    initial_actions = "C" * 11

    def classify(self) -> Classifier:
        return self.classifier


@register
class SelfSteem(Strategy):
    """Follows the mood f = sin(2 pi n / 10) of turn n: defects when f > 0.95, plays Tit For
    Tat when 0.3 < |f| < 0.95, plays at random when |f| < 0.3 and cooperates otherwise.

    Names: SelfSteem (André and Damasceno 2013).
    """

    name = "SelfSteem"
    aliases = ("Self Steem",)
    classifier = Classifier(stochastic=True)
    reference = "André, C. and Damasceno, F. (2013). Tabajara strategies."

    def compiled(self, view):
        from strategies.compiled.reactive import self_steem
        from tournament.core.jit import Compiled

        return Compiled(self_steem)

    def move(self, view):
        sine = math.sin(2 * math.pi * view.turn / 10)
        if sine > 0.95:
            return view.defect()
        if 0.95 > abs(sine) > 0.3:
            return view.opp_last.copy()
        if 0.3 > sine > -0.3:
            return choose(view, 0.5)
        return view.cooperate()


@register
class DefectorHunter(FSMPlayer):
    """Cooperates, but from turn 5 on defects when the opponent has only ever defected.

    Names: Defector Hunter (Karol Langner, axelrod library).
    """

    name = "Defector Hunter"
    aliases = ()
    params = ()
    classifier = Classifier()
    reference = "Axelrod-Python project: Defector Hunter."
    # states: 1 to 4 the turn while the opponent only defected (4: from turn 5 on); 5 it cooperated
    transitions = (
        (1, "C", 5, "C"),
        (1, "D", 2, "C"),
        (2, "C", 5, "C"),
        (2, "D", 3, "C"),
        (3, "C", 5, "C"),
        (3, "D", 4, "C"),
        (4, "C", 5, "C"),
        (4, "D", 4, "D"),
        (5, "C", 5, "C"),
        (5, "D", 5, "C"),
    )
    initial_state = 1
    initial_action = "C"


@register
class CooperatorHunter(FSMPlayer):
    """Cooperates, but from turn 5 on defects when the opponent has only ever cooperated.

    Names: Cooperator Hunter (Karol Langner, axelrod library).
    """

    name = "Cooperator Hunter"
    aliases = ()
    params = ()
    classifier = Classifier()
    reference = "Axelrod-Python project: Cooperator Hunter."
    # states: 1 to 4 the turn while the opponent only cooperated (4: from turn 5 on); 5 it defected
    transitions = (
        (1, "C", 2, "C"),
        (1, "D", 5, "C"),
        (2, "C", 3, "C"),
        (2, "D", 5, "C"),
        (3, "C", 4, "C"),
        (3, "D", 5, "C"),
        (4, "C", 4, "D"),
        (4, "D", 5, "C"),
        (5, "C", 5, "C"),
        (5, "D", 5, "C"),
    )
    initial_state = 1
    initial_action = "C"


@register
class AlternatorHunter(FSMPlayer):
    """Cooperates for six turns; then defects for ever if the opponent alternated moves over
    those six turns, else cooperates for ever.

    Names: Alternator Hunter (Karol Langner, axelrod library).
    """

    name = "Alternator Hunter"
    aliases = ()
    params = ()
    classifier = Classifier()
    reference = "Axelrod-Python project: Alternator Hunter."
    initial_state = 0
    initial_action = "C"

    @property
    def transitions(self) -> tuple[Transition, ...]:
        return reachable_machine(self.step, (1, "", True))

    @staticmethod
    def step(state: tuple[int, str, bool], seen: str) -> tuple[tuple[int, str, bool], str]:
        """(the turn, counted up to 7; the opponent's previous move during its first six;
        whether those alternate) after ``seen``."""
        turn, previous, alternating = state
        if turn < 6:
            return (turn + 1, seen, alternating and seen != previous), "C"
        alternating = alternating and (turn > 6 or seen != previous)
        return (7, "", alternating), "D" if alternating else "C"


class _Periods:
    """Which periods 3..12 the opponent's history (from index ``offset`` on) still has, kept
    up to date one move at a time."""

    def __init__(self, n: int, offset: int) -> None:
        self.offset = offset
        self.broken = np.zeros((13, n), dtype=bool)

    def update(self, view) -> None:
        """Take in the opponent's previous move."""
        k = view.turn - 1
        top = min(12, k - self.offset)
        if top < 3:
            return
        history = view.opp_history
        # rows k - 3, k - 4, ..., k - top: the moves 3 to ``top`` turns before the last
        self.broken[3 : top + 1] |= history[k - top : k - 2][::-1] != history[k]

    def periodic(self, length: int) -> np.ndarray:
        """Whether the history has a period from 3 to min(length // 2, 12), where ``length``
        is the number of moves from ``offset`` on (axelrod's ``detect_cycle``)."""
        top = min(length // 2, 12)
        if top < 3:
            return np.zeros(self.broken.shape[1], dtype=bool)
        return ~self.broken[3 : top + 1].all(axis=0)


@register
class CycleHunter(Strategy):
    """Cooperates until the opponent's whole history repeats a cycle of length 3 to 12
    (seen at least twice) that mixes C and D; then defects for ever.

    Names: Cycle Hunter (Marc Harper, axelrod library).
    """

    name = "Cycle Hunter"
    classifier = Classifier()
    reference = "Axelrod-Python project: Cycle Hunter."

    def compiled(self, view):
        from strategies.compiled.reactive import cycle_hunter
        from tournament.core.jit import Compiled, fields

        return Compiled(cycle_hunter, fields(view.n, 0, 0))

    def setup(self, view):
        self.periods = _Periods(view.n, 0)
        self.hunted = np.zeros(view.n, dtype=bool)

    def move(self, view):
        self.periods.update(view)
        defections = view.opp_defections
        mixed = (defections > 0) & (defections < view.turn)
        self.hunted |= mixed & self.periods.periodic(view.turn)
        return self.hunted.view(MOVE_DTYPE)


@register
class EventualCycleHunter(Strategy):
    """Cooperates for 10 turns and while the opponent has only cooperated; every 10 turns it
    checks whether the opponent's moves since turn 10 repeat a cycle of length 3 to 12, and
    defects until the next check if they do.

    Names: Eventual Cycle Hunter (Marc Harper, axelrod library).
    """

    name = "Eventual Cycle Hunter"
    classifier = Classifier()
    reference = "Axelrod-Python project: Eventual Cycle Hunter."

    def compiled(self, view):
        from strategies.compiled.reactive import eventual_cycle_hunter
        from tournament.core.jit import Compiled, fields

        return Compiled(eventual_cycle_hunter, fields(view.n, 0, 0))

    def setup(self, view):
        self.periods = _Periods(view.n, 10)
        self.hunted = np.zeros(view.n, dtype=bool)

    def move(self, view):
        self.periods.update(view)
        if view.turn < 10:
            return view.cooperate()
        cooperator = view.opp_defections == 0
        if view.turn % 10 == 0:
            found = self.periods.periodic(view.turn - 10)
            self.hunted = np.where(cooperator, self.hunted, found)
        return (self.hunted > cooperator).view(MOVE_DTYPE)


@register
class MathConstantHunter(Strategy):
    """From turn 9 on, defects when both players' cooperation rate is about the same (within
    0.2) over the first half, the middle half and the second half of the match so far, and
    the opponent has played both moves; else cooperates.

    Names: Math Constant Hunter (Karol Langner, axelrod library).
    """

    name = "Math Constant Hunter"
    classifier = Classifier()
    reference = "Axelrod-Python project: Math Constant Hunter."

    def compiled(self, view):
        from strategies.compiled.reactive import math_constant_hunter
        from tournament.core.jit import Compiled, fields

        return Compiled(math_constant_hunter, fields(view.n, 0, 0, 0))

    def setup(self, view):
        # prefix[t]: the cooperations of both players on the first t turns
        self.prefix: list[np.ndarray] = []

    def move(self, view):
        n = view.turn
        defections = view.opp_defections
        self.prefix.append(2 * n - (view.own_defections + defections))
        if n < 8:
            return view.cooperate()
        mixed = (defections > 0) & (defections < n)
        if not np.count_nonzero(mixed):
            return mixed.view(MOVE_DTYPE)
        ratios = [
            0.5 * (self.prefix[end] - self.prefix[start]) / (end - start)
            for start, end in ((0, n // 2), (n // 4, 3 * n // 4), (n // 2, n))
        ]
        steady = (np.abs(ratios[0] - ratios[1]) < 0.2) & (np.abs(ratios[0] - ratios[2]) < 0.2)
        return (steady & mixed).view(MOVE_DTYPE)


@register
class RandomHunter(Strategy):
    """From turn 12 on, defects when the opponent looks random: it answered our C with C,
    and our D with D, about half of the time (within 0.25, judged on more than 5 cases).

    Names: Random Hunter (Karol Langner, axelrod library).
    """

    name = "Random Hunter"
    classifier = Classifier()
    reference = "Axelrod-Python project: Random Hunter."

    def compiled(self, view):
        from strategies.compiled.reactive import random_hunter
        from tournament.core.jit import Compiled, fields

        return Compiled(random_hunter, fields(view.n, 0, 0))

    def setup(self, view):
        self.count_cc = np.zeros(view.n, dtype=np.int64)
        self.count_dd = np.zeros(view.n, dtype=np.int64)

    def move(self, view):
        t = view.turn
        if t > 1:
            before, answer = view.own_history[t - 2], view.opp_last
            self.count_cc += (before | answer) == 0
            self.count_dd += before & answer
        if t <= 10:
            return view.cooperate()
        cooperations, defections = view.own_cooperations, view.own_defections
        judge_c, judge_d = cooperations > 5, defections > 5
        near_c = np.abs(self.count_cc / np.maximum(cooperations, 1) - 0.5) < 0.25
        near_d = np.abs(self.count_dd / np.maximum(defections, 1) - 0.5) < 0.25
        random = (judge_c | judge_d) & (judge_c <= near_c) & (judge_d <= near_d)
        return random.view(MOVE_DTYPE)
