"""Rank stability over a sweep's points: Kendall tau and the per-player summary."""

from __future__ import annotations

import numpy as np
import pytest

from tournament.stats.rank_stability import agreement_table, kendall_tau, rank_table, stability_sentence


def test_kendall_tau_by_hand_and_against_scipy():
    # (1,2,3) vs (1,3,2): pairs 12 and 13 agree, 23 disagrees: (2 - 1) / 3.
    assert kendall_tau([1, 2, 3], [1, 3, 2]) == pytest.approx(1 / 3)
    assert kendall_tau([1, 2, 3, 4], [4, 3, 2, 1]) == -1.0
    stats = pytest.importorskip("scipy.stats")
    rng = np.random.default_rng(0)
    for _ in range(50):
        n = int(rng.integers(2, 12))
        a, b = rng.integers(1, 5, n), rng.integers(1, 5, n)
        expected = stats.kendalltau(a, b).statistic
        got = kendall_tau(a, b)
        assert (np.isnan(got) and np.isnan(expected)) or got == pytest.approx(expected, abs=1e-12)


def test_rank_table_summarises_each_player():
    ranks = np.array([[1, 2, 3], [2, 1, 3], [1, 3, 2]])  # (point, player)
    table = rank_table(ranks, ["A", "B", "C"], ["p0", "p1", "p2"])
    assert table["name"].tolist() == ["A", "B", "C"]
    first = table.iloc[0]
    assert [first.p0, first.p1, first.p2] == [1, 2, 1]
    assert first.mean_rank == pytest.approx(4 / 3)
    assert (first.best_rank, first.worst_rank) == (1, 2)
    assert first.first_share == pytest.approx(2 / 3)
    assert table["first_share"].sum() == pytest.approx(1.0)


def test_agreement_and_sentence():
    ranks = np.array([[1, 2, 3], [1, 2, 3], [3, 2, 1]])
    agreement = agreement_table(ranks, ["a", "b", "c"])
    assert agreement["kendall_tau"].tolist() == [1.0, -1.0, -1.0]
    assert agreement["consecutive"].tolist() == [True, False, True]
    assert stability_sentence(ranks, ["A", "B", "C"]) == (
        "A ranks first at 2 of 3 points; Kendall tau between consecutive points: mean 0.00; "
        "between all pairs: mean -0.33, lowest -1.00."
    )
    same = np.array([[2, 1], [2, 1]])
    assert stability_sentence(same, ["A", "B"]).endswith(
        "the ranking is the same at every point (Kendall tau 1)."
    )
