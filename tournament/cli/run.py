"""``ipd run``: play a round-robin tournament and save its results folder."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import click

from tournament.cli import render
from tournament.cli.options import (
    json_option,
    match_settings,
    options,
    out_option,
    overrides,
    player_options,
    quiet_option,
    repetitions_option,
    seed_option,
    workers_option,
)
from tournament.io.schema import OUTPUT


@click.command(
    "run",
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
@match_settings()
@repetitions_option()
@seed_option()
@out_option()
@options(OUTPUT.settings)
@workers_option("Processes to play in.")
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
@player_options
@quiet_option()
@json_option()
def run_command(
    config: Path | None,
    out: Path | None,
    workers: int,
    dask_address: str | None,
    report: bool,
    quiet: bool,
    as_json: bool,
    **settings: Any,
) -> None:
    """Run a round-robin tournament from CONFIG (a TOML file) and save its results.

    Options override the config. Without CONFIG and --players it runs the default
    tournament. Results go to results/<config name>-<timestamp>/ unless --out is given.
    """
    from tournament.core.record import failure_summary
    from tournament.io.config import load_config
    from tournament.io.report.html import write_report
    from tournament.io.storage import new_run_folder, write_run
    from tournament.io.summaries import run_summary
    from tournament.parallel import batch_cells, dask_cluster, turns_per_game
    from tournament.round_robin import run_tournament
    from tournament.stats.summary import analyse_results

    run_config = load_config(config, {**overrides(settings), "out": out})
    spec = run_config.spec
    if not as_json:
        render.print_all(render.console(stderr=True), map(render.left_out, run_config.problems))
    folder = run_config.output.run_folder or new_run_folder(run_config.output.folder, run_config.slug)
    started = time.perf_counter()
    show_progress = not (quiet or as_json)
    with (
        dask_cluster(dask_address, workers) as threads,
        render.progress_bar(spec.name, turns_per_game(spec.settings), show_progress) as progress,
    ):
        results = run_tournament(
            spec,
            interactions=run_config.output.interactions,
            workers=threads or workers,
            max_cells=batch_cells(spec),
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
        click.echo(json.dumps(run_summary(results, run_config, folder, analysis), indent=2, allow_nan=False))
    elif quiet:
        click.echo(str(folder))
    else:
        view = render.leaderboard_view(
            results, run_config, folder, analysis, failure_summary(results.matches)
        )
        render.print_all(render.console(), view)
