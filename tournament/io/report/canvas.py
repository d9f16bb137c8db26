"""How every PNG of the reports is drawn: the projector style, a figure without pyplot, PNG bytes.

A figure is built without pyplot (no global state, no GUI backend: it renders through the
Agg canvas), so plotting works headless and never changes the backend of a notebook.
matplotlib is imported only when a figure is drawn.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

STYLE: dict[str, Any] = {
    "font.size": 16,
    "axes.titlesize": 20,
    "axes.titleweight": "bold",
    "axes.labelsize": 17,
    "xtick.labelsize": 14,
    "ytick.labelsize": 14,
    "legend.fontsize": 14,
    "lines.linewidth": 3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "figure.dpi": 100,
    "savefig.dpi": 110,
}
"""matplotlib settings of every plot: readable from the back of a classroom."""


def figure(width: float = 13, height: float = 7) -> Figure:
    """A new figure in :data:`STYLE`, attached to an Agg canvas."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(width, height), layout="constrained")
        FigureCanvasAgg(fig)
    return fig


def png_bytes(fig: Figure) -> bytes:
    """The figure as PNG."""
    import matplotlib

    buffer = io.BytesIO()
    with matplotlib.rc_context(STYLE):
        fig.savefig(buffer, format="png")
    return buffer.getvalue()


def styled(draw: Callable[..., Figure]) -> Callable[..., Figure]:
    """Draw inside the style context (fonts and lines are read when artists are created)."""

    def wrapper(*args: Any, **kwargs: Any) -> Figure:
        import matplotlib

        with matplotlib.rc_context(STYLE):
            return draw(*args, **kwargs)

    wrapper.__name__ = draw.__name__
    wrapper.__doc__ = draw.__doc__
    return wrapper


def label_size(n: int) -> float:
    return float(max(7, min(15, 420 / max(n, 1))))


def ranked_height(n: int, per_player: float = 0.45, least: float = 5) -> float:
    return max(least, min(40, 1.5 + per_player * n))
