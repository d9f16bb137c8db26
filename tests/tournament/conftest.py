"""Fixtures of the round robin's tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def threaded(monkeypatch: pytest.MonkeyPatch) -> list[list[object]]:
    """The compiled player on, and each list of chunks the round robin hands to threads
    (``_Arena._in_threads``), recorded as it is played."""
    from tournament import round_robin

    monkeypatch.setenv("IPD_COMPILED", "1")
    handed: list[list[object]] = []
    in_threads = round_robin._Arena._in_threads
    monkeypatch.setattr(
        round_robin._Arena,
        "_in_threads",
        lambda arena, tasks: handed.append(tasks) or in_threads(arena, tasks),
    )
    return handed
