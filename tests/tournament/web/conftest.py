"""A classroom app per test, with its classes' files in a temporary folder, and bot students."""

from __future__ import annotations

import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[3]
SUBMISSIONS = ROOT / "configs" / "submissions"


@pytest.fixture
def client(tmp_path: Path) -> Iterator[Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # starlette's notice that its test client will move off httpx
        from starlette.testclient import TestClient
    from tournament.web.app import create_app

    with TestClient(create_app(tmp_path / "classes", reveal_seconds=0.0, frame_seconds=0.0)) as test_client:
        yield test_client


class Bot:
    """A student played by a script through the API (oTree's bots)."""

    def __init__(self, client: Any, code: str, name: str) -> None:
        self.client, self.code = client, code
        joined = client.post(f"/api/classes/{code}/students", json={"name": name})
        assert joined.status_code == 200, joined.text
        self.id, self.token = joined.json()["id"], joined.json()["token"]
        self.base = f"/api/classes/{code}/students/{self.id}"

    def post(self, path: str, body: dict[str, Any]) -> Any:
        return self.client.post(self.base + path, json=body, headers={"X-Token": self.token})

    def state(self) -> dict[str, Any]:
        return self.client.get(self.base, headers={"X-Token": self.token}).json()

    def submit(self, **body: Any) -> dict[str, Any]:
        """Submit and wait for the check's verdict."""
        answer = self.post("/submission", body)
        assert answer.status_code == 200, answer.text
        return wait(lambda: (s := self.state()["submission"])["status"] != "checking" and s)


def wait(condition: Any, seconds: float = 60.0) -> Any:
    """Poll ``condition`` until it returns something true."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("timed out")


def open_class(client: Any, name: str = "Test class") -> tuple[str, str]:
    made = client.post("/api/classes", json={"name": name}).json()
    return made["code"], made["token"]
