"""``ipd evolve`` and ``ipd fixation``: click commands for the main CLI to register.

Register them with ``main.add_command(evolve)`` and ``main.add_command(fixation)``. Thin
like the rest of the CLI: parse the options, call :mod:`tournament.evolution`, render with
rich. Heavy modules are imported inside the commands.
"""

from __future__ import annotations

import json
import secrets
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from tournament.cli.errors import check_one_length, user_errors

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from tournament.evolution.fixation import FixationRow
    from tournament.evolution.run import EvolutionResult
    from tournament.io.evolution_config import EvolutionConfig

SEED_RANGE = click.IntRange(0, 2**64 - 1)
PROBABILITY = click.FloatRange(0, 1)
COLOURS = (
    "green",
    "red",
    "cyan",
    "yellow",
    "magenta",
    "blue",
    "bright_green",
    "bright_red",
    "bright_cyan",
    "white",
)
BAR_WIDTH = 40


def match_options(command: Any) -> Any:
    """The match and output options ``ipd run`` has, for both commands."""
    options = [
        click.option(
            "--turns", "-t", type=click.IntRange(min=1), help="Turns per match (replaces prob_end)."
        ),
        click.option("--prob-end", type=PROBABILITY, help="Chance each turn is the last (replaces turns)."),
        click.option("--noise", "-n", type=PROBABILITY, help="Chance each move is flipped."),
        click.option("--game", metavar="R,S,T,P", help='Payoffs, e.g. "3,0,5,1".'),
        click.option(
            "--seed", "-s", type=SEED_RANGE, help="Seed of every random draw (random if not given)."
        ),
        click.option(
            "--out", "-o", type=click.Path(path_type=Path), help="Write the results into exactly this folder."
        ),
        click.option("--quiet", "-q", is_flag=True, help="Print only the results folder."),
        click.option("--json", "as_json", is_flag=True, help="Print a JSON summary for scripts."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@click.command(
    short_help="Evolve a population: Moran, ecological, replicator or eliminate dynamics.",
    epilog="""\b
Examples:
  ipd evolve configs/trust_evolution.toml          # The Evolution of Trust's classroom rule
  ipd evolve configs/trust_evolution_noisy.toml    # the same with 5% mistakes
  ipd evolve configs/moran_tft_alld.toml --seed 3
  ipd evolve configs/ecological_1984.toml --generations 500
  ipd evolve --population "Tit For Tat:5,Defector:5" --dynamics moran --mutation 0.01 -g 2000
  ipd evolve --population "tft:8,alld:8" --graph lattice --mode db --intensity 0.1
""",
)
@click.argument("config", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dynamics", "-d", type=click.Choice(["moran", "ecological", "replicator", "eliminate"]))
@click.option("--generations", "-g", type=click.IntRange(min=0), help="Generations (Moran: until fixation).")
@click.option(
    "--population", "-p", metavar="LIST", help='Strategies and counts, e.g. "Tit For Tat:5,Defector:5".'
)
@click.option(
    "--mutation", "-m", type=PROBABILITY, help="Chance an offspring is another type (moran, replicator)."
)
@click.option("--mode", type=click.Choice(["bd", "db"]), help="Moran: birth-death or death-birth.")
@click.option("--intensity", "-w", type=PROBABILITY, help="Moran: fitness 1 - w + w * payoff.")
@click.option(
    "--self-interaction/--no-self-interaction", default=None, help="Moran: also play a clone of oneself."
)
@click.option("--graph", metavar="NAME", help="Moran: complete, cycle, lattice or lattice:RxC.")
@click.option(
    "--eliminate", "-k", type=click.IntRange(min=1), help="Eliminate: how many to remove and clone."
)
@click.option(
    "--repetitions",
    "-r",
    type=click.IntRange(min=1),
    help="Ecological, replicator: payoff matrix repetitions.",
)
@match_options
def evolve(
    config: Path | None,
    dynamics: str | None,
    generations: int | None,
    population: str | None,
    mutation: float | None,
    mode: str | None,
    intensity: float | None,
    self_interaction: bool | None,
    graph: str | None,
    eliminate: int | None,
    repetitions: int | None,
    turns: int | None,
    prob_end: float | None,
    noise: float | None,
    game: str | None,
    seed: int | None,
    out: Path | None,
    quiet: bool,
    as_json: bool,
) -> None:
    """Evolve the population of CONFIG (a TOML file with an [evolution] section) and save it.

    Options override the config; without CONFIG give --population. Shows the population
    of each generation as coloured bars, then the final table. Results go to
    results/<config name>-<timestamp>/ unless --out is given.
    """
    from tournament.evolution.run import run_evolution, write_evolution
    from tournament.io.evolution_config import load_evolution_config
    from tournament.io.storage import new_run_folder

    overrides = {
        "dynamics": dynamics,
        "generations": generations,
        "population": population,
        "mutation": mutation,
        "mode": mode,
        "intensity": intensity,
        "self_interaction": self_interaction,
        "graph": graph,
        "eliminate": eliminate,
        "repetitions": repetitions,
        "turns": turns,
        "prob_end": prob_end,
        "noise": noise,
        "game": game,
        "seed": seed,
        "out": out,
    }
    with user_errors():
        check_one_length(turns, prob_end)
        evolution = load_evolution_config(config, overrides)
        folder = evolution.run.output.run_folder or new_run_folder(
            evolution.run.output.folder, evolution.run.slug
        )
        started = time.perf_counter()
        with _live_view(evolution, enabled=not (quiet or as_json)) as progress:
            result = run_evolution(evolution, progress)
    try:
        write_evolution(
            result, folder, command=["ipd", *sys.argv[1:]], wall_seconds=time.perf_counter() - started
        )
    except OSError as error:
        raise click.ClickException(f"cannot write the results to {folder}: {error}") from None
    if as_json:
        click.echo(json.dumps(evolution_summary(result, folder), indent=2, default=_plain))
    elif quiet:
        click.echo(str(folder))
    else:
        _render_evolution(_console(), result, folder)


def evolution_summary(result: EvolutionResult, folder: Path) -> dict[str, Any]:
    """What ``ipd evolve --json`` prints: settings, outcome and the first and last generations."""
    from tournament.evolution.run import manifest

    info = manifest(result)
    info.pop("created")
    info.pop("command")
    info["folder"] = str(folder)
    first = result.population[result.population["generation"] == result.population["generation"].min()]
    info["initial"] = _rows(first)
    info["final"] = _rows(result.final)
    return info


def _rows(frame: Any) -> list[dict[str, Any]]:
    out = []
    for row in frame.itertuples():
        count = None if row.count != row.count else int(row.count)
        out.append({"strategy": str(row.strategy), "count": count, "share": float(row.share)})
    return out


@contextmanager
def _live_view(config: EvolutionConfig, enabled: bool) -> Iterator[Any]:
    """A rich live view on stderr: the shares of the current generation as coloured bars."""
    if not enabled or config.dynamics not in ("moran", "eliminate"):
        yield None
        return
    import numpy as np
    from rich.live import Live

    names = config.population.names
    initial = np.asarray(config.population.counts)
    with Live(
        _bars(names, initial, 0, config), console=_console(stderr=True), transient=True, refresh_per_second=10
    ) as live:
        last = [0.0]

        def update(generation: int, counts: Any) -> None:
            now = time.perf_counter()
            if now - last[0] >= 0.05:
                last[0] = now
                live.update(_bars(names, counts, generation, config))

        yield update


def _bars(names: list[str], counts: Any, generation: int, config: EvolutionConfig) -> RenderableType:
    from rich.table import Table
    from rich.text import Text

    total = max(float(sum(counts)), 1e-300)
    table = Table.grid(padding=(0, 1))
    table.title = Text(f"{config.name}: {config.dynamics}, generation {generation}", style="bold")
    table.title_justify = "left"
    width = max(len(n) for n in names)
    for k, (name, count) in enumerate(zip(names, counts)):
        share = float(count) / total
        cells = round(share * BAR_WIDTH)
        bar = Text("█" * cells, style=COLOURS[k % len(COLOURS)]) + Text(
            "·" * (BAR_WIDTH - cells), style="dim"
        )
        table.add_row(
            Text(name.ljust(width)), bar, Text(_count_text(count), justify="right"), f"{share:6.1%}"
        )
    return table


def _count_text(count: Any) -> str:
    value = float(count)
    return f"{int(value)}" if value.is_integer() and value >= 1 else ""


def _render_evolution(console: Console, result: EvolutionResult, folder: Path) -> None:
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    from tournament.evolution.run import outcome_sentences, settings_line

    config = result.config
    population = result.population
    first = population[population["generation"] == population["generation"].min()]
    last = result.final
    table = Table(title=Text(config.name, style="bold"), title_justify="left", header_style="bold")
    table.add_column("Strategy", no_wrap=True)
    table.add_column("Start", justify="right")
    table.add_column("End", justify="right")
    table.add_column("Share", justify="right")
    table.add_column("")
    for k, (start, end) in enumerate(zip(first.itertuples(), last.itertuples())):
        cells = round(end.share * BAR_WIDTH / 2)
        counted = end.count == end.count
        table.add_row(
            Text(str(end.strategy)),
            f"{int(start.count)}" if counted else f"{start.share:.1%}",
            f"{int(end.count)}" if counted else f"{end.share:.1%}",
            f"{end.share:.1%}",
            Text("█" * cells, style=COLOURS[k % len(COLOURS)]),
        )
    console.print(table)
    console.print(Text(settings_line(config), style="dim"))
    for sentence in outcome_sentences(result):
        console.print(Text(sentence))
    if config.run.seed_drawn:
        console.print(f"The seed was drawn at random: add [bold]--seed {config.seed}[/] to replay this run.")
    files = ", ".join(sorted(p.name for p in folder.iterdir()))
    console.print(f"Results in [bold]{escape(str(folder))}[/]: {files}")


@click.command(
    short_help="Fixation probabilities of two strategies: Moran estimates and the exact formula.",
    epilog="""\b
Examples:
  ipd fixation "Tit For Tat" Defector --size 10 --runs 2000
  ipd fixation tft alld --size 20 --runs 5000 --intensity 0.1 --self-interaction
  ipd fixation Cooperator Defector -N 10 -R 1000 --noise 0.05 --json
""",
)
@click.argument("a")
@click.argument("b")
@click.option(
    "--size", "-N", type=click.IntRange(min=2), default=10, show_default=True, help="Population size."
)
@click.option(
    "--runs",
    "-R",
    type=click.IntRange(min=1),
    default=1000,
    show_default=True,
    help="Moran runs per invasion.",
)
@click.option(
    "--start", type=click.IntRange(min=1), default=1, show_default=True, help="Mutants at the start."
)
@click.option(
    "--mode",
    type=click.Choice(["bd", "db"]),
    default="bd",
    show_default=True,
    help="Birth-death or death-birth.",
)
@click.option("--intensity", "-w", type=PROBABILITY, help="Fitness 1 - w + w * payoff (default: the payoff).")
@click.option("--self-interaction/--no-self-interaction", default=False, show_default=True)
@click.option(
    "--average/--sum", default=False, show_default=True, help="Mean or sum of payoffs over partners."
)
@click.option(
    "--workers", type=click.IntRange(min=1), default=1, show_default=True, help="Processes to run in."
)
@match_options
def fixation(
    a: str,
    b: str,
    size: int,
    runs: int,
    start: int,
    mode: str,
    intensity: float | None,
    self_interaction: bool,
    average: bool,
    workers: int,
    turns: int | None,
    prob_end: float | None,
    noise: float | None,
    game: str | None,
    seed: int | None,
    out: Path | None,
    quiet: bool,
    as_json: bool,
) -> None:
    """Estimate the fixation probability of A invading B and of B invading A.

    Runs --runs Moran processes from --start mutants among --size individuals (all at
    once), gives the estimate with its 95% Wilson interval and, on the complete graph,
    the exact value of Nowak, Sasaki, Taylor & Fudenberg (2004) from the match payoffs.
    """
    from tournament.evolution.fixation import fixation_analysis
    from tournament.evolution.moran import MoranSettings
    from tournament.io.config import writable_problem
    from tournament.io.storage import new_run_folder
    from tournament.settings import Game, MatchSettings

    with user_errors():
        check_one_length(turns, prob_end)
        if start >= size:
            raise click.UsageError(f"--start must be below --size ({size}), got {start}")
        if out is not None and (problem := writable_problem(out, run_folder=True)):
            raise click.UsageError(f"--out: {problem}")
        settings = MatchSettings(
            turns=turns if turns is not None or prob_end is not None else 200,
            prob_end=prob_end,
            noise=noise or 0.0,
            game=Game.from_values(game) if game else Game(),
        )
        moran = MoranSettings(
            mode=mode, intensity=intensity, self_interaction=self_interaction, average=average
        )
        seed_drawn = seed is None
        seed = secrets.randbelow(2**32) if seed is None else seed
        started = time.perf_counter()
        rows, table = fixation_analysis(
            a, b, size, runs, settings, moran, start=start, seed=seed, workers=workers
        )
    seconds = time.perf_counter() - started
    summary = fixation_summary(
        rows, table, settings, moran, seed=seed, seed_drawn=seed_drawn, seconds=seconds
    )
    folder = out or new_run_folder(
        Path("results"), f"fixation-{_slug(rows[0].mutant)}-{_slug(rows[0].resident)}"
    )
    try:
        _write_fixation(summary, folder, command=["ipd", *sys.argv[1:]])
    except OSError as error:
        raise click.ClickException(f"cannot write the results to {folder}: {error}") from None
    summary["folder"] = str(folder)
    if as_json:
        click.echo(json.dumps(summary, indent=2, default=_plain))
    elif quiet:
        click.echo(str(folder))
    else:
        _render_fixation(_console(), rows, table, summary, folder)


def fixation_summary(
    rows: list[FixationRow],
    table: Any,
    settings: Any,
    moran: Any,
    *,
    seed: int,
    seed_drawn: bool,
    seconds: float,
) -> dict[str, Any]:
    """What ``ipd fixation --json`` prints."""
    names = [rows[0].mutant, rows[0].resident]
    return {
        "kind": "fixation",
        "seed": seed,
        "seed_drawn": seed_drawn,
        "settings": {
            "turns": settings.turns,
            "prob_end": settings.prob_end,
            "noise": settings.noise,
            "game": {k: getattr(settings.game, k) for k in "RSTP"},
            "mode": moran.mode,
            "intensity": moran.intensity,
            "self_interaction": moran.self_interaction,
            "average": moran.average,
        },
        "payoffs_per_turn": {x: dict(zip(names, map(float, row))) for x, row in zip(names, table)},
        "invasions": [
            {
                "mutant": row.mutant,
                "resident": row.resident,
                "start": row.start,
                "size": row.size,
                "runs": row.estimate.runs,
                "fixations": row.estimate.successes,
                "estimate": row.estimate.probability,
                "ci95": list(row.estimate.interval),
                "exact": row.exact,
                "exact_is_approximate": row.exact_is_approximate,
                "neutral": row.neutral,
                "mean_generations": row.estimate.mean_generations,
            }
            for row in rows
        ],
        "seconds": seconds,
    }


def _write_fixation(summary: dict[str, Any], folder: Path, command: list[str]) -> None:
    import pandas as pd

    from tournament.io.storage import atomic_write

    folder.mkdir(parents=True, exist_ok=True)
    frame = pd.DataFrame(summary["invasions"]).assign(
        ci95_low=lambda f: [c[0] for c in f["ci95"]], ci95_high=lambda f: [c[1] for c in f["ci95"]]
    )
    atomic_write(folder / "fixation.csv", lambda path: frame.drop(columns="ci95").to_csv(path, index=False))
    text = json.dumps({**summary, "command": command}, indent=2, default=_plain) + "\n"
    atomic_write(folder / "manifest.json", lambda path: path.write_text(text))


def _render_fixation(
    console: Console, rows: list[FixationRow], table: Any, summary: dict[str, Any], folder: Path
) -> None:
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    out = Table(title=Text("Fixation probabilities", style="bold"), title_justify="left", header_style="bold")
    longest = max(len(word) for row in rows for word in f"{row.mutant} {row.resident}".split())
    out.add_column("Mutant", min_width=longest)
    out.add_column("Resident", min_width=longest)
    for header in ("Start", "Estimate", "95% CI", "Exact", "Gens"):
        out.add_column(header, justify="right", no_wrap=True)
    for row in rows:
        low, high = row.estimate.interval
        exact = "-" if row.exact is None else f"{row.exact:.4f}" + ("*" if row.exact_is_approximate else "")
        out.add_row(
            Text(row.mutant),
            Text(row.resident),
            f"{row.start}/{row.size}",
            f"{row.estimate.probability:.4f}",
            f"{low:.3f}-{high:.3f}",
            exact,
            f"{row.estimate.mean_generations:.1f}",
        )
    console.print(out)
    names = [rows[0].mutant, rows[0].resident]
    payoffs = ", ".join(
        f"{x} vs {y}: {table[i][j]:.4f}" for i, x in enumerate(names) for j, y in enumerate(names)
    )
    console.print(Text(f"Payoff per turn: {payoffs}", style="dim"))
    neutral = ", ".join(f"{row.start}/{row.size} = {row.neutral:.3f}" for row in rows[:1])
    console.print(
        Text(f"Neutral drift would fix with probability {neutral}; Gens: mean generations.", style="dim")
    )
    console.print(
        f"{rows[0].estimate.runs:,} runs per invasion in {summary['seconds']:.2f} s, seed {summary['seed']}. "
        "Exact: Nowak, Sasaki, Taylor & Fudenberg (2004) on the complete graph"
        + (
            "; * from mean payoffs of stochastic matches, an approximation."
            if rows[0].exact_is_approximate
            else "."
        )
    )
    if summary["seed_drawn"]:
        console.print(
            f"The seed was drawn at random: add [bold]--seed {summary['seed']}[/] to replay this run."
        )
    console.print(f"Results in [bold]{escape(str(folder))}[/]")


def _slug(text: str) -> str:
    import re

    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-.") or "strategy"


def _plain(value: Any) -> Any:
    return value.item() if hasattr(value, "item") else str(value)


def _console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)
