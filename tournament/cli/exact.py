"""``ipd exact``: expected payoffs of memory-one and finite-state players, from the Markov chain."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from tournament.cli import render
from tournament.cli.options import json_option, match_settings, out_option, overrides

MAX_COLUMNS = 8
"""Wider exact tables show each player's mean instead of the whole matrix."""


@click.command(
    "exact",
    short_help="Exact expected payoffs of memory-one and finite-state players (no sampling).",
    epilog="""\b
Examples:
  ipd exact "Tit For Tat" "Win-Stay Lose-Shift" --noise 0.05
  ipd exact tft alld --prob-end 0.04 --discount 0.9 --json
  ipd exact tft wsls grudger gtft --noise 0.01 --out results/exact
  ipd exact configs/axelrod_1980.toml --noise 0.05   # the config's players and match settings
""",
)
@click.argument("players", nargs=-1, required=True)
@match_settings(
    {"turns": "Number of turns (200 unless --prob-end).", "prob_end": "Chance each turn is the last."}
)
@click.option(
    "--discount",
    type=click.FloatRange(0, 1, min_open=True),
    default=1.0,
    show_default=True,
    help="Weight d^t of turn t in the totals and means.",
)
@out_option("Also write the exact tables (CSV) into this folder.")
@json_option()
def exact_command(
    players: tuple[str, ...], discount: float, out: Path | None, as_json: bool, **options: Any
) -> None:
    """Expected payoffs, cooperation and states of PLAYERS from the Markov chain of their rules.

    Two strategies A B: their match (expected total and mean payoff per turn, share of CC, CD,
    DC, DD, expected length). Several strategies, or a tournament config: the exact payoff
    matrix of every pair (mean payoff per turn, what a tournament's payoff matrix estimates).
    Match options override a config's. Works for memory-one strategies and finite-state
    machines (others are left out of a table, with a note).
    """
    from tournament.analysis.exact import exact_match, exact_tables
    from tournament.io.config import load_config
    from tournament.io.exact_storage import exact_frames, match_summary, write_exact
    from tournament.spec import TournamentSpec

    given = overrides(options)
    if len(players) == 1 and players[0].endswith(".toml"):
        spec = load_config(players[0], given).spec
    elif len(players) >= 2:
        spec = TournamentSpec.build(list(players), **given)
    else:
        raise click.UsageError("give two strategies (A B), more, or a tournament config (.toml)")
    settings = spec.settings
    names = [p.label for p in spec.players]
    if len(spec.players) == 2 and len(players) == 2:
        if out is not None and discount != 1.0:
            raise click.UsageError("--out writes the tables' undiscounted means: give --discount or --out")
        match = exact_match(spec.players[0], spec.players[1], settings, discount)
        if out is not None:
            write_exact(exact_frames(names, exact_tables(spec.players, settings)), out)
        if as_json:
            click.echo(json.dumps({**match_summary(match), "settings": settings.record()}, indent=2))
        else:
            render.print_all(render.console(), exact_match_view(match, settings, out))
        return
    if discount != 1.0:
        raise click.UsageError("--discount applies to a pair (A B); a table holds undiscounted means")
    tables = exact_tables(spec.players, settings)
    frames = exact_frames(names, tables)
    if out is not None:
        write_exact(frames, out)
    if as_json:
        matrix = frames["exact_payoff_matrix.csv"]
        table = json.loads(matrix.to_json(orient="index"))
        click.echo(json.dumps({"settings": settings.record(), "payoff_matrix": table}, indent=2))
    else:
        render.print_all(render.console(), exact_table_view(frames, settings, out))


def exact_match_view(match: Any, settings: Any, out: Path | None = None) -> list[Any]:
    """The expected figures of one match as a rich table, a settings line and where files went."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text("Exact expected match", style="bold"), title_justify="left", header_style="bold")
    for header in ("Player", "Total", "Per turn", "Cooperation"):
        table.add_column(header, justify="left" if header == "Player" else "right")
    for k, name in enumerate(match.names):
        table.add_row(
            Text(name), f"{match.total[k]:.6f}", f"{match.per_turn[k]:.6f}", f"{match.cooperation[k]:.4%}"
        )
    states = ", ".join(f"{s} {p:.4%}" for s, p in zip(("CC", "CD", "DC", "DD"), match.states))
    discount = f", discount {match.discount:g}" if match.discount != 1 else ""
    view = [
        table,
        Text(f"States (first player's side): {states}", style="dim"),
        Text(
            f"{settings.describe()}{discount}; expected length {match.expected_turns:.6g} turns.", style="dim"
        ),
    ]
    return view if out is None else [*view, render.results_line(out)]


def exact_table_view(frames: dict[str, Any], settings: Any, out: Path | None) -> list[Any]:
    """The exact payoff matrix as a rich table, with what was left out and where files went."""
    from rich.table import Table
    from rich.text import Text

    matrix = frames["exact_payoff_matrix.csv"]
    wide = len(matrix.columns) > MAX_COLUMNS
    title = "Exact payoff per turn" + (
        ": mean over the analysed opponents" if wide else " (row against column)"
    )
    table = Table(title=Text(title, style="bold"), title_justify="left")
    table.add_column("Player", no_wrap=True)
    for k in range(1 if wide else len(matrix.columns)):
        table.add_column("Mean" if wide else str(k + 1), justify="right")
    for k, (name, row) in enumerate(matrix.iterrows()):
        values = [row.mean()] if wide else row
        table.add_row(f"{k + 1}. {name}", *("-" if v != v else f"{v:.3f}" for v in values))
    view: list[Any] = [table, Text(settings.describe(), style="dim")]
    missing = [str(n) for n, row in matrix.iterrows() if row.isna().all()]
    if missing:
        view.append(Text(f"Not memory-one or a machine (left out): {', '.join(missing)}.", style="yellow"))
    if out is not None:
        view.append(render.results_line(out))
    return view
