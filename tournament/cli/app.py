"""The ``ipd`` command line: the group, its version option and its commands.

Each command lives in its own module and only parses its options, calls the library and
renders the result (:mod:`tournament.cli.render`). This is the one place where errors are
mapped: a :class:`~tournament.errors.UserError` from anywhere in a command becomes one
``Error: ...`` line and exit status 1 (click's usage errors keep status 2); anything else
is a bug and keeps its traceback. Heavy modules load inside the commands, so that
``ipd --help`` stays quick.
"""

from __future__ import annotations

from typing import Any

import click

from tournament import __version__
from tournament.cli.check import check_command
from tournament.cli.evolve import evolve_command
from tournament.cli.exact import exact_command
from tournament.cli.fingerprint import fingerprint_command
from tournament.cli.fixation import fixation_command
from tournament.cli.learn import learn_command
from tournament.cli.match import match_command
from tournament.cli.options import CONTEXT
from tournament.cli.play import play_command
from tournament.cli.report import report_command
from tournament.cli.run import run_command
from tournament.cli.serve import serve_command
from tournament.cli.strategies import strategies_command
from tournament.cli.sweep import sweep_command
from tournament.errors import UserError

COMMANDS = (
    run_command,
    strategies_command,
    match_command,
    evolve_command,
    fixation_command,
    exact_command,
    fingerprint_command,
    report_command,
    sweep_command,
    check_command,
    learn_command,
    play_command,
    serve_command,
)


class UserErrorGroup(click.Group):
    """A command group that shows the library's user errors as click errors (one line, exit 1)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UserError as error:
            raise click.ClickException(str(error)) from None


@click.group(
    cls=UserErrorGroup,
    commands=COMMANDS,
    context_settings=CONTEXT,
    epilog="""\b
Examples:
  ipd run configs/axelrod_1980.toml
  ipd run --players "Tit For Tat,Grudger,Random(p=0.3)" --turns 100
  ipd strategies --search tit
  ipd match Copycat "Always Cheat" --turns 10
  ipd evolve configs/trust_evolution.toml
  ipd fixation "Tit For Tat" Defector --size 10 --runs 1000
  ipd report results/axelrod_1980-<timestamp>
  ipd sweep configs/demo.toml --prob-end 0.5,0.2,0.1,0.05,0.01
""",
)
@click.version_option(__version__, "-V", "--version", prog_name="ipd", message="%(prog)s %(version)s")
def main() -> None:
    """Iterated prisoner's dilemma tournaments: run them, browse strategies, watch a match."""


def run() -> None:
    """The ``ipd`` console script: run the command, then leave without Python's teardown.

    A command that returned (or exited through click) has written and closed its files; what
    is left is the interpreter freeing every module and object one by one, about 0.1 s with
    pandas loaded and more with large tables in memory. So once no other thread is running,
    the exit handlers are run (weakref finalizers, temporary folders, dask and multiprocessing
    clean-ups), the output is flushed and the process ends with the command's status. Errors
    other than an exit keep their traceback and the normal teardown.
    """
    try:
        main()
        code: object = 0
    except SystemExit as stop:
        code = stop.code
    _quick_exit(code)


def _quick_exit(code: object) -> None:
    """End with ``code`` (an exit status, None or a message, as :class:`SystemExit` takes)."""
    import atexit
    import contextlib
    import os
    import sys
    import threading

    others = [t for t in threading.enumerate() if t is not threading.main_thread() and not t.daemon]
    if others:  # the normal exit waits for them
        sys.exit(code)
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing more can be said
            stream.flush()
    os._exit(code or 0)
