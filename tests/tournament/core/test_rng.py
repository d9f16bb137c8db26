"""The counter-based generator: a pure, well-spread function of its coordinates."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tournament.core import rng


def test_vector_and_scalar_hashes_agree():
    xs = np.array([0, 1, 2**63, 2**64 - 1], dtype=np.uint64)
    assert [int(v) for v in rng.mix(xs)] == [rng.mix_int(int(x)) for x in xs]


def test_uniform_is_pure_and_in_unit_interval():
    keys = rng.combine(5, np.arange(1000, dtype=np.uint64))
    a = rng.uniform(keys, 3, 1)
    assert np.array_equal(a, rng.uniform(keys, 3, 1))
    assert a.min() >= 0 and a.max() < 1
    assert not np.array_equal(a, rng.uniform(keys, 4, 1))
    assert not np.array_equal(a, rng.uniform(keys, 3, 2))


def test_uniform_moments_and_independence_across_turns():
    keys = rng.combine(11, np.arange(200_000, dtype=np.uint64))
    u = rng.uniform(keys, 0)
    v = rng.uniform(keys, 1)
    n = u.size
    assert abs(u.mean() - 0.5) / math.sqrt(1 / 12 / n) < 4
    assert abs(np.corrcoef(u, v)[0, 1]) * math.sqrt(n) < 4
    counts = np.histogram(u, bins=20, range=(0, 1))[0]
    chi2 = ((counts - n / 20) ** 2 / (n / 20)).sum()
    assert chi2 < 50  # 19 degrees of freedom: P(chi2 > 50) < 1e-4


def test_identity_is_stable_text_hash():
    assert rng.identity("Tit For Tat#0") == rng.identity("Tit For Tat#0")
    assert rng.identity("Tit For Tat#0") != rng.identity("Tit For Tat#1")


@pytest.mark.parametrize("size", [1, 300, rng.SMALL, rng.SMALL + 1])
def test_a_stream_draws_what_uniform_draws_in_any_order_of_turns(size):
    """Small streams draw AHEAD turns at once; the numbers are the same, whatever turns are
    asked for, in whatever order, for each draw index."""
    keys = rng.combine(11, np.arange(size, dtype=np.uint64))
    stream = rng.Stream(keys)
    turns = [0, 1, rng.AHEAD - 1, rng.AHEAD, 3, 5 * rng.AHEAD + 2, 2, 10_000]
    for turn in turns:
        for draw in (0, 1, rng.NOISE_DRAW):
            assert np.array_equal(stream.uniform(turn, draw), rng.uniform(keys, turn, draw))
            limit = rng.threshold(0.3)
            expected = (rng.uniform(keys, turn, draw) * 2.0**53).astype(np.uint64) < limit
            assert np.array_equal(stream.below(turn, draw, limit), expected)


@pytest.mark.parametrize(
    "parts",
    [
        (7,),
        (0, 2**64 - 1, 12),
        (2024, 0x5041594F, 3),
        (5, np.arange(4, dtype=np.uint64), 9),
        (np.uint64(5), 6),
        (2**64 - 1, np.arange(3, dtype=np.uint64)[:, None], np.arange(2, dtype=np.uint64)[None, :]),
    ],
)
def test_combine_hashes_whole_numbers_as_it_hashes_arrays(parts):
    """Leading whole numbers are hashed as Python ints: the same keys as one-element arrays."""
    expected = np.zeros(1, dtype=np.uint64)
    for part in parts:
        expected = rng.mix(expected ^ np.asarray(part, dtype=np.uint64))
    combined = rng.combine(*parts)
    assert combined.dtype == np.uint64 and combined.shape == expected.shape
    np.testing.assert_array_equal(combined, expected)
