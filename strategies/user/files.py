"""Submitted files as plain data: read one, run it as a fresh module, and report its
author and strategies, or what is wrong with it.

Every ``.py`` file is compiled and run as its own module under a unique name, so two
students' ``strategy.py`` never collide; the strategies it defines (subclasses of
:class:`~strategies.user.plain.PlainStrategy` or functions decorated with
:func:`~strategies.user.plain.plain_strategy`) are described by a :class:`StrategyInfo`, and
the author is the file's ``author = "..."`` (or ``__author__``) or else its stem. A file that
cannot be loaded (a syntax error, a failed import, an exception at import, no strategy)
does not raise: its problem is collected in a :class:`FileReport`.

Running a file's code in this process (:func:`load_module`) is for trusted files; the
sandbox worker (:mod:`strategies.user.sandbox.worker`) calls the same functions on
untrusted ones, and the loader (:mod:`strategies.user.submissions`) gathers the reports.
"""

from __future__ import annotations

import hashlib
import math
import re
import traceback
import types
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from strategies.base import Strategy
from strategies.user.plain import PlainStrategy
from tournament.errors import StrategyError


@dataclass(frozen=True)
class StrategyInfo:
    """What a file declares about one of its strategies (plain data, safe to pass between processes).

    ``attribute`` is the module-level name the strategy class is bound to, so a fresh
    copy of the module can find it again.
    """

    attribute: str
    name: str
    description: str
    memory_depth: float = math.inf
    stochastic: bool = False
    makes_use_of: tuple[str, ...] = ()


@dataclass
class FileReport:
    """One submitted file: its author, the strategies found, or what is wrong with it."""

    path: Path
    author: str
    strategies: list[StrategyInfo] = field(default_factory=list)
    error: str | None = None
    players: list[Strategy] = field(default_factory=list)
    """The playable strategies built from this file (filled by :func:`load_folder`)."""

    @property
    def ok(self) -> bool:
        """Whether the file loaded and defines at least one strategy."""
        return self.error is None


def submission_files(folder: Path) -> list[Path]:
    """The ``.py`` and ``.toml`` files of ``folder`` (not recursive), sorted by name."""
    if not folder.is_dir():
        raise StrategyError(f"{folder}: no such folder of submissions")
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix in (".py", ".toml") and not p.name.startswith((".", "_"))
    )


def module_name(path: Path, source: str) -> str:
    """A unique module name for a file: its stem plus a hash of its path and content."""
    digest = hashlib.blake2b(f"{path.resolve()}\0{source}".encode(), digest_size=6).hexdigest()
    stem = re.sub(r"\W", "_", path.stem)
    return f"ipd_submission_{stem}_{digest}"


def compile_source(path: Path, source: str) -> types.CodeType:
    """Compile a file's text; a :class:`SyntaxError` carries the line number."""
    return compile(source, str(path), "exec", dont_inherit=True)


def load_module(
    path: Path, source: str, code: types.CodeType | None = None, builtins: dict[str, Any] | None = None
) -> types.ModuleType:
    """Run a file as a fresh module (never registered in ``sys.modules``).

    Runs the file's code in this process: only for trusted files or inside a sandbox worker.
    ``builtins`` replaces the module's builtins (the sandbox gives each copy its own).
    """
    module = types.ModuleType(module_name(path, source))
    module.__file__ = str(path)
    if builtins is not None:
        module.__dict__["__builtins__"] = builtins
    exec(code if code is not None else compile_source(path, source), module.__dict__)
    return module


def author_of(module: types.ModuleType, path: Path) -> str:
    """The declared ``author`` (or ``__author__``) of a module, else the file's stem."""
    for key in ("author", "__author__"):
        value = getattr(module, key, None)
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return path.stem


def strategies_in(module: types.ModuleType) -> list[StrategyInfo]:
    """The plain strategies a module defines (not those it imports), in definition order."""
    found = []
    seen: set[type] = set()
    for attribute, value in vars(module).items():
        if (
            isinstance(value, type)
            and issubclass(value, PlainStrategy)
            and value is not PlainStrategy
            and value.__module__ == module.__name__
            and value not in seen
        ):
            seen.add(value)
            name = value.name or attribute
            classifier = value.classifier
            found.append(
                StrategyInfo(
                    attribute=attribute,
                    name=" ".join(str(name).split()),
                    description=value.description(),
                    memory_depth=float(classifier.memory_depth),
                    stochastic=bool(classifier.stochastic),
                    makes_use_of=tuple(sorted(classifier.makes_use_of)),
                )
            )
    return found


def describe_error(error: BaseException, path: Path) -> str:
    """A one-line account of why a file could not be loaded, with the line when known."""
    if isinstance(error, SyntaxError):
        where = f"line {error.lineno}" + (f", column {error.offset}" if error.offset else "")
        text = (error.text or "").strip()
        return f"syntax error on {where}: {error.msg}" + (f" ({text})" if text else "")
    if isinstance(error, ImportError):
        return f"cannot import: {error} (line {_line_in(error, path)})"
    name = type(error).__name__
    return f"raised {name} at import (line {_line_in(error, path)}): {error}".rstrip(": ")


def _line_in(error: BaseException, path: Path) -> str:
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == str(path)]
    return str(frames[-1].lineno) if frames else "?"


def inspect_source(path: Path, source: str, run: Callable[..., types.ModuleType] = load_module) -> FileReport:
    """Load one Python file's text and report its author and strategies, or its problem.

    ``run`` executes the module (the default runs it here; the sandbox passes its own).
    """
    try:
        module = run(path, source)
    except BaseException as error:  # noqa: BLE001 - a submission may raise anything, even SystemExit
        if isinstance(error, KeyboardInterrupt):
            raise
        return FileReport(path, path.stem, error=describe_error(error, path))
    author = author_of(module, path)
    found = strategies_in(module)
    if not found:
        return FileReport(
            path,
            author,
            error="defines no strategy (a PlainStrategy subclass or a @plain_strategy function)",
        )
    names = [info.name for info in found]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        return FileReport(path, author, error=f"defines two strategies named {', '.join(map(repr, twice))}")
    return FileReport(path, author, strategies=found)


def read_source(path: Path) -> str:
    """A file's text; raise :class:`StrategyError` naming the file when it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise StrategyError(f"{path}: not UTF-8 text") from None
    except OSError as error:
        raise StrategyError(f"{path}: cannot read ({error.strerror})") from None
