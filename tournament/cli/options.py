"""The options several commands share, each declared once, and the checks of their values.

Each ``*_option`` returns a click decorator. The help has a default wording; a command
passes its own where the option means something slightly different there (``ipd match
--turns`` has a default length, ``ipd check --turns`` sets the length of test matches).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])
Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
"""Context settings of the ``ipd`` group (its commands inherit them)."""
SEED_RANGE = click.IntRange(0, 2**64 - 1)
PROBABILITY = click.FloatRange(0, 1)
DRAWN_SEEDS = 2**32
"""A seed drawn at random (none given) is below this, so it is short to type."""


def turns_option(help: str = "Turns per match (replaces prob_end).", **extra: Any) -> Decorator:
    """``--turns/-t``: a whole number of turns >= 1."""
    return click.option("--turns", "-t", type=click.IntRange(min=1), help=help, **extra)


def prob_end_option(help: str = "Chance each turn is the last (replaces turns).") -> Decorator:
    """``--prob-end``: the chance each turn is the last."""
    return click.option("--prob-end", type=PROBABILITY, help=help)


def noise_option(**extra: Any) -> Decorator:
    """``--noise/-n``: the chance each move is flipped."""
    return click.option("--noise", "-n", type=PROBABILITY, help="Chance each move is flipped.", **extra)


def repetitions_option(help: str = "Times each pair meets.") -> Decorator:
    """``--repetitions/-r``: how many times each pair meets."""
    return click.option("--repetitions", "-r", type=click.IntRange(min=1), help=help)


def seed_option(help: str = "Seed of every random draw (random if not given).") -> Decorator:
    """``--seed/-s``: the seed of every random draw, 0 <= seed < 2**64."""
    return click.option("--seed", "-s", type=SEED_RANGE, help=help)


def game_option(example: str = "3,0,5,1") -> Decorator:
    """``--game R,S,T,P``: the payoffs, as text for :meth:`~tournament.settings.Game.from_values`."""
    return click.option("--game", metavar="R,S,T,P", help=f'Payoffs, e.g. "{example}".')


def out_option(
    help: str = "Write the results into exactly this folder.", *, file_okay: bool = True
) -> Decorator:
    """``--out/-o``: the folder the results go to."""
    return click.option("--out", "-o", type=click.Path(file_okay=file_okay, path_type=Path), help=help)


def workers_option(help: str, *, short: bool = True) -> Decorator:
    """``--workers`` (and ``-w`` with ``short``): how many processes, 1 by default."""
    flags = ("--workers", "-w") if short else ("--workers",)
    return click.option(*flags, type=click.IntRange(min=1), default=1, show_default=True, help=help)


def quiet_option() -> Decorator:
    """``--quiet/-q``: print only the results folder."""
    return click.option("--quiet", "-q", is_flag=True, help="Print only the results folder.")


def json_option(help: str = "Print a JSON summary for scripts.") -> Decorator:
    """``--json``: print JSON instead of tables (the parameter is ``as_json``)."""
    return click.option("--json", "as_json", is_flag=True, help=help)


def match_options(command: F) -> F:
    """The match and output options of ``ipd run``, in the order ``ipd evolve`` and
    ``ipd fixation`` list them: turns, prob-end, noise, game, seed, out, quiet, json."""
    options = (
        turns_option(),
        prob_end_option(),
        noise_option(),
        game_option(),
        seed_option(),
        out_option(),
        quiet_option(),
        json_option(),
    )
    for option in reversed(options):
        command = option(command)
    return command


def check_one_length(turns: int | None, prob_end: float | None) -> None:
    """A usage error when both --turns and --prob-end are given."""
    if turns is not None and prob_end is not None:
        raise click.UsageError("give only one of --turns and --prob-end")


def seed_or_drawn(seed: int | None) -> tuple[int, bool]:
    """The --seed given, or one drawn at random; and whether it was drawn."""
    if seed is None:
        return secrets.randbelow(DRAWN_SEEDS), True
    return seed, False
