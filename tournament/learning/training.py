"""Training strategies by evolution: a genetic algorithm over strategy tables, on our kernels.

What axelrod-dojo does offline: candidates are finite-state machines, lookup tables,
memory-n tables or memory-one vectors; each generation every candidate plays the panel (or
the other candidates), its fitness is its mean payoff per turn, the best quarter survives and
the rest are replaced by offspring of the better half (uniform crossover, then each gene
changes with probability ``mutation``). A candidate is its declarative table
(:mod:`strategies.user.declarative`), built into the same vectorised family kernel the
built-ins play on, so a generation is one batched engine run, and the winners saved as TOML
files play exactly as they were trained (``ipd run --strategies FOLDER``).

Random choices come from ``numpy.random.default_rng([seed, generation])`` and matches are keyed
by (seed, generation) and identity, so a run is reproducible from its seed.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from strategies.base import Strategy
from strategies.user.declarative import from_table
from tournament.core import plan as planner
from tournament.core import rng
from tournament.core.engine import Engine
from tournament.settings import MatchSettings

TRAINING_STREAM = 0x54524149
"""Stream constant of the training matches."""
CONTINUOUS = 0
"""Cardinality of a gene that is a probability (not a choice among a few values)."""


@dataclass(frozen=True)
class Representation:
    """How a genome (an integer or probability per gene) becomes a declarative table.

    ``kind`` is "fsm", "lookup", "memory_n" or "memory_one"; ``states`` (fsm) and ``depths``
    (lookup; memory_n uses (n, n, 0)) fix its size.
    """

    kind: str
    states: int = 4
    depths: tuple[int, int, int] = (1, 1, 0)

    @property
    def cardinalities(self) -> np.ndarray:
        """Per gene: how many values it takes (0 for a probability)."""
        if self.kind == "fsm":
            k = self.states
            return np.array([2] * k + [k] * (2 * k) + [k])
        if self.kind == "memory_one":
            return np.array([2, CONTINUOUS, CONTINUOUS, CONTINUOUS, CONTINUOUS])
        warmup = max(self.depths)
        return np.full(warmup + 2 ** sum(self.depths), 2)

    def describe(self) -> str:
        """Short words for the representation, e.g. "fsm with 4 states"."""
        if self.kind == "fsm":
            return f"finite-state machine with {self.states} states"
        if self.kind == "memory_one":
            return "memory-one vector"
        own, opp, first = self.depths
        if self.kind == "memory_n":
            return f"memory-{own} lookup table"
        return f"lookup table ({own} own, {opp} opponent's, {first} opponent's first moves)"

    def table(self, genome: np.ndarray, name: str) -> dict[str, Any]:
        """The declarative table (``type`` and its keys) of ``genome``."""
        letters = np.array(["C", "D"])
        if self.kind == "fsm":
            k = self.states
            moves, next_c, next_d, start = genome[:k], genome[k : 2 * k], genome[2 * k : 3 * k], genome[3 * k]
            states = {
                f"s{i + 1}": {
                    "move": str(letters[int(moves[i])]),
                    "C": f"s{int(next_c[i]) + 1}",
                    "D": f"s{int(next_d[i]) + 1}",
                }
                for i in range(k)
            }
            return {"name": name, "type": "fsm", "start": f"s{int(start) + 1}", "states": states}
        if self.kind == "memory_one":
            vector = [round(float(p), 6) for p in genome[1:]]
            return {
                "name": name,
                "type": "memory_one",
                "four_vector": vector,
                "initial": str(letters[int(genome[0])]),
            }
        warmup = max(self.depths)
        return {
            "name": name,
            "type": "lookup",
            "depths": list(self.depths),
            "pattern": "".join(letters[genome[warmup:].astype(int)]),
            "initial_actions": "".join(letters[genome[:warmup].astype(int)]),
        }


def representation(kind: str, states: int, memory: int, depths: Sequence[int]) -> Representation:
    """The representation a config asks for (memory_n is a lookup of (memory, memory, 0))."""
    if kind == "memory_n":
        return Representation("memory_n", depths=(memory, memory, 0))
    return Representation(kind, states=states, depths=tuple(depths))  # type: ignore[arg-type]


@dataclass(frozen=True)
class Training:
    """A training run: what evolves, against whom, for how long."""

    representation: Representation
    panel: tuple[Strategy, ...]
    settings: MatchSettings
    seed: int = 0
    population: int = 40
    generations: int = 40
    mutation: float = 0.1
    repetitions: int = 1
    keep: int = 3
    author: str = "trained"


@dataclass(frozen=True)
class TrainingRun:
    """Fitness by generation (``curves``), the final candidates ranked (``final``) and the
    winners' declarative tables (``winners``, best first)."""

    training: Training
    curves: pd.DataFrame
    final: pd.DataFrame
    winners: list[dict[str, Any]]
    seconds: float


def random_genomes(cards: np.ndarray, count: int, generator: np.random.Generator) -> np.ndarray:
    """``count`` random genomes (probabilities uniform, choices uniform)."""
    choices = generator.integers(0, np.maximum(cards, 1), size=(count, cards.size)).astype(np.float64)
    return np.where(cards == CONTINUOUS, generator.random((count, cards.size)), choices)


def offspring(
    parents: np.ndarray, cards: np.ndarray, count: int, rate: float, generator: np.random.Generator
) -> np.ndarray:
    """``count`` children of random pairs of ``parents``: uniform crossover, then mutation."""
    mothers = parents[generator.integers(0, len(parents), count)]
    fathers = parents[generator.integers(0, len(parents), count)]
    children = np.where(generator.random(mothers.shape) < 0.5, mothers, fathers)
    mutate = generator.random(children.shape) < rate
    fresh = random_genomes(cards, count, generator)
    nudged = np.clip(children + generator.normal(0, 0.15, children.shape), 0, 1)
    changed = np.where(cards == CONTINUOUS, nudged, fresh)
    return np.where(mutate, changed, children)


def fitness(training: Training, candidates: Sequence[Strategy], generation: int) -> np.ndarray:
    """Mean payoff per turn of each candidate against the panel (or the other candidates)."""
    n = len(candidates)
    players = (*candidates, *training.panel)
    if training.panel:
        side_a, side_b = np.meshgrid(np.arange(n), n + np.arange(len(training.panel)), indexing="ij")
    else:
        side_a, side_b = np.nonzero(np.triu(np.ones((n, n), dtype=bool), 1))
    side_a, side_b = side_a.ravel(), side_b.ravel()
    reps = training.repetitions
    row_a, row_b = np.tile(side_a, reps), np.tile(side_b, reps)
    row_rep = np.repeat(np.arange(reps), side_a.size)
    seed = int(rng.combine(training.seed, TRAINING_STREAM, generation)[0])
    plan = planner.matches(players, row_a, row_b, row_rep, training.settings, seed)
    counts = np.zeros((len(plan.row_a), 4))
    for rows, batch in planner.batches(plan):
        counts[rows] = Engine(batch, training.settings, seed=seed).play().counts
    payoffs = training.settings.game.payoff_vector()
    per_turn_a = counts @ payoffs / plan.row_length
    per_turn_b = counts @ payoffs[[0, 2, 1, 3]] / plan.row_length
    total = np.bincount(row_a, per_turn_a, minlength=len(players))
    total += np.bincount(row_b, per_turn_b, minlength=len(players))
    played = np.bincount(row_a, minlength=len(players)) + np.bincount(row_b, minlength=len(players))
    return total[:n] / played[:n]


def train(training: Training) -> TrainingRun:
    """Evolve ``training.population`` candidates for ``training.generations`` generations."""
    started = time.perf_counter()
    shape = training.representation
    cards = shape.cardinalities
    genomes = random_genomes(cards, training.population, np.random.default_rng([training.seed, 0]))
    survivors = max(1, training.population // 4)
    rows = []
    for generation in range(training.generations + 1):
        candidates = [
            from_table(shape.table(g, f"candidate {i}"), training.author) for i, g in enumerate(genomes)
        ]
        scores = fitness(training, candidates, generation)
        order = np.argsort(-scores, kind="stable")
        genomes, scores = genomes[order], scores[order]
        low, mid, high = np.percentile(scores, [10, 50, 90])
        rows.append(
            {
                "generation": generation,
                "best": scores[0],
                "mean": scores.mean(),
                "p10": low,
                "p50": mid,
                "p90": high,
            }
        )
        if generation == training.generations:
            break
        generator = np.random.default_rng([training.seed, generation + 1])
        parents = genomes[: max(2, training.population // 2)]
        children = offspring(parents, cards, training.population - survivors, training.mutation, generator)
        genomes = np.concatenate((genomes[:survivors], children))
    winners, final_rows = [], []
    seen: set[tuple[float, ...]] = set()
    for rank, (genome, score) in enumerate(zip(genomes, scores), start=1):
        key = tuple(genome.tolist())
        distinct = key not in seen
        seen.add(key)
        if distinct and len(winners) < training.keep:
            name = f"{shape.kind.replace('_', '-')} {len(winners) + 1}"
            table = shape.table(genome, name)
            table["author"] = f"{training.author}-{len(winners) + 1}"
            table["description"] = f"A {shape.describe()} trained by evolution; fitness {score:.4f} per turn."
            winners.append(table)
        final_rows.append(
            {
                "rank": rank,
                "fitness": score,
                "distinct": distinct,
                "genome": " ".join(_gene(g) for g in genome),
            }
        )
    return TrainingRun(
        training, pd.DataFrame(rows), pd.DataFrame(final_rows), winners, time.perf_counter() - started
    )


def _gene(value: float) -> str:
    return f"{value:.4g}" if not float(value).is_integer() else str(int(value))
