"""Evolution configs: a tournament config (``tournament.io.config``) plus an ``[evolution]`` section.

The population is the ``[players]`` list with counts, e.g.
``strategies = [{name = "Copycat", count = 5}, {name = "Always Cheat", count = 5}]``;
the match settings and the seed are the tournament's. The extra section::

    [evolution]
    dynamics = "moran"          # moran | fermi | wright-fisher | eliminate | ecological
                                # | replicator | stationary
    generations = 100           # moran, fermi, wright-fisher: until fixation when left out
    size = 25                   # check that the population adds up to this (stationary: N)
    mutation = 0.0              # chance an offspring is a uniformly drawn other type
    mutation_matrix = [[0.98, 0.02], [0.01, 0.99]]  # or: row i, chance offspring of i is j
    mode = "bd"                 # moran, stationary: bd (birth-death) | db (death-birth)
    intensity = 0.5             # moran, wright-fisher, stationary: fitness 1 - w + w * payoff
    beta = 1.0                  # fermi, stationary: selection intensity of the Fermi rule
    process = "fermi"           # stationary: fixation under fermi | moran
    exact_payoffs = false       # stationary: payoffs from the Markov chain, not played
    self_interaction = false    # individuals also play a clone of themselves
    average = false             # moran, wright-fisher: mean instead of sum over partners
    graph = "complete"          # moran, fermi: complete | cycle | lattice | lattice:RxC
    max_generations = 1000000   # moran, fermi, wright-fisher: give up on fixation after this
    eliminate = 5               # eliminate: how many are removed and cloned each generation
    max_step = 0.01             # replicator: largest integration step

Ecological and replicator dynamics use the shares of the population and the payoff
matrix of a round robin between its strategies (``[tournament] repetitions``); the
stationary dynamics use only the strategies (their counts do not matter) and the population
size ``size`` (left out: the sum of the counts).
Every problem raises :class:`~tournament.errors.ConfigError` naming the file (or the
command-line option) and the field.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tournament.errors import ConfigError, EvolutionError
from tournament.evolution.eliminate import check_eliminate
from tournament.evolution.graphs import parse_graph
from tournament.evolution.moran import MoranSettings
from tournament.evolution.mutation import check_matrix
from tournament.evolution.population import Population
from tournament.evolution.run import Evolution
from tournament.evolution.settings import (
    DEFAULT_GENERATIONS,
    EVOLUTION,
    MUTATING,
    POPULATION,
    UPDATES,
    USED_BY,
)
from tournament.io import config as base
from tournament.io.config import RunConfig
from tournament.io.schema import OVERRIDABLE as TOURNAMENT_OVERRIDABLE
from tournament.io.schema import SECTIONS as TOURNAMENT_SECTIONS

SECTIONS = (*TOURNAMENT_SECTIONS, EVOLUTION)
"""A tournament config's sections and ``[evolution]``."""
OVERRIDABLE = (*TOURNAMENT_OVERRIDABLE, *(s for s in EVOLUTION.settings if s.flags), POPULATION)
"""Every setting ``ipd evolve`` may override."""


@dataclass(frozen=True)
class EvolutionConfig:
    """A checked evolution config: the tournament part (where it came from, where results go)
    and the :class:`~tournament.evolution.run.Evolution` it describes."""

    run: RunConfig
    evolution: Evolution


def load_evolution_config(
    path: str | Path | None = None, overrides: Mapping[str, Any] | None = None
) -> EvolutionConfig:
    """Read ``path`` (or only the overrides), apply command-line overrides, check everything.

    ``overrides`` maps option names to values (None values are ignored): the match and
    seed options of ``ipd run`` (``turns``, ``prob_end``, ``noise``, ``game``, ``seed``,
    ``repetitions``, ``out``), ``population`` (text ``"Tit For Tat:5, Defector:5"``) and
    any key of the ``[evolution]`` section.
    """
    overrides = {k: v for k, v in (overrides or {}).items() if v is not None}
    if path is None:
        if "population" not in overrides:
            raise ConfigError("give a config file or a population (--population 'Tit For Tat:5, Defector:5')")
        source, where = None, "command line"
        raw: dict[str, Any] = {"tournament": {"name": "evolution"}, "match": {"turns": 200}}
    else:
        source = Path(path)
        where = str(source)
        raw = base.read_named(source)
    return _resolve(raw, where, source, overrides)


def parse_evolution_text(text: str, where: str = "<config>") -> EvolutionConfig:
    """Check an evolution config given as TOML text (for tests and notebooks)."""
    return _resolve(base.parse_toml(text, where), where, None, {})


def evolution_toml(config: EvolutionConfig) -> str:
    """The resolved config as TOML, ``[evolution]`` included: ``ipd evolve`` replays the run."""
    evolution = config.evolution
    moran = evolution.moran
    values: dict[str, Any] = {"dynamics": evolution.dynamics}
    if evolution.generations is not None:
        values["generations"] = evolution.generations
    dynamics = evolution.dynamics
    if dynamics in MUTATING:
        values["mutation"] = moran.mutation
        if moran.mutation_matrix is not None:
            values["mutation_matrix"] = [list(row) for row in moran.mutation_matrix]
    if dynamics == "stationary":
        values.update(size=evolution.size or evolution.population.size, process=moran.update)
        values["exact_payoffs"] = evolution.exact_payoffs
    if dynamics == "moran" or (dynamics == "stationary" and moran.update == "moran"):
        values["mode"] = moran.mode
    if dynamics in ("fermi", "stationary"):
        values["beta"] = moran.beta
    if dynamics in USED_BY["intensity"] and moran.intensity is not None:
        values["intensity"] = moran.intensity
    if dynamics in USED_BY["self_interaction"]:
        values["self_interaction"] = moran.self_interaction
    if dynamics in USED_BY["average"]:
        values["average"] = moran.average
    if dynamics in USED_BY["graph"]:
        values["graph"] = evolution.graph
    if dynamics in UPDATES:
        values["max_generations"] = moran.max_generations
        if moran.approximate:
            values["approximate"] = moran.approximate
    if dynamics == "replicator":
        values["max_step"] = evolution.max_step
    elif dynamics == "eliminate":
        values["eliminate"] = evolution.eliminate
    lines = [base.to_toml(config.run).rstrip(), "", "[evolution]"]
    lines.extend(f"{key} = {json.dumps(value)}" for key, value in values.items())
    return "\n".join(lines) + "\n"


def _resolve(
    raw: dict[str, Any], where: str, source: Path | None, overrides: dict[str, Any]
) -> EvolutionConfig:
    checker = base.Checker(where, SECTIONS)
    overrides = dict(overrides)
    if "population" in overrides:
        overrides["strategies"] = _players_entries(overrides.pop("population"))
        if "size" not in overrides:
            raw.get("evolution", {}).pop("size", None)
    checker.check_keys(raw)
    checker.apply_overrides(raw, overrides)
    evolution = raw.pop("evolution", {})
    run = checker.resolve(raw, source, overrides.get("out"))
    return EvolutionConfig(run, _evolution(checker, {"evolution": evolution}, run))


def _players_entries(text: Any) -> list[dict[str, Any]]:
    try:
        population = Population.parse(text) if isinstance(text, str) else Population.from_counts(text)
    except EvolutionError as error:
        raise ConfigError(f"{POPULATION.option}: {error}") from None
    return [{"name": t.spec, "count": c} for t, c in zip(population.types, population.counts) if c > 0]


def _evolution(checker: base.Checker, raw: dict[str, Any], run: RunConfig) -> Evolution:
    """The ``[evolution]`` section checked through its declarations, as an :class:`Evolution`."""
    table = raw["evolution"]

    def fail(key: str, problem: str) -> ConfigError:
        return checker.fail("evolution", key, problem)

    def value(key: str) -> Any:
        return checker.value(raw, EVOLUTION, key)

    dynamics = value("dynamics")
    switched = ("evolution", "dynamics") in checker.origins
    for key in list(table):
        if dynamics in USED_BY[key]:
            continue
        if switched and ("evolution", key) not in checker.origins:
            del table[key]
            continue
        raise fail(key, f"is not used by the {dynamics} dynamics (only by {', '.join(USED_BY[key])})")
    population = Population.from_players(run.spec.players)
    size = None
    if dynamics == "stationary":
        size = value("size") if "size" in table else population.size
        if size < 2:
            raise fail("size", f"the stationary distribution needs a population of at least 2, got {size}")
    elif "size" in table:
        try:
            population.check_size(value("size"))
        except EvolutionError as error:
            raise fail("size", str(error)) from None
    generations = value("generations") if "generations" in table else DEFAULT_GENERATIONS[dynamics]
    graph_name = value("graph").lower()
    graph = None
    matrix = value("mutation_matrix")
    if matrix is not None:
        if value("mutation") > 0:
            raise fail("mutation_matrix", "give a mutation rate or a mutation matrix, not both")
        try:
            check_matrix(matrix, len(population.types))
        except EvolutionError as error:
            raise fail("mutation_matrix", str(error)) from None
    if dynamics in UPDATES:
        if dynamics in USED_BY["graph"]:
            try:
                graph = parse_graph(graph_name, population.size)
                graph.check(population.size)
            except EvolutionError as error:
                raise fail("graph", str(error)) from None
        if population.size < 2:
            raise fail(
                "", f"a {dynamics.title()} process needs at least 2 individuals, got {population.size}"
            )
    moran = MoranSettings(
        mode=value("mode"),
        intensity=value("intensity"),
        mutation=value("mutation"),
        self_interaction=value("self_interaction"),
        average=value("average"),
        interaction_graph=graph if graph is not None and graph_name != "complete" else None,
        max_generations=value("max_generations"),
        update=value("process") if dynamics == "stationary" else dynamics if dynamics in UPDATES else "moran",
        beta=value("beta"),
        mutation_matrix=matrix,
        approximate=value("approximate"),
    )
    if dynamics in UPDATES and generations is None and moran.mutates(len(population.types)):
        raise fail("generations", "required with mutation: the population never fixates")
    eliminate = value("eliminate")
    if dynamics == "eliminate":
        try:
            check_eliminate(eliminate, population.size)
        except EvolutionError as error:
            raise fail("eliminate", str(error)) from None
    return Evolution(
        name=run.spec.name,
        population=population,
        settings=run.spec.settings,
        seed=run.spec.seed,
        dynamics=dynamics,
        generations=generations,
        moran=moran,
        graph=graph_name,
        eliminate=eliminate,
        max_step=value("max_step"),
        repetitions=run.spec.repetitions,
        size=size,
        exact_payoffs=value("exact_payoffs"),
    )
