"""Property: every pair's average payoffs lie in the feasible region, whatever the tournament.

Random players from a pool, random payoffs (prisoner's dilemmas or not, with ties and
degenerate hulls), noise, fixed lengths or prob_end. The region is checked here
independently of :func:`tournament.stats.folk.in_feasible_region`: a point is in the convex hull
of the four outcomes iff no direction separates it, and in 2-D the directions along and
across every pair of outcomes (and the axes) are enough.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tournament import TournamentSpec, run_tournament
from tournament.settings import Game
from tournament.stats.cooperation import analyse
from tournament.stats.folk import in_feasible_region

POOL = [
    "Cooperator",
    "Defector",
    "Tit For Tat",
    "Grudger",
    "Alternator",
    "Random",
    "Win-Stay Lose-Shift",
    "Suspicious Tit For Tat",
    "Anti Tit For Tat",
    "Tit For 2 Tats",
    "Joss",
]
GAME_AWARE = ["GTFT", "ZD-Extort-2"]
"""Players that read the payoffs and need a prisoner's dilemma."""
TOL = 1e-9


def outcomes(game: Game) -> np.ndarray:
    return np.array([[game.R, game.R], [game.S, game.T], [game.T, game.S], [game.P, game.P]], dtype=float)


def directions(points: np.ndarray) -> np.ndarray:
    vectors = [np.array([1.0, 0.0]), np.array([0.0, 1.0])]
    for a, b in itertools.combinations(points, 2):
        along = b - a
        if np.hypot(*along) > 0:
            vectors += [along, np.array([-along[1], along[0]])]
    unit = np.array([v / np.hypot(*v) for v in vectors])
    return np.vstack([unit, -unit])


def in_hull(point: np.ndarray, points: np.ndarray, eps: float) -> bool:
    """Independent hull test: the point's projection never exceeds the outcomes' on any direction."""
    u = directions(points)
    return bool(np.all(u @ point <= (points @ u.T).max(axis=0) + eps))


payoff = st.integers(-3, 6).map(float) | st.floats(-5, 8, allow_nan=False, allow_infinity=False)


@st.composite
def games(draw) -> Game:
    return Game(draw(payoff), draw(payoff), draw(payoff), draw(payoff))


@st.composite
def tournaments(draw):
    game = draw(games())
    pool = POOL + (GAME_AWARE if game.is_prisoners_dilemma else [])
    players = draw(st.lists(st.sampled_from(pool), min_size=2, max_size=5))
    prob_end = draw(st.sampled_from([None, 0.5, 0.2, 0.1]))
    turns = draw(st.integers(1, 12)) if prob_end is None else None
    noise = draw(st.sampled_from([0.0, 0.05, 0.5, 1.0]))
    spec = TournamentSpec.build(
        players,
        turns=turns,
        prob_end=prob_end,
        noise=noise,
        game=game,
        repetitions=draw(st.integers(1, 2)),
        seed=draw(st.integers(0, 10_000)),
    )
    return spec, game


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tournaments())
def test_every_pair_lies_in_the_feasible_region(case):
    spec, game = case
    results = run_tournament(spec)
    stats = analyse(results.matches, results.names, game, turns=spec.settings.turns)
    points = outcomes(game)
    eps = TOL * max(1.0, float(np.ptp(points)))
    pairs = stats.pairs
    assert len(pairs) == len(results.names) * (len(results.names) - 1) // 2
    assert stats.pairs["feasible"].all()
    assert stats.overall()["pairs_in_feasible_region"] is True
    others = results.matches[~results.matches["self_play"]]
    sums = others.groupby(["player_a", "player_b"])[["turns", "cc", "cd", "dc", "dd"]].sum()
    for row in pairs.itertuples():
        counts = sums.loc[(row.player_a, row.player_b)]
        weights = counts[["cc", "cd", "dc", "dd"]].to_numpy(float) / counts["turns"]
        assert weights.sum() == pytest.approx(1.0) and (weights >= 0).all()
        # The pair's payoffs are the outcome mix its moves produced...
        mix = weights @ points
        assert (row.payoff_a, row.payoff_b) == (pytest.approx(mix[0]), pytest.approx(mix[1]))
        # ...and lie in the hull by the independent test.
        assert in_hull(np.array([row.payoff_a, row.payoff_b]), points, eps)


@settings(max_examples=200, deadline=None)
@given(game=games(), x=st.floats(-10, 10), y=st.floats(-10, 10))
def test_feasible_region_check_agrees_with_the_independent_test(game, x, y):
    points = outcomes(game)
    eps = TOL * max(1.0, float(np.ptp(points)))
    point = np.array([x, y])
    inside = bool(in_feasible_region(point[None], game)[0])
    # Only a point within rounding of the boundary may be judged either way.
    if in_hull(point, points, -10 * eps):
        assert inside
    elif not in_hull(point, points, 10 * eps):
        assert not inside


@settings(max_examples=100, deadline=None)
@given(
    game=games(), weights=st.lists(st.floats(0, 1), min_size=4, max_size=4).filter(lambda w: sum(w) > 1e-3)
)
def test_every_mix_of_outcomes_is_feasible(game, weights):
    w = np.array(weights) / sum(weights)
    assert in_feasible_region((w @ outcomes(game))[None], game)[0]
