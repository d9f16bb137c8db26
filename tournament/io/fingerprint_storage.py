"""A fingerprint's results folder: its tables as CSV, its pictures as PNG and a manifest, written
atomically (the folder appears complete, or not at all).

::

    ashlock.csv       x, y, score (mean per turn over the repetitions), stdev
    ashlock.png       the heatmap over the unit square
    transitive.csv    opponent, turn, cooperation (rate over the repetitions)
    transitive.png    cooperation per opponent and turn
    manifest.json     strategy, settings, seed, timings, command, versions, file sizes
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

from tournament.analysis.fingerprint import (
    ASHLOCK_REFERENCE,
    TRANSITIVE_REFERENCE,
    AshlockFingerprint,
    TransitiveFingerprint,
)
from tournament.csv_writer import write_csv
from tournament.io.folders import Claim, place_path
from tournament.io.report.fingerprint import ashlock_plot, transitive_plot
from tournament.io.report.plots import png_bytes
from tournament.io.storage import (
    atomic_write,
    package_versions,
    staged_folder,
    write_manifest,
)


def fingerprint_slug(strategy: str) -> str:
    """The name of a fingerprint's results folder, before its timestamp: ``fingerprint-<strategy>``."""
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", strategy).strip("-.") or "strategy"
    return f"fingerprint-{slug}"


def ashlock_table(fingerprint: AshlockFingerprint) -> pd.DataFrame:
    """One row per grid point, in axelrod's order (x outer, y inner)."""
    x, y = fingerprint.points.T
    return pd.DataFrame({"x": x, "y": y, "score": fingerprint.scores, "stdev": fingerprint.stdevs})


def transitive_table(fingerprint: TransitiveFingerprint) -> pd.DataFrame:
    """One row per opponent and turn (turns counted from 1)."""
    n, turns = fingerprint.cooperation.shape
    return pd.DataFrame(
        {
            "opponent": np.repeat(np.array(fingerprint.opponents, dtype=object), turns),
            "turn": np.tile(np.arange(1, turns + 1), n),
            "cooperation": fingerprint.cooperation.reshape(-1),
        }
    )


def summary(
    ashlock: AshlockFingerprint | None,
    transitive: TransitiveFingerprint | None,
    *,
    seed: int,
    seed_drawn: bool,
    seconds: float,
) -> dict[str, Any]:
    """What the manifest and ``--json`` say about a fingerprint run (at least one of the two)."""
    played = ashlock if ashlock is not None else transitive
    assert played is not None
    info: dict[str, Any] = {"strategy": played.strategy, "seed": seed, "seed_drawn": seed_drawn}
    if ashlock is not None:
        best = int(np.argmax(ashlock.scores))
        worst = int(np.argmin(ashlock.scores))
        info["ashlock"] = {
            "probe": ashlock.probe,
            "step": ashlock.step,
            "points": len(ashlock.points),
            "turns": ashlock.turns,
            "repetitions": ashlock.repetitions,
            "mean_score": float(ashlock.scores.mean()),
            "best": {
                "x": float(ashlock.points[best, 0]),
                "y": float(ashlock.points[best, 1]),
                "score": float(ashlock.scores[best]),
            },
            "worst": {
                "x": float(ashlock.points[worst, 0]),
                "y": float(ashlock.points[worst, 1]),
                "score": float(ashlock.scores[worst]),
            },
            "reference": ASHLOCK_REFERENCE,
        }
    if transitive is not None:
        info["transitive"] = {
            "opponents": list(transitive.opponents),
            "turns": transitive.turns,
            "repetitions": transitive.repetitions,
            "noise": transitive.noise,
            "mean_cooperation": float(transitive.cooperation.mean()),
            "reference": TRANSITIVE_REFERENCE,
        }
    info["seconds"] = round(seconds, 3)
    return info


def write_fingerprint(
    place: Path | Claim,
    ashlock: AshlockFingerprint | None,
    transitive: TransitiveFingerprint | None,
    info: dict[str, Any],
    *,
    command: Sequence[str] = (),
) -> Path:
    """Write the results folder ``place`` (a path, or a claim of one; see the module docstring)
    and return it."""
    folder = place_path(place)
    pictures = []
    if ashlock is not None:
        pictures.append(("ashlock", ashlock_table(ashlock), png_bytes(ashlock_plot(ashlock))))
    if transitive is not None:
        pictures.append(("transitive", transitive_table(transitive), png_bytes(transitive_plot(transitive))))
    with staged_folder(place) as staging:
        for name, table, image in pictures:
            atomic_write(staging / f"{name}.csv", lambda path, t=table: write_csv(t, path))
            atomic_write(staging / f"{name}.png", lambda path, i=image: path.write_bytes(i))
        manifest = {
            **info,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "command": list(command),
            "versions": package_versions(),
        }
        write_manifest(staging, manifest)
    return folder


def to_json(info: dict[str, Any]) -> str:
    """``info`` as indented JSON text."""
    return json.dumps(info, indent=2)
