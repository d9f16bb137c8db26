"""Fingerprint pictures, as axelrod draws them (``AshlockFingerprint.plot``,
``TransitiveFingerprint.plot``), in the report's style and without pyplot."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from tournament.io.report.plots import STYLE, figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from tournament.analysis.fingerprint import AshlockFingerprint, TransitiveFingerprint


def ashlock_plot(fingerprint: AshlockFingerprint, cmap: str = "seismic") -> Figure:
    """The Ashlock fingerprint as a heatmap over the unit square, (0, 0) bottom left, with a
    colour bar ticked at the lowest, middle and highest score (axelrod's plot)."""
    import matplotlib

    with matplotlib.rc_context(STYLE):
        return _ashlock(fingerprint, cmap)


def transitive_plot(fingerprint: TransitiveFingerprint, cmap: str = "viridis") -> Figure:
    """The transitive fingerprint: cooperation rate per opponent (rows) and turn (columns);
    opponents named when they are few, else the axis reads as the panel's cooperation
    probability (axelrod's default panel)."""
    import matplotlib

    with matplotlib.rc_context(STYLE):
        return _transitive(fingerprint, cmap)


def _ashlock(fingerprint: AshlockFingerprint, cmap: str) -> Figure:
    image = fingerprint.image()
    fig = figure(10, 8.5)
    ax = fig.add_subplot()
    ax.grid(False)
    drawn = ax.imshow(image, cmap=cmap, interpolation="none")
    low, high = float(image.min()), float(image.max())
    fig.colorbar(drawn, ax=ax, ticks=[low, (low + high) / 2, high], label="score per turn")
    ax.set_xlabel("$x$ (probe cooperates)")
    ax.set_ylabel("$y$ (probe defects)")
    ax.tick_params(axis="both", which="both", length=0)
    ax.set_xticks([0, len(image) - 1], ["0", "1"])
    ax.set_yticks([0, len(image) - 1], ["1", "0"])
    ax.set_title(f"{fingerprint.strategy}, probe {fingerprint.probe}")
    return fig


def _transitive(fingerprint: TransitiveFingerprint, cmap: str) -> Figure:
    data = fingerprint.cooperation
    n = len(data)
    fig = figure(13, max(6.0, min(16.0, 2 + 0.25 * n)))
    ax = fig.add_subplot()
    ax.grid(False)
    drawn = ax.imshow(data, cmap=cmap, interpolation="none", vmin=0, vmax=1, aspect="auto")
    ax.set_xlabel("turn")
    ax.tick_params(axis="both", which="both", length=0)
    if n <= 20:
        ax.set_yticks(np.arange(n), fingerprint.opponents)
    else:
        ax.set_yticks([0, n - 1], ["0", "1"])
        ax.set_ylabel("opponent's probability of cooperation")
    ax.set_title(f"{fingerprint.strategy}: cooperation against each opponent")
    fig.colorbar(drawn, ax=ax, ticks=[0, 0.5, 1], label="cooperation rate")
    return fig
