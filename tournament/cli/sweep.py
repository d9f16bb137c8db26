"""``ipd sweep``: play a tournament over a grid of prob_end, noise, turns, payoffs and seeds."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from tournament.cli import render
from tournament.cli.options import out_option, repetitions_option, seed_option, workers_option
from tournament.cli.render_sweep import rank_stability_view


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


def parse_turns(text: str | None) -> list[int] | None:
    """``"10,100,1000"`` -> [10, 100, 1000]; None for None; a readable error otherwise."""
    values = parse_grid(text, "--turns")
    if values is not None and any(not v.is_integer() for v in values):
        raise click.BadParameter("turns must be whole numbers, e.g. 10,100,1000", param_hint="--turns")
    return None if values is None else [int(v) for v in values]


def parse_games(text: str | None) -> list[str] | None:
    """``"3,0,5,1/4,0,5,1"`` -> ["3,0,5,1", "4,0,5,1"] (each checked when the grid is built)."""
    if text is None:
        return None
    games = [part.strip() for part in text.split("/") if part.strip()]
    if not games:
        raise click.BadParameter(
            "give payoffs R,S,T,P separated by /, e.g. 3,0,5,1/4,0,5,1", param_hint="--games"
        )
    return games


def parse_seeds(text: str | None, base: int) -> list[int] | None:
    """``"5"`` -> 5 seeds from ``base`` on; ``"1,2,3"`` -> those seeds."""
    from tournament.sweep_grid import seed_list

    if text is None:
        return None
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if not parts or not all(part.isdigit() for part in parts):
        raise click.BadParameter(
            "give a count (5) or seeds (1,2,3), whole numbers >= 0", param_hint="--seeds"
        )
    if len(parts) == 1:
        if int(parts[0]) < 1:
            raise click.BadParameter("the count of seeds must be at least 1", param_hint="--seeds")
        return seed_list(base, int(parts[0]))
    return [int(part) for part in parts]


@click.command(
    "sweep",
    epilog="""\b
Examples:
  ipd sweep configs/demo.toml --prob-end 0.5,0.2,0.1,0.05,0.01
  ipd sweep configs/noisy.toml --noise 0,0.01,0.05,0.1 --repetitions 20 --seed 3
  ipd sweep configs/axelrod_1980.toml --turns 10,100,1000 --seeds 5
  ipd sweep configs/demo.toml --games 3,0,5,1/4,0,5,1 --noise 0,0.05
""",
)
@click.argument("config", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--prob-end", "prob_end", metavar="P1,P2,...", help="prob_end values, e.g. 0.5,0.2,0.1,0.05,0.01."
)
@click.option("--noise", metavar="N1,N2,...", help="Noise values, e.g. 0,0.01,0.05.")
@click.option("--turns", metavar="T1,T2,...", help="Fixed match lengths, e.g. 10,100,1000.")
@click.option("--games", metavar="G1/G2/...", help="Payoffs R,S,T,P separated by /, e.g. 3,0,5,1/4,0,5,1.")
@click.option(
    "--seeds",
    metavar="N | S1,S2,...",
    help="A count of seeds (from --seed on: 5 plays seeds s..s+4) or a list of seeds, e.g. 1,2,3.",
)
@repetitions_option("Times each pair meets at each point.")
@seed_option("Seed of every random draw.")
@out_option("Folder for the table and the plot.", file_okay=False)
@workers_option("Processes.")
def sweep_command(
    config: Path | None,
    prob_end: str | None,
    noise: str | None,
    turns: str | None,
    games: str | None,
    seeds: str | None,
    repetitions: int | None,
    seed: int | None,
    out: Path | None,
    workers: int,
) -> None:
    """Play CONFIG's tournament over a grid of prob_end, noise, turns, payoffs and/or seeds.

    Plots cooperation against the continuation probability 1 - prob_end with the critical
    thresholds of Grim trigger, Tit For Tat and Win-Stay Lose-Shift drawn in (the shadow of
    the future), records every player's rank at every point (how stable the ranking is:
    sweep_ranks.csv, Kendall tau between points, a bump chart) and saves the tables as CSV.
    Without CONFIG it uses the default tournament.
    """
    from tournament.io.config import load_config
    from tournament.io.folders import write_new
    from tournament.io.sweep_storage import write_sweep
    from tournament.sweep import grid_specs, sweep

    prob_ends = parse_grid(prob_end, "--prob-end")
    noises = parse_grid(noise, "--noise")
    lengths, game_list = parse_turns(turns), parse_games(games)
    if prob_ends is None and noises is None and lengths is None and game_list is None and seeds is None:
        raise click.UsageError(
            "give a grid with --prob-end, --noise, --turns, --games and/or --seeds, "
            "e.g. --prob-end 0.5,0.2,0.1,0.05,0.01"
        )
    run_config = load_config(config, {"repetitions": repetitions, "seed": seed})
    seed_values = parse_seeds(seeds, run_config.spec.seed)
    axes = {"turns": lengths, "games": game_list, "seeds": seed_values}
    grid_specs(run_config.spec, prob_ends, noises, **axes)
    out_console = render.console(highlight=True)

    def progress(done: int, total: int, row: dict) -> None:
        out_console.print(render.sweep_line(done, total, row))

    result = sweep(run_config.spec, prob_ends, noises, **axes, workers=workers, progress=progress)
    command = ["ipd", *sys.argv[1:]]
    paths = write_new(
        run_config.output.folder,
        f"{run_config.slug}-sweep",
        out,
        lambda place: write_sweep(place, result, command=command),
        what="the sweep",
    )
    render.print_all(out_console, rank_stability_view(result))
    out_console.print(
        f"Table: {paths['table']}\nPlot: {paths['plot']}\nRanks: {paths['ranks']} ({paths['ranks_plot']})"
    )
