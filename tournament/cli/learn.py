"""``ipd learn``: run a learning experiment (exact LOLA/naive learners, learners over long
matches, or training strategies by evolution) and save its results folder."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import click

from tournament.cli import render
from tournament.cli.options import match_options, options, overrides, repetitions_option
from tournament.learning.settings import LEARN


@click.command(
    "learn",
    short_help="Run a learning experiment: LOLA and naive learners, learners in matches, training.",
    epilog="""\b
Examples:
  ipd learn configs/learn_lola.toml             # LOLA vs LOLA, 100 seeds (Foerster et al. 2018)
  ipd learn configs/learn_naive.toml            # naive learners end in mutual defection
  ipd learn configs/learn_lola.toml --agents LOLA,Naive --seeds 20
  ipd learn configs/learn_qlearner.toml         # a Q-learner against Tit For Tat, curves per window
  ipd learn configs/learn_train_fsm.toml        # evolve finite-state machines, save the winners
  ipd learn --method match --agents "Q Learner,Defector" --turns 500 --seeds 20
""",
)
@click.argument("config", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@options(LEARN.settings)
@repetitions_option("Train: matches per pair of candidate and opponent.")
@match_options
def learn_command(config: Path | None, out: Path | None, quiet: bool, as_json: bool, **settings: Any) -> None:
    """Run the learning experiment of CONFIG (a TOML file with a [learn] section) and save it.

    Options override the config. Results go to results/<config name>-<timestamp>/: the
    learning curves, the final policies, a summary, a report page with the curves and, when
    training, the winners as strategy files (ipd run --strategies FOLDER/strategies).
    """
    from tournament.io.folders import write_new
    from tournament.io.learn_config import OVERRIDABLE, load_learn_config
    from tournament.io.learn_storage import learning_summary, to_json, write_learning
    from tournament.learning.experiment import run_experiment

    given = overrides(settings, OVERRIDABLE)
    learn_config = load_learn_config(config, {**given, "out": out})
    output = learn_config.output
    started = time.perf_counter()
    result = run_experiment(learn_config.experiment)
    folder = write_new(
        output.folder,
        learn_config.slug,
        output.run_folder,
        lambda place: write_learning(
            result,
            learn_config,
            place,
            command=["ipd", *sys.argv[1:]],
            wall_seconds=time.perf_counter() - started,
        ),
    )
    if as_json:
        click.echo(to_json(learning_summary(result, learn_config, folder)), nl=False)
        return
    if quiet:
        click.echo(str(folder))
        return
    from rich.markup import escape

    lines = [f"[bold]{escape(learn_config.experiment.name)}[/] ({learn_config.experiment.method})"]
    lines += [f"  {escape(sentence)}" for sentence in result.sentences]
    if learn_config.seed_drawn:
        lines.append(render.SEED_HINT.format(seed=learn_config.experiment.seed))
    lines.append(render.results_line(folder))
    render.print_all(render.console(), lines)
