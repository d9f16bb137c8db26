"""Evolution configs: a tournament config (``tournament.io.config``) plus an ``[evolution]`` section.

The population is the ``[players]`` list with counts, e.g.
``strategies = [{name = "Copycat", count = 5}, {name = "Always Cheat", count = 5}]``;
the match settings and the seed are the tournament's. The extra section::

    [evolution]
    dynamics = "moran"          # moran | ecological | replicator | eliminate
    generations = 100           # moran: until fixation when left out
    size = 25                   # optional: check that the population adds up to this
    mutation = 0.0              # moran, replicator: chance an offspring is another type
    mode = "bd"                 # moran: bd (birth-death) | db (death-birth)
    intensity = 0.5             # moran: fitness 1 - w + w * payoff (left out: the payoff)
    self_interaction = false    # moran: individuals also play a clone of themselves
    average = false             # moran: mean instead of sum of payoffs over partners
    graph = "complete"          # moran: complete | cycle | lattice | lattice:RxC
    max_generations = 1000000   # moran: give up on fixation after this many
    eliminate = 5               # eliminate: how many are removed and cloned each generation
    max_step = 0.01             # replicator: largest integration step

Ecological and replicator dynamics use the shares of the population and the payoff
matrix of a round robin between its strategies (``[tournament] repetitions``).
Every problem raises :class:`~tournament.errors.ConfigError` naming the file (or the
command-line option) and the field.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tournament.errors import ConfigError, EvolutionError
from tournament.evolution.eliminate import check_eliminate
from tournament.evolution.graphs import parse_graph
from tournament.evolution.moran import MODES, MoranSettings
from tournament.evolution.population import Population
from tournament.evolution.run import Evolution
from tournament.io import config as base
from tournament.io.config import RunConfig

DYNAMICS = ("moran", "ecological", "replicator", "eliminate")
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
TOURNAMENT_OPTIONS = ("population", "turns", "prob_end", "noise", "game", "seed", "repetitions", "out")
"""Command-line overrides handled by the tournament config (``population`` becomes the players)."""


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
    unknown = set(overrides) - set(TOURNAMENT_OPTIONS) - set(USED_BY)
    if unknown:
        raise ValueError(f"unknown overrides: {', '.join(sorted(unknown))}")
    if path is None:
        if "population" not in overrides:
            raise ConfigError("give a config file or a population (--population 'Tit For Tat:5, Defector:5')")
        source, where = None, "command line"
        raw: dict[str, Any] = {"tournament": {"name": "evolution"}, "match": {"turns": 200}}
    else:
        source = Path(path)
        where = str(source)
        raw = base.read_toml(source)
        raw.setdefault("tournament", {}).setdefault("name", source.stem)
    return _resolve(raw, where, source, overrides)


def parse_evolution_text(text: str, where: str = "<config>") -> EvolutionConfig:
    """Check an evolution config given as TOML text (for tests and notebooks)."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{where}: not valid TOML: {error}") from None
    return _resolve(raw, where, None, {})


def evolution_toml(config: EvolutionConfig) -> str:
    """The resolved config as TOML, ``[evolution]`` included: ``ipd evolve`` replays the run."""
    evolution = config.evolution
    moran = evolution.moran
    values: dict[str, Any] = {"dynamics": evolution.dynamics}
    if evolution.generations is not None:
        values["generations"] = evolution.generations
    if evolution.dynamics == "moran":
        values.update(mutation=moran.mutation, mode=moran.mode)
        if moran.intensity is not None:
            values["intensity"] = moran.intensity
        values.update(
            self_interaction=moran.self_interaction,
            average=moran.average,
            graph=evolution.graph,
            max_generations=moran.max_generations,
        )
    elif evolution.dynamics == "replicator":
        values.update(mutation=moran.mutation, max_step=evolution.max_step)
    elif evolution.dynamics == "eliminate":
        values["eliminate"] = evolution.eliminate
    lines = [base.to_toml(config.run).rstrip(), "", "[evolution]"]
    lines.extend(f"{key} = {json.dumps(value)}" for key, value in values.items())
    return "\n".join(lines) + "\n"


def _resolve(
    raw: dict[str, Any], where: str, source: Path | None, overrides: dict[str, Any]
) -> EvolutionConfig:
    evolution = raw.pop("evolution", {})
    if not isinstance(evolution, dict):
        raise ConfigError(f"{where}: [evolution] must be a section (a table), got {evolution!r}")
    checker = base.Checker(where)
    for key in evolution:
        if key not in USED_BY:
            hint = base.suggest(key, list(USED_BY), "'{}'")
            raise ConfigError(f"{where}: [evolution]: unknown key '{key}'{hint}")
    if "population" in overrides and "size" not in overrides:
        evolution.pop("size", None)
    for key in set(overrides) & set(USED_BY):
        evolution[key] = overrides[key]
        checker.origins[("evolution", key)] = "--" + key.replace("_", "-")
    tournament_overrides = {k: v for k, v in overrides.items() if k in TOURNAMENT_OPTIONS}
    if "population" in tournament_overrides:
        tournament_overrides["strategies"] = _players_entries(tournament_overrides.pop("population"))
    checker.check_keys(raw)
    checker.apply_overrides(raw, tournament_overrides)
    run = checker.resolve(raw, source, tournament_overrides.get("out"))
    return _Evolution(checker, evolution).build(run)


def _players_entries(text: Any) -> list[dict[str, Any]]:
    try:
        population = Population.parse(text) if isinstance(text, str) else Population.from_counts(text)
    except EvolutionError as error:
        raise ConfigError(f"--population: {error}") from None
    return [{"name": t.spec, "count": c} for t, c in zip(population.types, population.counts) if c > 0]


class _Evolution:
    """Checks the ``[evolution]`` section; errors name the field or the option."""

    def __init__(self, checker: base.Checker, table: dict[str, Any]) -> None:
        self.checker = checker
        self.table = table

    def fail(self, key: str, problem: str) -> ConfigError:
        return self.checker.fail("evolution", key, problem)

    def build(self, run: RunConfig) -> EvolutionConfig:
        table = self.table
        dynamics = table.get("dynamics", "moran")
        if not isinstance(dynamics, str) or dynamics.strip().lower() not in DYNAMICS:
            raise self.fail("dynamics", f"must be one of {', '.join(DYNAMICS)}, got {dynamics!r}")
        dynamics = dynamics.strip().lower()
        origins = self.checker.origins
        switched = ("evolution", "dynamics") in origins
        for key in list(table):
            if dynamics in USED_BY[key]:
                continue
            if switched and ("evolution", key) not in origins:
                del table[key]
                continue
            raise self.fail(
                key, f"is not used by the {dynamics} dynamics (only by {', '.join(USED_BY[key])})"
            )
        population = Population.from_players(run.spec.players)
        if "size" in table:
            size = self.whole("size", table["size"], 1)
            try:
                population.check_size(size)
            except EvolutionError as error:
                raise self.fail("size", str(error)) from None
        generations = DEFAULT_GENERATIONS[dynamics]
        if "generations" in table:
            generations = self.whole("generations", table["generations"], 0)
        mutation = self.probability("mutation", table.get("mutation", 0.0))
        intensity = table.get("intensity")
        if intensity is not None:
            intensity = self.probability("intensity", intensity)
        mode = table.get("mode", "bd")
        if not isinstance(mode, str) or mode.lower() not in MODES:
            raise self.fail("mode", f"must be 'bd' (birth-death) or 'db' (death-birth), got {mode!r}")
        graph_name = table.get("graph", "complete")
        if not isinstance(graph_name, str):
            raise self.fail("graph", f"must be a graph name (text), got {graph_name!r}")
        graph = None
        if dynamics == "moran":
            try:
                graph = parse_graph(graph_name, population.size)
                graph.check(population.size)
            except EvolutionError as error:
                raise self.fail("graph", str(error)) from None
            if population.size < 2:
                raise self.fail("", f"a Moran process needs at least 2 individuals, got {population.size}")
            if mutation > 0 and generations is None:
                raise self.fail("generations", "required with mutation: the population never fixates")
        moran = MoranSettings(
            mode=mode.lower(),
            intensity=intensity,
            mutation=mutation,
            self_interaction=self.boolean("self_interaction", table.get("self_interaction", False)),
            average=self.boolean("average", table.get("average", False)),
            interaction_graph=graph
            if graph is not None and graph_name.strip().lower() != "complete"
            else None,
            max_generations=self.whole("max_generations", table.get("max_generations", 1_000_000), 1),
        )
        eliminate = 5
        if dynamics == "eliminate":
            try:
                eliminate = check_eliminate(
                    self.whole("eliminate", table.get("eliminate", 5), 1), population.size
                )
            except EvolutionError as error:
                raise self.fail("eliminate", str(error)) from None
        max_step = table.get("max_step", 0.01)
        if isinstance(max_step, bool) or not isinstance(max_step, (int, float)) or not 0 < max_step <= 1:
            raise self.fail("max_step", f"must be a number in (0, 1], got {max_step!r}")
        evolution = Evolution(
            name=run.spec.name,
            population=population,
            settings=run.spec.settings,
            seed=run.spec.seed,
            dynamics=dynamics,
            generations=generations,
            moran=moran,
            graph=graph_name.strip().lower(),
            eliminate=eliminate,
            max_step=float(max_step),
            repetitions=run.spec.repetitions,
        )
        return EvolutionConfig(run=run, evolution=evolution)

    def whole(self, key: str, value: Any, least: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            raise self.fail(key, f"must be a whole number >= {least}, got {value!r}")
        return value

    def probability(self, key: str, value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise self.fail(key, f"must be a number in [0, 1], got {value!r}")
        return float(value)

    def boolean(self, key: str, value: Any) -> bool:
        if not isinstance(value, bool):
            raise self.fail(key, f"must be true or false, got {value!r}")
        return value
