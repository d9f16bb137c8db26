"""What ``ipd fingerprint`` shows: the fingerprints' settings and extremes, built with rich."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from tournament.cli.render import SEED_HINT, results_line

if TYPE_CHECKING:
    from rich.console import RenderableType


def fingerprint_view(info: dict[str, Any], folder: Path) -> list[RenderableType]:
    """One table of what was computed (from :func:`tournament.io.fingerprint_storage.summary`),
    the seed and where the results went."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(f"Fingerprints of {info['strategy']}", style="bold"), title_justify="left")
    table.add_column("Fingerprint", style="bold")
    table.add_column("Played")
    table.add_column("Result")
    if "ashlock" in info:
        a = info["ashlock"]
        side = round(a["points"] ** 0.5)
        table.add_row(
            "Ashlock",
            Text(
                f"probe {a['probe']}, {side} x {side} points (step {a['step']:g}), {a['turns']} turns, "
                f"{a['repetitions']} repetitions"
            ),
            f"mean score {a['mean_score']:.3f}; best {a['best']['score']:.3f} at "
            f"({a['best']['x']:.2f}, {a['best']['y']:.2f}), worst {a['worst']['score']:.3f} at "
            f"({a['worst']['x']:.2f}, {a['worst']['y']:.2f})",
        )
    if "transitive" in info:
        t = info["transitive"]
        table.add_row(
            "Transitive",
            Text(
                f"{len(t['opponents'])} opponents, {t['turns']} turns, {t['repetitions']} repetitions"
                + (f", noise {t['noise']:g}" if t["noise"] else "")
            ),
            f"mean cooperation {t['mean_cooperation']:.3f}",
        )
    view: list[RenderableType] = [
        table,
        Text(f"Played in {info['seconds']:.2f} s, seed {info['seed']}.", style="dim"),
    ]
    if info["seed_drawn"]:
        view.append(SEED_HINT.format(seed=info["seed"]))
    view.append(results_line(folder))
    return view
