"""``ipd sweep``: play a tournament over a grid of prob_end and/or noise values."""

from __future__ import annotations

from pathlib import Path

import click

from tournament.cli import render
from tournament.cli.options import out_option, repetitions_option, seed_option, workers_option


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
    "sweep",
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
@repetitions_option("Times each pair meets at each point.")
@seed_option("Seed of every random draw.")
@out_option("Folder for the table and the plot.", file_okay=False)
@workers_option("Processes.")
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
    from tournament.io.config import load_config
    from tournament.io.storage import new_run_folder
    from tournament.io.sweep_storage import write_sweep
    from tournament.sweep import grid_specs, sweep

    prob_ends = parse_grid(prob_end, "--prob-end")
    noises = parse_grid(noise, "--noise")
    if prob_ends is None and noises is None:
        raise click.UsageError(
            "give a grid with --prob-end and/or --noise, e.g. --prob-end 0.5,0.2,0.1,0.05,0.01"
        )
    run_config = load_config(config, {"repetitions": repetitions, "seed": seed})
    grid_specs(run_config.spec, prob_ends, noises)
    out_console = render.console(highlight=True)

    def progress(done: int, total: int, row: dict) -> None:
        out_console.print(render.sweep_line(done, total, row))

    result = sweep(run_config.spec, prob_ends, noises, workers=workers, progress=progress)
    folder = out or new_run_folder(run_config.output.folder, f"{run_config.slug}-sweep")
    try:
        paths = write_sweep(folder, result)
    except OSError as error:
        raise click.ClickException(f"cannot write the sweep to {folder}: {error}") from None
    out_console.print(f"Table: {paths['table']}\nPlot: {paths['plot']}")
