"""Learners that carry what they learned from one generation to the next: one culture per type.

A learner with ``carry=True`` (:mod:`strategies.families.learners`) in a finite population
(moran, fermi, wright-fisher, eliminate) does not start every generation from its prior:

- generation g plays every interacting pair once, every individual of a carrying type
  starting from the type's knowledge;
- then the type's knowledge becomes the mean of what its individuals knew at the end of each
  of their matches of generation g, taken in the order of the generation's pairs (seat a
  before seat b in a self-play pair), and generation g + 1 starts from it.

**Why per type, not per individual.** Knowledge is a *culture*, shared by all the
individuals of a type, like a strategy itself. The dynamics keep a population as type
indices only (an offspring is a copy of its parent's type, and the many-runs engine holds
no identities), and an individual's payoff then depends only on its type and its partners'
types, so each type stays one player of one engine block (one kernel call per turn for all
its games). Knowledge per individual would need identities tracked through every birth,
death, imitation and whole-population replacement, and one engine player per individual.
A type that dies out keeps its last knowledge; if mutation brings it back, it resumes from
there. Because the merge is a mean over matches, a type's culture weighs each of its
individuals' experience by how many matches it played.

Knowledge is recovered from the recorded moves by the learner's own kernel
(:meth:`~strategies.families.learners.Learner.learned`, through
:func:`tournament.learning.carry.learn`, the same merge as across repetitions of ``ipd
run``), so it depends neither on how the generation's matches are cut into batches nor on
the engine's state. Payoffs are re-played every generation when a carrier plays: a fixed
type-vs-type table cannot hold a type whose knowledge changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from strategies.base import Strategy
from tournament.core.engine import Engine
from tournament.errors import EvolutionError
from tournament.learning.carry import carriers, learn

COLUMNS = ("generation", "strategy", "matches", "cooperation")
"""The carriers' table: per generation and carrying type, its matches and the share of its own
moves that were C in them."""
CARRY_DYNAMICS = ("moran", "fermi", "wright-fisher", "eliminate")
"""The dynamics that play matches every generation, hence can carry knowledge across them."""


def fixed_payoffs_error(types: Sequence[Strategy], what: str) -> EvolutionError | None:
    """The error to raise when ``what`` (needing payoffs fixed once) meets carrying learners."""
    names = [types[i].label for i in carriers(types)]
    if not names:
        return None
    return EvolutionError(
        f"{what} needs payoffs fixed once, but {', '.join(names)} carr"
        f"{'ies' if len(names) == 1 else 'y'} knowledge from one generation to the next "
        f"(carry=true); use the dynamics {', '.join(CARRY_DYNAMICS)}, or carry=false"
    )


class Culture:
    """The knowledge of each carrying type of one run, generation by generation.

    :class:`~tournament.evolution.payoffs.InteractionPayoffs` plays generation g with
    :attr:`types`, hands each played batch to :meth:`observe`, then calls :meth:`advance`.
    """

    def __init__(self, types: Sequence[Strategy], game: Any) -> None:
        self.types = list(types)
        self.game = game
        self.carriers = carriers(self.types)
        self.carrier = np.zeros(len(self.types), dtype=bool)
        self.carrier[self.carriers] = True
        self.last = -1
        self.rows: list[tuple[int, np.ndarray, np.ndarray]] = []
        self.records: list[tuple[int, str, int, float]] = []

    @classmethod
    def of(cls, types: Sequence[Strategy], game: Any) -> Culture | None:
        """The culture of ``types``, or None when none of them carries knowledge."""
        return cls(types, game) if carriers(types) else None

    def observe(self, rows: np.ndarray, engine: Engine) -> None:
        """Keep the moves of the rows of a played batch (``rows``: their generation-wide
        numbers) that seat a carrier."""
        batch = engine.batch
        involved = np.flatnonzero(
            self.carrier[batch.game_a[batch.row_game]] | self.carrier[batch.game_b[batch.row_game]]
        )
        if involved.size and engine.hist.shape[0] == 0:
            raise RuntimeError("a carrier's batch was played without its moves")
        for local in involved.tolist():
            length = int(batch.row_length[local])
            mine = engine.hist[:length, engine.row_a[local]]
            theirs = engine.hist[:length, engine.row_b[local]]
            self.rows.append((int(rows[local]), mine.copy(), theirs.copy()))

    def advance(self, type_a: np.ndarray, type_b: np.ndarray, generation: int) -> None:
        """End generation ``generation`` (whose rows seat ``type_a`` against ``type_b``): each
        carrying type starts the next from the mean of what it knew after its matches."""
        if generation <= self.last:
            raise EvolutionError(
                f"learners that carry knowledge play each generation once, in order: generation "
                f"{generation} came after {self.last}"
            )
        self.rows.sort(key=lambda row: row[0])
        numbers = np.array([row[0] for row in self.rows], dtype=np.int64)
        row_a, row_b = type_a[numbers], type_b[numbers]
        moves_a = [row[1] for row in self.rows]
        moves_b = [row[2] for row in self.rows]
        for index in self.carriers:
            own = [m for m, a in zip(moves_a, row_a.tolist()) if a == index]
            own += [m for m, b in zip(moves_b, row_b.tolist()) if b == index]
            turns = sum(m.size for m in own)
            cooperation = 1 - sum(int(m.sum()) for m in own) / turns if turns else float("nan")
            self.records.append((generation, self.types[index].label, len(own), cooperation))
            self.types[index] = learn(self.types[index], index, row_a, row_b, moves_a, moves_b, self.game)
        self.rows.clear()
        self.last = generation

    def table(self) -> pd.DataFrame:
        """Per generation and carrying type: its matches and the share of its moves that were C."""
        return pd.DataFrame(self.records, columns=list(COLUMNS))
