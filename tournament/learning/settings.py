"""The ``[learn]`` settings of ``ipd learn``, declared once for the config and the command line.

:data:`LEARN` declares every key (value type, default, help, flags); :data:`USED_BY` says which
method reads it, so a key given to a method that ignores it is an error, not a silence.
Three methods:

- ``exact``: memory-one learners ("LOLA", "Naive") or fixed memory-one strategies with exact
  gradients in the infinitely repeated, discounted game (Foerster et al. 2018);
- ``match``: any two strategies (a learner first) over long matches, one match per seed,
  with learning curves per window of turns;
- ``train``: evolve finite-state, lookup-table, memory-n or memory-one strategies against a
  panel (or against each other) and save the winners as declarative strategy files.
"""

from __future__ import annotations

from typing import Any

from tournament.fields import (
    Choice,
    Field,
    Integer,
    Number,
    Probability,
    Section,
    Setting,
    Text,
    split_top_level,
)

METHODS = ("exact", "match", "train")
REPRESENTATIONS = ("fsm", "lookup", "memory_n", "memory_one")


class Names(Field):
    """A non-empty list of strategy texts (from the command line: comma-separated)."""

    description = "a non-empty list of strategy names"

    def convert(self, value: Any) -> tuple[str, ...]:
        if isinstance(value, str) or not isinstance(value, (list, tuple)) or not value:
            raise self.fail(value)
        if not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(value)
        return tuple(v.strip() for v in value)

    def from_text(self, text: str) -> tuple[str, ...]:
        return self.convert(split_top_level(text))


class Depths(Field):
    """Three whole numbers from 0 to 4: own last moves, opponent's last moves, opponent's first moves."""

    description = "three whole numbers from 0 to 4 (own, opponent's, opponent's first moves), not all 0"

    def convert(self, value: Any) -> tuple[int, int, int]:
        if isinstance(value, str) or not isinstance(value, (list, tuple)) or len(value) != 3:
            raise self.fail(value)
        depths = tuple(_depth(v) for v in value)
        if None in depths or not any(depths):
            raise self.fail(value)
        return depths  # type: ignore[return-value]

    def from_text(self, text: str) -> tuple[int, int, int]:
        return self.convert([_literal_int(part) for part in text.split(",")])


def _depth(value: Any) -> int | None:
    try:
        return Integer(0, 4).convert(value)
    except ValueError:
        return None


def _literal_int(text: str) -> Any:
    try:
        return int(text.strip())
    except ValueError:
        return text


class Discount(Number):
    """A discount factor: from 0 to 1, 1 excluded (the game would have no finite value)."""

    def __init__(self) -> None:
        super().__init__(0, 1, description="a number from 0 to 1, below 1")

    def convert(self, value: Any) -> float:
        value = super().convert(value)
        if value >= 1:
            raise self.fail(value)
        return value


LEARN = Section(
    "learn",
    (
        Setting("method", Choice(METHODS), "exact", "exact, match or train.", ("--method",)),
        Setting(
            "agents",
            Names(),
            ("LOLA", "LOLA"),
            'exact: "LOLA", "Naive" or fixed memory-one strategies; match: two strategies, the learner first.',
            ("--agents",),
        ),
        Setting("seeds", Integer(1), 100, "exact, match: independent runs.", ("--seeds",)),
        Setting("updates", Integer(1), 200, "exact: learning updates.", ("--updates",)),
        Setting(
            "learning_rate", Number(0, above=True), 1.0, "exact: step of each update.", ("--learning-rate",)
        ),
        Setting(
            "lookahead",
            Number(0),
            1.0,
            "exact: LOLA's eta, the opponent's anticipated step.",
            ("--lookahead",),
        ),
        Setting("discount", Discount(), 0.96, "exact: discount of the repeated game.", ("--discount",)),
        Setting("init_std", Number(0), 1.0, "exact: standard deviation of the initial parameters."),
        Setting("window", Integer(1), 50, "match: turns per point of the learning curves.", ("--window",)),
        Setting(
            "representation",
            Choice(REPRESENTATIONS),
            "fsm",
            "train: fsm, lookup, memory_n or memory_one.",
            ("--representation",),
        ),
        Setting("states", Integer(1, 16), 4, "train, fsm: states of a machine."),
        Setting("memory", Integer(1, 4), 2, "train, memory_n: own and opponent's moves remembered."),
        Setting("depths", Depths(), (1, 1, 0), "train, lookup: own, opponent's, opponent's first moves."),
        Setting(
            "panel",
            Names(),
            None,
            "train: the opponents (left out: the candidates play each other).",
            ("--panel",),
        ),
        Setting("population", Integer(4), 40, "train: candidates per generation.", ("--population",)),
        Setting("generations", Integer(1), 40, "train: generations.", ("--generations", "-g")),
        Setting("mutation", Probability(), 0.1, "train: chance each gene of an offspring changes."),
        Setting("keep", Integer(1), 3, "train: winners saved as strategy files."),
        Setting(
            "author", Text(), "trained", "train: author of the saved strategy files (their label prefix)."
        ),
    ),
)
"""Every key of ``[learn]``."""
USED_BY: dict[str, tuple[str, ...]] = {
    "method": METHODS,
    "agents": ("exact", "match"),
    "seeds": ("exact", "match"),
    "updates": ("exact",),
    "learning_rate": ("exact",),
    "lookahead": ("exact",),
    "discount": ("exact",),
    "init_std": ("exact",),
    "window": ("match",),
    "representation": ("train",),
    "states": ("train",),
    "memory": ("train",),
    "depths": ("train",),
    "panel": ("train",),
    "population": ("train",),
    "generations": ("train",),
    "mutation": ("train",),
    "keep": ("train",),
    "author": ("train",),
}
"""Every key of ``[learn]`` and the methods that read it."""
