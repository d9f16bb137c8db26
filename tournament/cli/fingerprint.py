"""``ipd fingerprint``: a strategy's Ashlock and transitive fingerprints, as a results folder."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import click

from tournament.cli.options import (
    json_option,
    out_option,
    quiet_option,
    seed_option,
    seed_or_drawn,
    setting_option,
)
from tournament.settings import PAYOFFS

KINDS = ("both", "ashlock", "transitive")


@click.command(
    "fingerprint",
    short_help="Ashlock and transitive fingerprints of a strategy (axelrod's, batched).",
    epilog="""\b
Examples:
  ipd fingerprint "Tit For Tat"
  ipd fingerprint Grudger --probe "Win-Stay Lose-Shift" --step 0.05 --repetitions 100
  ipd fingerprint "Dual(Grudger)" --kind transitive --opponents "Cooperator,Defector,Random,tft"
  ipd fingerprint wsls --kind ashlock --seed 1 --json
""",
)
@click.argument("strategy")
@click.option(
    "--kind", type=click.Choice(KINDS), default="both", show_default=True, help="Which fingerprints to draw."
)
@click.option("--probe", default="Tit For Tat", show_default=True, help="Ashlock: the probe strategy.")
@click.option(
    "--step",
    type=click.FloatRange(min=0, max=1, min_open=True),
    default=0.01,
    show_default=True,
    help="Ashlock: spacing of the grid over the unit square (0.01: 101 x 101 points).",
)
@click.option(
    "--turns", "-t", type=click.IntRange(min=1), default=50, show_default=True, help="Turns per match."
)
@click.option(
    "--repetitions",
    "-r",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    help="Ashlock: matches per grid point.",
)
@click.option(
    "--opponents",
    metavar="LIST",
    help="Transitive: comma-separated opponents (default: Random players from p=0 to p=1).",
)
@click.option(
    "--number-of-opponents",
    type=click.IntRange(min=2),
    default=50,
    show_default=True,
    help="Transitive: how many Random players in the default panel.",
)
@click.option(
    "--transitive-repetitions",
    type=click.IntRange(min=1),
    default=1000,
    show_default=True,
    help="Transitive: matches per opponent.",
)
@click.option(
    "--noise", type=click.FloatRange(0, 1), default=0.0, show_default=True, help="Transitive: noise."
)
@setting_option(PAYOFFS)
@seed_option()
@out_option()
@quiet_option()
@json_option()
def fingerprint_command(
    strategy: str,
    kind: str,
    probe: str,
    step: float,
    turns: int,
    repetitions: int,
    opponents: str | None,
    number_of_opponents: int,
    transitive_repetitions: int,
    noise: float,
    game: Any,
    seed: int | None,
    out: Path | None,
    quiet: bool,
    as_json: bool,
) -> None:
    """Draw the fingerprints of STRATEGY, as axelrod does, in one batched run each.

    Ashlock: the strategy's mean score per turn against Joss-Ann probes (the probe cooperates
    with probability x, defects with probability y, else plays itself; its dual above the
    diagonal) over a grid of the unit square. Transitive: its cooperation rate at each turn
    against each opponent of a panel. Writes CSV tables, PNG heatmaps and a manifest.
    """
    from tournament.analysis import fingerprint as fp
    from tournament.cli.render import console, print_all
    from tournament.cli.render_fingerprint import fingerprint_view
    from tournament.fields import split_top_level
    from tournament.io.config import writable_problem
    from tournament.io.fingerprint_storage import fingerprint_slug, summary, to_json, write_fingerprint
    from tournament.io.folders import write_new

    if out is not None and (problem := writable_problem(out, run_folder=True)):
        raise click.UsageError(f"--out: {problem}")
    seed, seed_drawn = seed_or_drawn(seed)
    started = time.perf_counter()
    ashlock = transitive = None
    if kind in ("both", "ashlock"):
        ashlock = fp.ashlock(
            strategy, probe, step=step, turns=turns, repetitions=repetitions, seed=seed, game=game
        )
    if kind in ("both", "transitive"):
        transitive = fp.transitive(
            strategy,
            split_top_level(opponents) if opponents is not None else None,
            number_of_opponents=number_of_opponents,
            turns=turns,
            repetitions=transitive_repetitions,
            noise=noise,
            seed=seed,
            game=game,
        )
    info = summary(
        ashlock, transitive, seed=seed, seed_drawn=seed_drawn, seconds=time.perf_counter() - started
    )
    command = ["ipd", *sys.argv[1:]]
    folder = write_new(
        Path("results"),
        fingerprint_slug(info["strategy"]),
        out,
        lambda place: write_fingerprint(place, ashlock, transitive, info, command=command),
    )
    info["folder"] = str(folder)
    if as_json:
        click.echo(to_json(info))
    elif quiet:
        click.echo(str(folder))
    else:
        print_all(console(), fingerprint_view(info, folder))
