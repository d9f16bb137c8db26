"""The exact two-type fixation formula, the Wilson interval and the two-way analysis."""

from __future__ import annotations

import numpy as np
import pytest

from tournament.errors import EvolutionError
from tournament.evolution.fixation import (
    exact_fixation,
    fixation_analysis,
    fixation_from_fitness,
    two_type_fitness,
    wilson_interval,
)
from tournament.evolution.moran import MoranSettings
from tournament.settings import MatchSettings


@pytest.mark.parametrize("n", [2, 5, 30])
@pytest.mark.parametrize("mode", ["bd", "db"])
def test_neutral_payoffs_give_start_over_n(n, mode):
    equal = np.full((2, 2), 3.0)
    assert exact_fixation(equal, n, 1, mode=mode) == pytest.approx(1 / n)
    assert exact_fixation(equal, n, n - 1, mode=mode) == pytest.approx((n - 1) / n)


@pytest.mark.parametrize("r", [0.5, 1.1, 2.0])
def test_constant_fitness_gives_the_classic_moran_formula(r):
    n = 12
    # Payoffs a = b = r, c = d = 1 with averaged payoffs make fitness exactly r against 1.
    table = np.array([[r, r], [1.0, 1.0]])
    expected = (1 - 1 / r) / (1 - 1 / r**n)
    assert exact_fixation(table, n, average=True) == pytest.approx(expected)
    i0 = 4
    assert exact_fixation(table, n, i0, average=True) == pytest.approx((1 - r**-i0) / (1 - r**-n))


def test_fitness_counts_partners_with_and_without_self_interaction():
    table = np.array([[3.0, 0.0], [5.0, 1.0]])
    f, g = two_type_fitness(table, 4)
    assert f.tolist() == [0 * 3 + 3 * 0, 1 * 3 + 2 * 0, 2 * 3 + 1 * 0]
    assert g.tolist() == [1 * 5 + 2 * 1, 2 * 5 + 1 * 1, 3 * 5 + 0 * 1]
    f, g = two_type_fitness(table, 4, self_interaction=True, intensity=0.5)
    assert f.tolist() == [0.5 + 0.5 * 3, 0.5 + 0.5 * 6, 0.5 + 0.5 * 9]
    assert g.tolist() == [0.5 + 0.5 * 8, 0.5 + 0.5 * 12, 0.5 + 0.5 * 16]


def test_death_birth_on_two_individuals_is_a_coin_toss():
    # N = 2: the dead one is replaced by the other individual, whatever the fitness.
    assert fixation_from_fitness(np.array([5.0]), np.array([1.0]), mode="db") == pytest.approx(0.5)
    assert fixation_from_fitness(np.array([5.0]), np.array([1.0]), mode="bd") == pytest.approx(5 / 6)


def test_exact_formula_refuses_non_positive_fitness():
    with pytest.raises(EvolutionError, match="positive fitness"):
        exact_fixation(np.array([[0.0, 0.0], [1.0, 1.0]]), 5)


def test_wilson_interval():
    low, high = wilson_interval(0, 10)
    assert low == 0 and high == pytest.approx(0.2775, abs=1e-4)
    low, high = wilson_interval(50, 100)
    assert (low, high) == pytest.approx((0.4038, 0.5962), abs=1e-4)
    with pytest.raises(EvolutionError):
        wilson_interval(0, 0)


def test_fixation_analysis_reports_both_invasions_against_the_exact_values():
    rows, table = fixation_analysis(
        "Tit For Tat", "Defector", 6, 1500, MatchSettings(turns=200), MoranSettings(), start=2, seed=3
    )
    assert [(r.mutant, r.resident) for r in rows] == [
        ("Tit For Tat", "Defector"),
        ("Defector", "Tit For Tat"),
    ]
    assert table == pytest.approx(np.array([[3.0, 0.995], [1.02, 1.0]]))
    for row in rows:
        assert not row.exact_is_approximate
        assert abs(row.estimate.z_score(row.exact)) < 4
        assert row.neutral == pytest.approx(2 / 6)


def test_fixation_analysis_with_noise_replays_matches_and_flags_the_exact_value():
    rows, _ = fixation_analysis(
        "Tit For Tat", "Defector", 4, 40, MatchSettings(turns=10, noise=0.1), MoranSettings(), seed=1
    )
    assert all(r.exact_is_approximate and r.exact is not None for r in rows)
    assert all(r.estimate.runs == 40 and r.estimate.unfinished == 0 for r in rows)


def test_fixation_analysis_is_the_same_with_workers():
    args = ("Tit For Tat", "Defector", 5, 200, MatchSettings(turns=20), MoranSettings())
    one, _ = fixation_analysis(*args, seed=4)
    two, _ = fixation_analysis(*args, seed=4, workers=2)
    assert [r.estimate for r in one] == [r.estimate for r in two]


@pytest.mark.parametrize(
    ("a", "b", "size", "start", "message"),
    [
        ("Tit For Tat", "tft", 5, 1, "same strategy"),
        ("Tit For Tat", "Nope", 5, 1, "unknown strategy 'Nope'"),
        ("Tit For Tat", "Defector", 1, 1, "size must be a whole number >= 2"),
        ("Tit For Tat", "Defector", 5, 5, "start must be a whole number from 1 to 4"),
    ],
)
def test_fixation_analysis_bad_input(a, b, size, start, message):
    with pytest.raises(EvolutionError, match=message):
        fixation_analysis(a, b, size, 10, MatchSettings(turns=5), MoranSettings(), start=start)
