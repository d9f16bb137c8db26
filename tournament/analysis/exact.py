"""Exact expected payoffs of memory-one and finite-state players, from the Markov chain.

A memory-one player or a finite-state machine is a *stochastic machine*: in each state it
cooperates with a probability, and its next state is a function of the turn's realised moves.

* memory-one (``probabilities(game)``, ``first_cooperation()``): a start state, then one
  state per outcome of the last turn (CC, CD, DC, DD, own move first);
* a machine (``machine``: ``next_state[2 s + m]``, ``output[2 s + m]``): a start state (its
  first move), then one state per transition ``2 s + m`` taken (it plays that transition's
  move; the next is ``2 next_state[2 s + m] + m'`` after the opponent's move ``m'``).

Both come from the kernels' table forms (:mod:`tournament.core.forms`), so the analysed rule is
the played rule. Two machines make a Markov chain on pairs of states; noise flips each
intended move with probability ``noise`` (on every turn, both players see the realised
moves), exactly as the engine does. From the distribution ``o_t`` of the outcome of turn ``t``
and the law of the match length ``L`` (fixed ``turns``, geometric with ``prob_end``, or both:
the shorter), with discount ``d``:

* ``total`` = ``sum_t d^t P(L > t) E[r(o_t)]``: the expected (discounted) payoff of a match;
* ``per_turn`` = ``E[sum_{t<L} d^t r_t / sum_{t<L} d^t]``: the expected mean payoff per turn of a
  match (``d = 1``: what a tournament's payoff matrix averages over its matches);
* ``states`` = ``sum_t d^t P(L > t) o_t / sum_t d^t P(L > t)``: the share of (discounted) turns
  in CC, CD, DC, DD (``d = 1``: a tournament's pooled state distribution).

Every pair of a batch is one block of a single chain, pushed forward one turn at a time for
all pairs at once; a geometric length is followed until less than ``TAIL`` of the
probability is left.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from strategies.base import Strategy
from tournament.core.forms import MachineForm, MemoryOneForm
from tournament.errors import UserError
from tournament.settings import MatchSettings

TAIL = 1e-16
"""A geometric length is followed until the chance of a longer match is below this."""
MAX_TURNS = 2_000_000
"""The longest horizon followed (a smaller prob_end would need more turns)."""


class ExactError(UserError):
    """A pair or a setting the exact analysis cannot handle; the message says which and why."""


@dataclass(frozen=True)
class Machine:
    """A player as a stochastic machine: ``cooperate[s]`` is the chance it intends C in state
    ``s``; ``next_state[s, x, y]`` the state after it played ``x`` and its opponent ``y``
    (0 = C, 1 = D, realised moves); it starts in state 0."""

    cooperate: np.ndarray
    next_state: np.ndarray

    @property
    def size(self) -> int:
        """Number of states."""
        return self.cooperate.size


def memory_one_machine(first: float, vector: Sequence[float]) -> Machine:
    """The machine of a memory-one rule: ``first`` chance of C, then ``vector`` = P(C) after
    CC, CD, DC, DD (own move first)."""
    cooperate = np.array([first, *vector], dtype=np.float64)
    x, y = np.meshgrid([0, 1], [0, 1], indexing="ij")
    after = np.broadcast_to(1 + 2 * x + y, (5, 2, 2))
    return Machine(cooperate, np.array(after, dtype=np.int64))


def finite_state_machine(form: MachineForm) -> Machine:
    """The machine of the first finite-state machine of a table form (see the module docstring)."""
    output = np.asarray(form.output)
    transitions = np.asarray(form.next_state)
    initial = int(form.initial_state[0])
    cooperate = np.concatenate(([form.first_move[0] == 0], output == 0)).astype(np.float64)
    opponent = np.array([0, 1])
    after = np.empty((cooperate.size, 2, 2), dtype=np.int64)
    after[0] = 1 + 2 * initial + opponent[None, :]
    after[1:] = 1 + 2 * transitions[:, None, None] + opponent[None, None, :]
    return Machine(cooperate, after)


def machine_of(strategy: Strategy, settings: MatchSettings) -> Machine:
    """The machine a strategy plays by, read from its kernel's table form.

    Raises :class:`ExactError` for a strategy that is neither memory-one nor a finite-state
    machine (or plays alone, by a rule of its own).
    """
    form = None
    if strategy.kernel_group() is not None:
        kernel = type(strategy).kernel([(strategy, 1)])
        table_form = getattr(kernel, "table_form", None)
        form = table_form(settings.game) if table_form is not None else None
    if isinstance(form, MemoryOneForm):
        return memory_one_machine(float(form.first[0]), form.table[0])
    if isinstance(form, MachineForm):
        return finite_state_machine(form)
    raise ExactError(
        f"{strategy.label} is neither a memory-one strategy nor a finite-state machine: "
        "its exact payoffs cannot be computed from a Markov chain"
    )


def length_law(settings: MatchSettings, discount: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """Per turn ``t`` of the horizon: the total weight ``d^t P(L > t)`` and the per-turn weight
    ``E[d^t 1{t < L} / sum_{s<L} d^s]`` (see the module docstring)."""
    if not 0 < discount <= 1:
        raise ExactError(f"discount must be a number above 0 and at most 1, got {discount!r}")
    turns, prob_end = settings.turns, settings.prob_end
    if prob_end is None:
        horizon = int(turns)
        pmf = np.zeros(horizon)
        pmf[-1] = 1.0
    else:
        keep = 1.0 - prob_end
        horizon = MAX_TURNS + 1
        if keep < 1:
            horizon = 1 if keep == 0 else math.ceil(math.log(TAIL) / math.log(keep))
        if turns is not None:
            horizon = min(horizon, int(turns))
        if horizon > MAX_TURNS:
            raise ExactError(
                f"prob_end {prob_end:g} is too small: the exact analysis follows at most {MAX_TURNS:,} turns"
            )
        pmf = prob_end * keep ** np.arange(horizon)
        if turns is not None:
            pmf[-1] = keep ** (horizon - 1)
    survival = np.cumsum(pmf[::-1])[::-1]
    powers = discount ** np.arange(horizon)
    spans = np.cumsum(powers)
    per_turn = powers * np.cumsum((pmf / spans)[::-1])[::-1]
    return powers * survival, per_turn


@dataclass(frozen=True)
class PairChain:
    """Many pairs of machines as one chain: per joint state its pair, the chances of the four
    outcomes (CC, CD, DC, DD from the first player's side) and the four next states."""

    pair: np.ndarray
    outcome: np.ndarray
    successor: np.ndarray
    start: np.ndarray
    pairs: int


def pair_chain(pairs: Sequence[tuple[Machine, Machine]], noise: float = 0.0) -> PairChain:
    """The joint chain of every pair (first player's state major) with noise ``noise``."""
    owners, outcomes, successors, starts = [], [], [], []
    offset = 0
    x, y = np.array([0, 0, 1, 1]), np.array([0, 1, 0, 1])
    for index, (a, b) in enumerate(pairs):
        pa = a.cooperate * (1 - noise) + (1 - a.cooperate) * noise
        pb = b.cooperate * (1 - noise) + (1 - b.cooperate) * noise
        first = np.where(x == 0, pa[:, None], 1 - pa[:, None])  # (Sa, 4)
        second = np.where(y == 0, pb[:, None], 1 - pb[:, None])  # (Sb, 4)
        outcomes.append((first[:, None, :] * second[None, :, :]).reshape(-1, 4))
        next_a = a.next_state[:, x, y]  # (Sa, 4)
        next_b = b.next_state[:, y, x]  # (Sb, 4)
        successors.append((offset + next_a[:, None, :] * b.size + next_b[None, :, :]).reshape(-1, 4))
        owners.append(np.full(a.size * b.size, index))
        starts.append(offset)
        offset += a.size * b.size
    return PairChain(
        np.concatenate(owners),
        np.concatenate(outcomes),
        np.concatenate(successors),
        np.array(starts, dtype=np.int64),
        len(pairs),
    )


def expected_outcomes(chain: PairChain, weights: Sequence[np.ndarray]) -> list[np.ndarray]:
    """``sum_t w[t] o_t`` (pairs, 4) for every weight sequence ``w`` (all of one horizon), where
    ``o_t`` is the distribution of the outcome of turn ``t`` of each pair."""
    size = chain.pair.size
    dist = np.zeros(size)
    dist[chain.start] = 1.0
    sums = [np.zeros((chain.pairs, 4)) for _ in weights]
    for t in range(len(weights[0])):
        mass = dist[:, None] * chain.outcome
        per_pair = np.add.reduceat(mass, chain.start, axis=0)
        for total, w in zip(sums, weights):
            total += w[t] * per_pair
        dist = np.bincount(chain.successor.ravel(), weights=mass.ravel(), minlength=size)
    return sums


@dataclass(frozen=True)
class ExactMatch:
    """The expected figures of a match between two players (see the module docstring).

    ``total`` and ``per_turn``: (2,), first then second player; ``states``: (4,) shares of CC,
    CD, DC, DD from the first player's side; ``cooperation``: (2,) share of turns each
    cooperates; ``expected_turns``: E[L].
    """

    names: tuple[str, str]
    total: np.ndarray
    per_turn: np.ndarray
    states: np.ndarray
    cooperation: np.ndarray
    expected_turns: float
    discount: float


def exact_pairs(
    pairs: Sequence[tuple[Strategy, Strategy]], settings: MatchSettings, discount: float = 1.0
) -> list[ExactMatch]:
    """:class:`ExactMatch` of every pair of strategies, computed in one chain."""
    machines = {s: machine_of(s, settings) for pair in pairs for s in pair}
    chain = pair_chain([(machines[a], machines[b]) for a, b in pairs], settings.noise)
    total_weight, per_turn_weight = length_law(settings, discount)
    totals, means = expected_outcomes(chain, [total_weight, per_turn_weight])
    reward = settings.game.payoff_vector()
    swapped = reward[[0, 2, 1, 3]]
    expected_turns = float(length_law(settings, 1.0)[0].sum())
    out = []
    for (a, b), total, mean in zip(pairs, totals, means):
        states = total / total.sum()
        out.append(
            ExactMatch(
                (a.label, b.label),
                np.array([total @ reward, total @ swapped]),
                np.array([mean @ reward, mean @ swapped]),
                states,
                np.array([states[0] + states[1], states[0] + states[2]]),
                expected_turns,
                discount,
            )
        )
    return out


def exact_match(a: Strategy, b: Strategy, settings: MatchSettings, discount: float = 1.0) -> ExactMatch:
    """The expected figures of ``a`` against ``b`` (see :class:`ExactMatch`)."""
    return exact_pairs([(a, b)], settings, discount)[0]


def exact_payoff_matrix(
    players: Sequence[Strategy], settings: MatchSettings, discount: float = 1.0
) -> np.ndarray:
    """Expected mean payoff per turn of each player (row) against each (column); the diagonal
    is a player against a clone of itself (mean of the two seats), as a tournament's."""
    k = len(players)
    rows, cols = np.triu_indices(k)
    matches = exact_pairs([(players[i], players[j]) for i, j in zip(rows, cols)], settings, discount)
    table = np.zeros((k, k))
    for i, j, match in zip(rows, cols, matches):
        table[i, j], table[j, i] = match.per_turn
        if i == j:
            table[i, i] = match.per_turn.mean()
    return table


def exact_tables(players: Sequence[Strategy], settings: MatchSettings) -> dict[str, np.ndarray]:
    """The exact counterparts of a tournament's tables, for its players that are memory-one or
    machines (NaN in the rows and columns of the others): ``payoff_matrix`` (mean payoff per
    turn), ``cooperation_matrix`` (share of turns the row player cooperates) and
    ``state_distribution`` (player, opponent, CC/CD/DC/DD from the player's side)."""
    k = len(players)
    known = []
    for index, player in enumerate(players):
        try:
            machine_of(player, settings)
        except ExactError:
            continue
        known.append(index)
    payoffs = np.full((k, k), np.nan)
    cooperation = np.full((k, k), np.nan)
    states = np.full((k, k, 4), np.nan)
    pairs = [(i, j) for n, i in enumerate(known) for j in known[n:]]
    matches = exact_pairs([(players[i], players[j]) for i, j in pairs], settings)
    for (i, j), match in zip(pairs, matches):
        payoffs[i, j], payoffs[j, i] = match.per_turn
        cooperation[i, j], cooperation[j, i] = match.cooperation
        states[i, j], states[j, i] = match.states, match.states[[0, 2, 1, 3]]
        if i == j:
            payoffs[i, i] = match.per_turn.mean()
            cooperation[i, i] = match.cooperation.mean()
    return {"payoff_matrix": payoffs, "cooperation_matrix": cooperation, "state_distribution": states}
