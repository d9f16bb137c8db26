"""``ipd check``: validate submitted strategies and print one table for the whole class."""

from __future__ import annotations

import json
from pathlib import Path

import click

from tournament.cli import render
from tournament.cli.options import json_option, setting_option
from tournament.settings import MATCH, SANDBOX


@click.command(
    "check",
    short_help="Check submitted strategy files before a tournament.",
    epilog="""\b
Examples:
  ipd check configs/submissions/
  ipd check my_strategy.py --move-seconds 0.1
  ipd check configs/submissions --json > checks.json
""",
)
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@setting_option(MATCH["turns"], "Turns per test match.", default=60, show_default=True)
@setting_option(SANDBOX["move_seconds"], "Time limit per move.", default=0.5, show_default=True)
@setting_option(SANDBOX["memory_mb"], "Memory limit per worker.", default=256, show_default=True)
@json_option("Print JSON for scripts.")
def check_command(path: Path, turns: int, move_seconds: float, memory_mb: int, as_json: bool) -> None:
    """Check the strategies of PATH (a .py/.toml file or a folder of them).

    Each file is loaded in isolation (in the sandbox) and each strategy plays Cooperator,
    Defector, Tit For Tat, Random and itself; the table says ok, or exactly what is wrong.
    Exits with status 1 when something is wrong.
    """
    from strategies.user.sandbox.parent import SandboxLimits
    from tournament.check import check_path

    limits = SandboxLimits(
        move_seconds=move_seconds, memory_mb=memory_mb, match_seconds=max(10.0, turns * move_seconds)
    )
    checks = check_path(path, limits=limits, turns=turns)
    if as_json:
        click.echo(json.dumps([c.as_dict() for c in checks], indent=2))
    else:
        render.print_all(render.console(), render.checks_view(checks))
    if not all(c.ok for c in checks):
        raise SystemExit(1)
