"""``ipd fixation``: fixation probabilities of two strategies, estimated and exact."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import click

from tournament.cli import render
from tournament.cli.options import match_options, overrides, seed_or_drawn, setting_option, workers_option
from tournament.evolution.settings import EVOLUTION


@click.command(
    "fixation",
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
@setting_option(EVOLUTION["mode"], "Birth-death or death-birth (default: bd).")
@setting_option(EVOLUTION["intensity"], "Fitness 1 - w + w * payoff (default: the payoff).")
@setting_option(EVOLUTION["self_interaction"], "Also play a clone of oneself (default: no).")
@click.option(
    "--average/--sum", default=False, show_default=True, help="Mean or sum of payoffs over partners."
)
@workers_option("Processes to run in.", short=False)
@match_options
def fixation_command(
    a: str,
    b: str,
    size: int,
    runs: int,
    start: int,
    average: bool,
    workers: int,
    seed: int | None,
    out: Path | None,
    quiet: bool,
    as_json: bool,
    **options: Any,
) -> None:
    """Estimate the fixation probability of A invading B and of B invading A.

    Runs --runs Moran processes from --start mutants among --size individuals (all at
    once), gives the estimate with its 95% Wilson interval and, on the complete graph,
    the exact value of Nowak, Sasaki, Taylor & Fudenberg (2004) from the match payoffs.
    """
    from tournament.cli.render_evolution import fixation_view
    from tournament.evolution.fixation import fixation_analysis
    from tournament.evolution.moran import MoranSettings
    from tournament.io.config import writable_problem
    from tournament.io.evolution_storage import fixation_slug, fixation_summary, to_json, write_fixation
    from tournament.io.folders import write_new
    from tournament.settings import MATCH, PAYOFFS, MatchSettings

    given = overrides(options, (*MATCH.settings, PAYOFFS, *EVOLUTION.settings))
    if start >= size:
        raise click.UsageError(f"--start must be below --size ({size}), got {start}")
    if out is not None and (problem := writable_problem(out, run_folder=True)):
        raise click.UsageError(f"--out: {problem}")
    settings = MatchSettings.build(**{k: v for k, v in given.items() if k in (*MATCH.keys, "game")})
    moran = MoranSettings(**{k: v for k, v in given.items() if k in EVOLUTION.keys}, average=average)
    seed, seed_drawn = seed_or_drawn(seed)
    started = time.perf_counter()
    rows, table = fixation_analysis(
        a, b, size, runs, settings, moran, start=start, seed=seed, workers=workers
    )
    seconds = time.perf_counter() - started
    summary = fixation_summary(
        rows, table, settings, moran, seed=seed, seed_drawn=seed_drawn, seconds=seconds
    )
    command = ["ipd", *sys.argv[1:]]
    slug = fixation_slug(rows[0].mutant, rows[0].resident)
    folder = write_new(
        Path("results"), slug, out, lambda place: write_fixation(summary, place, command=command)
    )
    summary["folder"] = str(folder)
    if as_json:
        click.echo(to_json(summary))
    elif quiet:
        click.echo(str(folder))
    else:
        render.print_all(render.console(), fixation_view(rows, table, summary, folder))
