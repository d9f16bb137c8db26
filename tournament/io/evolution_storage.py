"""The results of ``ipd evolve`` and ``ipd fixation``: their folders, manifests and JSON summaries.

An evolution run folder is written atomically (see :mod:`tournament.io.storage`) and holds
``config.toml`` (the resolved config: ``ipd evolve config.toml`` replays the run),
``population.parquet`` / ``.csv`` (see :mod:`tournament.evolution.records`),
``population.png`` (stacked shares), ``report.html`` (the evolution section),
``payoff_matrix.csv`` for the ecological, replicator and stationary dynamics, and
``manifest.json`` (settings, seed, outcome, timings, versions). The stationary dynamics draw
``invasion.png`` (the invasion diagram) instead of ``population.png`` and add
``fixation_matrix.csv`` (row: resident, column: invader). With learners that carry knowledge
across generations, ``carriers.csv`` holds their matches and cooperation by generation. A fixation folder holds ``fixation.csv``
(one row per invasion) and ``manifest.json`` (the summary and the command).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from tournament.csv_writer import write_csv
from tournament.evolution.fixation import FixationRow
from tournament.evolution.moran import MoranSettings
from tournament.evolution.run import EvolutionResult
from tournament.io.evolution_config import EvolutionConfig, evolution_toml
from tournament.io.folders import Claim, place_path
from tournament.io.parquet import write_parquet
from tournament.io.report.evolution import plot_invasion, plot_population, render_html
from tournament.io.storage import (
    atomic_write,
    package_versions,
    staged_folder,
    write_manifest,
)
from tournament.settings import MatchSettings


def write_evolution(
    result: EvolutionResult,
    config: EvolutionConfig,
    place: Path | Claim,
    *,
    command: Sequence[str] = (),
    wall_seconds: float | None = None,
) -> Path:
    """Write the run folder ``place`` (a path, or a claim of one) of ``result``, run from
    ``config`` (replacing a previous run folder there), and return it."""
    evolution = result.evolution
    folder = place_path(place)
    with staged_folder(place) as staging:
        header = f"# Resolved config of the run {folder.name}; replay it with: ipd evolve config.toml\n\n"
        atomic_write(staging / "config.toml", lambda path: path.write_text(header + evolution_toml(config)))
        save_population(result.population, staging, config.run.output.formats)
        title = f"{evolution.name} ({evolution.dynamics})"
        if result.stationary is not None:
            picture = plot_invasion(result.stationary, staging / "invasion.png", title)
            rho = pd.DataFrame(result.stationary.rho, index=result.names, columns=result.names)
            rho.to_csv(staging / "fixation_matrix.csv", index_label="resident")
        else:
            picture = plot_population(result.population, staging / "population.png", title)
        page = render_html(result, picture.read_bytes())
        atomic_write(staging / "report.html", lambda path: path.write_text(page, encoding="utf-8"))
        if result.payoff_matrix is not None:
            matrix = pd.DataFrame(result.payoff_matrix, index=result.names, columns=result.names)
            matrix.to_csv(staging / "payoff_matrix.csv", index_label="strategy")
        if not result.carriers.empty:
            write_csv(result.carriers, staging / "carriers.csv")
        info = evolution_manifest(result, config, command=command, wall_seconds=wall_seconds)
        info["versions"] = package_versions()
        write_manifest(staging, info)
    return folder


def save_population(
    population: pd.DataFrame, folder: Path, formats: Sequence[str] = ("parquet", "csv")
) -> list[Path]:
    """Write ``population.parquet`` and/or ``population.csv`` into ``folder``; return the paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    frame = population.assign(strategy=population["strategy"].astype(str))
    if "parquet" in formats:
        path = folder / "population.parquet"
        write_parquet(frame, path)
        written.append(path)
    if "csv" in formats:
        path = folder / "population.csv"
        write_csv(frame, path)
        written.append(path)
    return written


def evolution_manifest(
    result: EvolutionResult,
    config: EvolutionConfig,
    *,
    command: Sequence[str] = (),
    wall_seconds: float | None = None,
) -> dict[str, Any]:
    """What describes an evolution run: settings, seed, population, outcome, timings."""
    evolution = result.evolution
    settings = evolution.settings
    moran = evolution.moran
    timings = {"evolution_seconds": result.seconds}
    if wall_seconds is not None:
        timings["wall_seconds"] = wall_seconds
    return {
        "name": evolution.name,
        "kind": "evolution",
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": list(command),
        "config_file": str(config.run.source) if config.run.source is not None else None,
        "seed": evolution.seed,
        "seed_drawn": config.run.seed_drawn,
        "dynamics": evolution.dynamics,
        "generations": evolution.generations,
        "settings": {
            **settings.record(),
            "repetitions": evolution.repetitions,
            "mutation": moran.mutation,
            "mode": moran.mode,
            "intensity": moran.intensity,
            "self_interaction": moran.self_interaction,
            "average": moran.average,
            "graph": evolution.graph,
            "eliminate": evolution.eliminate,
            "mutation_matrix": None
            if moran.mutation_matrix is None
            else [list(r) for r in moran.mutation_matrix],
            "beta": moran.beta,
            "update": moran.update,
            "size": evolution.size or evolution.population.size,
            "exact_payoffs": evolution.exact_payoffs,
        },
        "population": dict(zip(evolution.population.names, evolution.population.counts)),
        "outcome": result.outcome,
        "timings": timings,
    }


def evolution_summary(result: EvolutionResult, config: EvolutionConfig, folder: Path) -> dict[str, Any]:
    """What ``ipd evolve --json`` prints: the manifest's settings and outcome, the folder, and
    the first and last generations."""
    info = evolution_manifest(result, config)
    info.pop("created")
    info.pop("command")
    info["folder"] = str(folder)
    info["initial"] = _generation_rows(result.initial)
    info["final"] = _generation_rows(result.final)
    info["failures"] = result.failures.to_dict(orient="records")
    if not result.carriers.empty:
        info["carriers"] = result.carriers.to_dict(orient="records")
    return info


def fixation_summary(
    rows: list[FixationRow],
    table: np.ndarray,
    settings: MatchSettings,
    moran: MoranSettings,
    *,
    seed: int,
    seed_drawn: bool,
    seconds: float,
) -> dict[str, Any]:
    """What ``ipd fixation --json`` prints (without the folder): the settings, the payoff table
    and both invasions of :func:`~tournament.evolution.fixation.fixation_analysis`."""
    names = [rows[0].mutant, rows[0].resident]
    return {
        "kind": "fixation",
        "seed": seed,
        "seed_drawn": seed_drawn,
        "settings": {
            **settings.record(),
            "mode": moran.mode,
            "intensity": moran.intensity,
            "self_interaction": moran.self_interaction,
            "average": moran.average,
        },
        "payoffs_per_turn": {x: dict(zip(names, map(float, row))) for x, row in zip(names, table)},
        "invasions": [
            {
                "mutant": row.mutant,
                "resident": row.resident,
                "start": row.start,
                "size": row.size,
                "runs": row.estimate.runs,
                "fixations": row.estimate.successes,
                "estimate": row.estimate.probability,
                "ci95": list(row.estimate.interval),
                "exact": row.exact,
                "exact_is_approximate": row.exact_is_approximate,
                "neutral": row.neutral,
                "mean_generations": row.estimate.mean_generations,
            }
            for row in rows
        ],
        "seconds": seconds,
    }


def fixation_slug(mutant: str, resident: str) -> str:
    """The name of a fixation run's folder, before its timestamp."""
    return f"fixation-{_slug(mutant)}-{_slug(resident)}"


def write_fixation(summary: dict[str, Any], place: Path | Claim, *, command: Sequence[str] = ()) -> Path:
    """Write ``fixation.csv`` (one row per invasion) and ``manifest.json`` (``summary`` and the
    command) as the folder ``place`` (a path, or a claim of one), atomically; return it."""
    frame = pd.DataFrame(summary["invasions"]).assign(
        ci95_low=lambda f: [c[0] for c in f["ci95"]], ci95_high=lambda f: [c[1] for c in f["ci95"]]
    )
    text = to_json({**summary, "command": list(command)}) + "\n"
    with staged_folder(place) as staging:
        write_csv(frame.drop(columns="ci95"), staging / "fixation.csv")
        (staging / "manifest.json").write_text(text)
    return place_path(place)


def to_json(info: dict[str, Any]) -> str:
    """``info`` as indented JSON text: numpy scalars as numbers, anything else unknown as text."""
    return json.dumps(info, indent=2, default=_plain)


def _generation_rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    out = []
    for row in frame.itertuples():
        count = None if row.count != row.count else int(row.count)
        out.append({"strategy": str(row.strategy), "count": count, "share": float(row.share)})
    return out


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-.") or "strategy"


def _plain(value: Any) -> Any:
    return value.item() if hasattr(value, "item") else str(value)
