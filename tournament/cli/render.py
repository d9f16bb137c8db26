"""What the commands show, built with rich: tables, panels and lines from results and plain data.

Each ``*_view`` returns the renderables a command prints, in order (see :func:`print_all`);
the progress bar is a context manager. Evolution and fixation views are in
:mod:`tournament.cli.render_evolution`. rich is imported inside the functions, so that
``ipd --help`` does not load it.
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import Console, RenderableType
    from rich.table import Table
    from rich.text import Text

    from tournament.check import StrategyCheck
    from tournament.io.config import RunConfig
    from tournament.io.report.html import ReportFiles
    from tournament.match import MatchResult
    from tournament.round_robin import TournamentResults
    from tournament.stats.summary import Analysis
    from tournament.stats.uncertainty import RankUncertainty

MOVE_STYLES = {"C": "bold black on green3", "D": "bold white on red3"}
SEED_HINT = "The seed was drawn at random: add [bold]--seed {seed}[/] to replay this run."


def console(stderr: bool = False, *, highlight: bool = False) -> Console:
    """A console on stdout (or stderr); without ``highlight`` it shows text as given."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=highlight)


def print_all(out: Console, renderables: Iterable[RenderableType]) -> None:
    """Print each renderable on ``out``, one after the other."""
    for renderable in renderables:
        out.print(renderable)


def left_out(problem: str) -> str:
    """The warning for a submitted file or plugin that could not be loaded."""
    from rich.markup import escape

    return f"[bold yellow]Left out:[/] {escape(problem)}"


def results_line(folder: Path, files: bool = True) -> str:
    """Where the results went (and, with ``files``, which files the folder holds)."""
    from rich.markup import escape

    if not files:
        return f"Results in [bold]{escape(str(folder))}[/]"
    names = ", ".join(sorted(p.name for p in folder.iterdir()))
    return f"Results in [bold]{escape(str(folder))}[/]: {names}"


@contextmanager
def progress_bar(name: str, turns_per_game: float, enabled: bool) -> Iterator[Any]:
    """A rich progress bar on stderr (games, turns per second, time left); yields the callback
    ``update(done, total)``, or None when not ``enabled``."""
    if not enabled:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("games"),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console(stderr=True), transient=True) as bar:
        task = bar.add_task(name, total=None, rate="")
        started = time.perf_counter()

        def update(done: int, total: int) -> None:
            elapsed = max(time.perf_counter() - started, 1e-9)
            bar.update(
                task, completed=done, total=total, rate=f"{done * turns_per_game / elapsed:,.0f} turns/s"
            )

        yield update


@contextmanager
def phase_progress(enabled: bool) -> Iterator[Callable[[str], None] | None]:
    """A transient line on stderr naming the phase under way ("Computing statistics") with a
    spinner and its elapsed time; yields the callback ``phase(name)`` that starts the next
    phase, or None when not ``enabled``."""
    if not enabled:
        yield None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("[bold]{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=console(stderr=True), transient=True) as bar:
        tasks: list[Any] = []

        def phase(name: str) -> None:
            if tasks:
                bar.update(tasks[-1], visible=False)
            tasks.append(bar.add_task(name, total=None))

        yield phase


def leaderboard_view(
    results: TournamentResults,
    config: RunConfig,
    folder: Path,
    analysis: Analysis,
    failures: pd.DataFrame,
) -> list[RenderableType]:
    """The ranked players, the cooperation panel, the settings, what was played, the failures
    of submitted strategies (if any) and where the results went."""
    from rich.text import Text

    from tournament.cli.render_uncertainty import Fitted, spread_table, uncertainty_note
    from tournament.io.report.html import cooperation_panel

    spec = results.spec
    forfeits = forfeits_by_player(results.matches)
    spread = analysis.uncertainty
    table: RenderableType = _leaderboard_table(results, config, forfeits, spread)
    if spread is not None:
        narrow = [
            _leaderboard_table(results, config, forfeits, None),
            spread_table(spread, config.output.names),
        ]
        table = Fitted(table, narrow)
    counts, seconds = results.counts, results.timings["total_seconds"]
    view: list[RenderableType] = [
        table,
        cooperation_panel(analysis),
        Text(_settings_line(config), style="dim"),
        f"Played {counts['matches']:,} matches ({counts['turns_played']:,} turns) in {seconds:.2f} s. "
        "Median/Mean: score per turn over repetitions; Wins: matches won per repetition (median); "
        "Coop: share of C moves; C first: share of matches opened with C.",
        uncertainty_note(analysis.uncertainty, analysis.uncertainty_record()["sentence"]),
    ]
    if config.seed_drawn:
        view.append(SEED_HINT.format(seed=spec.seed))
    if forfeits:
        view.append(FORFEIT_NOTE)
    if not failures.empty:
        view.append(failure_table(failures))
    view.append(results_line(folder))
    return view


def _leaderboard_table(
    results: TournamentResults,
    config: RunConfig,
    forfeits: dict[str, int],
    spread: RankUncertainty | None,
) -> Table:
    """The ranked players, with the bootstrap's columns when ``spread`` is given."""
    from rich.table import Table
    from rich.text import Text

    from tournament.characters import display_name
    from tournament.cli.render_uncertainty import HEADERS, uncertainty_cells

    spec = results.spec
    played = (len(spec.players) - 1) * spec.repetitions
    table = Table(title=Text(spec.name, style="bold"), title_justify="left", header_style="bold")
    table.add_column("#", justify="right")
    table.add_column("Player", no_wrap=True)
    headers = ("Median", "Mean", *(HEADERS if spread is not None else ()), "Wins", "Coop", "C first")
    for header in (*headers, *(["Forfeits"] if forfeits else [])):
        table.add_column(header, justify="right")
    for row in results.players.itertuples():
        lost = forfeits.get(row.name, 0)
        cells = [f"{row.cooperation_rate:.0%}", f"{row.initial_cooperation_rate:.0%}"]
        table.add_row(
            str(row.rank),
            Text(display_name(row.name, config.output.names), style="red" if lost else ""),
            _number(row.median_score),
            _number(row.mean_score),
            *(uncertainty_cells(spread, row.player) if spread is not None else ()),
            f"{row.wins:g}",
            *(_forfeited(cell, lost, played) for cell in cells),
            *([Text(f"{lost}/{played}", style="bold red") if lost else ""] if forfeits else []),
        )
    return table


FORFEIT_NOTE = (
    "[red]Forfeits[/]: matches lost by forfeit (of those played). A forfeiting entry's moves after its "
    "failure were played as C by the sandbox: its Coop and C first (marked †, or - when it forfeited "
    "every match) do not describe its behaviour."
)


def forfeits_by_player(matches: pd.DataFrame) -> dict[str, int]:
    """Matches (self-play left out) each player lost by forfeit, from the matches table;
    players that forfeited none are left out."""
    counts: dict[str, int] = {}
    for side in ("a", "b"):
        lost = matches[matches[f"forfeit_{side}"] & ~matches["self_play"]]
        for name, count in lost[f"name_{side}"].value_counts(sort=False).items():
            counts[str(name)] = counts.get(str(name), 0) + int(count)
    return counts


def _forfeited(cell: str, lost: int, played: int) -> Text:
    """A cooperation figure, marked (or hidden) for a player that forfeited matches."""
    from rich.text import Text

    if not lost:
        return Text(cell)
    return Text("-" if lost >= played else f"{cell}†", style="dim red")


def failure_table(failures: pd.DataFrame) -> Table:
    """The sandbox's verdicts (:func:`~tournament.core.record.failure_summary`): which player
    failed how, in how many matches."""
    from rich.table import Table

    table = Table(title="Strategy failures", title_justify="left", header_style="bold")
    for column in ("Player", "What happened", "Matches", "Forfeits", "First (repetition, opponent)"):
        table.add_column(column, justify="right" if column in ("Matches", "Forfeits") else "left")
    for row in failures.itertuples():
        table.add_row(
            row.player, row.problem, str(row.matches), str(row.forfeits), f"{row.repetition}, {row.opponent}"
        )
    return table


def _settings_line(config: RunConfig) -> str:
    spec = config.spec
    where = f" on {spec.network}" if spec.network is not None else ""
    return (
        f"{len(spec.players)} players{where}, {spec.repetitions} repetition(s), seed {spec.seed}, "
        f"{spec.settings.describe()}"
    )


def _number(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.3f}"


def match_view(
    result: MatchResult, typed: tuple[str, str], seed: int, seed_drawn: bool, noise: float, width: int
) -> list[RenderableType]:
    """Both players' moves as coloured C/D strips with running scores, wrapped to ``width``
    columns, then the totals, the outcome counts and the winner. Players are named as
    ``typed`` where that helps (see :func:`shown_name`)."""
    from rich.table import Table
    from rich.text import Text

    result = dataclasses.replace(
        result,
        player_a=shown_name(typed[0], result.player_a),
        player_b=shown_name(typed[1], result.player_b),
    )
    a, b = result.player_a, result.player_b
    pay_a, pay_b = result.payoffs
    run_a, run_b = pay_a.cumsum(), pay_b.cumsum()
    seed_note = f"seed {seed}" + (" (random)" if seed_drawn else "")
    view: list[RenderableType] = [
        Text.assemble((a, "bold"), "  vs  ", (b, "bold")),
        Text(f"{result.turns} turns, noise {noise:g}, {seed_note}, payoffs {result.game}", style="dim"),
    ]
    label_width = max(len(a), len(b))
    score_width = max(len(f"{v:g}") for v in (run_a[-1], run_b[-1], run_a.min(), run_b.min()))
    chunk = 10 * max(1, (width - label_width - score_width - 4) // 11)
    for start in range(0, result.turns, chunk):
        stop = min(result.turns, start + chunk)
        view.append(Text(f"{'':{label_width}}  turn {start + 1}", style="dim"))
        for label, moves, running in ((a, result.moves_a, run_a), (b, result.moves_b, run_b)):
            line = Text(f"{label:>{label_width}}  ", no_wrap=True, overflow="crop")
            for k in range(start, stop):
                if k > start and (k - start) % 10 == 0:
                    line.append(" ")
                line.append(moves[k], style=MOVE_STYLES[moves[k]])
            line.append(f"  {running[stop - 1]:{score_width}.10g}", style="bold")
            view.append(line)
    table = Table(header_style="bold", title="Final", title_justify="left")
    table.add_column("")
    for header in ("Score", "Per turn", "Cooperations"):
        table.add_column(header, justify="right")
    for label, score, moves in ((a, result.scores[0], result.moves_a), (b, result.scores[1], result.moves_b)):
        cooperations = moves.count("C")
        table.add_row(
            label,
            f"{score:g}",
            f"{score / result.turns:.3f}",
            f"{cooperations} ({cooperations / result.turns:.0%})",
        )
    states = "   ".join(
        f"{state} {count} ({count / result.turns:.0%})" for state, count in result.state_counts.items()
    )
    view += [table, f"States ({a} first): {states}", _verdict(a, b, result.scores)]
    return view


def shown_name(typed: str, label: str) -> str:
    """A capitalised alias as the user typed it, with the strategy's own name (e.g. "Copycat
    (Tit For Tat)"), so a classroom sees the names it knows; short lowercase aliases such as
    "tft" and parameterised names show the strategy's name."""
    typed = typed.strip()
    if typed.islower() or typed.lower() == label.lower() or "(" in typed:
        return label
    return f"{typed} ({label})"


def _verdict(a: str, b: str, scores: tuple[float, float]) -> str:
    score_a, score_b = scores
    if score_a == score_b:
        return "[bold]A draw.[/]"
    winner = a if score_a > score_b else b
    return f"[bold]{winner} wins[/] {max(score_a, score_b):g} to {min(score_a, score_b):g}."


def strategies_view(rows: list[dict[str, Any]]) -> list[RenderableType]:
    """The strategies described by :func:`~tournament.catalogue.describe`, one table row each."""
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
    return [table, Text(f"{len(rows)} strategies. Details: ipd strategies show NAME", style="dim")]


def _parameter_text(param: dict[str, Any]) -> str:
    text = f"{param['name']}={param['default']}"
    return text if len(text) <= 12 else param["name"]


def axelrod_view(rows: list[dict[str, Any]]) -> list[RenderableType]:
    """The axelrod library's strategies of :func:`~tournament.catalogue.axelrod_catalogue`."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(header_style="bold", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("axelrod strategy")
    table.add_column("Use as")
    table.add_column("Built-in twin")
    for row in rows:
        table.add_row(row["name"], row["use_as"], "yes" if row["builtin_twin"] else "")
    note = Text(
        f"{len(rows)} axelrod strategies, played through the histories-only adapter "
        "(the bare name picks the built-in when both have it).",
        style="dim",
    )
    return [table, note]


def strategy_view(info: dict[str, Any], label: str) -> list[RenderableType]:
    """One strategy (``info`` from :func:`~tournament.catalogue.describe`) in a panel titled
    ``label``, then its description."""
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
    return [Panel(grid, title=f"[bold]{label}[/]", title_align="left", subtitle=None), info["description"]]


def report_view(analysis: Analysis, files: ReportFiles) -> list[RenderableType]:
    """The cooperation panel and where the statistics and the report went."""
    from tournament.io.report.html import cooperation_panel

    view: list[RenderableType] = [
        cooperation_panel(analysis),
        f"Statistics: {files.summary} and {files.summary.parent / 'statistics'}/",
    ]
    if files.html is not None:
        view.append(f"Report: {files.html}")
    if files.plots:
        view.append(f"Plots: {len(files.plots)} PNG files in {files.summary.parent / 'plots'}/")
    return view


def sweep_line(done: int, total: int, row: dict[str, Any]) -> str:
    """One point of a sweep: where it is on the grid, its cooperation and its winner."""
    where = f"prob_end {row['prob_end']:g}" if row["prob_end"] is not None else f"{row['turns']} turns"
    return (
        f"[{done}/{total}] {where}, noise {row['noise']:g}{_other_axes(row)}: "
        f"cooperation {row['cooperation_rate']:.1%}, "
        f"winner {row['winner']}"
    )


def _other_axes(row: dict[str, Any]) -> str:
    """The payoffs and seed of a sweep's point, when those axes are swept."""
    return "".join(f", {key} {row[key]}" for key in ("game", "seed") if key in row)


def checks_view(checks: list[StrategyCheck]) -> list[RenderableType]:
    """One row per checked strategy (ok, or what is wrong), then how many have problems."""
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
    bad = sum(not c.ok for c in checks)
    return [
        table,
        f"{len(checks)} checked, {bad} with problems." if bad else f"{len(checks)} checked, all ok.",
    ]


def _duration(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.0f} µs"
    return f"{seconds * 1e3:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"
