"""A population: strategy types and how many individuals play each.

Individuals are type indices in a numpy array (``Population.individuals()``); every
dynamics works on those arrays. Text form, as on the command line:
``"Tit For Tat:5, Defector:5"`` (a name without ``:count`` counts once).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from strategies.base import Strategy
from strategies.registry import create
from tournament.errors import PopulationError, StrategyError
from tournament.fields import split_top_level

_COUNT = re.compile(r"^(?P<name>.*?)\s*:\s*(?P<count>[+-]?\d+)\s*$")
MAX_POPULATION = 10_000
"""Most individuals in a population: the dynamics hold every individual's matches and payoffs in
memory."""


@dataclass(frozen=True)
class Population:
    """Distinct strategy types (in first-appearance order) and the number of each."""

    types: tuple[Strategy, ...]
    counts: tuple[int, ...]

    def __post_init__(self) -> None:
        if not self.types:
            raise PopulationError("the population is empty: give at least one strategy")
        if len(self.types) != len(self.counts):
            raise PopulationError(f"{len(self.types)} strategies but {len(self.counts)} counts")
        for strategy, count in zip(self.types, self.counts):
            if isinstance(count, bool) or not isinstance(count, (int, np.integer)) or count < 0:
                raise PopulationError(
                    f"count of {strategy.label!r} must be a whole number >= 0, got {count!r}"
                )
        if sum(self.counts) < 1:
            raise PopulationError("the population has no individuals: every count is 0")
        if sum(self.counts) > MAX_POPULATION:
            raise PopulationError(
                f"the population has {sum(self.counts):,} individuals; at most {MAX_POPULATION:,} fit "
                "(every individual's matches and payoffs are held in memory)"
            )

    @classmethod
    def from_counts(cls, entries: Sequence[tuple[str | Strategy, int]]) -> Population:
        """Build from (strategy, count) pairs; repeated strategies are added together."""
        types: dict[str, Strategy] = {}
        counts: dict[str, int] = {}
        problems = []
        for text, count in entries:
            try:
                strategy = create(text)
            except StrategyError as error:
                problems.append(str(error))
                continue
            if isinstance(count, bool) or not isinstance(count, (int, np.integer)) or count < 0:
                problems.append(f"count of {strategy.label!r} must be a whole number >= 0, got {count!r}")
                continue
            types.setdefault(strategy.spec, strategy)
            counts[strategy.spec] = counts.get(strategy.spec, 0) + int(count)
        if problems:
            raise PopulationError("; ".join(problems))
        return cls(tuple(types.values()), tuple(counts.values()))

    @classmethod
    def from_players(cls, players: Sequence[Strategy]) -> Population:
        """Group a list of individuals (duplicates allowed) by strategy."""
        return cls.from_counts([(p, 1) for p in players])

    @classmethod
    def parse(cls, text: str) -> Population:
        """Read ``"Tit For Tat:5, Defector:5"``; a name without ``:count`` counts once."""
        entries: list[tuple[str, int]] = []
        for part in split_top_level(text):
            found = _COUNT.match(part)
            if found is None:
                entries.append((part, 1))
                continue
            count = int(found["count"])
            if count < 0:
                raise PopulationError(f"count of {found['name']!r} must be a whole number >= 0, got {count}")
            entries.append((found["name"], count))
        if not entries:
            raise PopulationError(
                f"no strategies in population {text!r}; write e.g. 'Tit For Tat:5, Defector:5'"
            )
        return cls.from_counts(entries)

    @property
    def names(self) -> list[str]:
        """Display labels of the types."""
        return [t.label for t in self.types]

    @property
    def size(self) -> int:
        """Number of individuals."""
        return int(sum(self.counts))

    @property
    def shares(self) -> np.ndarray:
        """Share of each type (sums to 1)."""
        counts = np.asarray(self.counts, dtype=np.float64)
        return counts / counts.sum()

    def individuals(self) -> np.ndarray:
        """Type index of every individual, types in order: ``[0, 0, 0, 1, 1, ...]``."""
        return np.repeat(np.arange(len(self.types)), self.counts)

    def check_size(self, size: int) -> None:
        """Raise :class:`PopulationError` unless the counts add up to ``size``."""
        if self.size != size:
            listed = " + ".join(f"{c} {n}" for n, c in zip(self.names, self.counts))
            raise PopulationError(f"the population does not add up: {listed} = {self.size}, expected {size}")

    def __str__(self) -> str:
        return ", ".join(f"{n}:{c}" for n, c in zip(self.names, self.counts))


def counts_of(states: np.ndarray, n_types: int) -> np.ndarray:
    """Number of individuals of each type in every row of ``states`` (shape (..., n_types))."""
    states = np.asarray(states)
    flat = states.reshape(-1, states.shape[-1])
    offsets = (np.arange(flat.shape[0]) * n_types)[:, None]
    out = np.bincount((flat + offsets).ravel(), minlength=flat.shape[0] * n_types)
    return out.reshape(*states.shape[:-1], n_types)
