"""``ipd serve`` starts the classroom app on uvicorn with the options given."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from starlette.applications import Starlette

from tournament.cli.app import main


def test_serve_hands_the_app_to_uvicorn(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import uvicorn

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    result = CliRunner().invoke(
        main, ["serve", "--host", "127.0.0.1", "--port", "8123", "--data", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert isinstance(seen["app"], Starlette)
    assert (seen["host"], seen["port"]) == ("127.0.0.1", 8123)
    assert "http://127.0.0.1:8123/" in result.output


def test_a_bad_port_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["serve", "--port", "0"])
    assert result.exit_code == 2 and "Traceback" not in result.output
