"""Strategies from installed packages: the ``ipd_tournament.strategies`` entry-point group.

A package declares, in its ``pyproject.toml``::

    [project.entry-points."ipd_tournament.strategies"]
    my_strategies = "my_package.strategies"          # a module, or "module:attribute"

The entry point may name a strategy class, a module (every strategy class it defines is
taken, as for a submitted file), or a list/tuple of classes. Each class is registered, so
its name works everywhere a built-in's does. A plugin that fails to load, or whose names
collide with existing ones, is reported by name and does not stop the others.

Installing a package already ran its code with your rights, so plugins are trusted: they
run in the engine's process. To sandbox someone's strategy, give its file to
``ipd run --strategies DIR`` instead.
"""

from __future__ import annotations

import types
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any

from strategies.base import Strategy
from strategies.registry import register
from strategies.user.plain import PlainStrategy
from tournament.errors import StrategyError

GROUP = "ipd_tournament.strategies"


@dataclass
class PluginReport:
    """One entry point: the strategy classes it registered, or why it could not load."""

    name: str
    target: str
    distribution: str | None = None
    classes: list[type[Strategy]] = field(default_factory=list)
    error: str | None = None


_loaded: list[PluginReport] | None = None


def load_plugins(refresh: bool = False) -> list[PluginReport]:
    """Load and register every plugin once (again when ``refresh``); one report per entry point."""
    global _loaded
    if _loaded is None or refresh:
        _loaded = [_load(entry) for entry in metadata.entry_points(group=GROUP)]
    return _loaded


def problems() -> list[str]:
    """Readable lines for the plugins that failed to load."""
    return [f"plugin {r.name!r} ({r.target}): {r.error}" for r in load_plugins() if r.error]


def _load(entry: metadata.EntryPoint) -> PluginReport:
    dist = getattr(entry, "dist", None)
    report = PluginReport(entry.name, entry.value, dist.name if dist is not None else None)
    try:
        classes = _classes(entry.load())
        if not classes:
            raise StrategyError("provides no strategy class")
        for cls in classes:
            register(cls)
    except Exception as error:  # noqa: BLE001 - a plugin may raise anything; it is reported, not fatal
        report.error = (
            f"{type(error).__name__}: {error}" if not isinstance(error, StrategyError) else str(error)
        )
        return report
    report.classes = classes
    return report


def _classes(target: Any) -> list[type[Strategy]]:
    if isinstance(target, type) and issubclass(target, Strategy):
        return [target]
    if isinstance(target, types.ModuleType):
        return [
            value
            for value in vars(target).values()
            if isinstance(value, type)
            and issubclass(value, Strategy)
            and value.__module__ == target.__name__
            and value not in (PlainStrategy,)
            and value.name
        ]
    if isinstance(target, (list, tuple)) and all(
        isinstance(c, type) and issubclass(c, Strategy) for c in target
    ):
        return list(target)
    raise StrategyError(
        f"must name a strategy class, a module or a list of classes, not {type(target).__name__}"
    )
