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

import functools
import types
from collections.abc import Callable
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


class LabelClash(StrategyError):
    """Two submitted files that would play under the same label."""


def load_folder(folder: str | Path, *, trusted: bool = False, limits: Any = None) -> list[FileReport]:
    """Load every submission of ``folder``: one report per file, players ready to play.

    Python files run in this process when ``trusted``; otherwise they are inspected and
    later played in sandbox workers (with ``limits``, a
    :class:`~strategies.user.sandbox.parent.SandboxLimits`). TOML files are declarative
    strategies. A file's strategies are labelled ``author/name``; when two files claim the
    same author (whatever the case), each of them is labelled by its file name instead
    (``alice.py/Copycat``), so no file can take another's place. Two files that would still
    share a label raise :class:`LabelClash`, naming both.
    """
    reports: list[FileReport] = []
    build: dict[int, Callable[[StrategyInfo, str], Strategy]] = {}
    waiting: list[tuple[int, Path, str]] = []
    for index, path in enumerate(submission_files(Path(folder))):
        try:
            source = read_source(path)
        except StrategyError as error:
            reports.append(FileReport(path, path.stem, error=str(error).removeprefix(f"{path}: ")))
            continue
        if path.suffix == ".toml":
            report = declarative.load_report(path, source)
            build[index] = functools.partial(_relabelled, report.players[:1])
        elif trusted:
            report, module = _load_trusted(path, source)
            build[index] = functools.partial(trusted_player, module)
        else:
            waiting.append((index, path, source))
            report = FileReport(path, path.stem)
        reports.append(report)
    if waiting:
        from strategies.user.sandbox import parent as sandbox

        inspected = sandbox.inspect_files([(p, s) for _, p, s in waiting], limits)
        for (index, path, source), (report, worker) in zip(waiting, inspected):
            reports[index] = report
            workers = iter([worker])
            build[index] = lambda info, owner, p=path, s=source, w=workers: sandbox.SandboxedStrategy(
                p, s, info, owner, limits or sandbox.SandboxLimits(), next(w, None)
            )
    for index, (report, owner) in enumerate(zip(reports, _owners(reports))):
        if report.ok:
            report.players = [build[index](info, owner) for info in report.strategies]
    _check_labels(reports)
    return reports


def _owners(reports: list[FileReport]) -> list[str]:
    """The label prefix of each file: its author, or its file name when authors clash."""
    owners = [r.author for r in reports]
    while True:
        claims: dict[str, int] = {}
        for owner in owners:
            claims[owner.casefold()] = claims.get(owner.casefold(), 0) + 1
        clashing = [k for k, o in enumerate(owners) if claims[o.casefold()] > 1 and o != reports[k].path.name]
        if not clashing:
            return owners
        for k in clashing:
            owners[k] = reports[k].path.name


def _check_labels(reports: list[FileReport]) -> None:
    labels: dict[str, Path] = {}
    for report in reports:
        for player in report.players:
            if player.label in labels:
                first = labels[player.label]
                raise LabelClash(
                    f"{first.name} and {report.path.name} both define a strategy labelled "
                    f"{player.label!r}; rename one of them"
                )
            labels[player.label] = report.path


def _relabelled(players: list[Strategy], info: StrategyInfo, owner: str) -> Strategy:
    """A declarative player under ``owner/name`` (itself when that is already its label)."""
    player = players[0]
    label = f"{owner}/{info.name}"
    if player.label == label:
        return player
    cls = type(player)
    labelled = type(cls.__name__, (cls,), {"name": label, "__module__": cls.__module__})
    return labelled(**player.parameters)


def _load_trusted(path: Path, source: str) -> tuple[FileReport, types.ModuleType | None]:
    modules: list[types.ModuleType] = []

    def run(p: Path, s: str) -> types.ModuleType:
        modules.append(load_module(p, s))
        return modules[-1]

    report = inspect_source(path, source, run)
    return report, modules[0] if modules else None
