"""``ipd serve`` starts the classroom app on uvicorn with the options given."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from starlette.applications import Starlette

from tournament.cli.app import main


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_hands_the_app_and_its_socket_to_uvicorn(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import uvicorn

    seen: dict[str, Any] = {}

    def run(server: uvicorn.Server, sockets: list[socket.socket]) -> None:
        seen.update(app=server.config.app, address=sockets[0].getsockname())
        sockets[0].close()

    monkeypatch.setattr(uvicorn.Server, "run", run)
    port = free_port()
    result = CliRunner().invoke(
        main, ["serve", "--host", "127.0.0.1", "--port", str(port), "--data", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert isinstance(seen["app"], Starlette)
    assert seen["address"] == ("127.0.0.1", port)
    assert f"http://127.0.0.1:{port}/" in result.output


def test_a_port_in_use_is_one_error_line(tmp_path: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = CliRunner().invoke(
            main, ["serve", "--host", "127.0.0.1", "--port", str(port), "--data", str(tmp_path)]
        )
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Error: cannot listen on 127.0.0.1:{port}: Address already in use: another program is using it, "
        "choose another --port"
    )


def test_an_address_this_machine_does_not_have_is_one_error_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["serve", "--host", "192.0.2.1", "--port", "8000", "--data", str(tmp_path)]
    )
    assert result.exit_code == 1
    assert (
        result.output.startswith("Error: cannot listen on 192.0.2.1:8000: ")
        and "Traceback" not in result.output
    )


def test_a_bad_port_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["serve", "--port", "0"])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_a_folder_the_classes_files_cannot_go_to_is_one_error_line(tmp_path: Path) -> None:
    (tmp_path / "afile.txt").write_text("a file")
    result = CliRunner().invoke(
        main, ["serve", "--port", str(free_port()), "--data", str(tmp_path / "afile.txt" / "classes")]
    )
    assert result.exit_code == 1
    assert (
        result.output.strip()
        == f"Error: cannot keep the classes' files in {tmp_path / 'afile.txt' / 'classes'}: Not a directory"
    )
