"""``ipd run``: play a round-robin tournament and save its results folder."""

from __future__ import annotations

import json
import signal
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from tournament.cli import render
from tournament.cli.options import (
    bootstrap_option,
    json_option,
    match_settings,
    options,
    out_option,
    overrides,
    player_options,
    quiet_option,
    repetitions_option,
    seed_option,
    setting_option,
    workers_option,
)
from tournament.io.schema import OUTPUT
from tournament.settings import TOURNAMENT


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
  ipd run --resume results/classics-20240506-070809   # continue a killed or interrupted run
""",
)
@click.argument("config", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@match_settings()
@repetitions_option()
@bootstrap_option()
@setting_option(TOURNAMENT["exact"])
@seed_option()
@out_option()
@click.option("--overwrite", is_flag=True, help="Replace the --out folder if it already holds a run.")
@click.option(
    "--resume",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="FOLDER",
    help="Continue the killed or interrupted run that was writing FOLDER, from its finished chunks "
    "(the same command again does it too). Same results as an uninterrupted run.",
)
@options(OUTPUT.settings)
@workers_option(
    "Processes to play in, or threads of one process when the compiled player plays "
    "(results are the same whatever the number).",
    auto=True,
)
@click.option(
    "--batch-cells",
    type=click.IntRange(min=1),
    metavar="N",
    help="Seat-turns per chunk of play (default: sized by memory). Smaller chunks take less memory "
    "and lose less when a run is killed; results are the same.",
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
@player_options
@quiet_option()
@json_option()
def run_command(
    config: Path | None,
    out: Path | None,
    overwrite: bool,
    resume: Path | None,
    workers: int | None,
    batch_cells: int | None,
    dask_address: str | None,
    report: bool,
    quiet: bool,
    as_json: bool,
    **settings: Any,
) -> None:
    """Run a round-robin tournament from CONFIG (a TOML file) and save its results.

    Options override the config. Without CONFIG and --players it runs the default
    tournament. Results go to results/<config name>-<timestamp>/ unless --out is given; a
    killed or interrupted run is continued by --resume FOLDER or by the same command again.
    """
    from tournament.core.record import failure_summary
    from tournament.io.config import load_config
    from tournament.io.runs import resume_run, start_run, stopped
    from tournament.parallel import auto_workers, dask_cluster, turns_per_game
    from tournament.round_robin import check_size, run_tournament

    workers = workers or auto_workers()
    given = overrides(settings)
    if resume is not None:
        if out is not None:
            raise click.UsageError("give only one of --resume and --out")
        place = resume_run(resume, load_config(config, given) if config is not None or given else None)
    else:
        requested = load_config(config, {**given, "out": out})
        check_size(requested.spec)
        place = start_run(requested, overwrite=overwrite)
    run_config, folder = place.config, place.folder
    spec = run_config.spec
    if not as_json and (run_config.problems or place.notes):  # rich loads only to say something
        err = render.console(stderr=True)
        render.print_all(err, map(render.left_out, run_config.problems))
        for note in place.notes:
            err.print(note, highlight=False, soft_wrap=True)
    started = time.perf_counter()
    show_progress = not (quiet or as_json)
    try:
        with _terminate_as_interrupt():
            with (
                dask_cluster(dask_address, workers) as threads,
                render.progress_bar(spec.name, turns_per_game(spec.settings), show_progress) as progress,
            ):
                results = run_tournament(
                    spec,
                    interactions=run_config.output.interactions,
                    workers=threads or workers,
                    max_cells=batch_cells,
                    progress=progress,
                    backend="dask" if dask_address else "loky",
                    store=place.claim.chunks,
                    meanwhile=_load_writers,
                )
            from tournament.analysis.exact_tournament import compare_exact
            from tournament.io.storage import write_run
            from tournament.io.summaries import run_summary
            from tournament.stats.summary import analyse_results

            analysis = analyse_results(results)
            exact = compare_exact(spec, analysis.resultset) if spec.exact else None
            with render.phase_progress(show_progress) as phase:
                if phase is not None:
                    phase("Writing the tables")
                write_run(
                    results,
                    run_config,
                    place.claim,
                    command=["ipd", *sys.argv[1:]],
                    wall_seconds=time.perf_counter() - started,
                    extras=lambda staging: _write_extras(staging, analysis, exact, report, phase),
                    replace=overwrite,
                )
    except KeyboardInterrupt:
        click.echo(
            stopped(place) or "Interrupted before any chunk of play was finished; nothing was kept.", err=True
        )
        raise SystemExit(130) from None
    except OSError as error:
        note = stopped(place)
        raise click.ClickException(
            f"cannot write the results to {folder}: {error}" + (f" ({note})" if note else "")
        ) from None
    except BaseException:
        note = stopped(place)
        if note:
            click.echo(note, err=True)
        raise
    if as_json:
        info = run_summary(results, run_config, folder, analysis)
        if exact is not None:
            info["exact"] = exact.record()
        click.echo(json.dumps(info, indent=2, allow_nan=False))
    elif quiet:
        click.echo(str(folder))
    else:
        view = render.leaderboard_view(
            results, run_config, folder, analysis, failure_summary(results.matches)
        )
        render.print_all(render.console(), view)
        if exact is not None:
            from tournament.cli.render_exact import exact_view

            render.print_all(render.console(), exact_view(exact))


def _load_writers() -> None:
    """Import what comes after play (pandas, the statistics, the writers): done while worker
    processes play, it costs no time of its own."""
    import tournament.analysis.exact_tournament
    import tournament.io.report.html
    import tournament.io.storage
    import tournament.io.summaries  # noqa: F401


def _write_extras(
    staging: Path, analysis: Any, exact: Any, report: bool, phase: Callable[[str], None] | None
) -> None:
    """The report (and with --exact the exact tables) into the run folder being written."""
    from tournament.io.exact_storage import write_exact_comparison
    from tournament.io.report.html import write_report

    write_report(staging, analysis, plots=report, progress=phase)
    if exact is not None:
        write_exact_comparison(exact, staging / "statistics")


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """While the block runs, SIGTERM stops the run as Ctrl-C does (its finished chunks kept)."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
