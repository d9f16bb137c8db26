"""Run the dynamics an :class:`~tournament.evolution.config.EvolutionConfig` describes; save the results.

A run folder holds ``config.toml`` (the resolved config: ``ipd evolve config.toml``
replays the run), ``population.parquet`` / ``.csv`` (see :mod:`records`),
``population.png`` (stacked shares), ``report.html`` (the evolution section),
``payoff_matrix.csv`` for the ecological and replicator dynamics, and ``manifest.json`` (settings, seed, outcome, timings, versions).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from tournament.evolution import records
from tournament.evolution.ecological import ecological_dynamics
from tournament.evolution.eliminate import run_eliminate
from tournament.evolution.moran import run_moran
from tournament.evolution.payoffs import tournament_payoff_matrix
from tournament.evolution.replicator import replicator_dynamics, rest_points
from tournament.io.evolution_config import EvolutionConfig, evolution_toml
from tournament.round_robin import run_tournament
from tournament.spec import TournamentSpec

Progress = Callable[[int, np.ndarray], None]
"""Called with (generation, counts of each type) after each generation of moran/eliminate."""


@dataclass
class EvolutionResult:
    """The population by generation (long table), the outcome and how long it took."""

    config: EvolutionConfig
    population: pd.DataFrame
    outcome: dict[str, Any] = field(default_factory=dict)
    payoff_matrix: np.ndarray | None = None
    seconds: float = 0.0

    @property
    def names(self) -> list[str]:
        """Strategy labels in population order."""
        return self.config.population.names

    @property
    def final(self) -> pd.DataFrame:
        """The last generation: strategy, count (NaN for share dynamics) and share."""
        last = self.population["generation"].max()
        return self.population[self.population["generation"] == last].reset_index(drop=True)


def run_evolution(config: EvolutionConfig, progress: Progress | None = None) -> EvolutionResult:
    """Run the configured dynamics from the configured population."""
    started = time.perf_counter()
    population = config.population
    settings = config.run.spec.settings
    seed = config.seed
    names = population.names
    outcome: dict[str, Any] = {}
    matrix = None
    if config.dynamics == "moran":
        result = run_moran(
            population, settings, config.moran, generations=config.generations, seed=seed, progress=progress
        )
        table = records.population_table(np.array(result.history), names)
        fixed = int(result.fixed_type[0])
        outcome = {"fixated": fixed >= 0, "winner": names[fixed] if fixed >= 0 else None}
        outcome["generations"] = int(result.generations[0])
        outcome.update(_leader(result.history[-1], names))
    elif config.dynamics == "eliminate":
        history = run_eliminate(
            population, settings, config.eliminate, config.generations, seed=seed, progress=progress
        )
        table = records.population_table(history, names)
        outcome = _leader(history[-1], names)
    else:
        spec = TournamentSpec(population.types, settings, config.run.spec.repetitions, seed, config.name)
        matrix = tournament_payoff_matrix(run_tournament(spec).matches, len(population.types))
        if config.dynamics == "ecological":
            shares = ecological_dynamics(matrix, population.shares, config.generations)
            table = records.population_table(shares, names, counts=False)
        else:
            times = np.arange(config.generations + 1, dtype=np.float64)
            shares = replicator_dynamics(
                matrix, population.shares, times, mutation=config.moran.mutation, max_step=config.max_step
            )
            table = records.population_table(shares, names, counts=False)
            if len(names) == 2:
                outcome["rest_points"] = [
                    {"share_of_" + names[0]: p.x, "stability": p.stability} for p in rest_points(matrix)
                ]
        outcome.update(_leader(shares[-1], names))
    return EvolutionResult(config, table, outcome, matrix, time.perf_counter() - started)


def settings_line(config: EvolutionConfig) -> str:
    """The settings of a run in one line of text."""
    settings = config.run.spec.settings
    length = f"{settings.turns} turns" if settings.turns is not None else f"prob_end {settings.prob_end:g}"
    parts = [f"{config.population.size} individuals", config.dynamics]
    if config.dynamics == "moran":
        moran = config.moran
        fitness = "payoff" if moran.intensity is None else f"1 - w + w * payoff, w = {moran.intensity:g}"
        parts += [moran.mode, f"graph {config.graph}", f"fitness {fitness}", f"mutation {moran.mutation:g}"]
        parts.append("self-interaction" if moran.self_interaction else "no self-interaction")
    elif config.dynamics == "eliminate":
        parts.append(f"eliminate/clone {config.eliminate}")
    elif config.dynamics == "replicator":
        parts.append(f"mutation {config.moran.mutation:g}")
    parts += [length, f"noise {settings.noise:g}", f"seed {config.seed}", f"payoffs {settings.game}"]
    return ", ".join(parts)


def outcome_sentences(result: EvolutionResult) -> list[str]:
    """What happened, in a sentence or a few."""
    outcome = result.outcome
    seconds = f" ({result.seconds:.2f} s)"
    if result.config.dynamics == "moran" and outcome["fixated"]:
        return [f"{outcome['winner']} took over after {outcome['generations']:,} generations{seconds}."]
    sentences = [f"Largest share at the end: {outcome['leader']} ({outcome['leader_share']:.1%}){seconds}."]
    if result.config.dynamics == "moran":
        sentences[0] = f"No fixation after {outcome['generations']:,} generations. " + sentences[0]
    for point in outcome.get("rest_points", []):
        share = point["share_of_" + result.names[0]]
        sentences.append(
            f"Rest point of the replicator equation: {result.names[0]} at {share:.3f} ({point['stability']})."
        )
    return sentences


def _leader(values: np.ndarray, names: Sequence[str]) -> dict[str, Any]:
    values = np.asarray(values, dtype=np.float64)
    best = int(np.argmax(values))
    return {"leader": names[best], "leader_share": float(values[best] / values.sum())}


def write_evolution(
    result: EvolutionResult, folder: Path, *, command: Sequence[str] = (), wall_seconds: float | None = None
) -> Path:
    """Write the run folder ``folder`` (replacing a previous run folder there) and return it."""
    from tournament.io.report.evolution import render_html
    from tournament.io.storage import atomic_write, package_versions, staged_folder, write_manifest

    config = result.config
    folder = Path(folder)
    with staged_folder(folder) as staging:
        header = f"# Resolved config of the run {folder.name}; replay it with: ipd evolve config.toml\n\n"
        atomic_write(staging / "config.toml", lambda path: path.write_text(header + evolution_toml(config)))
        records.save_population(result.population, staging, config.run.output.formats)
        picture = records.plot_population(
            result.population, staging / "population.png", f"{config.name} ({config.dynamics})"
        )
        page = render_html(result, picture.read_bytes())
        atomic_write(staging / "report.html", lambda path: path.write_text(page, encoding="utf-8"))
        if result.payoff_matrix is not None:
            matrix = pd.DataFrame(result.payoff_matrix, index=result.names, columns=result.names)
            matrix.to_csv(staging / "payoff_matrix.csv", index_label="strategy")
        info = manifest(result, command=command, wall_seconds=wall_seconds)
        info["versions"] = package_versions()
        write_manifest(staging, info)
    return folder


def manifest(
    result: EvolutionResult, *, command: Sequence[str] = (), wall_seconds: float | None = None
) -> dict[str, Any]:
    """What describes an evolution run: settings, seed, population, outcome, timings."""
    config = result.config
    settings = config.run.spec.settings
    moran = config.moran
    timings = {"evolution_seconds": result.seconds}
    if wall_seconds is not None:
        timings["wall_seconds"] = wall_seconds
    return {
        "name": config.name,
        "kind": "evolution",
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": list(command),
        "config_file": str(config.run.source) if config.run.source is not None else None,
        "seed": config.seed,
        "seed_drawn": config.run.seed_drawn,
        "dynamics": config.dynamics,
        "generations": config.generations,
        "settings": {
            "turns": settings.turns,
            "prob_end": settings.prob_end,
            "noise": settings.noise,
            "game": {k: getattr(settings.game, k) for k in "RSTP"},
            "repetitions": config.run.spec.repetitions,
            "mutation": moran.mutation,
            "mode": moran.mode,
            "intensity": moran.intensity,
            "self_interaction": moran.self_interaction,
            "average": moran.average,
            "graph": config.graph,
            "eliminate": config.eliminate,
        },
        "population": dict(zip(config.population.names, config.population.counts)),
        "outcome": result.outcome,
        "timings": timings,
    }
