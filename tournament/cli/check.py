"""``ipd check``: validate submitted strategies and print one table for the whole class."""

from __future__ import annotations

import json
from pathlib import Path

import click


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
@click.option(
    "--turns", "-t", type=click.IntRange(min=1), default=60, show_default=True, help="Turns per test match."
)
@click.option(
    "--move-seconds",
    type=click.FloatRange(min=0, min_open=True),
    default=0.5,
    show_default=True,
    help="Time limit per move.",
)
@click.option(
    "--memory-mb",
    type=click.IntRange(min=16),
    default=256,
    show_default=True,
    help="Memory limit per worker.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
def check_command(path: Path, turns: int, move_seconds: float, memory_mb: int, as_json: bool) -> None:
    """Check the strategies of PATH (a .py/.toml file or a folder of them).

    Each file is loaded in isolation (in the sandbox) and each strategy plays Cooperator,
    Defector, Tit For Tat, Random and itself; the table says ok, or exactly what is wrong.
    Exits with status 1 when something is wrong.
    """
    from strategies.user.sandbox.parent import SandboxLimits
    from tournament.check import check_path
    from tournament.errors import StrategyError

    limits = SandboxLimits(
        move_seconds=move_seconds, memory_mb=memory_mb, match_seconds=max(10.0, turns * move_seconds)
    )
    try:
        checks = check_path(path, limits=limits, turns=turns)
    except StrategyError as error:
        raise click.ClickException(str(error)) from None
    if as_json:
        click.echo(json.dumps([c.as_dict() for c in checks], indent=2))
    else:
        _render(checks)
    if not all(c.ok for c in checks):
        raise SystemExit(1)


def _render(checks: list) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(header_style="bold", title_justify="left")
    table.add_column("File", no_wrap=True)
    table.add_column("Strategy")
    table.add_column("Status", no_wrap=True)
    table.add_column("Per move", justify="right", no_wrap=True)
    table.add_column("Problems")
    for check in checks:
        per_move = "-" if check.seconds_per_move is None else _duration(check.seconds_per_move)
        status = Text("ok", style="bold green") if check.ok else Text("FAIL", style="bold red")
        table.add_row(check.file, check.strategy, status, per_move, "\n".join(check.problems))
    console = Console(highlight=False)
    console.print(table)
    bad = sum(not c.ok for c in checks)
    console.print(
        f"{len(checks)} checked, {bad} with problems." if bad else f"{len(checks)} checked, all ok."
    )


def _duration(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.0f} µs"
    return f"{seconds * 1e3:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"
