"""The results folder of a run, written atomically: every file appears at once, or none.

A run folder holds::

    config.toml                 the resolved config (``ipd run config.toml`` replays the run)
    manifest.json               package versions, seed, counts, timings, command, file sizes
    matches.parquet / .csv      one row per match (CSV only up to MATCHES_CSV_MAX_ROWS rows)
    players.parquet / .csv      one row per player, ranked
    cooperation_by_turn.parquet / .csv   each player's cooperations at each turn index
    interactions.parquet        every move of every match (only on request)

Files are written into a hidden staging folder next to the target, each through a temporary
file and :func:`os.replace`; the staging folder is renamed to the target at the very end. An
exception or Ctrl-C in between removes the staging folder and leaves no partial output.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from tournament.io.config import RunConfig, to_toml
from tournament.round_robin import TournamentResults
from tournament.spec import TournamentSpec

MATCHES_CSV_MAX_ROWS = 200_000
"""Above this many matches, ``matches.csv`` is left out (the Parquet file holds them)."""

PACKAGES = ("ipd-tournament", "numpy", "pandas", "pyarrow", "click", "rich", "joblib")


def new_run_folder(base: Path, slug: str, now: datetime | None = None) -> Path:
    """``base/<slug>-<YYYYmmdd-HHMMSS>``, with ``-2``, ``-3``... if that folder already exists."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    folder = base / f"{slug}-{stamp}"
    counter = 2
    while folder.exists():
        folder = base / f"{slug}-{stamp}-{counter}"
        counter += 1
    return folder


def package_versions() -> dict[str, str]:
    """Versions of Python, the platform and the packages that shape the results."""
    versions = {"python": platform.python_version(), "platform": platform.platform()}
    for package in PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "not installed"
    return versions


def manifest(
    results: TournamentResults,
    config: RunConfig,
    *,
    command: Sequence[str] = (),
    wall_seconds: float | None = None,
) -> dict[str, Any]:
    """What describes a run beyond its tables: settings, seed, counts, timings, versions."""
    spec = results.spec
    timings = dict(results.timings)
    if wall_seconds is not None:
        timings["wall_seconds"] = wall_seconds
    return {
        "name": spec.name,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": list(command),
        "config_file": str(config.source) if config.source is not None else None,
        "seed": spec.seed,
        "seed_drawn": config.seed_drawn,
        "settings": settings_record(spec),
        "players": [p.spec for p in spec.players],
        "counts": dict(results.counts),
        "timings": timings,
        "versions": package_versions(),
    }


def settings_record(spec: TournamentSpec) -> dict[str, Any]:
    """The match settings and repetitions of ``spec`` as plain JSON values."""
    return {**spec.settings.record(), "repetitions": spec.repetitions}


def table_files(results: TournamentResults, formats: Sequence[str]) -> dict[str, Callable[[Path], None]]:
    """File name -> writer of each table file a run folder gets for ``formats``."""
    tables = {"matches": results.matches, "players": results.players}
    if results.cooperation_by_turn is not None:
        tables["cooperation_by_turn"] = results.cooperation_by_turn
    files: dict[str, Callable[[Path], None]] = {}
    for name, frame in tables.items():
        if "parquet" in formats:
            files[f"{name}.parquet"] = _parquet_writer(frame)
        small = name != "matches" or len(frame) <= MATCHES_CSV_MAX_ROWS or "parquet" not in formats
        if "csv" in formats and small:
            files[f"{name}.csv"] = _csv_writer(frame)
    if results.interactions is not None:
        files["interactions.parquet"] = _parquet_writer(results.interactions)
    return files


def write_run(
    results: TournamentResults,
    config: RunConfig,
    folder: Path,
    *,
    command: Sequence[str] = (),
    wall_seconds: float | None = None,
    extras: Callable[[Path], object] | None = None,
) -> Path:
    """Write the run folder ``folder`` atomically and return it.

    ``extras`` writes further files (statistics, report) into the staging folder before it
    is renamed into place, so they appear with the tables or not at all. An existing
    ``folder`` must be empty or a previous run folder; it is replaced.
    """
    folder = Path(folder)
    with staged_folder(folder) as staging:
        header = f"# Resolved config of the run {folder.name}; replay it with: ipd run config.toml\n\n"
        atomic_write(staging / "config.toml", lambda path: path.write_text(header + to_toml(config)))
        for name, writer in table_files(results, config.output.formats).items():
            atomic_write(staging / name, writer)
        if extras is not None:
            extras(staging)
        write_manifest(staging, manifest(results, config, command=command, wall_seconds=wall_seconds))
    return folder


@contextmanager
def staged_folder(folder: Path) -> Iterator[Path]:
    """A hidden staging folder beside ``folder`` to write into; renamed to ``folder`` when the
    block ends (replacing a previous run folder), removed if the block fails."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".partial", dir=folder.parent))
    try:
        yield staging
        _swap_in(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def write_manifest(staging: Path, info: dict[str, Any]) -> None:
    """Write ``info`` as ``manifest.json``, with the sizes of the files already in ``staging``."""
    info["files"] = {p.name: p.stat().st_size for p in sorted(staging.iterdir())}
    text = json.dumps(info, indent=2, default=_json_default) + "\n"
    atomic_write(staging / "manifest.json", lambda path: path.write_text(text))


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write`` on a temporary path next to ``path``, then rename it into place."""
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        write(temporary)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _swap_in(staging: Path, folder: Path) -> None:
    if not folder.exists():
        os.replace(staging, folder)
        return
    if not any(folder.iterdir()):
        folder.rmdir()
        os.replace(staging, folder)
        return
    if not (folder / "manifest.json").is_file():
        raise FileExistsError(f"{folder} is not empty and does not hold a previous run")
    old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".old", dir=folder.parent))
    os.replace(folder, old / folder.name)
    try:
        os.replace(staging, folder)
    except BaseException:
        os.replace(old / folder.name, folder)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _parquet_writer(frame: pd.DataFrame) -> Callable[[Path], None]:
    return lambda path: frame.to_parquet(path, index=False)


def _csv_writer(frame: pd.DataFrame) -> Callable[[Path], None]:
    return lambda path: frame.to_csv(path, index=False)


def _json_default(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")
