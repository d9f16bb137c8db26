"""Exact values of two memory-one policies in the infinitely repeated, discounted game.

A memory-one policy is five probabilities of cooperating: on the first turn, then after
each state CC, CD, DC, DD of the previous turn, **own move first** (the convention of
:mod:`strategies.families.memory_one`). Two such policies make the four states a Markov
chain: ``q0`` is the distribution of the first turn's state and ``P`` the transition matrix
(states from the first player's side). With discount ``gamma`` the value of the game to a
player with per-state rewards ``r`` is

    V = sum_t gamma^t E[r(s_t)] = q0 (I - gamma P)^-1 r,

and ``(1 - gamma) V`` is its average reward per step (Foerster et al. 2018, section 4.1).
The same number is the expected total payoff of a match whose every turn is followed by
another with probability ``gamma`` (``prob_end = 1 - gamma``), which is how the tests check
it against the engine.

:func:`pair_terms` gives, besides both values, the exact derivatives the learning rules
need: each value's gradient with respect to both policies and the mixed second derivative of
the opponent's value (LOLA's term). They are computed in closed form from ``M = (I - gamma
P)^-1``: with ``v = M r`` (value from each state) and ``u = q0 M`` (discounted occupancy),
``dV/dp = dq0/dp . v + gamma u dP/dp v``. Everything is batched: the leading axis runs over
independent pairs (seeds, populations), and nothing here depends on the batch's size.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SWAP = np.array([0, 1, 3, 2, 4])
"""Index map between the two players' views of a five-vector: CD for one is DC for the other."""
_SIGNS = np.array([1.0, -1.0, -1.0, 1.0])


def state_rewards(payoffs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-state rewards (CC, CD, DC, DD, first player's move first) of the first and the
    second player, from the row player's payoffs ``[R, S, T, P]``."""
    payoffs = np.asarray(payoffs, dtype=np.float64)
    return payoffs, payoffs[[0, 2, 1, 3]]


def _rows(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Distribution of the next state when the players cooperate with ``a`` and ``b``."""
    return np.stack((a * b, a * (1 - b), (1 - a) * b, (1 - a) * (1 - b)), axis=-1)


def chain(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The first state's distribution ``q0`` (B, 4) and the transition matrix ``P`` (B, 4, 4) of
    policies ``x`` and ``y`` (B, 5), each in its own view; states from x's side."""
    a, b = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)[..., SWAP]
    return _rows(a[..., 0], b[..., 0]), _rows(a[..., 1:], b[..., 1:])


def occupancy(x: np.ndarray, y: np.ndarray, gamma: float) -> tuple[np.ndarray, np.ndarray]:
    """``M = (I - gamma P)^-1`` (B, 4, 4) and the discounted state occupancy ``u = q0 M`` (B, 4)."""
    q0, transition = chain(x, y)
    system = np.eye(4) - gamma * transition
    inverse = np.linalg.inv(system)
    return inverse, np.einsum("bk,bkl->bl", q0, inverse)


def values(x: np.ndarray, y: np.ndarray, payoffs: np.ndarray, gamma: float) -> tuple[np.ndarray, np.ndarray]:
    """Discounted values (B,) of policy ``x`` and of policy ``y`` when they meet.

    Parameters
    ----------
    x, y : (B, 5) probabilities of cooperating (first move, after CC, CD, DC, DD; own move first).
    payoffs : the row player's payoffs ``[R, S, T, P]``.
    gamma : discount factor in [0, 1).
    """
    _, u = occupancy(x, y, gamma)
    first, second = state_rewards(payoffs)
    return u @ first, u @ second


def average_rewards(
    x: np.ndarray, y: np.ndarray, payoffs: np.ndarray, gamma: float
) -> tuple[np.ndarray, np.ndarray]:
    """Average reward per step, ``(1 - gamma) V``, of ``x`` and of ``y`` (the paper's figures)."""
    first, second = values(x, y, payoffs, gamma)
    return (1 - gamma) * first, (1 - gamma) * second


@dataclass(frozen=True)
class PairTerms:
    """What a learner playing ``x`` against ``y`` needs, batched over pairs.

    ``value``/``opponent_value``: discounted values V_x, V_y (B,). ``grad``: dV_x/dx (B, 5);
    ``grad_opponent``: dV_x/dy (B, 5), in y's own view; ``opponent_grad``: dV_y/dy (B, 5);
    ``mixed``: d2 V_y / dx_i dy_j (B, 5, 5), y's index in y's own view. All with respect to
    probabilities; :mod:`tournament.learning.gradients` chains them through the sigmoid.
    """

    value: np.ndarray
    opponent_value: np.ndarray
    grad: np.ndarray
    grad_opponent: np.ndarray
    opponent_grad: np.ndarray
    mixed: np.ndarray


def pair_terms(x: np.ndarray, y: np.ndarray, payoffs: np.ndarray, gamma: float) -> PairTerms:
    """Values, gradients and the opponent's mixed second derivatives of ``x`` meeting ``y``.

    In x's chain coordinates (a = x, b = y seen from x's side) with ``E_a[s] = dP_s/da_s``
    and ``E_b[s] = dP_s/db_s`` (row s of the transition, or ``q0`` for s = 0) and weights
    ``w = (1, gamma u)``: ``dV/da = w * (E_a v)``, ``dV/db = w * (E_b v)``, and ``d2V/da_i db_j``
    adds the change of the occupancy, of the row itself and of ``v`` (see the module docstring).
    """
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    a, b = x, y[..., SWAP]
    inverse, u = occupancy(x, y, gamma)
    first, second = state_rewards(payoffs)
    v_x = inverse @ first
    v_y = inverse @ second
    ones = np.ones_like(a)
    e_a = np.stack((b, 1 - b, -b, b - 1), axis=-1)  # (B, 5, 4): d row_s / d a_s
    e_b = np.stack((a, -a, 1 - a, a - 1), axis=-1)  # (B, 5, 4): d row_s / d b_s
    weight = np.concatenate((ones[..., :1], gamma * u), axis=-1)  # (B, 5)
    q0 = _rows(a[..., 0], b[..., 0])
    grad_a = weight * np.einsum("bsk,bk->bs", e_a, v_x)
    grad_b = weight * np.einsum("bsk,bk->bs", e_b, v_x)
    opponent_grad_b = weight * np.einsum("bsk,bk->bs", e_b, v_y)
    mixed = _mixed(e_a, e_b, weight, u, inverse, v_y, gamma)
    return PairTerms(
        value=np.einsum("bk,bk->b", q0, v_x),
        opponent_value=np.einsum("bk,bk->b", q0, v_y),
        grad=grad_a,
        grad_opponent=grad_b[..., SWAP],
        opponent_grad=opponent_grad_b[..., SWAP],
        mixed=mixed[..., SWAP],
    )


def _mixed(
    e_a: np.ndarray,
    e_b: np.ndarray,
    weight: np.ndarray,
    u: np.ndarray,
    inverse: np.ndarray,
    v: np.ndarray,
    gamma: float,
) -> np.ndarray:
    """``d2 V / da_i db_j`` (B, 5, 5) for the value ``V = q0 M r`` with ``v = M r``."""
    batch = u.shape[0]
    # d u / d b_j: the first-state row for j = 0, a transition row for j >= 1
    rows_m = np.einsum("bjk,bkl->bjl", e_b, inverse)  # E_b[j] M
    du = rows_m.copy()
    du[:, 1:] *= gamma * u[:, :, None]
    # d v / d b_j = gamma M[:, j - 1] (E_b[j] . v) for j >= 1, zero for j = 0
    eb_v = np.einsum("bjk,bk->bj", e_b, v)
    dv = np.zeros((batch, 5, 4))
    dv[:, 1:] = gamma * np.swapaxes(inverse, 1, 2) * eb_v[:, 1:, None]
    ea_v = np.einsum("bik,bk->bi", e_a, v)
    out = np.zeros((batch, 5, 5))
    out[:, 1:, :] = gamma * np.swapaxes(du, 1, 2) * ea_v[:, 1:, None]
    out += np.einsum("bi,bik,bjk->bij", weight, e_a, dv)
    diagonal = weight * (v @ _SIGNS)[:, None]
    out[:, np.arange(5), np.arange(5)] += diagonal
    return out
