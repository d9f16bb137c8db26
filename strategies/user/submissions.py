"""Submitted strategy files: load a folder of Python files and TOML declarations.

Every ``.py`` file is read and described by :mod:`strategies.user.files`; its strategies
are labelled ``author/name``. Every ``.toml`` file is a declarative strategy (see
:mod:`strategies.user.declarative`). A file that cannot be loaded does not raise: its
problem is collected in its :class:`~strategies.user.files.FileReport`, so one broken file
never stops a class tournament.

Trusted files run in the engine's own process; untrusted ones are loaded and played in
sandbox workers (:mod:`strategies.user.sandbox.parent`).
"""

from __future__ import annotations

import types
from pathlib import Path
from typing import Any

from strategies.base import Strategy
from strategies.user import declarative
from strategies.user.files import (
    FileReport,
    StrategyInfo,
    inspect_source,
    load_module,
    read_source,
    submission_files,
)
from tournament.errors import StrategyError


def trusted_player(module: types.ModuleType, info: StrategyInfo, author: str) -> Strategy:
    """A strategy class of a trusted, already loaded module, labelled ``author/name``."""
    cls = getattr(module, info.attribute)
    labelled = type(cls.__name__, (cls,), {"name": f"{author}/{info.name}", "__module__": cls.__module__})
    labelled.__doc__ = cls.__doc__
    return labelled()


def load_folder(folder: str | Path, *, trusted: bool = False, limits: Any = None) -> list[FileReport]:
    """Load every submission of ``folder``: one report per file, players ready to play.

    Python files run in this process when ``trusted``; otherwise they are inspected and
    later played in sandbox workers (with ``limits``, a
    :class:`~strategies.user.sandbox.parent.SandboxLimits`). TOML files are declarative strategies.
    Two strategies with the same ``author/name`` label: the later file is reported.
    """
    reports = []
    labels: dict[str, Path] = {}
    for path in submission_files(Path(folder)):
        try:
            source = read_source(path)
        except StrategyError as error:
            reports.append(FileReport(path, path.stem, error=str(error).removeprefix(f"{path}: ")))
            continue
        if path.suffix == ".toml":
            report = declarative.load_report(path, source)
        elif trusted:
            report = _load_trusted(path, source)
        else:
            from strategies.user.sandbox import parent as sandbox

            report = sandbox.inspect_file(path, source, limits)
        clash = [p.label for p in report.players if p.label in labels]
        if clash:
            report = FileReport(
                path,
                report.author,
                error=f"{clash[0]!r} is already defined by {labels[clash[0]].name}",
            )
        for player in report.players:
            labels[player.label] = path
        reports.append(report)
    return reports


def _load_trusted(path: Path, source: str) -> FileReport:
    modules: list[types.ModuleType] = []

    def run(p: Path, s: str) -> types.ModuleType:
        modules.append(load_module(p, s))
        return modules[-1]

    report = inspect_source(path, source, run)
    if report.ok:
        report.players = [trusted_player(modules[0], info, report.author) for info in report.strategies]
    return report
