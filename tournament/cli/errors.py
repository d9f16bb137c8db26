"""Where the command line turns bad input into one readable message (no traceback)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the library's input errors into one readable message and exit code 1.

    Bad configs, settings, strategy names, payoffs and populations raise these; anything
    else is a bug and keeps its traceback.
    """
    from tournament.errors import ConfigError, EvolutionError, GameError, SpecError, StrategyError

    try:
        yield
    except (ConfigError, EvolutionError, SpecError, StrategyError, GameError) as error:
        raise click.ClickException(str(error)) from None


def check_one_length(turns: int | None, prob_end: float | None) -> None:
    """A usage error when both --turns and --prob-end are given."""
    if turns is not None and prob_end is not None:
        raise click.UsageError("give only one of --turns and --prob-end")
