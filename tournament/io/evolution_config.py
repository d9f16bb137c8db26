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
from tournament.evolution.moran import MoranSettings
from tournament.evolution.population import Population
from tournament.evolution.run import Evolution
from tournament.evolution.settings import DEFAULT_GENERATIONS, EVOLUTION, POPULATION, USED_BY
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
    if "size" in table:
        try:
            population.check_size(value("size"))
        except EvolutionError as error:
            raise fail("size", str(error)) from None
    generations = value("generations") if "generations" in table else DEFAULT_GENERATIONS[dynamics]
    graph_name = value("graph").lower()
    graph = None
    if dynamics == "moran":
        try:
            graph = parse_graph(graph_name, population.size)
            graph.check(population.size)
        except EvolutionError as error:
            raise fail("graph", str(error)) from None
        if population.size < 2:
            raise fail("", f"a Moran process needs at least 2 individuals, got {population.size}")
        if value("mutation") > 0 and generations is None:
            raise fail("generations", "required with mutation: the population never fixates")
    moran = MoranSettings(
        mode=value("mode"),
        intensity=value("intensity"),
        mutation=value("mutation"),
        self_interaction=value("self_interaction"),
        average=value("average"),
        interaction_graph=graph if graph is not None and graph_name != "complete" else None,
        max_generations=value("max_generations"),
    )
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
    )
