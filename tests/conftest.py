"""Shared fixtures: the axelrod library as a test oracle (imported once, lazily).

Property tests draw their examples from a fixed seed by default, so a run (and CI) is
reproducible; ``HYPOTHESIS_PROFILE=explore pytest`` searches with fresh random examples.

Tests play through the numpy engine unless they ask for the compiled player (its own tests, and
``IPD_COMPILED=1`` where a test checks both): otherwise which player a test used would depend
on whether an earlier test of the run had loaded it. ``IPD_COMPILED=1 pytest`` plays every
batch that can be compiled through it.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

from tests import oracle

settings.register_profile("ci", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
os.environ.setdefault("IPD_COMPILED", "0")


@pytest.fixture(scope="session")
def axl():
    """The axelrod module (slow to import, so only when a test needs it)."""
    return oracle.axelrod()
