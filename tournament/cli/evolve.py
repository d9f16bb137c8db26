"""``ipd evolve``: evolve a population (Moran, ecological, replicator or eliminate dynamics)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from tournament.cli import render
from tournament.cli.options import PROBABILITY, check_one_length, match_options, repetitions_option


@click.command(
    "evolve",
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
@repetitions_option("Ecological, replicator: payoff matrix repetitions.")
@match_options
def evolve_command(
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
    from tournament.cli.render_evolution import evolution_view, live_population
    from tournament.evolution.run import run_evolution
    from tournament.io.evolution_config import load_evolution_config
    from tournament.io.evolution_storage import evolution_summary, to_json, write_evolution
    from tournament.io.storage import new_run_folder

    check_one_length(turns, prob_end)
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
    evolution_config = load_evolution_config(config, overrides)
    output = evolution_config.run.output
    folder = output.run_folder or new_run_folder(output.folder, evolution_config.run.slug)
    started = time.perf_counter()
    with live_population(evolution_config.evolution, enabled=not (quiet or as_json)) as progress:
        result = run_evolution(evolution_config.evolution, progress)
    try:
        write_evolution(
            result,
            evolution_config,
            folder,
            command=["ipd", *sys.argv[1:]],
            wall_seconds=time.perf_counter() - started,
        )
    except OSError as error:
        raise click.ClickException(f"cannot write the results to {folder}: {error}") from None
    if as_json:
        click.echo(to_json(evolution_summary(result, evolution_config, folder)))
    elif quiet:
        click.echo(str(folder))
    else:
        view = evolution_view(result, evolution_config.run.seed_drawn, folder)
        render.print_all(render.console(), view)
