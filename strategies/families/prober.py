"""Probers: strategies that open with a test of the opponent and exploit or copy it after.

Those that read the opponent's moves only are finite state machines, and Naive Prober is a
memory-one rule: the families' shared kernels play them.
"""

from __future__ import annotations

import numpy as np

from strategies.base import Classifier, Param, Strategy, move_string, probability
from strategies.families.finite_state_machines import FSMPlayer, Transition, reachable_machine
from strategies.families.memory_one import FourVector, MemoryOnePlayer
from strategies.registry import register
from tournament.core.moves import MOVE_DTYPE, C, D
from tournament.settings import Game

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
class Prober(FSMPlayer):
    """Opens D, C, C; then defects for ever if the opponent cooperated on moves 2 and 3,
    otherwise plays Tit For Tat.

    Names: Prober (Li et al. 2011).
    """

    name = "Prober"
    aliases = ()
    params = ()
    classifier = Classifier()
    reference = LI2011
    # states: 1, 2 the opening; 3 (4) the opponent's move 2 was C (D); 5 Tit For Tat; 6 exploit
    transitions = (
        (1, "C", 2, "C"),
        (1, "D", 2, "C"),
        (2, "C", 3, "C"),
        (2, "D", 4, "C"),
        (3, "C", 6, "D"),
        (3, "D", 5, "D"),
        (4, "C", 5, "C"),
        (4, "D", 5, "D"),
        (5, "C", 5, "C"),
        (5, "D", 5, "D"),
        (6, "C", 6, "D"),
        (6, "D", 6, "D"),
    )
    initial_state = 1
    initial_action = "D"


@register
class Prober2(FSMPlayer):
    """Opens D, C, C; then cooperates for ever if the opponent played D then C on moves 2
    and 3, otherwise plays Tit For Tat.

    Names: Prober 2 (Prison 1998).
    """

    name = "Prober 2"
    aliases = ("prober2",)
    params = ()
    classifier = Classifier()
    reference = PRISON1998
    # states: 1, 2 the opening; 3 (4) the opponent's move 2 was C (D); 5 Tit For Tat; 6 cooperate
    transitions = (
        (1, "C", 2, "C"),
        (1, "D", 2, "C"),
        (2, "C", 3, "C"),
        (2, "D", 4, "C"),
        (3, "C", 5, "C"),
        (3, "D", 5, "D"),
        (4, "C", 6, "C"),
        (4, "D", 5, "D"),
        (5, "C", 5, "C"),
        (5, "D", 5, "D"),
        (6, "C", 6, "C"),
        (6, "D", 6, "C"),
    )
    initial_state = 1
    initial_action = "D"


@register
class Prober3(FSMPlayer):
    """Opens D, C; then defects for ever if the opponent cooperated on move 2, otherwise
    plays Tit For Tat.

    Names: Prober 3 (Prison 1998).
    """

    name = "Prober 3"
    aliases = ("prober3",)
    params = ()
    classifier = Classifier()
    reference = PRISON1998
    # states: 1, 2 the opening; 3 Tit For Tat; 4 exploit
    transitions = (
        (1, "C", 2, "C"),
        (1, "D", 2, "C"),
        (2, "C", 4, "D"),
        (2, "D", 3, "D"),
        (3, "C", 3, "C"),
        (3, "D", 3, "D"),
        (4, "C", 4, "D"),
        (4, "D", 4, "D"),
    )
    initial_state = 1
    initial_action = "D"


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

    def compiled(self, view):
        from strategies.compiled.prober import prober4
        from tournament.core.jit import Compiled

        opening = [C if move == "C" else D for move in self.opening]
        ints = np.concatenate(([len(opening)], opening, np.zeros(view.n, dtype=np.int64))).astype(np.int64)
        return Compiled(prober4, ints)

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
class HardProber(FSMPlayer):
    """Opens D, D, C, C; then defects for ever if the opponent cooperated on moves 2 and 3,
    otherwise plays Tit For Tat.

    Names: Hard Prober (Prison 1998).
    """

    name = "Hard Prober"
    aliases = ("hard_prober",)
    params = ()
    classifier = Classifier()
    reference = PRISON1998
    # states: 1, 2 the opening; 3 (4) the opponent's move 2 was C (D); 5 (6) it cooperated
    # on moves 2 and 3 (or not), last opening move; 7 Tit For Tat; 8 exploit
    transitions = (
        (1, "C", 2, "D"),
        (1, "D", 2, "D"),
        (2, "C", 3, "C"),
        (2, "D", 4, "C"),
        (3, "C", 5, "C"),
        (3, "D", 6, "C"),
        (4, "C", 6, "C"),
        (4, "D", 6, "C"),
        (5, "C", 8, "D"),
        (5, "D", 8, "D"),
        (6, "C", 7, "C"),
        (6, "D", 7, "D"),
        (7, "C", 7, "C"),
        (7, "D", 7, "D"),
        (8, "C", 8, "D"),
        (8, "D", 8, "D"),
    )
    initial_state = 1
    initial_action = "D"


@register
class NaiveProber(MemoryOnePlayer):
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

    def probabilities(self, game: Game) -> FourVector:
        return (1 - self.p, 0, 1 - self.p, 0)


@register
class RemorsefulProber(Strategy):
    """Naive Prober that, when the opponent retaliates at once against one of its probing
    defections, takes the hit once and cooperates instead of answering.

    Names: Remorseful Prober (Li et al. 2011).
    """

    name = "Remorseful Prober"
    aliases = ("remorseful_prober",)
    params = NaiveProber.params
    classifier = Classifier(memory_depth=2, stochastic=True)
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

    def setup(self, view):
        self._probing = np.zeros(view.n, dtype=bool)

    def compiled(self, view):
        from strategies.compiled.prober import remorseful_prober
        from tournament.core.jit import Compiled, fields

        return Compiled(remorseful_prober, fields(view.n, 0), np.array([self.p], dtype=np.float64))

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        answered = view.opp_last == D
        remorse = answered & self._probing
        probe = ~answered & self._probe(view)
        self._probing = probe
        return ((answered & ~remorse) | probe).astype(MOVE_DTYPE)


@register
class Detective(FSMPlayer):
    """Opens C, D, C, C (or the given opening); then plays Tit For Tat if the opponent
    defected during the opening, and always defects if it did not.

    Names: Detective (The Evolution of Trust, Case 2017).
    """

    name = "Detective"
    aliases = ()
    params = (Param("initial_actions", "CDCC", "the opening moves, e.g. 'CDCC'", move_string),)
    classifier = Classifier()
    reference = "Case, N. (2017). The Evolution of Trust. https://ncase.me/trust/"
    initial_state = 0

    @property
    def initial_action(self) -> str:
        return self.initial_actions[0]

    @property
    def transitions(self) -> tuple[Transition, ...]:
        return reachable_machine(self.step, (1, False))

    def step(self, state: tuple[int, bool], seen: str) -> tuple[tuple[int, bool], str]:
        """(the turn, counted up to the opening's length + 1; whether the opponent defected
        during the opening) after ``seen``."""
        turn, tested = state
        size = len(self.initial_actions)
        tested = tested or (turn <= size and seen == "D")
        if turn < size:
            return (turn + 1, tested), self.initial_actions[turn]
        return (size + 1, tested), seen if tested else "D"


@register
class CollectiveStrategy(FSMPlayer):
    """Opens C, D. If the opponent opened C, D too, cooperates until the opponent defects a
    second time; otherwise, or after that, always defects.

    Names: Collective Strategy (Li and Kendall 2009).
    """

    name = "CollectiveStrategy"
    aliases = ("Collective Strategy",)
    params = ()
    classifier = Classifier()
    reference = (
        "Li, J. and Kendall, G. (2009). A Strategy with Novel Evolutionary Features for the "
        "Iterated Prisoner's Dilemma. Evolutionary Computation 17(2)."
    )
    # states: 0 second turn; 1 the opponent opened C; 2 kin (it opened C, D); 3 defect for ever
    transitions = (
        (0, "C", 1, "D"),
        (0, "D", 3, "D"),
        (1, "C", 3, "D"),
        (1, "D", 2, "C"),
        (2, "C", 2, "C"),
        (2, "D", 3, "D"),
        (3, "C", 3, "D"),
        (3, "D", 3, "D"),
    )
    initial_state = 0
    initial_action = "C"
