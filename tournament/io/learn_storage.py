"""The results folder of ``ipd learn``, written atomically (see :mod:`tournament.io.storage`).

A learning run folder holds::

    config.toml            the resolved config (``ipd learn config.toml`` replays the run)
    manifest.json          seed, method, settings, summary, timings, versions, file sizes
    curves.parquet / .csv  learning curves: one row per step (update, turn window or
                           generation) and agent: reward per step (mean, sd, 10/50/90%) and
                           the probability of cooperating after each state
    final.parquet / .csv   final policies: one row per seed and agent (train: per candidate)
    summary.json           what the run showed, as numbers, and its sentences
    curves.png, report.html  the curves, and the page with the sentences and the final policies
    strategies/*.toml      train only: the winners as declarative strategies
                           (``ipd run --strategies <folder>/strategies``)
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from tournament.csv_writer import write_csv
from tournament.io.folders import Claim, place_path
from tournament.io.learn_config import LearnConfig, learn_toml
from tournament.io.parquet import write_parquet
from tournament.io.report.learning import curves_png, render_html
from tournament.io.storage import atomic_write, package_versions, staged_folder, write_manifest
from tournament.learning.experiment import LearningResult


def write_learning(
    result: LearningResult,
    config: LearnConfig,
    place: Path | Claim,
    *,
    command: Sequence[str] = (),
    wall_seconds: float | None = None,
) -> Path:
    """Write the run folder ``place`` (a path, or a claim of one) of ``result`` (replacing a
    previous run folder there)."""
    folder = place_path(place)
    formats = config.output.formats
    with staged_folder(place) as staging:
        header = f"# Resolved config of the run {folder.name}; replay it with: ipd learn config.toml\n\n"
        atomic_write(staging / "config.toml", lambda path: path.write_text(header + learn_toml(config)))
        for name, frame in (("curves", result.curves), ("final", result.final)):
            if "parquet" in formats:
                atomic_write(staging / f"{name}.parquet", lambda path, f=frame: write_parquet(f, path))
            if "csv" in formats:
                atomic_write(staging / f"{name}.csv", lambda path, f=frame: write_csv(f, path))
        summary = learning_summary(result, config, folder)
        text = to_json(summary)
        atomic_write(staging / "summary.json", lambda path: path.write_text(text))
        image = curves_png(result)
        atomic_write(staging / "curves.png", lambda path: path.write_bytes(image))
        page = render_html(result, image)
        atomic_write(staging / "report.html", lambda path: path.write_text(page, encoding="utf-8"))
        if result.winners:
            save_strategies(result.winners, staging / "strategies")
        info = {
            **summary,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "command": list(command),
            "config_file": str(config.source) if config.source is not None else None,
            "seed_drawn": config.seed_drawn,
            "timings": {
                "learning_seconds": result.seconds,
                **({"wall_seconds": wall_seconds} if wall_seconds else {}),
            },
            "versions": package_versions(),
        }
        info.pop("folder", None)
        write_manifest(staging, info)
    return folder


def save_strategies(winners: Sequence[dict[str, Any]], folder: Path) -> list[Path]:
    """Write each winner's declarative table as ``<type>_<rank>.toml`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for rank, table in enumerate(winners, start=1):
        path = folder / f"{table['type']}_{rank}.toml"
        text = strategy_toml(table)
        atomic_write(path, lambda p, t=text: p.write_text(t))
        paths.append(path)
    return paths


def strategy_toml(table: dict[str, Any]) -> str:
    """A declarative strategy table as TOML (top-level keys first, then ``[states.*]``)."""
    lines = [f"{key} = {json.dumps(value)}" for key, value in table.items() if key != "states"]
    for state, row in table.get("states", {}).items():
        lines += ["", f"[states.{state}]", *(f"{key} = {json.dumps(value)}" for key, value in row.items())]
    return "\n".join(lines) + "\n"


def learning_summary(result: LearningResult, config: LearnConfig, folder: Path) -> dict[str, Any]:
    """What ``ipd learn --json`` prints and ``summary.json`` holds."""
    experiment = result.experiment
    return {
        "name": experiment.name,
        "kind": "learning",
        "method": experiment.method,
        "seed": experiment.seed,
        "folder": str(folder),
        "settings": {
            **{k: (list(v) if isinstance(v, tuple) else v) for k, v in experiment.values.items()},
            "game": experiment.settings.game.as_dict(),
            **({"match": experiment.settings.record()} if experiment.method != "exact" else {}),
        },
        **result.summary,
        "sentences": result.sentences,
    }


def to_json(info: dict[str, Any]) -> str:
    """``info`` as indented JSON (numpy numbers as plain numbers, NaN as null)."""
    return json.dumps(_plain(info), indent=2) + "\n"


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (np.floating, float)):
        return float(value) if np.isfinite(value) else None
    if isinstance(value, np.integer):
        return int(value)
    return value
