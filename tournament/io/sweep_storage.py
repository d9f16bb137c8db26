"""A sweep's files: its tables as CSV and its plot, each written atomically."""

from __future__ import annotations

from pathlib import Path

from tournament.io.report.plots import png_bytes
from tournament.io.report.sweep import plot_sweep
from tournament.io.storage import atomic_write
from tournament.sweep import SweepResult


def write_sweep(folder: str | Path, result: SweepResult) -> dict[str, Path]:
    """Write ``sweep.csv``, ``sweep_players.csv`` and ``sweep.png`` into ``folder``, each file
    through a temporary one (never half-written)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {
        "table": folder / "sweep.csv",
        "players": folder / "sweep_players.csv",
        "plot": folder / "sweep.png",
    }
    atomic_write(paths["table"], lambda path: result.table.to_csv(path, index=False))
    atomic_write(paths["players"], lambda path: result.players.to_csv(path, index=False))
    image = png_bytes(plot_sweep(result))
    atomic_write(paths["plot"], lambda path: path.write_bytes(image))
    return paths
