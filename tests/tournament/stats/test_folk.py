"""Folk-theorem numbers against hand-derived values."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tournament.settings import Game, MatchSettings
from tournament.stats.folk import (
    Threshold,
    analyse,
    continuation_probability,
    convex_hull,
    feasible_region,
    in_feasible_region,
    minmax,
    thresholds,
)

STANDARD = Game(3, 0, 5, 1)
TRUST = Game(2, -1, 3, 0)  # The Evolution of Trust


def critical(game: Game) -> dict[str, float]:
    return {t.key: t.value for t in thresholds(game)}


def test_standard_thresholds_are_one_half_two_thirds_and_one():
    values = critical(STANDARD)
    assert values["grim_trigger"] == pytest.approx(1 / 2)
    assert values["tit_for_tat"] == pytest.approx(2 / 3)
    assert values["win_stay_lose_shift"] == pytest.approx(1.0)


def test_evolution_of_trust_thresholds():
    # (T-R)/(T-P) = 1/3, (T-R)/(R-S) = 1/3, (T-R)/(R-P) = 1/2
    values = critical(TRUST)
    assert values["grim_trigger"] == pytest.approx(1 / 3)
    assert values["tit_for_tat"] == pytest.approx(1 / 3)
    assert values["win_stay_lose_shift"] == pytest.approx(1 / 2)


def test_tit_for_tat_threshold_comes_from_alternating_deviation_in_the_standard_game():
    # Always defecting against TFT needs delta >= 1/2; alternating D, C, D, C needs 2/3.
    grim, tft, _ = thresholds(STANDARD)
    assert tft.conditions == ((2.0, 4.0), (2.0, 3.0))
    assert tft.value > grim.value


@pytest.mark.parametrize(
    ("delta", "met"),
    [
        (0.49, (False, False, False)),
        (0.5, (True, False, False)),
        (0.7, (True, True, False)),
        (0.999, (True, True, False)),
    ],
)
def test_met_at_continuation_probabilities(delta, met):
    assert tuple(t.met(delta) for t in thresholds(STANDARD)) == met


def test_wsls_met_below_one_when_r_minus_p_is_large():
    game = Game(4, 0, 5, 1)  # (T-R)/(R-P) = 1/3
    wsls = thresholds(game)[2]
    assert wsls.value == pytest.approx(1 / 3)
    assert wsls.met(0.34) and not wsls.met(0.3)


def test_zero_denominators():
    never = Threshold("x", "x", "", ((1.0, 0.0),))
    always = Threshold("x", "x", "", ((0.0, 0.0),))
    assert never.value == math.inf and not never.met(0.99)
    assert always.value == 0.0 and always.met(0.0)
    # T = P: the grim-trigger inequality delta * 0 >= T - R holds iff R >= T
    assert thresholds(Game(3, 0, 2, 2))[0].value == 0.0
    assert thresholds(Game(1, 0, 2, 2))[0].value == math.inf


def test_continuation_probability():
    assert continuation_probability(0.1) == pytest.approx(0.9)
    assert continuation_probability(None) is None


def test_minmax_of_a_prisoners_dilemma_is_p():
    m = minmax(STANDARD)
    assert (m.pure, m.mixed, m.opponent_cooperation) == (1.0, 1.0, 0.0)
    assert minmax(TRUST).mixed == 0.0


def test_minmax_mixed_below_pure_in_matching_pennies():
    # Row payoff 1 when actions match, 0 otherwise: R=1, S=0, T=0, P=1.
    m = minmax(Game(1, 0, 0, 1))
    assert m.pure == 1.0
    assert m.mixed == pytest.approx(0.5)
    assert m.opponent_cooperation == pytest.approx(0.5)


def test_feasible_region_of_the_standard_game():
    hull = feasible_region(STANDARD)
    assert {tuple(v) for v in hull} == {(3.0, 3.0), (0.0, 5.0), (5.0, 0.0), (1.0, 1.0)}
    inside = [(3, 3), (1, 1), (2.5, 2.5), (1.5, 4.0), (4.0, 1.5), (2, 2)]
    outside = [(0.9, 0.9), (3.1, 3.1), (0, 0), (4, 4), (0.5, 2)]
    assert in_feasible_region(np.array(inside, dtype=float), STANDARD).all()
    assert not in_feasible_region(np.array(outside, dtype=float), STANDARD).any()


def test_convex_hull_drops_interior_and_collinear_points():
    hull = convex_hull(np.array([[0, 0], [1, 0], [2, 0], [1, 1], [0.5, 0.2]]))
    assert {tuple(v) for v in hull} == {(0.0, 0.0), (2.0, 0.0), (1.0, 1.0)}


def test_degenerate_regions():
    point = Game(1, 1, 1, 1)
    assert in_feasible_region(np.array([[1.0, 1.0], [1.0, 1.1]]), point).tolist() == [True, False]
    segment = Game(2, 1, 3, 2)  # outcomes (2,2), (1,3), (3,1), (2,2): all on x + y = 4
    assert len(feasible_region(segment)) == 2
    points = np.array([[2.0, 2.0], [1.5, 2.5], [1.0, 3.0], [2.0, 2.1], [0.5, 3.5]])
    assert in_feasible_region(points, segment).tolist() == [True, True, True, False, False]


def test_a_sliver_region_is_judged_as_its_segment():
    # T is the smallest float: the hull is a triangle of width ~1e-324 along (0,0)-(1,1), whose
    # sharp corner at (1,1) must not let the tolerance admit points further along the line.
    sliver = Game(R=0.0, S=0.0, T=5e-324, P=1.0)
    assert len(feasible_region(sliver)) == 3
    points = np.array([[2.0, 2.0], [1.0, 1.0], [0.5, 0.5], [0.0, 0.0], [0.5, 0.6], [-0.1, -0.1]])
    assert in_feasible_region(points, sliver).tolist() == [False, True, True, True, False, False]
    dot = Game(R=0.0, S=0.0, T=0.0, P=5e-324)  # a segment of length ~1e-323: a point
    assert in_feasible_region(np.array([[0.0, 0.5], [0.0, 0.0]]), dot).tolist() == [False, True]


def test_fixed_length_predicts_defection_by_backward_induction():
    fixed = analyse(MatchSettings(turns=200, game=STANDARD))
    assert fixed.backward_induction and fixed.delta is None
    assert set(fixed.met().values()) == {None}
    assert any("backward induction" in s for s in fixed.sentences())
    open_ended = analyse(MatchSettings(turns=None, prob_end=0.4, game=STANDARD))
    assert not open_ended.backward_induction
    assert open_ended.met() == {"grim_trigger": True, "tit_for_tat": False, "win_stay_lose_shift": False}
    text = " ".join(open_ended.sentences())
    assert "0.6" in text and "not met" in text


def test_non_pd_is_said_so():
    analysis = analyse(MatchSettings(turns=None, prob_end=0.1, game=Game(1, 0, 0, 1)))
    assert not analysis.is_prisoners_dilemma
    assert "do not make a prisoner's dilemma" in analysis.sentences()[0]
