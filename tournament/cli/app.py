"""The ``ipd`` command line: run tournaments, browse the strategies, show a match.

Thin by design: each command parses its options, calls the library (``config``,
``round_robin``, ``storage``, ``match``, the registry) and renders the result with rich.
Heavy modules are imported inside the commands so that ``ipd --help`` stays quick.
"""

from __future__ import annotations

import dataclasses
import json
import math
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from tournament import __version__
from tournament.cli.errors import check_one_length, user_errors

if TYPE_CHECKING:
    from rich.console import Console

    from strategies.base import Strategy
    from tournament.io.config import RunConfig
    from tournament.match import MatchResult
    from tournament.round_robin import TournamentResults
    from tournament.stats.summary import Analysis

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
SEED_RANGE = click.IntRange(0, 2**64 - 1)
PROBABILITY = click.FloatRange(0, 1)


@click.group(
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


@main.command(
    short_help="Run a round-robin tournament and save its results.",
    epilog="""\b
Examples:
  ipd run                                   # the default tournament (8 classic players)
  ipd run configs/axelrod_1980.toml         # Axelrod's first tournament
  ipd run configs/noisy.toml --noise 0.1 --seed 7
  ipd run --players "tft,Grudger,Random(p=0.3)" --prob-end 0.01 --repetitions 10
  ipd run configs/demo.toml --json | jq '.players[0].name'
""",
)
@click.argument("config", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--players",
    "-p",
    metavar="LIST",
    help='Comma-separated strategies (names, aliases, parameters), or "all".',
)
@click.option("--turns", "-t", type=click.IntRange(min=1), help="Turns per match (replaces prob_end).")
@click.option("--prob-end", type=PROBABILITY, help="Chance each turn is the last (replaces turns).")
@click.option("--noise", "-n", type=PROBABILITY, help="Chance each move is flipped.")
@click.option("--repetitions", "-r", type=click.IntRange(min=1), help="Times each pair meets.")
@click.option("--seed", "-s", type=SEED_RANGE, help="Seed of every random draw (random if not given).")
@click.option("--game", metavar="R,S,T,P", help='Payoffs, e.g. "3,0,5,1".')
@click.option(
    "--out", "-o", type=click.Path(path_type=Path), help="Write the results into exactly this folder."
)
@click.option(
    "--interactions/--no-interactions", default=None, help="Also store every move (interactions.parquet)."
)
@click.option(
    "--workers", "-w", type=click.IntRange(min=1), default=1, show_default=True, help="Processes to play in."
)
@click.option(
    "--dask",
    "dask_address",
    metavar="ADDRESS",
    help='Play on a dask.distributed cluster: its scheduler (e.g. tcp://10.0.0.5:8786), or "local" '
    "for a local cluster of --workers processes. Same results as on one machine.",
)
@click.option(
    "--report/--no-report",
    default=True,
    show_default=True,
    help="Also draw the plots and report.html (summary.json and statistics/ are always written).",
)
@click.option(
    "--strategies",
    "submissions",
    metavar="DIR",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Also play the submitted strategies of DIR (.py and .toml files), sandboxed.",
)
@click.option(
    "--trusted/--sandboxed",
    default=None,
    help="Run submitted files in this process (faster, no protection) or in the sandbox (default).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print only the results folder.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary for scripts.")
def run(
    config: Path | None,
    players: str | None,
    turns: int | None,
    prob_end: float | None,
    noise: float | None,
    repetitions: int | None,
    seed: int | None,
    game: str | None,
    out: Path | None,
    interactions: bool | None,
    workers: int,
    dask_address: str | None,
    report: bool,
    submissions: Path | None,
    trusted: bool | None,
    quiet: bool,
    as_json: bool,
) -> None:
    """Run a round-robin tournament from CONFIG (a TOML file) and save its results.

    Options override the config. Without CONFIG and --players it runs the default
    tournament. Results go to results/<config name>-<timestamp>/ unless --out is given.
    """
    from tournament.io.config import load_config
    from tournament.io.report.html import write_report
    from tournament.io.storage import new_run_folder, write_run
    from tournament.round_robin import run_tournament
    from tournament.stats.summary import analyse_results

    overrides = {
        "players": players,
        "turns": turns,
        "prob_end": prob_end,
        "noise": noise,
        "repetitions": repetitions,
        "seed": seed,
        "game": game,
        "interactions": interactions,
        "out": out,
        "submissions": submissions,
        "trusted": trusted,
    }
    with user_errors():
        check_one_length(turns, prob_end)
        run_config = load_config(config, overrides)
    console = _console()
    if not as_json:
        for problem in run_config.problems:
            _console(stderr=True).print(f"[bold yellow]Left out:[/] {escape_markup(problem)}")
    folder = run_config.output.run_folder or new_run_folder(run_config.output.folder, run_config.slug)
    started = time.perf_counter()
    show_progress = not (quiet or as_json)
    with (
        _dask_cluster(dask_address, workers) as threads,
        _progress_bar(run_config, show_progress) as progress,
    ):
        results = run_tournament(
            run_config.spec,
            interactions=run_config.output.interactions,
            workers=threads or workers,
            max_cells=_batch_cells(run_config),
            progress=progress,
            backend="dask" if dask_address else "loky",
        )
    analysis = analyse_results(results)
    try:
        write_run(
            results,
            run_config,
            folder,
            command=["ipd", *sys.argv[1:]],
            wall_seconds=time.perf_counter() - started,
            extras=lambda staging: write_report(staging, analysis, plots=report),
        )
    except OSError as error:
        raise click.ClickException(f"cannot write the results to {folder}: {error}") from None
    if as_json:
        click.echo(json.dumps(_run_summary(results, run_config, folder, analysis), indent=2, allow_nan=False))
    elif quiet:
        click.echo(str(folder))
    else:
        _render_leaderboard(console, results, run_config, folder, analysis)


@contextmanager
def _dask_cluster(address: str | None, workers: int) -> Iterator[int | None]:
    """Connect to the dask scheduler at ``address`` (or start a local cluster for "local");
    yield its number of worker threads, or None without ``address``."""
    if address is None:
        yield None
        return
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise click.ClickException(
            "--dask needs dask.distributed: pip install 'ipd-tournament[dask]'"
        ) from None
    if address == "local":
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None)
        with cluster, Client(cluster) as client:
            yield sum(client.nthreads().values())
        return
    try:
        client = Client(address, timeout="10s")
    except (OSError, TimeoutError, ValueError) as error:
        raise click.ClickException(f"cannot reach the dask scheduler at {address}: {error}") from None
    with client:
        yield sum(client.nthreads().values())


def _batch_cells(config: RunConfig) -> int:
    """Batch size giving the progress bar ~20 steps on big runs, without tiny batches."""
    from tournament.core.plan import DEFAULT_BATCH_CELLS

    spec = config.spec
    n = len(spec.players)
    total = n * (n + 1) * spec.repetitions * _turns_per_game(config)
    return int(min(DEFAULT_BATCH_CELLS, max(2**20, total // 20)))


def _turns_per_game(config: RunConfig) -> float:
    settings = config.spec.settings
    return settings.turns if settings.turns is not None else 1 / settings.prob_end


@contextmanager
def _progress_bar(config: RunConfig, enabled: bool) -> Iterator[Any]:
    """A rich progress bar on stderr (games, turns per second, time left); yields the callback."""
    if not enabled:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    turns_per_game = _turns_per_game(config)
    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("games"),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=_console(stderr=True), transient=True) as bar:
        task = bar.add_task(config.spec.name, total=None, rate="")
        started = time.perf_counter()

        def update(done: int, total: int) -> None:
            elapsed = max(time.perf_counter() - started, 1e-9)
            bar.update(
                task, completed=done, total=total, rate=f"{done * turns_per_game / elapsed:,.0f} turns/s"
            )

        yield update


def _run_summary(
    results: TournamentResults, config: RunConfig, folder: Path, analysis: Analysis
) -> dict[str, Any]:
    from tournament.core.record import failure_summary
    from tournament.io.storage import settings_record
    from tournament.stats.summary import summary_dict

    spec = results.spec
    players = results.players.astype(object).where(results.players.notna(), None)
    return {
        "name": spec.name,
        "seed": spec.seed,
        "seed_drawn": config.seed_drawn,
        "folder": str(folder),
        "settings": settings_record(spec),
        "counts": results.counts,
        "timings": results.timings,
        "players": [{k: _plain(v) for k, v in row.items()} for row in players.to_dict(orient="records")],
        "summary": summary_dict(analysis),
        "left_out": list(config.problems),
        "failures": failure_summary(results.matches).to_dict(orient="records"),
    }


def _plain(value: Any) -> Any:
    return value.item() if hasattr(value, "item") else value


def _render_leaderboard(
    console: Console, results: TournamentResults, config: RunConfig, folder: Path, analysis: Analysis
) -> None:
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    from tournament.io.report.html import cooperation_panel

    spec = results.spec
    table = Table(title=Text(spec.name, style="bold"), title_justify="left", header_style="bold")
    table.add_column("#", justify="right")
    table.add_column("Player", no_wrap=True)
    table.add_column("Median", justify="right")
    table.add_column("Mean", justify="right")
    table.add_column("Wins", justify="right")
    table.add_column("Coop", justify="right")
    table.add_column("C first", justify="right")
    for row in results.players.itertuples():
        table.add_row(
            str(row.rank),
            Text(row.name),
            _number(row.median_score),
            _number(row.mean_score),
            f"{row.wins:g}",
            f"{row.cooperation_rate:.0%}",
            f"{row.initial_cooperation_rate:.0%}",
        )
    console.print(table)
    console.print(cooperation_panel(analysis))
    console.print(Text(_settings_line(config), style="dim"))
    counts, seconds = results.counts, results.timings["total_seconds"]
    console.print(
        f"Played {counts['matches']:,} matches ({counts['turns_played']:,} turns) in {seconds:.2f} s. "
        "Median/Mean: score per turn over repetitions; Wins: matches won per repetition (median); "
        "Coop: share of C moves; C first: share of matches opened with C."
    )
    if config.seed_drawn:
        console.print(f"The seed was drawn at random: add [bold]--seed {spec.seed}[/] to replay this run.")
    render_failures(console, results.matches)
    files = ", ".join(sorted(p.name for p in folder.iterdir()))
    console.print(f"Results in [bold]{escape(str(folder))}[/]: {files}")


def escape_markup(text: str) -> str:
    """Text shown as is by rich (no [markup])."""
    from rich.markup import escape

    return escape(text)


def render_failures(console: Console, matches: Any) -> None:
    """The sandbox's verdicts: which player failed how, in how many matches (none: nothing)."""
    from rich.table import Table

    from tournament.core.record import failure_summary

    summary = failure_summary(matches)
    if summary.empty:
        return
    table = Table(title="Strategy failures", title_justify="left", header_style="bold")
    for column in ("Player", "What happened", "Matches", "Forfeits", "First (repetition, opponent)"):
        table.add_column(column, justify="right" if column in ("Matches", "Forfeits") else "left")
    for row in summary.itertuples():
        table.add_row(
            row.player, row.problem, str(row.matches), str(row.forfeits), f"{row.repetition}, {row.opponent}"
        )
    console.print(table)


def _settings_line(config: RunConfig) -> str:
    spec, settings = config.spec, config.spec.settings
    length = f"{settings.turns} turns" if settings.turns is not None else f"prob_end {settings.prob_end:g}"
    return (
        f"{len(spec.players)} players, {length}, {spec.repetitions} repetition(s), noise {settings.noise:g}, "
        f"seed {spec.seed}, payoffs {settings.game}"
    )


def _number(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.3f}"


@main.group(
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
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
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
    from strategies.registry import BUILTIN_MODULES, strategy_classes
    from strategies.user import plugins

    if source == "axelrod":
        _list_axelrod(search, as_json)
        return
    from_plugins = {cls for report in plugins.load_plugins() for cls in report.classes}
    rows = []
    for cls in strategy_classes():
        if source == "plugins" and cls not in from_plugins:
            continue
        if source == "builtin" and cls.__module__ not in BUILTIN_MODULES:
            continue
        info = describe(cls())
        depth = info["classification"]["memory_depth"]
        if stochastic is not None and info["classification"]["stochastic"] != stochastic:
            continue
        if memory_depth is not None and (depth is None or depth > memory_depth):
            continue
        if (
            search
            and search.casefold() not in " ".join([cls.name, *cls.aliases, info["description"]]).casefold()
        ):
            continue
        rows.append(info)
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    _render_strategies(_console(), rows)


def _list_axelrod(search: str | None, as_json: bool) -> None:
    """The axelrod library's strategy names (from the shipped list: no import of axelrod)."""
    from strategies.axelrod.adapter import PREFIX, axelrod_names
    from strategies.registry import has_builtin

    rows = [
        {
            "name": name,
            "use_as": f"{PREFIX}{name}" if has_builtin(name) else name,
            "builtin_twin": has_builtin(name),
        }
        for name in axelrod_names()
        if not search or search.casefold() in name.casefold()
    ]
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    from rich import box
    from rich.table import Table

    table = Table(header_style="bold", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("axelrod strategy")
    table.add_column("Use as")
    table.add_column("Built-in twin")
    for row in rows:
        table.add_row(row["name"], row["use_as"], "yes" if row["builtin_twin"] else "")
    console = _console()
    console.print(table)
    console.print(
        f"{len(rows)} axelrod strategies, played through the histories-only adapter "
        "(the bare name picks the built-in when both have it).",
        style="dim",
    )


def describe(player: Strategy) -> dict[str, Any]:
    """A strategy as plain data: name, aliases, description, parameters, classification."""
    classifier = player.classify()
    depth = classifier.memory_depth
    return {
        "name": player.name,
        "aliases": list(player.aliases),
        "description": player.description(),
        "parameters": [
            {
                "name": p.name,
                "default": _json_value(p.default),
                "value": _json_value(getattr(player, p.name)),
                "doc": p.doc,
            }
            for p in player.params
        ],
        "classification": {
            "memory_depth": None if math.isinf(depth) else int(depth),
            "stochastic": classifier.stochastic,
            "makes_use_of": sorted(classifier.makes_use_of),
        },
        "reference": player.reference,
        "axelrod_name": player.axelrod_name,
    }


def _json_value(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _render_strategies(console: Console, rows: list[dict[str, Any]]) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(header_style="bold", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Name (aliases)", min_width=30)
    table.add_column("Memory", justify="right", no_wrap=True)
    table.add_column("Random", no_wrap=True)
    table.add_column("Uses")
    table.add_column("Parameters", min_width=12)
    for info in rows:
        c = info["classification"]
        name = Text(info["name"], style="bold")
        if info["aliases"]:
            name.append(f" ({', '.join(info['aliases'])})", style="dim")
        table.add_row(
            name,
            "∞" if c["memory_depth"] is None else str(c["memory_depth"]),
            "yes" if c["stochastic"] else "",
            ", ".join(c["makes_use_of"]),
            ", ".join(_parameter_text(p) for p in info["parameters"]),
        )
    console.print(table)
    console.print(f"{len(rows)} strategies. Details: ipd strategies show NAME", style="dim")


def _parameter_text(param: dict[str, Any]) -> str:
    text = f"{param['name']}={param['default']}"
    return text if len(text) <= 12 else param["name"]


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
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
def show(name: str, as_json: bool) -> None:
    """Show one strategy (NAME may be an alias and carry parameters)."""
    from strategies.registry import create

    with user_errors():
        player = create(name)
    info = describe(player)
    if as_json:
        click.echo(json.dumps(info, indent=2))
        return
    from rich.panel import Panel
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    grid.add_row("Aliases", ", ".join(info["aliases"]) or "-")
    c = info["classification"]
    grid.add_row("Memory depth", "unbounded" if c["memory_depth"] is None else str(c["memory_depth"]))
    grid.add_row("Stochastic", "yes" if c["stochastic"] else "no")
    grid.add_row("Uses", ", ".join(c["makes_use_of"]) or "only the moves")
    for p in info["parameters"]:
        grid.add_row(f"Parameter {p['name']}", f"{p['value']} (default {p['default']}) {p['doc']}")
    grid.add_row("Reference", info["reference"] or "-")
    grid.add_row("Axelrod twin", info["axelrod_name"] or "-")
    console = _console()
    console.print(Panel(grid, title=f"[bold]{player.label}[/]", title_align="left", subtitle=None))
    console.print(info["description"])


@main.command(
    epilog="""\b
Examples:
  ipd match "Tit For Tat" Defector --turns 20
  ipd match Copycat Copykitten --turns 10 --game 2,-1,3,0 --noise 0.05 --seed 3
  ipd match "Random(p=0.8)" Grudger --prob-end 0.1
""",
)
@click.argument("a")
@click.argument("b")
@click.option("--turns", "-t", type=click.IntRange(min=1), help="Number of turns (200 unless --prob-end).")
@click.option("--prob-end", type=PROBABILITY, help="Chance each turn is the last.")
@click.option("--noise", "-n", type=PROBABILITY, default=0.0, help="Chance each move is flipped.")
@click.option("--seed", "-s", type=SEED_RANGE, help="Seed of every random draw (random if not given).")
@click.option("--game", metavar="R,S,T,P", help='Payoffs, e.g. "2,-1,3,0".')
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
def match(
    a: str,
    b: str,
    turns: int | None,
    prob_end: float | None,
    noise: float,
    seed: int | None,
    game: str | None,
    as_json: bool,
) -> None:
    """Play one match between strategies A and B and show every move."""
    import secrets

    from tournament.match import play_match
    from tournament.settings import Game

    seed_drawn = seed is None
    if seed is None:
        seed = secrets.randbelow(2**32)
    with user_errors():
        check_one_length(turns, prob_end)
        payoffs = Game.from_values(game) if game else Game()
        result = play_match(a, b, turns=turns, prob_end=prob_end, noise=noise, game=payoffs, seed=seed)
    if as_json:
        click.echo(json.dumps(_match_summary(result, seed, noise), indent=2))
        return
    shown = dataclasses.replace(
        result, player_a=_as_typed(a, result.player_a), player_b=_as_typed(b, result.player_b)
    )
    _render_match(_console(), shown, seed, seed_drawn, noise)


def _as_typed(typed: str, label: str) -> str:
    """A capitalised alias as the user typed it, with the strategy's own name (e.g. "Copycat
    (Tit For Tat)"), so a classroom sees the names it knows; short lowercase aliases such as
    "tft" and parameterised names show the strategy's name."""
    typed = typed.strip()
    if typed.islower() or typed.lower() == label.lower() or "(" in typed:
        return label
    return f"{typed} ({label})"


def _match_summary(result: MatchResult, seed: int, noise: float) -> dict[str, Any]:
    return {
        "player_a": result.player_a,
        "player_b": result.player_b,
        "turns": result.turns,
        "noise": noise,
        "seed": seed,
        "game": {k: getattr(result.game, k) for k in "RSTP"},
        "moves_a": result.moves_a,
        "moves_b": result.moves_b,
        "scores": list(result.scores),
        "state_counts": result.state_counts,
    }


MOVE_STYLES = {"C": "bold black on green3", "D": "bold white on red3"}


def _render_match(console: Console, result: MatchResult, seed: int, seed_drawn: bool, noise: float) -> None:
    from rich.table import Table
    from rich.text import Text

    a, b = result.player_a, result.player_b
    pay_a, pay_b = result.payoffs
    run_a, run_b = pay_a.cumsum(), pay_b.cumsum()
    seed_note = f"seed {seed}" + (" (random)" if seed_drawn else "")
    console.print(Text.assemble((a, "bold"), "  vs  ", (b, "bold")))
    console.print(
        Text(f"{result.turns} turns, noise {noise:g}, {seed_note}, payoffs {result.game}", style="dim")
    )
    label_width = max(len(a), len(b))
    score_width = max(len(f"{v:g}") for v in (run_a[-1], run_b[-1], run_a.min(), run_b.min()))
    groups = max(1, (console.width - label_width - score_width - 4) // 11)
    chunk = 10 * groups
    for start in range(0, result.turns, chunk):
        stop = min(result.turns, start + chunk)
        console.print(Text(f"{'':{label_width}}  turn {start + 1}", style="dim"))
        for label, moves, running in ((a, result.moves_a, run_a), (b, result.moves_b, run_b)):
            line = Text(f"{label:>{label_width}}  ")
            for k in range(start, stop):
                if k > start and (k - start) % 10 == 0:
                    line.append(" ")
                line.append(moves[k], style=MOVE_STYLES[moves[k]])
            line.append(f"  {running[stop - 1]:{score_width}.10g}", style="bold")
            console.print(line, no_wrap=True, overflow="crop")
    score_a, score_b = result.scores
    counts = result.state_counts
    table = Table(header_style="bold", title="Final", title_justify="left")
    table.add_column("")
    table.add_column("Score", justify="right")
    table.add_column("Per turn", justify="right")
    table.add_column("Cooperations", justify="right")
    coop_a, coop_b = result.moves_a.count("C"), result.moves_b.count("C")
    table.add_row(
        a, f"{score_a:g}", f"{score_a / result.turns:.3f}", f"{coop_a} ({coop_a / result.turns:.0%})"
    )
    table.add_row(
        b, f"{score_b:g}", f"{score_b / result.turns:.3f}", f"{coop_b} ({coop_b / result.turns:.0%})"
    )
    console.print(table)
    states = "   ".join(f"{state} {count} ({count / result.turns:.0%})" for state, count in counts.items())
    console.print(f"States ({a} first): {states}")
    if score_a == score_b:
        console.print("[bold]A draw.[/]")
    else:
        console.print(
            f"[bold]{a if score_a > score_b else b} wins[/] {max(score_a, score_b):g} to {min(score_a, score_b):g}."
        )


def _console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def _register_commands() -> None:
    """Add the commands that live in their own modules (evolution, report, sweep)."""
    from tournament.cli.check import check_command
    from tournament.cli.evolve import evolve, fixation
    from tournament.cli.report import report_command, sweep_command

    for command in (evolve, fixation, report_command, sweep_command, check_command):
        main.add_command(command)


_register_commands()
