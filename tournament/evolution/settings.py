"""The ``[evolution]`` settings, declared once: the dynamics and their parameters.

:data:`EVOLUTION` declares every key (value type, default, help, command-line flags) for the
config, ``ipd evolve`` and ``ipd fixation``; :data:`USED_BY` says which dynamics read it.
``moran``, ``fermi`` and ``wright-fisher`` simulate a finite population generation by
generation; ``stationary`` computes the small-mutation limit exactly (no generations).
"""

from __future__ import annotations

from tournament.errors import EvolutionError
from tournament.fields import (
    Choice,
    Field,
    FieldError,
    Flag,
    Integer,
    Limit,
    Number,
    Optional,
    Probability,
    Section,
    Setting,
    Text,
)

MAX_APPROXIMATE = 10_000
"""Most cached outcomes per pair of strategies for an approximate process."""
ROW_TOLERANCE = 1e-9
"""How far a row of a mutation matrix may sum from 1."""


class MatrixField(Field):
    """A square matrix of probabilities whose rows sum to 1, as a tuple of row tuples.

    In a config a list of rows (``[[0.9, 0.1], [0.2, 0.8]]``); on the command line rows
    separated by ``;`` and entries by ``,`` (``"0.9,0.1;0.2,0.8"``).
    """

    description = "a square matrix of probabilities whose rows sum to 1, e.g. [[0.9, 0.1], [0.2, 0.8]]"

    def convert(self, value: object) -> tuple[tuple[float, ...], ...]:
        import numpy as np

        try:
            matrix = np.array(value, dtype=np.float64)
        except (TypeError, ValueError):
            raise self.fail(value) from None
        if isinstance(value, (str, bytes)) or matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1]:
            raise self.fail(value)
        if not np.isfinite(matrix).all() or (matrix < 0).any() or (matrix > 1).any():
            raise FieldError(f"must hold probabilities from 0 to 1, got {value!r}")
        sums = matrix.sum(axis=1)
        bad = np.flatnonzero(np.abs(sums - 1) > ROW_TOLERANCE)
        if bad.size:
            raise FieldError(f"rows must sum to 1, but row {bad[0] + 1} sums to {sums[bad[0]]:g}")
        return tuple(tuple(float(x) for x in row) for row in matrix)

    def from_text(self, text: str) -> tuple[tuple[float, ...], ...]:
        try:
            rows = [[float(x) for x in row.split(",")] for row in text.split(";") if row.strip()]
        except ValueError:
            raise self.fail(text) from None
        return self.convert(rows)


DYNAMICS = ("moran", "ecological", "replicator", "eliminate", "fermi", "wright-fisher", "stationary")
MODES = ("bd", "db")
UPDATES = ("moran", "fermi", "wright-fisher")
"""The finite-population update rules (``MoranSettings.update``)."""
PROCESSES = ("fermi", "moran")
"""The processes whose fixation probabilities the stationary distribution can use."""
MUTATING = ("moran", "fermi", "wright-fisher", "eliminate", "replicator")
EVOLUTION = Section(
    "evolution",
    (
        Setting("dynamics", Choice(DYNAMICS), "moran", "The dynamics.", ("--dynamics", "-d")),
        Setting(
            "generations",
            Optional(Integer(0)),
            None,
            "Generations (moran, fermi, wright-fisher: until fixation when left out).",
            ("--generations", "-g"),
        ),
        Setting(
            "size",
            Integer(1),
            None,
            "Check that the population adds up to this (stationary: the population size N).",
            ("--size", "-N"),
        ),
        Setting(
            "mutation",
            Probability(),
            0.0,
            "Chance an offspring is a uniformly drawn other type.",
            ("--mutation", "-m"),
        ),
        Setting(
            "mutation_matrix",
            Optional(MatrixField()),
            None,
            'Row i: chances an offspring of type i is each type ("0.9,0.1;0.2,0.8").',
            ("--mutation-matrix",),
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
            "Moran, Wright-Fisher: fitness 1 - w + w * payoff.",
            ("--intensity", "-w"),
        ),
        Setting(
            "beta",
            Number(0),
            1.0,
            "Fermi, stationary: selection intensity of 1 / (1 + exp(-beta * gain)).",
            ("--beta", "-b"),
        ),
        Setting(
            "process",
            Choice(PROCESSES),
            "fermi",
            "Stationary: the fixation probabilities of fermi or moran.",
            ("--process",),
        ),
        Setting(
            "exact_payoffs",
            Flag(),
            False,
            "Stationary: payoffs from the Markov chain instead of played matches.",
            ("--exact-payoffs/--sampled-payoffs",),
        ),
        Setting(
            "self_interaction",
            Flag(),
            False,
            "Also play a clone of oneself.",
            ("--self-interaction/--no-self-interaction",),
        ),
        Setting("average", Flag(), False, "Moran: mean instead of sum of payoffs over partners."),
        Setting(
            "graph",
            Text(),
            "complete",
            "Moran, Fermi: complete, cycle, lattice or lattice:RxC.",
            ("--graph",),
        ),
        Setting("max_generations", Integer(1), 1_000_000, "Give up on fixation after this many."),
        Setting(
            "approximate",
            Integer(0, limit=Limit("the outcomes are held in memory", at_most=MAX_APPROXIMATE)),
            0,
            "Moran, Fermi, Wright-Fisher: draw each match from N outcomes per pair of strategies "
            "played once (axelrod's approximate Moran process); 0: play every match.",
            ("--approximate",),
        ),
        Setting(
            "eliminate", Integer(1), 5, "Eliminate: how many to remove and clone.", ("--eliminate", "-k")
        ),
        Setting("max_step", Number(0, 1, above=True), 0.01, "Replicator: largest integration step."),
    ),
)
"""Every key of ``[evolution]``."""
USED_BY: dict[str, tuple[str, ...]] = {
    "dynamics": DYNAMICS,
    "generations": tuple(d for d in DYNAMICS if d != "stationary"),
    "size": DYNAMICS,
    "mutation": MUTATING,
    "mutation_matrix": MUTATING,
    "mode": ("moran", "stationary"),
    "intensity": ("moran", "wright-fisher", "stationary"),
    "beta": ("fermi", "stationary"),
    "process": ("stationary",),
    "exact_payoffs": ("stationary",),
    "self_interaction": ("moran", "fermi", "wright-fisher", "stationary"),
    "average": ("moran", "wright-fisher", "stationary"),
    "graph": ("moran", "fermi"),
    "max_generations": UPDATES,
    "approximate": UPDATES,
    "eliminate": ("eliminate",),
    "max_step": ("replicator",),
}
"""Every key of ``[evolution]`` and the dynamics that use it."""
DEFAULT_GENERATIONS: dict[str, int | None] = {
    "moran": None,
    "fermi": None,
    "wright-fisher": None,
    "ecological": 100,
    "replicator": 100,
    "eliminate": 20,
    "stationary": None,
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
