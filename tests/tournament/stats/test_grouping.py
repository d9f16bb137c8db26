"""Sums by group in the orders that fix the last digit: row order, and the pandas group-by's."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from tournament.stats.grouping import counts, rate, stable_order, sums, table_means, table_sums

BIG = 1e16
"""1 + 1e16 rounds back to 1e16: the order and compensation of a sum show in its last digit."""


def test_sums_add_in_row_order():
    keys = np.array([1, 0, 1, 1])
    values = np.array([BIG, 5.0, 1.0, 1.0])
    # Row order: (1e16 + 1) + 1 = 1e16, each 1 lost to rounding.
    assert sums(keys, values, 3).tolist() == [5.0, BIG, 0.0]
    assert sums(keys, np.column_stack([values, 2 * values]), 3)[:, 1].tolist() == [10.0, 2 * BIG, 0.0]
    assert counts(keys, 3).tolist() == [1, 3, 0]


def test_unsorted_keys_are_summed_with_compensation_and_nan_skipped():
    keys = np.array([1, 0, 1, 1, 1])
    values = np.array([BIG, 5.0, 1.0, np.nan, 1.0])
    total, observed = table_sums(keys, values, 3)
    assert total.tolist() == [5.0, BIG + 2, 0.0]
    assert observed.tolist() == [1, 3, 0]
    assert table_means(keys, values, 3)[:2].tolist() == [5.0, (BIG + 2) / 3]
    assert np.isnan(table_means(keys, values, 3)[2])


def test_sorted_keys_are_summed_per_group_by_numpy():
    keys = np.array([0, 1, 1, 1])
    values = np.array([5.0, BIG, 1.0, 1.0])
    # The first value plus numpy's sum of the rest: 1e16 + (1 + 1).
    assert table_sums(keys, values, 2)[0].tolist() == [5.0, BIG + 2]
    many = np.full(20, 0.1)
    assert table_sums(np.zeros(20, dtype=np.int64), many, 1)[0][0] == np.add.reduceat(many, [0])[0]


@st.composite
def grouped_values(draw):
    """Keys (sorted or not) and values of mixed magnitudes, some NaN, one or two columns."""
    n = draw(st.integers(0, 60))
    size = draw(st.integers(1, 6))
    keys = np.array(draw(st.lists(st.integers(0, size - 1), min_size=n, max_size=n)), dtype=np.int64)
    if draw(st.booleans()):
        keys = np.sort(keys)
    finite = st.floats(-1e16, 1e16, allow_nan=False)
    values = draw(arrays(np.float64, (n, draw(st.integers(1, 2))), elements=finite | st.just(np.nan)))
    if draw(st.booleans()):
        values[np.isnan(values)] = 0.0
    return keys, values, size


@settings(max_examples=300, deadline=None)
@given(grouped_values())
def test_table_sums_are_the_pandas_group_by_sums(case):
    """The group-by (pandas 3.1) that computed the players and cooperation tables when the golden
    outputs were recorded: sums and means equal to the last digit."""
    keys, values, size = case
    frame = pd.DataFrame(values)
    expected_sums = frame.groupby(keys).sum().reindex(range(size), fill_value=0.0).to_numpy()
    expected_means = frame.groupby(keys).mean().reindex(range(size)).to_numpy()
    assert np.array_equal(table_sums(keys, values, size)[0], expected_sums)
    assert np.array_equal(table_means(keys, values, size), expected_means, equal_nan=True)
    assert np.array_equal(table_sums(keys, values[:, 0], size)[0], expected_sums[:, 0])


@st.composite
def whole_numbers(draw):
    """Keys (sorted or not) and whole-number floats (scores under whole-number payoffs), some
    -0.0, of magnitudes up to where their sums still fit in 2^53 or just beyond."""
    n = draw(st.integers(1, 60))
    size = draw(st.integers(1, 6))
    keys = np.array(draw(st.lists(st.integers(0, size - 1), min_size=n, max_size=n)), dtype=np.int64)
    if draw(st.booleans()):
        keys = np.sort(keys)
    top = draw(st.sampled_from([10, 2**40, 2**47, 2**53]))
    whole = st.integers(-top, top).map(float) | st.just(-0.0)
    values = draw(arrays(np.float64, (n, draw(st.integers(1, 2))), elements=whole))
    return keys, values, size


@settings(max_examples=300, deadline=None)
@given(whole_numbers())
def test_whole_numbers_are_summed_as_the_pandas_group_by_to_the_bit(case):
    keys, values, size = case
    expected = pd.DataFrame(values).groupby(keys).sum().reindex(range(size), fill_value=0.0).to_numpy()
    assert table_sums(keys, values, size)[0].tobytes() == expected.tobytes()


def test_rate_is_nan_without_denominator():
    assert rate(np.array([1, 2, 0]), np.array([4, 0, 0]))[0] == 0.25
    assert np.isnan(rate(np.array([1, 2, 0]), np.array([4, 0, 0]))[1:]).all()


@st.composite
def equal_groups(draw):
    """Every group with rows has as many, keys shuffled (a round robin's players, or its pairs:
    some groups then have no rows), finite values of mixed magnitudes, one to three columns."""
    size = draw(st.integers(1, 6))
    absent = draw(st.integers(0, 3))
    per = draw(st.integers(1, 12))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    groups = np.sort(rng.permutation(size + absent)[:size])
    keys = np.repeat(groups, per)
    keys = keys[rng.permutation(keys.size)]
    finite = st.floats(-1e16, 1e16, allow_nan=False) | st.sampled_from([BIG, 1.0, 0.1, -BIG])
    values = draw(arrays(np.float64, (keys.size, draw(st.integers(1, 3))), elements=finite))
    return keys, values, size + absent


@settings(max_examples=300, deadline=None)
@given(equal_groups())
def test_groups_of_one_size_are_summed_in_step_to_the_last_bit(case):
    from tournament.stats.grouping import _compensated, _compensated_in_step

    keys, values, size = case
    in_step = _compensated_in_step(keys, values, size)
    assert in_step is not None
    general = _compensated(keys, values, size)
    assert in_step[0].tobytes() == general[0].tobytes()
    assert np.array_equal(in_step[1], general[1])
    expected = pd.DataFrame(values).groupby(keys).sum().reindex(range(size), fill_value=0.0).to_numpy()
    assert np.array_equal(table_sums(keys, values, size)[0], expected)


def test_the_in_step_sums_leave_other_cases_to_the_general_loop():
    from tournament.stats.grouping import _compensated_in_step

    assert _compensated_in_step(np.array([1, 0, 1]), np.ones((3, 1)), 2) is None  # sizes differ
    assert _compensated_in_step(np.array([1, 0]), np.array([[np.nan], [1.0]]), 2) is None
    assert _compensated_in_step(np.array([1, 0, 0, 1]), np.full((4, 1), 1e308), 2) is None  # overflow


@pytest.mark.parametrize("bound", [1, 300, 2**16, 2**16 + 1, 10**6])
def test_stable_order_is_numpys_stable_argsort(bound):
    values = np.random.default_rng(bound).integers(0, bound, size=50_000)
    assert np.array_equal(stable_order(values, bound), np.argsort(values, kind="stable"))
