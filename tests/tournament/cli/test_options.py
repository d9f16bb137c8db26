"""The shared options' checks."""

from __future__ import annotations

import click
import pytest

from tournament.cli.options import DRAWN_SEEDS, check_one_length, seed_or_drawn


def test_only_one_length():
    check_one_length(10, None)
    check_one_length(None, 0.1)
    with pytest.raises(click.UsageError, match="give only one of --turns and --prob-end"):
        check_one_length(10, 0.1)


def test_a_seed_is_given_or_drawn():
    assert seed_or_drawn(7) == (7, False)
    seed, drawn = seed_or_drawn(None)
    assert drawn and 0 <= seed < DRAWN_SEEDS
