"""Shared fixtures: the axelrod library as a test oracle (imported once, lazily)."""

from __future__ import annotations

import pytest

from tests import oracle


@pytest.fixture(scope="session")
def axl():
    """The axelrod module (slow to import, so only when a test needs it)."""
    return oracle.axelrod()
