"""``ipd serve``: the classroom web app (lessons, class tournaments, human play) on uvicorn."""

from __future__ import annotations

import errno
import os
import socket
import tempfile
from pathlib import Path

import click


def room_host(host: str) -> str:
    """The address students type: this machine's name on the network when serving on all
    interfaces (no packet is sent to find it), else the host as given."""
    if host not in ("0.0.0.0", "::"):
        return host
    try:
        return socket.gethostbyname(socket.gethostname())
    except OSError:
        return "localhost"


@click.command(
    "serve",
    short_help="Start the classroom web app (lessons, class tournaments, human play).",
    epilog="""\b
Examples:
  ipd serve                        # on this machine's network, port 8000
  ipd serve --host 127.0.0.1       # this computer only
  ipd serve --port 9000 --data classes/
""",
)
@click.option(
    "--host", default="0.0.0.0", show_default=True, help="Address to listen on (0.0.0.0: the whole network)."
)
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on."
)
@click.option(
    "--data",
    default=Path("results/classroom"),
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the classes' submissions and results.",
)
@click.option(
    "--reveal-seconds",
    default=12.0,
    show_default=True,
    type=click.FloatRange(0, 600),
    help="How long the projector takes to reveal a class tournament match by match.",
)
def serve_command(host: str, port: int, data: Path, reveal_seconds: float) -> None:
    """Start the classroom: open the printed address on the projector; students join with the
    class code on their phones (same network, no internet needed)."""
    import uvicorn

    from tournament.web.app import create_app

    keeping(data)
    listener = listening(host, port)
    app = create_app(data, reveal_seconds=reveal_seconds)
    click.echo(f"Classroom at http://{room_host(host)}:{port}/  (Ctrl-C to stop; classes' files in {data}/)")
    uvicorn.Server(uvicorn.Config(app, log_level="warning")).run(sockets=[listener])


def keeping(data: Path) -> None:
    """Make the classes' folder and write a file there, so that a folder the classes' files
    cannot go to is one error line at the start, not a failure when a teacher opens a class."""
    try:
        data.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=data):
            pass
    except OSError as error:
        reason = os.strerror(error.errno) if error.errno else str(error)
        raise click.ClickException(f"cannot keep the classes' files in {data}: {reason}") from None


def listening(host: str, port: int) -> socket.socket:
    """A socket listening on ``host``:``port``, bound here so that a port in use or an address
    this machine does not have is one error line before anything is announced."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # "::" answers IPv4 too, as it does when uvicorn binds it
    both = family == socket.AF_INET6 and socket.has_dualstack_ipv6()
    try:
        return socket.create_server((host, port), family=family, dualstack_ipv6=both)
    except OSError as error:
        hint = (
            ": another program is using it, choose another --port" if error.errno == errno.EADDRINUSE else ""
        )
        reason = os.strerror(error.errno) if error.errno else str(error)  # without Python's addition
        raise click.ClickException(f"cannot listen on {host}:{port}: {reason}{hint}") from None
