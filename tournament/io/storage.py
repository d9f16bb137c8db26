"""The results folder of a run, written atomically: every file appears at once, or none.

A run folder holds::

    config.toml                 the resolved config (``ipd run config.toml`` replays the run)
    manifest.json               package versions, seed, counts, timings, command, file sizes
    matches.parquet             one row per match (``matches.csv`` too when asked for)
    players.parquet / .csv      one row per player, ranked
    cooperation_by_turn.parquet / .csv   each player's cooperations at each turn index
    interactions.parquet        every move of every match (only on request)

A folder is claimed before anything is written (:mod:`tournament.io.folders`: no two runs
ever write the same folder) and assembled in the claim's staging folder, each file through a
temporary file and :func:`os.replace`; the staging folder is renamed to the target at the very
end. An exception or Ctrl-C in between leaves no partial output (a run's finished chunks of
play may stay in its work folder, to be resumed).
"""

from __future__ import annotations

import json
import platform
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from tournament.csv_writer import write_csv
from tournament.io.config import RunConfig, to_toml
from tournament.io.folders import Claim, atomic_write, claim_folder
from tournament.io.parquet import write_parquet
from tournament.io.side_by_side import side_by_side
from tournament.round_robin import TournamentResults
from tournament.spec import TournamentSpec
from tournament.stats.spatial import network_record

PACKAGES = ("ipd-tournament", "numpy", "pandas", "pyarrow", "click", "rich", "joblib")


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
        "network": network_record(spec.edges, spec.network, len(spec.players)),
        "counts": dict(results.counts),
        "timings": timings,
        "versions": package_versions(),
    }


def settings_record(spec: TournamentSpec) -> dict[str, Any]:
    """The match settings, repetitions and bootstrap resamples of ``spec`` as plain JSON values."""
    return {**spec.settings.record(), "repetitions": spec.repetitions, "bootstrap": spec.bootstrap}


def table_files(
    results: TournamentResults, formats: Sequence[str], matches_csv: bool = False
) -> dict[str, Callable[[Path], None]]:
    """File name -> writer of each table file a run folder gets for ``formats``; the matches
    table goes to CSV only with ``matches_csv`` (or when CSV is the only format)."""
    tables = {"matches": results.matches, "players": results.players}
    if results.cooperation_by_turn is not None:
        tables["cooperation_by_turn"] = results.cooperation_by_turn
    files: dict[str, Callable[[Path], None]] = {}
    for name, frame in tables.items():
        if "parquet" in formats:
            files[f"{name}.parquet"] = _parquet_writer(frame)
        wanted = name != "matches" or matches_csv or "parquet" not in formats
        if "csv" in formats and wanted:
            files[f"{name}.csv"] = _csv_writer(frame)
    if results.interactions is not None:
        files["interactions.parquet"] = _parquet_writer(results.interactions)
    return files


def write_run(
    results: TournamentResults,
    config: RunConfig,
    folder: Path | Claim,
    *,
    command: Sequence[str] = (),
    wall_seconds: float | None = None,
    extras: Callable[[Path], object] | None = None,
    replace: bool = True,
) -> Path:
    """Write the run folder ``folder`` (a path, or a :class:`~tournament.io.folders.Claim` held
    on it) atomically and return it.

    ``extras`` writes further files (statistics, report) into the staging folder before it
    is renamed into place, so they appear with the tables or not at all. An existing
    folder must be empty or, with ``replace``, a previous run folder; it is replaced.
    """
    target = folder.folder if isinstance(folder, Claim) else Path(folder)
    with staged_folder(folder, replace=replace) as staging:
        header = f"# Resolved config of the run {target.name}; replay it with: ipd run config.toml\n\n"
        atomic_write(staging / "config.toml", lambda path: path.write_text(header + to_toml(config)))
        files = table_files(results, config.output.formats, config.output.matches_csv)

        def write_tables() -> None:
            for name, writer in files.items():
                atomic_write(staging / name, writer)

        if extras is None:
            write_tables()
        else:  # the record tables and the extras (statistics, report) are independent
            side_by_side(write_tables, lambda: extras(staging))
        write_manifest(staging, manifest(results, config, command=command, wall_seconds=wall_seconds))
    return target


@contextmanager
def staged_folder(folder: Path | Claim, replace: bool = True) -> Iterator[Path]:
    """A staging folder to assemble ``folder`` in (a path, claimed here, or a claim already
    held); renamed to it when the block ends (replacing a previous run folder there with
    ``replace``), removed if the block fails. A claim made here is released either way; a
    claim passed in keeps its work folder (and its chunks) when the block fails."""
    claim = folder if isinstance(folder, Claim) else _claim_discarding_leftovers(Path(folder))
    staging = claim.fresh_staging()
    try:
        yield staging
        claim.publish(replace)
    except BaseException:
        if claim is folder:
            import shutil

            shutil.rmtree(staging, ignore_errors=True)
        else:
            claim.discard()
        raise


def _claim_discarding_leftovers(folder: Path) -> Claim:
    """A claim of ``folder`` for a writer that keeps nothing between runs: the leftover of a dead
    run there is emptied."""
    claim = claim_folder(folder)
    if claim.resumed:
        claim.discard()
        claim = claim_folder(folder)
    return claim


def write_manifest(staging: Path, info: dict[str, Any]) -> None:
    """Write ``info`` as ``manifest.json``, with the sizes of the files already in ``staging``."""
    info["files"] = {p.name: p.stat().st_size for p in sorted(staging.iterdir())}
    text = json.dumps(info, indent=2, default=_json_default) + "\n"
    atomic_write(staging / "manifest.json", lambda path: path.write_text(text))


def _parquet_writer(frame: pd.DataFrame) -> Callable[[Path], None]:
    return lambda path: write_parquet(frame, path)


def _csv_writer(frame: pd.DataFrame) -> Callable[[Path], None]:
    return lambda path: write_csv(frame, path)


def _json_default(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")
