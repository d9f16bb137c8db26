"""The strategy catalogue as plain data, for ``ipd strategies`` and for scripts alike.

:func:`describe` turns one strategy into JSON-ready data; :func:`catalogue` describes the
registered strategies that pass some filters; :func:`axelrod_catalogue` lists the axelrod
library's strategy names from the shipped list, without importing axelrod.
"""

from __future__ import annotations

import math
from typing import Any

from strategies.axelrod.adapter import PREFIX, axelrod_names
from strategies.axelrod.twins import axelrod_name
from strategies.base import Strategy
from strategies.registry import has_builtin, is_builtin, strategy_classes
from strategies.user import plugins

SOURCES = ("all", "builtin", "plugins")
"""Where :func:`catalogue` takes strategies from: both, the built-ins, or installed plugins."""


def describe(player: Strategy) -> dict[str, Any]:
    """A strategy as plain data: name, aliases, description, parameters, classification."""
    classifier = player.classify()
    depth = classifier.memory_depth
    return {
        "name": player.name,
        "aliases": list(player.aliases),
        "description": player.description(),
        "parameters": [
            {
                "name": p.name,
                "default": _json_value(p.default),
                "value": _json_value(getattr(player, p.name)),
                "doc": p.doc,
            }
            for p in player.params
        ],
        "classification": {
            "memory_depth": None if math.isinf(depth) else int(depth),
            "stochastic": classifier.stochastic,
            "makes_use_of": sorted(classifier.makes_use_of),
        },
        "reference": player.reference,
        "axelrod_name": axelrod_name(player),
    }


def catalogue(
    *,
    stochastic: bool | None = None,
    memory_depth: int | None = None,
    search: str | None = None,
    source: str = "all",
) -> list[dict[str, Any]]:
    """:func:`describe` of every registered strategy from ``source`` that passes the filters.

    ``stochastic`` keeps only stochastic (True) or deterministic (False) ones; ``memory_depth``
    those looking back at most that many turns; ``search`` those whose name, aliases or
    description contain the text (case-insensitive). Plugins are loaded first, so they count.
    """
    if source not in SOURCES:
        raise ValueError(f"source must be one of {', '.join(SOURCES)}, got {source!r}")
    from_plugins = {cls for report in plugins.load_plugins() for cls in report.classes}
    rows = []
    for cls in strategy_classes():
        if source == "plugins" and cls not in from_plugins:
            continue
        if source == "builtin" and not is_builtin(cls):
            continue
        info = describe(cls())
        depth = info["classification"]["memory_depth"]
        if stochastic is not None and info["classification"]["stochastic"] != stochastic:
            continue
        if memory_depth is not None and (depth is None or depth > memory_depth):
            continue
        if (
            search
            and search.casefold() not in " ".join([cls.name, *cls.aliases, info["description"]]).casefold()
        ):
            continue
        rows.append(info)
    return rows


def axelrod_catalogue(search: str | None = None) -> list[dict[str, Any]]:
    """The axelrod library's strategy names containing ``search``: how to ask for each, and
    whether a built-in has the same name (then the bare name picks the built-in)."""
    return [
        {
            "name": name,
            "use_as": f"{PREFIX}{name}" if has_builtin(name) else name,
            "builtin_twin": has_builtin(name),
        }
        for name in axelrod_names()
        if not search or search.casefold() in name.casefold()
    ]


def _json_value(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_json_value(v) for v in value]
    return value.label if isinstance(value, Strategy) else value
