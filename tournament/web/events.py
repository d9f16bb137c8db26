"""A class's event log, followed by the projector as server-sent events.

Worker threads append events (the roster changed, the tournament progressed, a generation
evolved); each open page streams the events it has not seen yet. Appending is thread-safe and
never blocks on a slow reader: the log is a list, and each stream keeps its own position.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import AsyncIterator, Callable
from typing import Any

KEEPALIVE_SECONDS = 15.0
POLL_SECONDS = 0.1


class EventLog:
    """An append-only list of ``(kind, data)`` events with a lock."""

    def __init__(self) -> None:
        self._events: list[tuple[str, Any]] = []
        self._lock = threading.Lock()

    def emit(self, kind: str, data: Any) -> None:
        """Append one event (from any thread)."""
        with self._lock:
            self._events.append((kind, data))

    def since(self, start: int) -> list[tuple[str, Any]]:
        """The events from position ``start`` on."""
        with self._lock:
            return self._events[start:]

    def __len__(self) -> int:
        with self._lock:
            return len(self._events)


async def stream(
    log: EventLog, start: int, disconnected: Callable[[], Any], *, once: bool = False
) -> AsyncIterator[str]:
    """Server-sent events for ``log`` from position ``start``: one ``event:``/``data:`` block per
    event, a comment every few seconds to keep proxies from closing the stream; ends when the
    client goes away (or, with ``once``, when it has caught up: for tests)."""
    position, idle = start, 0.0
    while True:
        events = log.since(position)
        for kind, data in events:
            position += 1
            yield f"id: {position}\nevent: {kind}\ndata: {json.dumps(data, allow_nan=False)}\n\n"
        if once and not events:
            return
        if events:
            idle = 0.0
        elif idle >= KEEPALIVE_SECONDS:
            idle = 0.0
            yield ": keep-alive\n\n"
        if await disconnected():
            return
        await asyncio.sleep(POLL_SECONDS)
        idle += POLL_SECONDS
