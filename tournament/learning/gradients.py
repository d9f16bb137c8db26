"""Learning rules on memory-one policies with exact gradients: naive learning and LOLA.

A learner's policy is five parameters ``theta`` through a sigmoid (the probability of
cooperating first and after CC, CD, DC, DD, own move first), as in Foerster et al. (2018).
Each update moves every learner at once (simultaneous updates), from the exact value of the
discounted game (:mod:`tournament.learning.markov`):

- **naive** learner: ``theta += lr * dV_self / dtheta`` (gradient ascent on its own value);
- **LOLA** learner: ``theta += lr * (dV_self/dtheta + eta * (dV_self/dtheta_opp)^T
  d2 V_opp / dtheta dtheta_opp)``, the first-order effect of its policy on the opponent's
  anticipated naive step of size ``eta`` (the paper's eq. 4.2; the reference code's exact
  learner uses ``lr = 1`` and ``eta = 1``).

An opponent that does not learn (a fixed policy) has no step to anticipate, so against it the
LOLA term vanishes and LOLA learns as a naive learner does. In a population an agent's value
is its mean over its partners; the opponent's anticipated step is then its mean gradient, so
the LOLA term of one pair is divided by the opponent's number of partners.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tournament.learning.markov import pair_terms

LOGIT_LIMIT = 1e-9
"""Probabilities are clipped to [LOGIT_LIMIT, 1 - LOGIT_LIMIT] before a logit."""


def sigmoid(theta: np.ndarray) -> np.ndarray:
    """The logistic function, without overflow for large ``|theta|``."""
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(theta, dtype=np.float64)))


def logit(p: np.ndarray) -> np.ndarray:
    """The inverse of :func:`sigmoid` (probabilities clipped away from 0 and 1)."""
    p = np.clip(np.asarray(p, dtype=np.float64), LOGIT_LIMIT, 1 - LOGIT_LIMIT)
    return np.log(p) - np.log1p(-p)


@dataclass(frozen=True)
class Step:
    """One learner's step against one opponent, batched over pairs: the parameter change
    (B, 5) before the learning rate, and both players' discounted values (B,)."""

    direction: np.ndarray
    value: np.ndarray
    opponent_value: np.ndarray


def pair_step(
    policy: np.ndarray,
    slope: np.ndarray,
    opponent: np.ndarray,
    opponent_slope: np.ndarray,
    lookahead: np.ndarray | float,
    payoffs: np.ndarray,
    gamma: float,
) -> Step:
    """The learning direction (in parameter space) of ``policy`` against ``opponent``.

    Parameters
    ----------
    policy, opponent : (B, 5) both players' probabilities of cooperating, each in its own view.
    slope, opponent_slope : (B, 5) d p / d theta of each: ``p (1 - p)`` for a sigmoid policy
        that learns, zeros for a fixed one (its parameters do not move).
    lookahead : LOLA's ``eta`` per pair (B,) or one number; 0 gives the naive direction.
    payoffs : the row player's payoffs ``[R, S, T, P]``.
    gamma : the discount factor.
    """
    terms = pair_terms(policy, opponent, payoffs, gamma)
    direction = terms.grad * slope
    eta = np.broadcast_to(np.asarray(lookahead, dtype=np.float64), direction.shape[:1])
    if np.any(eta != 0):
        towards_opponent = terms.grad_opponent * opponent_slope  # dV_self / dtheta_opp
        mixed = terms.mixed * slope[:, :, None] * opponent_slope[:, None, :]  # d2 V_opp / dtheta dtheta_opp
        direction = direction + eta[:, None] * np.einsum("bij,bj->bi", mixed, towards_opponent)
    return Step(direction, terms.value, terms.opponent_value)
