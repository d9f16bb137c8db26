"""The repeated game's theory: feasible payoffs, minmax, and when cooperation can last.

The folk theorem says that in an infinitely repeated game with patient enough players,
any feasible payoff pair that gives each player more than its minmax payoff can be
sustained in equilibrium. For the prisoner's dilemma this module gives:

- the feasible region: the convex hull of the four outcomes (R, R), (S, T), (T, S), (P, P);
- the minmax payoff: what the opponent can hold a player down to (P in a PD);
- the critical discount factors (``delta``: the weight of the next round, here the
  probability that the match continues, 1 - prob_end) above which a strategy pair
  sustains mutual cooperation:

  ===================  =====================================  ==================
  strategy             condition                              standard (3,0,5,1)
  ===================  =====================================  ==================
  Grim trigger         delta >= (T - R) / (T - P)             1/2
  Tit For Tat (Nash)   delta >= max((T-R)/(T-P), (T-R)/(R-S))  2/3
  Win-Stay Lose-Shift  delta >= (T - R) / (R - P)             1
  ===================  =====================================  ==================

- with a fixed length known to the players, backward induction from the last round
  predicts defection throughout (the unique subgame-perfect equilibrium of a finitely
  repeated PD).

Every condition is an inequality ``delta * b >= a``; :class:`Threshold` evaluates it
exactly, so zero denominators (possible outside a PD) need no special case: with ``b = 0``
the condition holds for every delta when ``a <= 0`` and for none when ``a > 0``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from tournament.settings import Game, MatchSettings


def outcome_points(game: Game) -> np.ndarray:
    """The four outcome payoff pairs (row, column) for CC, CD, DC, DD, shape (4, 2)."""
    return np.array([[game.R, game.R], [game.S, game.T], [game.T, game.S], [game.P, game.P]])


def convex_hull(points: np.ndarray) -> np.ndarray:
    """Vertices of the convex hull of 2-D ``points``, counter-clockwise (Andrew's monotone chain).

    Collinear and repeated points are dropped; a degenerate hull has 1 or 2 vertices.
    """
    unique = np.unique(np.asarray(points, dtype=np.float64), axis=0)
    if len(unique) <= 2:
        return unique

    def half(sequence: np.ndarray) -> list[np.ndarray]:
        chain: list[np.ndarray] = []
        for p in sequence:
            while len(chain) >= 2 and _cross(chain[-2], chain[-1], p) <= 0:
                chain.pop()
            chain.append(p)
        return chain

    lower = half(unique)
    upper = half(unique[::-1])
    return np.array(lower[:-1] + upper[:-1])


def _cross(o: np.ndarray, a: np.ndarray, b: np.ndarray) -> float:
    return float((a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]))


def feasible_region(game: Game) -> np.ndarray:
    """Vertices (counter-clockwise) of the feasible payoff region: the hull of the four outcomes."""
    return convex_hull(outcome_points(game))


def in_feasible_region(points: np.ndarray, game: Game, tol: float = 1e-9) -> np.ndarray:
    """Whether each payoff pair in ``points`` (k, 2) lies in the feasible region.

    ``tol`` is relative to the payoff range, to absorb rounding in averaged payoffs.
    """
    pts = np.atleast_2d(np.asarray(points, dtype=np.float64))
    hull = feasible_region(game)
    payoffs = outcome_points(game)
    eps = tol * max(1.0, float(np.ptp(payoffs)))
    if len(hull) >= 3 and _width(hull) <= eps:
        hull = _farthest_pair(hull)
    if len(hull) == 2 and float(np.hypot(*(hull[1] - hull[0]))) <= eps:
        hull = hull[:1]
    if len(hull) == 1:
        return np.all(np.abs(pts - hull[0]) <= eps, axis=1)
    if len(hull) == 2:
        a, b = hull
        direction = b - a
        length = float(np.hypot(*direction))
        rel = pts - a
        distance = np.abs(rel[:, 0] * direction[1] - rel[:, 1] * direction[0]) / length
        along = (rel @ direction) / length
        return (distance <= eps) & (along >= -eps) & (along <= length + eps)
    edge = np.roll(hull, -1, axis=0) - hull
    lengths = np.hypot(edge[:, 0], edge[:, 1])
    rel = pts[:, None, :] - hull[None, :, :]
    cross = (edge[None, :, 0] * rel[:, :, 1] - edge[None, :, 1] * rel[:, :, 0]) / lengths
    return np.all(cross >= -eps, axis=1)


def _width(hull: np.ndarray) -> float:
    """The polygon's width: over its edges, the least of the largest vertex distance from the
    edge's line. A sliver narrower than the tolerance is judged as a segment (and a segment
    shorter than it as a point), since the tolerance around sharp ends, and arithmetic on
    such tiny edges, would otherwise reach far beyond them."""
    edge = np.roll(hull, -1, axis=0) - hull
    lengths = np.hypot(edge[:, 0], edge[:, 1])
    rel = hull[None, :, :] - hull[:, None, :]
    distance = np.abs(edge[:, None, 0] * rel[:, :, 1] - edge[:, None, 1] * rel[:, :, 0]) / lengths[:, None]
    return float(distance.max(axis=1).min())


def _farthest_pair(hull: np.ndarray) -> np.ndarray:
    """The two vertices farthest apart: the segment a sliver polygon stands for."""
    gaps = np.hypot(*(hull[:, None, :] - hull[None, :, :]).transpose(2, 0, 1))
    i, j = np.unravel_index(np.argmax(gaps), gaps.shape)
    return hull[[i, j]]


@dataclass(frozen=True)
class Minmax:
    """The minmax payoff: the least the opponent can hold a player to, if the player best-responds.

    ``pure``: opponent restricted to pure actions; ``mixed``: opponent may randomise
    (``opponent_cooperation`` is the minimising probability that the opponent cooperates).
    """

    pure: float
    mixed: float
    opponent_cooperation: float


def minmax(game: Game) -> Minmax:
    """Minmax payoffs of the symmetric 2x2 game (the row player's; the column player's is the same).

    Against an opponent cooperating with probability q, cooperating earns qR + (1-q)S and
    defecting qT + (1-q)P; the opponent minimises the larger of the two. The minimum of
    the upper envelope of two lines on [0, 1] is at an end or where they cross.
    """
    pure = min(max(game.R, game.T), max(game.S, game.P))
    candidates = [0.0, 1.0]
    slope = (game.R - game.S) - (game.T - game.P)
    if slope != 0:
        crossing = (game.P - game.S) / slope
        if 0 <= crossing <= 1:
            candidates.append(crossing)

    def best(q: float) -> float:
        return max(q * game.R + (1 - q) * game.S, q * game.T + (1 - q) * game.P)

    q = min(candidates, key=best)
    return Minmax(pure=pure, mixed=best(q), opponent_cooperation=q)


@dataclass(frozen=True)
class Threshold:
    """A critical discount factor: mutual cooperation is sustained iff ``delta * b >= a`` for each (a, b).

    ``value`` is the least delta in [0, 1] meeting every condition (inf when none does,
    NaN when the set of such delta is not of the form delta >= value).
    """

    key: str
    strategy: str
    formula: str
    conditions: tuple[tuple[float, float], ...]

    def met(self, delta: float) -> bool:
        """Whether a continuation probability ``delta`` meets the threshold."""
        return all(delta * b >= a for a, b in self.conditions)

    @property
    def value(self) -> float:
        lows = []
        for a, b in self.conditions:
            if b > 0:
                lows.append(max(a / b, 0.0))
            elif b == 0:
                lows.append(0.0 if a <= 0 else math.inf)
            elif a <= 0:
                lows.append(math.nan)
            else:
                return math.inf
        return max(lows) if lows else 0.0


def thresholds(game: Game) -> tuple[Threshold, ...]:
    """Grim trigger, Tit For Tat and Win-Stay Lose-Shift thresholds for ``game``."""
    R, S, T, P = game.R, game.S, game.T, game.P
    return (
        Threshold("grim_trigger", "Grim trigger", "(T - R) / (T - P)", ((T - R, T - P),)),
        Threshold(
            "tit_for_tat",
            "Tit For Tat",
            "max((T - R) / (T - P), (T - R) / (R - S))",
            ((T - R, T - P), (T - R, R - S)),
        ),
        Threshold("win_stay_lose_shift", "Win-Stay Lose-Shift", "(T - R) / (R - P)", ((T - R, R - P),)),
    )


def continuation_probability(prob_end: float | None) -> float | None:
    """delta = 1 - prob_end, the chance of another round (None for a fixed length)."""
    return None if prob_end is None else 1.0 - prob_end


@dataclass(frozen=True)
class FolkAnalysis:
    """What repeated-game theory says about a tournament's settings."""

    game: Game
    is_prisoners_dilemma: bool
    feasible_vertices: np.ndarray
    minmax: Minmax
    thresholds: tuple[Threshold, ...]
    delta: float | None
    turns: int | None
    noise: float
    known_length: int | None = None
    """The length the players are told (None under prob_end or when it is kept from them)."""

    @property
    def backward_induction(self) -> bool:
        """True when a fixed length is known: backward induction predicts defection throughout."""
        return self.known_length is not None and self.is_prisoners_dilemma

    def met(self) -> dict[str, bool | None]:
        """Threshold key -> met (None when the length is fixed: no discounting)."""
        return {t.key: (None if self.delta is None else t.met(self.delta)) for t in self.thresholds}

    def sentences(self) -> list[str]:
        """The analysis in plain words, one sentence per item."""
        g = self.game
        out = []
        if self.is_prisoners_dilemma:
            out.append(
                f"The payoffs ({g}) make a prisoner's dilemma: T > R > P > S and 2R > T + S, "
                "so defecting pays in any single round, yet mutual cooperation is best for the pair."
            )
        else:
            out.append(
                f"The payoffs ({g}) do not make a prisoner's dilemma (it needs T > R > P > S "
                "and 2R > T + S); the thresholds below assume one."
            )
        out.append(
            f"Minmax payoff: {self.minmax.mixed:g} per round (what a player can always secure); "
            f"the folk theorem says any feasible payoffs above {self.minmax.mixed:g} for both can "
            "be sustained when the future matters enough."
        )
        if self.delta is None:
            told = "known to" if self.known_length is not None else "not told to"
            text = f"Matches last a fixed {self.turns} turns, {told} the players"
            if self.backward_induction:
                text += (
                    ": backward induction predicts defection throughout (nobody cooperates in the "
                    "last round, so nobody in the one before, and so on), so any cooperation here is "
                    "beyond what rational, selfish play predicts"
                )
            out.append(text + ".")
        else:
            out.append(
                f"Matches continue after each round with probability delta = 1 - prob_end = {self.delta:.4g} "
                f"(expected length {1 / (1 - self.delta):.3g} turns)."
            )
            for t in self.thresholds:
                verdict = "met" if t.met(self.delta) else "not met"
                out.append(
                    f"{t.strategy} sustains cooperation when delta >= {t.formula} = {_number(t.value)}: {verdict}."
                )
        if self.noise > 0:
            out.append(
                f"With noise {self.noise:g}, moves are sometimes flipped: unforgiving strategies "
                "(Grim trigger) lose cooperation after one error; the thresholds assume no errors."
            )
        return out


def analyse(settings: MatchSettings) -> FolkAnalysis:
    """Game-theoretic figures for a tournament played with these match settings."""
    game = settings.game
    return FolkAnalysis(
        game=game,
        is_prisoners_dilemma=game.is_prisoners_dilemma,
        feasible_vertices=feasible_region(game),
        minmax=minmax(game),
        thresholds=thresholds(game),
        delta=continuation_probability(settings.prob_end),
        turns=settings.turns,
        noise=settings.noise,
        known_length=settings.known_length,
    )


def _number(value: float) -> str:
    if math.isinf(value):
        return "never (above 1)"
    if math.isnan(value):
        return "undefined"
    return f"{value:.4g}"
