"""Learning experiments with exact gradients: pairs or populations of memory-one learners.

Foerster et al. (2018), section 4.1: each agent is a memory-one policy of five sigmoid
parameters, drawn from a normal distribution at the start; every update moves every learner
at once along its exact learning direction (:mod:`tournament.learning.gradients`) in the
infinitely repeated game with discount ``gamma``. Here every seed's run is one row of a
batch, so 100 seeds cost about as much as one: all pairs of all seeds are one call to the
batched value function per update.

An agent is ``"lola"``, ``"naive"`` or a fixed memory-one policy. With two agents they
play each other; with more, every agent plays every other (a population) and learns from its
mean over its partners. A seed's initial parameters come from ``numpy.random.default_rng
([seed, s])``, so a run's seeds do not depend on how many seeds are asked for.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

import numpy as np

from tournament.learning.gradients import pair_step, sigmoid

LEARNING_KINDS = ("lola", "naive")
"""Agents that learn; any other agent is a fixed policy."""


@dataclass(frozen=True)
class Agent:
    """One agent: ``kind`` is "lola", "naive" or "fixed" (then ``policy`` holds its five
    probabilities of cooperating: first move, after CC, CD, DC, DD)."""

    label: str
    kind: str
    policy: tuple[float, float, float, float, float] | None = None

    @property
    def learns(self) -> bool:
        """Whether the agent's parameters move."""
        return self.kind in LEARNING_KINDS


@dataclass(frozen=True)
class ExactSetup:
    """A learning experiment with exact gradients.

    ``payoffs`` is the row player's ``(R, S, T, P)``; the paper's game is ``(-1, -3, 0, -2)``.
    ``learning_rate`` is each learner's step, ``lookahead`` LOLA's ``eta``, ``init_std`` the
    standard deviation of the initial parameters.
    """

    agents: tuple[Agent, ...]
    payoffs: tuple[float, float, float, float] = (-1.0, -3.0, 0.0, -2.0)
    seeds: int = 100
    updates: int = 200
    learning_rate: float = 1.0
    lookahead: float = 1.0
    discount: float = 0.96
    init_std: float = 1.0
    seed: int = 0


@dataclass(frozen=True)
class ExactRun:
    """What happened, update by update: ``policies`` (updates + 1, seeds, agents, 5) and the
    average reward per step ``rewards`` (updates + 1, seeds, agents), both before each update
    (the last row after the last one); ``seconds`` of computing."""

    setup: ExactSetup
    policies: np.ndarray
    rewards: np.ndarray
    seconds: float

    @property
    def labels(self) -> list[str]:
        """The agents' labels, in order."""
        return [agent.label for agent in self.setup.agents]


def numbered(agents: tuple[Agent, ...]) -> tuple[Agent, ...]:
    """The agents with labels made unique: a label given twice becomes "LOLA 1", "LOLA 2"."""
    labels = [agent.label for agent in agents]
    seen: dict[str, int] = {}
    out = []
    for agent in agents:
        if labels.count(agent.label) > 1:
            seen[agent.label] = seen.get(agent.label, 0) + 1
            agent = replace(agent, label=f"{agent.label} {seen[agent.label]}")
        out.append(agent)
    return tuple(out)


def initial_parameters(setup: ExactSetup) -> np.ndarray:
    """(seeds, agents, 5) normal parameters; seed ``s`` draws from ``default_rng([seed, s])``."""
    n = len(setup.agents)
    draws = [
        np.random.default_rng([setup.seed, s]).normal(0.0, setup.init_std, (n, 5)) for s in range(setup.seeds)
    ]
    return np.array(draws, dtype=np.float64).reshape(setup.seeds, n, 5)


def run_exact(setup: ExactSetup) -> ExactRun:
    """Run every seed of ``setup`` for ``setup.updates`` simultaneous updates."""
    started = time.perf_counter()
    agents = setup.agents
    n, seeds = len(agents), setup.seeds
    learns = np.array([a.learns for a in agents], dtype=bool)
    fixed = np.array([a.policy if a.policy is not None else (0.5,) * 5 for a in agents], dtype=np.float64)
    theta = initial_parameters(setup)
    side, other = (a.ravel() for a in np.nonzero(~np.eye(n, dtype=bool)))
    partners = max(n - 1, 1)
    eta = np.array([setup.lookahead / partners if agents[i].kind == "lola" else 0.0 for i in side])
    eta = np.tile(eta, seeds)
    payoffs = np.asarray(setup.payoffs, dtype=np.float64)
    policies = np.empty((setup.updates + 1, seeds, n, 5))
    rewards = np.empty((setup.updates + 1, seeds, n))
    for update in range(setup.updates + 1):
        policy = np.where(learns[None, :, None], sigmoid(theta), fixed[None])
        slope = np.where(learns[None, :, None], policy * (1 - policy), 0.0)
        step = pair_step(
            policy[:, side].reshape(-1, 5),
            slope[:, side].reshape(-1, 5),
            policy[:, other].reshape(-1, 5),
            slope[:, other].reshape(-1, 5),
            eta,
            payoffs,
            setup.discount,
        )
        policies[update] = policy
        rewards[update] = (1 - setup.discount) * step.value.reshape(seeds, n, partners).mean(axis=2)
        if update < setup.updates:
            direction = step.direction.reshape(seeds, n, partners, 5).mean(axis=2)
            theta = theta + setup.learning_rate * np.where(learns[None, :, None], direction, 0.0)
    return ExactRun(setup, policies, rewards, time.perf_counter() - started)
