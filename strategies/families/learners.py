"""Learners: strategies that change how they play from what they observe, turn by turn.

A learner keeps its knowledge per game (a Q-table, policy parameters) and updates it at the
start of each turn from the previous turn's realised moves, so what it knows after a match is
a function of the moves it saw and nothing else. Exploration uses the view's keyed draws
(:meth:`~tournament.core.view.View.random`), so a learner's moves are reproducible from the
seed and do not depend on batching or workers.

**Carrying knowledge across matches** (``carry=True``). The engine plays all the matches of
a batch at once, so a learner cannot carry what it learned from one match into another played
in the same batch. It carries it across *repetitions*: within a repetition every match starts
from the same knowledge; after the repetition the learner's knowledge becomes the mean of
what it knew at the end of each of its matches (in plan order), and the next repetition
starts from that. Because knowledge is a function of the moves, it is recovered by
:meth:`Learner.learned`, which replays the recorded moves through the learner's own kernel
(no engine hook, same code path): results are identical whatever the batching and
``--workers`` (see :mod:`tournament.learning.carry`). In ``ipd evolve`` it carries it across
*generations* the same way, as a culture shared by all the individuals of its type (see
:mod:`tournament.evolution.culture`). With ``carry=False`` (the default) every match starts
afresh from the learner's prior.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from strategies.base import INF, Classifier, Param, Strategy, probability
from strategies.registry import register
from tournament.core.moves import MOVE_DTYPE
from tournament.fields import Choice, Flag, Integer, Number, Optional
from tournament.learning.gradients import logit, pair_step, sigmoid
from tournament.learning.markov import SWAP

if TYPE_CHECKING:
    from tournament.core.view import View
    from tournament.settings import Game

_OFFSETS = np.cumsum([0, 1, 4, 16, 64])
"""Index of the first state of each history length 0..3 (histories of j turns: 4**j states)."""
_UNIT = Number(0, 1, description="a number from 0 to 1, below 1")


def _below_one(value: Any) -> float:
    """A discount factor: in [0, 1)."""
    value = _UNIT(value)
    if value >= 1:
        raise ValueError("must be below 1")
    return value


class Learner(Strategy):
    """Base of the learners: knowledge per game, carried across repetitions with ``carry``.

    A subclass's kernel (its ``setup``/``move``) starts from :meth:`prior` (or the carried
    ``knowledge``), and :meth:`knowledge_now` returns each game's knowledge as an array of
    shape (games, ...). Learners are left out of ``strategies = "all"``: name them.
    """

    learns: ClassVar[bool] = True
    knowledge: np.ndarray | None = None
    """What a carrying learner starts its matches from (None: its prior)."""

    @property
    def carries(self) -> bool:
        """Whether the learner keeps what it learned across repetitions (or generations)."""
        return bool(getattr(self, "carry", False))

    def prior(self, game: Game) -> np.ndarray:
        """The knowledge it starts from when nothing was carried."""
        raise NotImplementedError

    def start(self, game: Game) -> np.ndarray:
        """The knowledge every game of a batch starts from."""
        return self.prior(game) if self.knowledge is None else self.knowledge

    def knowledge_now(self) -> np.ndarray:
        """Each game's knowledge at this point, shape (games, ...)."""
        raise NotImplementedError

    def knowing(self, knowledge: np.ndarray) -> Learner:
        """A copy that starts every match from ``knowledge`` (same identity and seeds)."""
        copy = self.spawn()
        object.__setattr__(copy, "knowledge", np.array(knowledge, dtype=np.float64))
        return copy

    def learned(self, own: list[np.ndarray], opponent: list[np.ndarray], game: Game) -> np.ndarray:
        """The mean knowledge after these matches (each given by its own and its opponent's
        moves, as 0/1 arrays), each from :meth:`start`: the recorded moves replayed through
        this learner's own kernel, matches of one length together. The kernel learns from
        turn t - 1 at the start of turn t, so the replay ends with a call for the turn after
        the last: the knowledge includes the last turn's outcome."""
        ends = []
        lengths = np.array([len(m) for m in own], dtype=np.int64)
        for length in np.unique(lengths).tolist():
            group = np.flatnonzero(lengths == length)
            mine = np.stack([own[k] for k in group], axis=1).astype(MOVE_DTYPE)
            theirs = np.stack([opponent[k] for k in group], axis=1).astype(MOVE_DTYPE)
            view = Replay(mine, theirs, game)
            kernel = self.spawn()
            kernel.setup(view)
            for turn in range(1, length + 1):
                view.turn = turn
                kernel.move(view)
            ends.append((group, kernel.knowledge_now()))
        out = np.empty((len(own), *self.start(game).shape))
        for group, knowledge in ends:
            out[group] = knowledge
        return out.mean(axis=0)


class Replay:
    """The part of a :class:`~tournament.core.view.View` a learner reads, over recorded moves
    (time-major arrays); draws are all 0, since the moves are already known."""

    def __init__(self, own: np.ndarray, opponent: np.ndarray, game: Game) -> None:
        self.own, self.opponent, self.game = own, opponent, game
        self.n = own.shape[1]
        self.turn = 0
        self.length = None

    @property
    def own_last(self) -> np.ndarray:
        return self.own[self.turn - 1]

    @property
    def opp_last(self) -> np.ndarray:
        return self.opponent[self.turn - 1]

    def random(self, draw: int = 0) -> np.ndarray:
        return np.zeros(self.n)


@register
class QLearner(Learner):
    """Tabular Q-learning on the last ``memory`` turns of both players: after each turn it
    moves the value of the state it was in and the move it made towards the payoff plus the
    discounted value of the state it reached; it plays the move of higher value, exploring
    with a random move (epsilon-greedy; ties broken at random) or with probabilities from a
    softmax of the values. Values start optimistic (the value of cooperating forever), so
    it tries every move early on.

    Names: Q Learner, Q-learning (Watkins & Dayan 1992; in the iterated prisoner's dilemma
    Sandholm & Crites 1996).
    """

    name = "Q Learner"
    aliases = ("Q-Learner", "Q Learning")
    params = (
        Param("memory", 1, "turns of both players' moves that make a state (1 to 3)", Integer(1, 3)),
        Param("alpha", 0.5, "learning rate", probability),
        Param("gamma", 0.9, "discount of future payoffs (below 1)", _below_one),
        Param(
            "exploration",
            "epsilon",
            "epsilon (greedy with random moves) or softmax",
            Choice(("epsilon", "softmax")),
        ),
        Param("epsilon", 0.1, "chance of a random move (epsilon-greedy)", probability),
        Param("temperature", 0.3, "softmax temperature, in payoff units", Number(0, above=True)),
        Param(
            "initial",
            None,
            "initial value of every state and move (default R / (1 - gamma))",
            Optional(Number()),
        ),
        Param("carry", False, "keep what it learned across repetitions or generations", Flag()),
    )
    classifier = Classifier(memory_depth=INF, stochastic=True, makes_use_of=frozenset({"game"}))
    reference = (
        "Watkins, C. & Dayan, P. (1992). Q-learning. Machine Learning 8. Sandholm, T. & Crites, R. (1996). "
        "Multiagent reinforcement learning in the iterated prisoner's dilemma. Biosystems 37."
    )
    memory: int = 1
    alpha: float = 0.5
    gamma: float = 0.9
    exploration: str = "epsilon"
    epsilon: float = 0.1
    temperature: float = 0.3
    initial: float | None = None
    carry: bool = False

    def classify(self) -> Classifier:
        random = self.exploration == "softmax" or self.epsilon > 0
        return Classifier(memory_depth=INF, stochastic=random or self.carry, makes_use_of=frozenset({"game"}))

    @property
    def states(self) -> int:
        """States: histories of 0 to ``memory`` turns."""
        return int(_OFFSETS[self.memory + 1])

    def prior(self, game: Game) -> np.ndarray:
        """Every value at ``initial``, by default R / (1 - gamma): the value of cooperating
        forever, optimistic enough that every move gets tried early on."""
        initial = game.R / (1 - self.gamma) if self.initial is None else self.initial
        return np.full((self.states, 2), float(initial))

    def setup(self, view: View) -> None:
        self.q = np.repeat(self.start(view.game)[None], view.n, axis=0)
        self.rows = np.arange(view.n)
        self.code = np.zeros(view.n, dtype=np.int64)
        self.state = np.zeros(view.n, dtype=np.int64)
        self.rewards = view.game.payoff_vector()

    def move(self, view: View) -> np.ndarray:
        turn = view.turn
        if turn > 0:
            own = view.own_last.astype(np.int64)
            outcome = 2 * own + view.opp_last
            depth = min(turn, self.memory)
            self.code = ((self.code << 2) | outcome) & ((1 << 2 * self.memory) - 1)
            reached = _OFFSETS[depth] + (self.code & ((1 << 2 * depth) - 1))
            target = self.rewards[outcome] + self.gamma * self.q[self.rows, reached].max(axis=1)
            now = self.q[self.rows, self.state, own]
            self.q[self.rows, self.state, own] = now + self.alpha * (target - now)
            self.state = reached
        values = self.q[self.rows, self.state]
        if self.exploration == "softmax":
            defect = view.random(0) < sigmoid((values[:, 1] - values[:, 0]) / self.temperature)
        else:
            # one draw decides both whether to explore (u < epsilon) and how (D when u < epsilon / 2)
            draw = view.random(0)
            greedy = values[:, 1] > values[:, 0]
            tie = values[:, 1] == values[:, 0]
            if tie.any():
                greedy = np.where(tie, view.random(1) < 0.5, greedy)
            defect = np.where(draw < self.epsilon, draw < self.epsilon / 2, greedy)
        return defect.astype(MOVE_DTYPE)

    def knowledge_now(self) -> np.ndarray:
        return self.q.copy()


class GradientLearner(Learner):
    """Base of the memory-one learners with exact gradients and a model of the opponent."""

    lookahead: float = 0.0
    every: int = 10
    learning_rate: float = 0.1
    discount: float = 0.96
    initial: float = 0.5
    carry: bool = False
    classifier = Classifier(memory_depth=INF, stochastic=True, makes_use_of=frozenset({"game"}))
    reference = (
        "Foerster, J. et al. (2018). Learning with Opponent-Learning Awareness. Proceedings of AAMAS 2018."
    )

    def prior(self, game: Game) -> np.ndarray:
        return np.full(5, float(logit(self.initial)))

    def setup(self, view: View) -> None:
        self.theta = np.repeat(self.start(view.game)[None], view.n, axis=0)
        self.policy = sigmoid(self.theta)
        self.rows = np.arange(view.n)
        self.seen = np.zeros((view.n, 5, 2))
        self.state = np.zeros(view.n, dtype=np.int64)
        self.rewards = view.game.payoff_vector()

    def move(self, view: View) -> np.ndarray:
        turn = view.turn
        if turn > 0:
            own = view.own_last.astype(np.int64)
            opponent = view.opp_last.astype(np.int64)
            self.seen[self.rows, self.state, opponent] += 1
            self.state = 1 + 2 * own + opponent
            if turn % self.every == 0:
                self._update()
        cooperate = view.random(0) < self.policy[self.rows, self.state]
        return (~cooperate).astype(MOVE_DTYPE)

    def _update(self) -> None:
        """One step of exact learning against the modelled opponent: its probability of
        cooperating after each state (its own view), counted with one C and one D as prior."""
        model = ((self.seen[:, :, 0] + 1) / (self.seen.sum(axis=2) + 2))[:, SWAP]
        policy = self.policy
        step = pair_step(
            policy,
            policy * (1 - policy),
            model,
            model * (1 - model),
            self.lookahead,
            self.rewards,
            self.discount,
        )
        self.theta = self.theta + self.learning_rate * step.direction
        self.policy = sigmoid(self.theta)

    def knowledge_now(self) -> np.ndarray:
        return self.theta.copy()


_GRADIENT_PARAMS = (
    Param("every", 10, "turns between two updates", Integer(1)),
    Param("learning_rate", 0.1, "step of each update", Number(0, above=True)),
    Param("discount", 0.96, "discount of the game it optimises (below 1)", _below_one),
    Param("initial", 0.5, "initial probability of cooperating in every state", Number(0, 1, above=True)),
)
_CARRY = Param("carry", False, "keep what it learned across repetitions or generations", Flag())


@register
class NaiveLearner(GradientLearner):
    """A memory-one policy (five sigmoid parameters: first move and after CC, CD, DC, DD)
    that climbs the exact gradient of its discounted value against a model of the opponent,
    the opponent's memory-one policy estimated from its moves so far; it updates every
    ``every`` turns and samples its moves from the policy.

    Names: Naive Learner, naive policy-gradient learner with opponent modelling (NL-OM in
    Foerster et al. 2018).
    """

    name = "Naive Learner"
    aliases = ("NL", "Naive Gradient Learner")
    params = (*_GRADIENT_PARAMS, _CARRY)


@register
class LOLALearner(GradientLearner):
    """A memory-one policy like the Naive Learner's that also shapes the opponent: its step
    adds the effect of its policy on the opponent's anticipated learning step (LOLA), the
    opponent being the memory-one policy modelled from its moves.

    Names: LOLA Learner, Learning with Opponent-Learning Awareness with opponent modelling
    (LOLA-OM in Foerster et al. 2018).
    """

    name = "LOLA Learner"
    aliases = ("LOLA",)
    params = (
        *_GRADIENT_PARAMS,
        Param("lookahead", 0.3, "the opponent's anticipated step (LOLA's eta)", Number(0)),
        _CARRY,
    )
    lookahead: float = 0.3
