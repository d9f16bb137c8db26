"""``ipd report``: rebuild the statistics and report.html (and, asked, PNG plots) of a results folder."""

from __future__ import annotations

import json
from pathlib import Path

import click

from tournament.cli import render
from tournament.cli.options import json_option


@click.command(
    "report",
    epilog="""\b
Examples:
  ipd report results/axelrod_1980-20261124-135512
  ipd report results/noisy-20261124-140000 --no-plots --json
  ipd report results/axelrod_1980-20261124-135512 --png   # also plots/*.png
""",
)
@click.argument("results_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--no-plots", is_flag=True, help="Only summary.json and the CSV tables (no report.html).")
@click.option(
    "--png",
    is_flag=True,
    help="Also draw the charts as PNG files in plots/ (with matplotlib: seconds, not milliseconds).",
)
@json_option("Print summary.json to standard output.")
def report_command(results_dir: Path, no_plots: bool, png: bool, as_json: bool) -> None:
    """Rebuild the statistics and report.html of RESULTS_DIR from its stored tables.

    Nothing is re-played: the figures come from the match records of the run.
    """
    from tournament.io.report.html import write_report
    from tournament.stats.summary import RunData, analyse, summary_dict

    if no_plots and png:
        raise click.UsageError("--png draws the plots: it cannot go with --no-plots.")
    with render.phase_progress(not as_json) as phase:
        if phase is not None:
            phase(f"Reading {results_dir}")
        try:
            run = RunData.from_folder(results_dir)
        except (FileNotFoundError, KeyError, ValueError) as error:
            raise click.ClickException(f"cannot read the results in {results_dir}: {error}") from None
        analysis = analyse(run)
        try:
            files = write_report(results_dir, analysis, plots=not no_plots, png=png, progress=phase)
        except OSError as error:
            raise click.ClickException(f"cannot write the report into {results_dir}: {error}") from None
    if as_json:
        click.echo(json.dumps(summary_dict(analysis), indent=2, allow_nan=False))
    else:
        render.print_all(render.console(highlight=True), render.report_view(analysis, files))
