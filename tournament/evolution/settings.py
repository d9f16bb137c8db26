"""The ``[evolution]`` settings, declared once: the dynamics and their parameters.

:data:`EVOLUTION` declares every key (value type, default, help, command-line flags) for the
config, ``ipd evolve`` and ``ipd fixation``; :data:`USED_BY` says which dynamics read it.
"""

from __future__ import annotations

from tournament.errors import EvolutionError
from tournament.fields import (
    Choice,
    FieldError,
    Flag,
    Integer,
    Number,
    Optional,
    Probability,
    Section,
    Setting,
    Text,
)

DYNAMICS = ("moran", "ecological", "replicator", "eliminate")
MODES = ("bd", "db")
EVOLUTION = Section(
    "evolution",
    (
        Setting("dynamics", Choice(DYNAMICS), "moran", "The dynamics.", ("--dynamics", "-d")),
        Setting(
            "generations",
            Optional(Integer(0)),
            None,
            "Generations (Moran: until fixation).",
            ("--generations", "-g"),
        ),
        Setting("size", Integer(1), None, "Check that the population adds up to this."),
        Setting(
            "mutation",
            Probability(),
            0.0,
            "Chance an offspring is another type (moran, replicator).",
            ("--mutation", "-m"),
        ),
        Setting(
            "mode",
            Choice(MODES, {"bd": "birth-death", "db": "death-birth"}),
            "bd",
            "Moran: birth-death or death-birth.",
            ("--mode",),
        ),
        Setting(
            "intensity",
            Optional(Probability()),
            None,
            "Moran: fitness 1 - w + w * payoff.",
            ("--intensity", "-w"),
        ),
        Setting(
            "self_interaction",
            Flag(),
            False,
            "Moran: also play a clone of oneself.",
            ("--self-interaction/--no-self-interaction",),
        ),
        Setting("average", Flag(), False, "Moran: mean instead of sum of payoffs over partners."),
        Setting("graph", Text(), "complete", "Moran: complete, cycle, lattice or lattice:RxC.", ("--graph",)),
        Setting("max_generations", Integer(1), 1_000_000, "Moran: give up on fixation after this many."),
        Setting(
            "eliminate", Integer(1), 5, "Eliminate: how many to remove and clone.", ("--eliminate", "-k")
        ),
        Setting("max_step", Number(0, 1, above=True), 0.01, "Replicator: largest integration step."),
    ),
)
"""Every key of ``[evolution]``."""
USED_BY: dict[str, tuple[str, ...]] = {
    "dynamics": DYNAMICS,
    "generations": DYNAMICS,
    "size": DYNAMICS,
    "mutation": ("moran", "replicator"),
    "mode": ("moran",),
    "intensity": ("moran",),
    "self_interaction": ("moran",),
    "average": ("moran",),
    "graph": ("moran",),
    "max_generations": ("moran",),
    "eliminate": ("eliminate",),
    "max_step": ("replicator",),
}
"""Every key of ``[evolution]`` and the dynamics that use it."""
DEFAULT_GENERATIONS: dict[str, int | None] = {
    "moran": None,
    "ecological": 100,
    "replicator": 100,
    "eliminate": 20,
}
POPULATION = Setting(
    "population",
    Text(),
    None,
    'Strategies and counts, e.g. "Tit For Tat:5,Defector:5".',
    ("--population", "-p"),
)
"""The population on the command line (a config lists it under ``[players]``)."""


def checked(key: str, value: object, name: str | None = None) -> object:
    """``value`` through the declaration of ``key``; errors are :class:`EvolutionError` that
    call the setting ``name`` (e.g. "mutation rate") in the Python API."""
    try:
        return EVOLUTION[key].field.convert(value)
    except FieldError as error:
        raise EvolutionError(f"{name or key} {error.problem}") from None
