"""``ipd report`` and ``ipd sweep``: statistics and pictures from the command line.

Registered on the main ``ipd`` group with ``main.add_command(report_command)`` and
``main.add_command(sweep_command)``. Thin like the rest of the CLI: each command parses,
calls :mod:`tournament.stats.summary` / :mod:`tournament.io.report.html` / :mod:`tournament.sweep`, and
renders with rich. Heavy modules load inside the commands.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from tournament.cli.errors import user_errors

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def parse_grid(text: str | None, option: str) -> list[float] | None:
    """``"0.5,0.2,0.1"`` -> [0.5, 0.2, 0.1]; None for None; a readable error for anything else."""
    if text is None:
        return None
    values = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        try:
            values.append(float(part))
        except ValueError:
            raise click.BadParameter(
                f"{part!r} is not a number (give e.g. 0.5,0.2,0.1)", param_hint=option
            ) from None
    if not values:
        raise click.BadParameter("give at least one value, e.g. 0.5,0.2,0.1", param_hint=option)
    return values


@click.command(
    "report",
    context_settings=CONTEXT,
    epilog="""\b
Examples:
  ipd report results/axelrod_1980-20261124-135512
  ipd report results/noisy-20261124-140000 --no-plots --json
""",
)
@click.argument("results_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--no-plots", is_flag=True, help="Only summary.json and the CSV tables (no PNG, no report.html)."
)
@click.option("--json", "as_json", is_flag=True, help="Print summary.json to standard output.")
def report_command(results_dir: Path, no_plots: bool, as_json: bool) -> None:
    """Rebuild the statistics, plots and report.html of RESULTS_DIR from its stored tables.

    Nothing is re-played: the figures come from the match records of the run.
    """
    from rich.console import Console

    from tournament.io.report.html import cooperation_panel, write_report
    from tournament.stats.summary import RunData, analyse, summary_dict

    try:
        run = RunData.from_folder(results_dir)
    except (FileNotFoundError, KeyError, ValueError) as error:
        raise click.ClickException(f"cannot read the results in {results_dir}: {error}") from None
    analysis = analyse(run)
    try:
        files = write_report(results_dir, analysis, plots=not no_plots)
    except OSError as error:
        raise click.ClickException(f"cannot write the report into {results_dir}: {error}") from None
    if as_json:
        click.echo(json.dumps(summary_dict(analysis), indent=2, allow_nan=False))
        return
    console = Console()
    console.print(cooperation_panel(analysis))
    console.print(f"Statistics: {files.summary} and {files.summary.parent / 'statistics'}/")
    if files.html is not None:
        console.print(f"Report: {files.html}")


@click.command(
    "sweep",
    context_settings=CONTEXT,
    epilog="""\b
Examples:
  ipd sweep configs/demo.toml --prob-end 0.5,0.2,0.1,0.05,0.01
  ipd sweep configs/noisy.toml --noise 0,0.01,0.05,0.1 --repetitions 20 --seed 3
""",
)
@click.argument("config", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--prob-end", "prob_end", metavar="P1,P2,...", help="prob_end values, e.g. 0.5,0.2,0.1,0.05,0.01."
)
@click.option("--noise", metavar="N1,N2,...", help="Noise values, e.g. 0,0.01,0.05.")
@click.option("--repetitions", "-r", type=click.IntRange(min=1), help="Times each pair meets at each point.")
@click.option("--seed", "-s", type=click.IntRange(0, 2**64 - 1), help="Seed of every random draw.")
@click.option(
    "--out", "-o", type=click.Path(file_okay=False, path_type=Path), help="Folder for the table and the plot."
)
@click.option("--workers", "-w", type=click.IntRange(min=1), default=1, show_default=True, help="Processes.")
def sweep_command(
    config: Path | None,
    prob_end: str | None,
    noise: str | None,
    repetitions: int | None,
    seed: int | None,
    out: Path | None,
    workers: int,
) -> None:
    """Play CONFIG's tournament over a grid of prob_end and/or noise values.

    Plots cooperation against the continuation probability 1 - prob_end with the critical
    thresholds of Grim trigger, Tit For Tat and Win-Stay Lose-Shift drawn in (the shadow of
    the future), and saves the table as CSV. Without CONFIG it uses the default tournament.
    """
    from rich.console import Console

    from tournament.io.config import load_config
    from tournament.io.storage import new_run_folder
    from tournament.sweep import grid_specs, sweep, write_sweep

    prob_ends = parse_grid(prob_end, "--prob-end")
    noises = parse_grid(noise, "--noise")
    if prob_ends is None and noises is None:
        raise click.UsageError(
            "give a grid with --prob-end and/or --noise, e.g. --prob-end 0.5,0.2,0.1,0.05,0.01"
        )
    with user_errors():
        run_config = load_config(config, {"repetitions": repetitions, "seed": seed})
        grid_specs(run_config.spec, prob_ends, noises)
    console = Console()

    def progress(done: int, total: int, row: dict) -> None:
        where = f"prob_end {row['prob_end']:g}" if row["prob_end"] is not None else f"{row['turns']} turns"
        console.print(
            f"[{done}/{total}] {where}, noise {row['noise']:g}: cooperation {row['cooperation_rate']:.1%}, "
            f"winner {row['winner']}"
        )

    result = sweep(run_config.spec, prob_ends, noises, workers=workers, progress=progress)
    folder = out or new_run_folder(run_config.output.folder, f"{run_config.slug}-sweep")
    try:
        paths = write_sweep(folder, result)
    except OSError as error:
        raise click.ClickException(f"cannot write the sweep to {folder}: {error}") from None
    console.print(f"Table: {paths['table']}\nPlot: {paths['plot']}")
