"""Command-line options: the settings' options generated from their declarations, and the few
options that are not settings (``--out``, ``--workers``, ``--quiet``, ``--json``).

A setting declared with command-line flags (:class:`tournament.fields.Setting`) becomes an
option here, with its field as the click type (so ``--turns 0`` fails with the same sentence
as ``turns = 0`` in a config) and its help; the option's parameter is the setting's key. A
command passes its options to the library with :func:`overrides` (every declared setting the
user gave), never as a hand-written dict.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import click

from tournament.errors import SpecError
from tournament.fields import Field, FieldError, Flag, Seed, Setting
from tournament.io.schema import OVERRIDABLE, PLAYERS
from tournament.settings import MATCH, PAYOFFS, TOURNAMENT

F = TypeVar("F", bound=Callable[..., Any])
Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
"""Context settings of the ``ipd`` group (its commands inherit them)."""
METAVARS = {
    "Integer": "N",
    "Seed": "N",
    "Number": "X",
    "Probability": "P",
    "Payoffs": "R,S,T,P",
    "PlayerList": "LIST",
}


class FieldType(click.ParamType):
    """A click type that converts through a :class:`~tournament.fields.Field`."""

    def __init__(self, field: Field) -> None:
        self.field = field
        self.name = field.description

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not isinstance(value, str):
            return value
        try:
            return self.field.from_text(value)
        except FieldError as error:
            self.fail(error.problem, param, ctx)
        except SpecError as error:
            self.fail(str(error), param, ctx)

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return METAVARS.get(type(self.field).__name__, "TEXT")


def setting_option(setting: Setting, help: str | None = None, **extra: Any) -> Decorator:
    """The option of a declared setting; its parameter is the setting's key."""
    text = help or setting.help
    if isinstance(setting.field, Flag):
        flag = setting.flags[0] if "/" in setting.flags[0] else f"{setting.option}/--no-{setting.option[2:]}"
        return click.option(flag, setting.key, default=None, help=text, **extra)
    text = f"{text} [{setting.field.description}]"
    return click.option(*setting.flags, setting.key, type=FieldType(setting.field), help=text, **extra)


def options(settings: Iterable[Setting], helps: Mapping[str, str] | None = None) -> Callable[[F], F]:
    """Every setting of ``settings`` that has command-line flags, as options (in order)."""
    chosen = [s for s in settings if s.flags]

    def decorate(command: F) -> F:
        for setting in reversed(chosen):
            command = setting_option(setting, (helps or {}).get(setting.key))(command)
        return command

    return decorate


def match_settings(helps: Mapping[str, str] | None = None) -> Callable[[F], F]:
    """The options of every match setting and ``--game``."""
    return options((*MATCH.settings, PAYOFFS), helps)


def seed_option(help: str | None = None) -> Decorator:
    """``--seed/-s``: the seed of every random draw."""
    return setting_option(TOURNAMENT["seed"], help)


def repetitions_option(help: str | None = None) -> Decorator:
    """``--repetitions/-r``: how many times each pair meets."""
    return setting_option(TOURNAMENT["repetitions"], help)


def bootstrap_option(help: str | None = None) -> Decorator:
    """``--bootstrap``: resamples of the repetitions for the ranking's uncertainty (0: off)."""
    return setting_option(TOURNAMENT["bootstrap"], help)


def player_options(command: F) -> F:
    """``--players``, ``--strategies DIR`` and ``--trusted/--sandboxed``."""
    return options(PLAYERS.settings)(command)


def out_option(
    help: str = "Write the results into exactly this folder.", *, file_okay: bool = True
) -> Decorator:
    """``--out/-o``: the folder the results go to."""
    return click.option("--out", "-o", type=click.Path(file_okay=file_okay, path_type=Path), help=help)


def workers_option(help: str, *, short: bool = True, auto: bool = False) -> Decorator:
    """``--workers`` (and ``-w`` with ``short``): how many processes, 1 by default; with ``auto``
    the default is None, meaning :func:`tournament.parallel.auto_workers`."""
    flags = ("--workers", "-w") if short else ("--workers",)
    if auto:
        help += " Default: one per core, up to 4, on Linux (a tournament too small to share plays in one)."
        return click.option(*flags, type=click.IntRange(min=1), default=None, help=help)
    return click.option(*flags, type=click.IntRange(min=1), default=1, show_default=True, help=help)


def quiet_option() -> Decorator:
    """``--quiet/-q``: print only the results folder."""
    return click.option("--quiet", "-q", is_flag=True, help="Print only the results folder.")


def json_option(help: str = "Print a JSON summary for scripts.") -> Decorator:
    """``--json``: print JSON instead of tables (the parameter is ``as_json``)."""
    return click.option("--json", "as_json", is_flag=True, help=help)


def match_options(command: F) -> F:
    """The match and output options of ``ipd evolve`` and ``ipd fixation``: the match settings,
    seed, out, quiet, json."""
    for option in reversed((match_settings(), seed_option(), out_option(), quiet_option(), json_option())):
        command = option(command)
    return command


def overrides(params: Mapping[str, Any], settings: Iterable[Setting] = OVERRIDABLE) -> dict[str, Any]:
    """The declared settings among ``params`` that the user gave (not None), by key (``--turns``
    with ``--prob-end`` gives both: a random length capped at the turns)."""
    declared = {s.key: s for s in settings}
    return {k: v for k, v in params.items() if k in declared and v is not None}


def seed_or_drawn(seed: int | None) -> tuple[int, bool]:
    """The --seed given, or one drawn at random; and whether it was drawn."""
    if seed is None:
        return Seed.draw(), True
    return seed, False
