"""Sums by group over numpy arrays, in the orders that fix every figure's last digit, and rates.

Statistics are a contract to the last digit (the golden outputs), and the last digit of a
float sum depends on the order of its terms. Two orders are in use:

- :func:`sums` adds the rows one at a time in row order (``np.bincount``): axelrod's
  statistics (:mod:`tournament.stats.resultset`) have always been summed so;
- :func:`table_sums` sums as the pandas 3.1 group-by that first produced the players and
  cooperation tables: a numpy reduction per group (``np.add.reduceat``: the first value plus
  the pairwise sum of the rest) when the keys come sorted and no value is NaN, otherwise
  Kahan-compensated sums in row order with NaN values skipped.

Integer counts are exact either way, and so are whole-number floats (scores under whole-number
payoffs) while their sums stay below 2^53: those are summed by ``np.bincount`` in any order.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

import numpy as np

_PIECE = 2**16
"""Values checked at a time by :func:`exact_in_any_order` (they stay in the CPU's cache)."""


def sums(keys: np.ndarray, values: np.ndarray, size: int) -> np.ndarray:
    """Sum of ``values`` (rows, or rows x k) per key in ``range(size)``, added in row order.

    Parameters
    ----------
    keys
        Each row's group, an integer in ``range(size)``.
    values
        One value per row, or k values per row.
    size
        Number of groups.

    Returns
    -------
    np.ndarray
        float64 sums, shape (size,) or (size, k); 0 for a group without rows.
    """
    values = np.asarray(values, dtype=np.float64)
    if values.ndim == 1:
        return np.bincount(keys, weights=values, minlength=size)
    columns = [np.bincount(keys, weights=column, minlength=size) for column in values.T]
    return np.stack(columns, axis=1) if columns else np.zeros((size, 0))


def counts(keys: np.ndarray, size: int) -> np.ndarray:
    """Rows per key in ``range(size)``."""
    return np.bincount(keys, minlength=size)


def table_sums(keys: np.ndarray, values: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Sum of ``values`` (rows, or rows x k) per key, as the pandas group-by sums them (see the
    module docstring); and the number of values summed (NaN values are skipped).

    Returns
    -------
    tuple[np.ndarray, np.ndarray]
        float64 sums (0 for a group without values) and int64 counts, each of shape (size,) or
        (size, k).
    """
    values = np.asarray(values, dtype=np.float64)
    column = values.ndim == 1
    values = values[:, None] if column else values
    if exact_in_any_order(values):
        total = sums(keys, values, size)
        observed = np.repeat(counts(keys, size)[:, None], values.shape[1], axis=1)
    elif np.all(keys[1:] >= keys[:-1]) and not np.isnan(values).any():
        total = _reduceat(keys, values, size)
        observed = np.repeat(counts(keys, size)[:, None], values.shape[1], axis=1)
    else:
        total, observed = _compensated_in_step(keys, values, size) or _compensated(keys, values, size)
    return (total[:, 0], observed[:, 0]) if column else (total, observed)


def table_means(keys: np.ndarray, values: np.ndarray, size: int) -> np.ndarray:
    """Mean of ``values`` per key, as the pandas group-by computes it (:func:`table_sums` over the
    number of non-NaN values); NaN for a group without values."""
    total, observed = table_sums(keys, values, size)
    return rate(total, observed)


def stable_order(values: np.ndarray, bound: int) -> np.ndarray:
    """``np.argsort(values, kind="stable")`` of integers in ``range(bound)``: by a radix sort of
    16-bit copies when they fit (several times faster on a million rows; a stable order is
    unique, so it is the same order)."""
    if bound <= 2**16:
        return np.argsort(values.astype(np.uint16), kind="stable")
    return np.argsort(values, kind="stable")


def exact_in_any_order(values: np.ndarray) -> bool:
    """Whether every sum of ``values`` is exact whatever the order: whole numbers (scores under
    whole-number payoffs) whose sums stay below 2^53, and no -0.0 (a group of -0.0 alone sums
    to -0.0 by a reduction, to 0.0 from a zero start). Then the pandas orders, compensated or
    not, give the sums of any order, and one ``np.bincount`` per column is all it takes."""
    largest = 0.0
    flat = values.reshape(-1)
    for start in range(0, flat.size, _PIECE):  # in cache-sized pieces: a fraction stops at once
        piece = flat[start : start + _PIECE]
        if not bool((np.trunc(piece) == piece).all()) or bool((np.signbit(piece) & (piece == 0)).any()):
            return False
        largest = max(largest, float(np.abs(piece).max()))
    return bool(flat.size) and largest * len(values) < 2.0**53


def _reduceat(keys: np.ndarray, values: np.ndarray, size: int) -> np.ndarray:
    """Per group of sorted ``keys``: ``np.add.reduceat`` over its rows."""
    total = np.zeros((size, values.shape[1]))
    if len(keys):
        starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
        total[keys[starts]] = np.add.reduceat(values, starts, axis=0)
    return total


def _compensated_in_step(
    keys: np.ndarray, values: np.ndarray, size: int
) -> tuple[np.ndarray, np.ndarray] | None:
    """:func:`_compensated` when every group with rows has as many and no value is NaN or
    infinite (a full round robin's players, or its pairs): the rows laid out step by step in one
    array, each step four in-place operations over all groups. The same additions in the same
    order, so the same sums to the last bit (0 and no values for a group without rows); None
    when it does not apply or a sum overflowed (then the general loop decides)."""
    rows_per_key = counts(keys, size)
    present = np.flatnonzero(rows_per_key)
    if not len(keys) or rows_per_key[present].min() != rows_per_key[present].max():
        return None
    if not np.isfinite(values).all():
        return None
    steps = int(rows_per_key[present[0]])
    order = stable_order(keys, size)  # the groups with rows, in key order, each in row order
    laid_out = np.ascontiguousarray(values[order].reshape(present.size, steps, -1).transpose(1, 0, 2))
    total = kahan_in_step(laid_out)
    if total is None:
        return None
    sums = np.zeros((size, values.shape[1]))
    sums[present] = total
    observed = np.zeros(sums.shape, dtype=np.int64)
    observed[present] = steps
    return sums, observed


def kahan_in_step(laid_out: Iterable[np.ndarray]) -> np.ndarray | None:
    """Kahan sums of groups of one size, given step by step (an array (step, group, ...) or
    the steps one by one): step ``s`` adds every group's ``s``-th value, four in-place
    operations over all groups. None without steps, or when a sum overflowed (or a value was
    not finite)."""
    steps = iter(laid_out)
    first = next(steps, None)
    if first is None:
        return None
    total = np.zeros(first.shape)
    compensation, y, after = np.zeros_like(total), np.empty_like(total), np.empty_like(total)
    with np.errstate(over="ignore", invalid="ignore"):  # an overflow is reported, below
        for value in itertools.chain([first], steps):
            np.subtract(value, compensation, out=y)
            np.add(total, y, out=after)
            np.subtract(after, total, out=compensation)
            compensation -= y
            total, after = after, total
    return total if np.isfinite(total).all() else None


def _compensated(keys: np.ndarray, values: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Kahan sums in row order within each group, NaN skipped, all groups advanced together:
    step ``s`` adds every group's ``s``-th row."""
    order = stable_order(keys, size)
    ranked = keys[order]
    rows_per_key = counts(keys, size)
    position = np.arange(len(keys)) - (np.cumsum(rows_per_key) - rows_per_key)[ranked]
    by_step = stable_order(position, int(rows_per_key.max(initial=0)))
    rows, labels = order[by_step], ranked[by_step]
    bounds = np.searchsorted(position[by_step], np.arange(rows_per_key.max(initial=0) + 1))
    total = np.zeros((size, values.shape[1]))
    compensation = np.zeros_like(total)
    observed = np.zeros(total.shape, dtype=np.int64)
    for start, end in zip(bounds[:-1], bounds[1:]):
        label, value = labels[start:end], values[rows[start:end]]
        present = ~np.isnan(value)
        before, carried = total[label], compensation[label]
        y = value - carried
        after = before + y
        error = (after - before) - y
        error[np.isnan(error)] = 0.0
        total[label] = np.where(present, after, before)
        compensation[label] = np.where(present, error, carried)
        observed[label] += present
    return total, observed


def rate(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """``numerator / denominator`` as float64, NaN where the denominator is not positive."""
    numerator = np.asarray(numerator, dtype=np.float64)
    denominator = np.asarray(denominator, dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator > 0, numerator / np.where(denominator > 0, denominator, 1), np.nan)
