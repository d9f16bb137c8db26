"""Exact tables as files: the expected payoff, cooperation and state tables of
:func:`tournament.analysis.exact.exact_tables`, beside (or instead of) a tournament's sampled
ones: ``exact_payoff_matrix.csv``, ``exact_cooperation_matrix.csv`` (player by opponent,
empty where a player is neither memory-one nor a machine) and ``exact_state_distribution.csv``
(one row per player and opponent: shares of CC, CD, DC, DD from the player's side). After a
round robin (``ipd run --exact``) ``exact_vs_sampled.csv`` puts each analysable player's
sampled and exact mean payoff per turn side by side.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from tournament.analysis.exact import ExactMatch
from tournament.analysis.exact_tournament import ExactComparison
from tournament.csv_writer import write_csv
from tournament.io.folders import FolderError, atomic_write

STATES = ("CC", "CD", "DC", "DD")


def exact_frames(names: Sequence[str], tables: dict[str, np.ndarray]) -> dict[str, pd.DataFrame]:
    """The tables of ``exact_tables`` as labelled frames, by file name."""
    labels = list(names)
    states = tables["state_distribution"]
    long = pd.DataFrame(
        {
            "player": np.repeat(labels, len(labels)),
            "opponent": np.tile(labels, len(labels)),
            **{state: states[:, :, k].ravel() for k, state in enumerate(STATES)},
        }
    )
    return {
        "exact_payoff_matrix.csv": pd.DataFrame(tables["payoff_matrix"], index=labels, columns=labels),
        "exact_cooperation_matrix.csv": pd.DataFrame(
            tables["cooperation_matrix"], index=labels, columns=labels
        ),
        "exact_state_distribution.csv": long.dropna(),
    }


def write_exact(frames: dict[str, pd.DataFrame], folder: Path) -> list[Path]:
    """Write the frames of :func:`exact_frames` into ``folder`` (created); return the paths."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise FolderError(f"cannot write the exact tables into {folder}: it is a file, not a folder")
    written = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, frame in frames.items():
            index = name != "exact_state_distribution.csv"
            atomic_write(
                folder / name,
                lambda path, f=frame, i=index: f.to_csv(path, index=i, index_label="player" if i else None),
            )
            written.append(folder / name)
    except OSError as error:
        raise FolderError(f"cannot write the exact tables into {folder}: {error.strerror or error}") from None
    return written


def write_exact_comparison(comparison: ExactComparison, folder: Path) -> list[Path]:
    """The exact tables of a round robin and ``exact_vs_sampled.csv`` into ``folder``."""
    written = write_exact(exact_frames(comparison.names, comparison.tables), folder)
    path = Path(folder) / "exact_vs_sampled.csv"
    atomic_write(path, lambda target: write_csv(comparison.comparison, target))
    return [*written, path]


def match_summary(match: ExactMatch) -> dict[str, Any]:
    """An exact match as plain JSON values."""
    return {
        "players": list(match.names),
        "expected_turns": match.expected_turns,
        "discount": match.discount,
        "total": dict(zip(match.names, map(float, match.total))),
        "per_turn": dict(zip(match.names, map(float, match.per_turn))),
        "cooperation": dict(zip(match.names, map(float, match.cooperation))),
        "states": dict(zip(STATES, map(float, match.states))),
    }
