"""A sweep's files: its tables as CSV and its plot, each written atomically."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tournament.csv_writer import write_csv
from tournament.io.folders import Claim, place_path
from tournament.io.report.plots import png_bytes
from tournament.io.report.sweep import plot_sweep
from tournament.io.report.sweep_ranks import plot_ranks
from tournament.io.storage import atomic_write, package_versions, staged_folder, write_manifest
from tournament.stats.rank_stability import agreement_table, rank_table
from tournament.sweep import SweepResult


def write_sweep(
    place: str | Path | Claim, result: SweepResult, command: Sequence[str] = ()
) -> dict[str, Path]:
    """Write the sweep's folder ``place`` (a path, or a claim of one): ``sweep.csv``,
    ``sweep_players.csv``, ``sweep.png``, the rank stability files (``sweep_ranks.csv``: player
    x point ranks with their summary; ``sweep_rank_agreement.csv``: Kendall tau of every two
    points; ``sweep_ranks.png``: the bump chart) and ``manifest.json``. The folder appears
    whole or not at all; a previous sweep there is replaced."""
    folder = place_path(place)
    with staged_folder(place) as staging:
        _write_files(staging, result)
        write_manifest(
            staging, {"command": list(command), "points": len(result.table), "versions": package_versions()}
        )
    return _paths(folder)


def _paths(folder: Path) -> dict[str, Path]:
    return {
        "table": folder / "sweep.csv",
        "players": folder / "sweep_players.csv",
        "plot": folder / "sweep.png",
        "ranks": folder / "sweep_ranks.csv",
        "agreement": folder / "sweep_rank_agreement.csv",
        "ranks_plot": folder / "sweep_ranks.png",
    }


def _write_files(folder: Path, result: SweepResult) -> None:
    paths = _paths(folder)
    atomic_write(paths["table"], lambda path: write_csv(result.table, path))
    atomic_write(paths["players"], lambda path: write_csv(result.players, path))
    image = png_bytes(plot_sweep(result))
    atomic_write(paths["plot"], lambda path: path.write_bytes(image))
    ranks = rank_table(result.ranks, result.names, result.labels)
    atomic_write(paths["ranks"], lambda path: write_csv(ranks, path))
    agreement = agreement_table(result.ranks, result.labels)
    atomic_write(paths["agreement"], lambda path: write_csv(agreement, path))
    bump = png_bytes(plot_ranks(result))
    atomic_write(paths["ranks_plot"], lambda path: path.write_bytes(bump))
