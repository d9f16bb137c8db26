"""``ipd strategies`` and ``ipd strategies show``: browse the strategy catalogue."""

from __future__ import annotations

import json

import click

from tournament.cli import render
from tournament.cli.options import json_option


@click.group(
    "strategies",
    invoke_without_command=True,
    short_help="List the strategies, or show one.",
    epilog="""\b
Examples:
  ipd strategies                       # every strategy
  ipd strategies --deterministic --memory-depth 1
  ipd strategies --search grudge
  ipd strategies --json > strategies.json
  ipd strategies show "Tit For Tat"
""",
)
@click.option("--stochastic/--deterministic", default=None, help="Only stochastic / deterministic ones.")
@click.option(
    "--memory-depth", type=click.IntRange(min=0), metavar="N", help="Only those looking back at most N turns."
)
@click.option("--search", metavar="TEXT", help="Only those whose name, aliases or description contain TEXT.")
@click.option(
    "--source",
    type=click.Choice(["all", "builtin", "plugins", "axelrod"]),
    default="all",
    show_default=True,
    help="Built-ins and plugins, one of them, or the axelrod library's names (usable as axelrod:NAME).",
)
@json_option("Print JSON for scripts.")
@click.pass_context
def strategies_command(
    ctx: click.Context,
    stochastic: bool | None,
    memory_depth: int | None,
    search: str | None,
    source: str,
    as_json: bool,
) -> None:
    """List the registered strategies, or show one with `ipd strategies show NAME`."""
    if ctx.invoked_subcommand is not None:
        return
    from tournament.catalogue import axelrod_catalogue, catalogue

    if source == "axelrod":
        rows = axelrod_catalogue(search)
        view = render.axelrod_view
    else:
        rows = catalogue(stochastic=stochastic, memory_depth=memory_depth, search=search, source=source)
        view = render.strategies_view
    if as_json:
        click.echo(json.dumps(rows, indent=2))
    else:
        render.print_all(render.console(), view(rows))


@strategies_command.command(
    "show",
    epilog="""\b
Examples:
  ipd strategies show tft
  ipd strategies show Copykitten
  ipd strategies show "Random(p=0.3)"
""",
)
@click.argument("name")
@json_option("Print JSON for scripts.")
def show_command(name: str, as_json: bool) -> None:
    """Show one strategy (NAME may be an alias and carry parameters)."""
    from strategies.registry import create
    from tournament.catalogue import describe

    player = create(name)
    info = describe(player)
    if as_json:
        click.echo(json.dumps(info, indent=2))
    else:
        render.print_all(render.console(), render.strategy_view(info, player.label))
