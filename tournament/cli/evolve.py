"""``ipd evolve``: evolve a population (Moran, Fermi, Wright-Fisher, eliminate, ecological or
replicator dynamics), or compute its small-mutation limit (stationary)."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import click

from tournament.cli import render
from tournament.cli.options import match_options, options, overrides, repetitions_option, setting_option
from tournament.evolution.settings import EVOLUTION, POPULATION


@click.command(
    "evolve",
    short_help="Evolve a population (Moran, Fermi, Wright-Fisher, ...) or its small-mutation limit.",
    epilog="""\b
Examples:
  ipd evolve configs/trust_evolution.toml          # The Evolution of Trust's classroom rule
  ipd evolve configs/trust_evolution_noisy.toml    # the same with 5% mistakes
  ipd evolve configs/moran_tft_alld.toml --seed 3
  ipd evolve configs/ecological_1984.toml --generations 500
  ipd evolve --population "Tit For Tat:5,Defector:5" --dynamics moran --mutation 0.01 -g 2000
  ipd evolve --population "tft:8,alld:8" --graph lattice --mode db --intensity 0.1
  ipd evolve --population "tft:8,alld:8" --dynamics fermi --beta 2 --mutation-matrix "0.99,0.01;0,1" -g 500
  ipd evolve --population "tft,alld,wsls,gtft" --dynamics stationary -N 100 --beta 1
""",
)
@click.argument("config", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@options(EVOLUTION.settings[:2])
@setting_option(POPULATION)
@options(EVOLUTION.settings[2:])
@repetitions_option("Ecological, replicator: payoff matrix repetitions.")
@match_options
def evolve_command(
    config: Path | None, out: Path | None, quiet: bool, as_json: bool, **settings: Any
) -> None:
    """Evolve the population of CONFIG (a TOML file with an [evolution] section) and save it.

    Options override the config; without CONFIG give --population. Shows the population
    of each generation as coloured bars, then the final table. The stationary dynamics show
    how often each strategy is the resident when mutations are rare (population size
    --size) and draw the invasion diagram. Results go to
    results/<config name>-<timestamp>/ unless --out is given.
    """
    from tournament.cli.render_evolution import evolution_view, live_population
    from tournament.evolution.run import run_evolution
    from tournament.io.evolution_config import OVERRIDABLE, load_evolution_config
    from tournament.io.evolution_storage import evolution_summary, to_json, write_evolution
    from tournament.io.folders import write_new

    given = overrides(settings, OVERRIDABLE)
    evolution_config = load_evolution_config(config, {**given, "out": out})
    output = evolution_config.run.output
    started = time.perf_counter()
    with live_population(evolution_config.evolution, enabled=not (quiet or as_json)) as progress:
        result = run_evolution(evolution_config.evolution, progress)
    folder = write_new(
        output.folder,
        evolution_config.run.slug,
        output.run_folder,
        lambda place: write_evolution(
            result,
            evolution_config,
            place,
            command=["ipd", *sys.argv[1:]],
            wall_seconds=time.perf_counter() - started,
        ),
    )
    if as_json:
        click.echo(to_json(evolution_summary(result, evolution_config, folder)))
    elif quiet:
        click.echo(str(folder))
    else:
        view = evolution_view(result, evolution_config.run.seed_drawn, folder)
        render.print_all(render.console(), view)
