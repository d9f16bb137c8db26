"""The strategy registry: look strategies up by name or alias and build them from text.

Text forms accepted everywhere (configs, the command line, Python):
``"Tit For Tat"``, ``"tft"``, ``"Random(p=0.2)"``, ``"Random(0.2)"``,
``"Memory One(0.9, 0.1, 0.8, 0.2)"`` (several positional numbers fill a vector parameter).
"""

from __future__ import annotations

import ast
import difflib
import functools
import importlib
import pkgutil
from collections.abc import Iterable
from typing import Any

from strategies import families
from strategies.axelrod import adapter
from strategies.base import Strategy
from tournament.errors import StrategyError

_REGISTRY: dict[str, type[Strategy]] = {}
_KEYS: dict[str, type[Strategy]] = {}
_loaded = False


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


def register(cls: type[Strategy]) -> type[Strategy]:
    """Class decorator: add a strategy class to the registry under its name and aliases."""
    if not cls.name:
        raise StrategyError(f"{cls.__qualname__} has no display name")
    for key in (cls.name, *cls.aliases):
        existing = _KEYS.get(_key(key))
        if existing is not None and existing is not cls:
            raise StrategyError(f"name {key!r} of {cls.__qualname__} is already used by {existing.name!r}")
    _REGISTRY[cls.name] = cls
    for key in (cls.name, *cls.aliases):
        _KEYS[_key(key)] = cls
    return cls


@functools.cache
def builtin_modules() -> tuple[str, ...]:
    """Every module of :mod:`strategies.families`, in the catalogue's order
    (:data:`strategies.families.CATALOGUE_ORDER`, then the others alphabetically)."""
    found = sorted(info.name for info in pkgutil.iter_modules(families.__path__))
    order = {name: k for k, name in enumerate(families.CATALOGUE_ORDER)}
    found.sort(key=lambda name: order.get(name, len(order)))
    return tuple(f"{families.__name__}.{name}" for name in found)


def is_builtin(cls: type[Strategy]) -> bool:
    """Whether ``cls`` is a built-in strategy (defined in a module of :mod:`strategies.families`)."""
    return cls.__module__ in builtin_modules()


def _load() -> None:
    """Import every built-in module, which registers its strategies; import errors propagate."""
    global _loaded
    if _loaded:
        return
    for module in builtin_modules():
        importlib.import_module(module)
    _loaded = True


def strategy_classes() -> list[type[Strategy]]:
    """Every registered strategy class, in registration order."""
    _load()
    return list(_REGISTRY.values())


def get_class(name: str) -> type[Strategy]:
    """The strategy class registered under ``name`` or an alias (case-insensitive)."""
    _load()
    cls = _KEYS.get(_key(name))
    if cls is None:
        raise StrategyError(unknown_message(name))
    return cls


def unknown_message(name: str) -> str:
    """A readable 'unknown strategy' message with the closest known names."""
    _load()
    choices = {_key(k): k for k in [*(_REGISTRY), *(a for c in _REGISTRY.values() for a in c.aliases)]}
    close = difflib.get_close_matches(_key(name), list(choices), n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(repr(choices[c]) for c in close)}?" if close else ""
    return f"unknown strategy {name!r}{hint}"


def parse(text: str) -> tuple[str, tuple[Any, ...], dict[str, Any]]:
    """Split ``"Name(args)"`` into the name, positional and keyword literal arguments.

    Names may themselves hold parentheses (``"N Tit(s) For M Tat(s)"``): the longest known
    name before an opening parenthesis wins.
    """
    text = text.strip()
    if not text:
        raise StrategyError("empty strategy name")
    if "(" not in text or _is_known(text):
        return text, (), {}
    if not text.endswith(")"):
        raise StrategyError(f"{text!r}: parameters must be written as Name(p=0.1, ...)")
    opens = [i for i, ch in enumerate(text) if ch == "("]
    known = [i for i in opens if _is_known(text[:i].strip())]
    cut = known[-1] if known else opens[0]
    name, rest = text[:cut], text[cut + 1 :]
    try:
        call = ast.parse(f"f({rest}", mode="eval").body
        assert isinstance(call, ast.Call)
        args = tuple(ast.literal_eval(a) for a in call.args)
        kwargs = {k.arg: ast.literal_eval(k.value) for k in call.keywords if k.arg is not None}
    except (SyntaxError, ValueError, AssertionError):
        raise StrategyError(f"{text!r}: parameters must be literal values, e.g. Random(p=0.2)") from None
    return name.strip(), args, kwargs


def _is_known(name: str) -> bool:
    return has_builtin(name) or name.removeprefix(adapter.PREFIX).strip() in adapter.axelrod_names()


def has_builtin(name: str) -> bool:
    """Whether a built-in (or registered) strategy has this name or alias."""
    _load()
    return _key(name) in _KEYS


def create(text: str | Strategy) -> Strategy:
    """Build a strategy from its text form (or return a strategy given as is).

    ``"axelrod:Name(...)"`` builds axelrod's strategy through the adapter; a bare name that
    no built-in has but axelrod does falls back to the adapter too.
    """
    if isinstance(text, Strategy):
        return text
    name, args, kwargs = parse(text)
    if name.startswith(adapter.PREFIX) or (not has_builtin(name) and name in adapter.axelrod_names()):
        if args:
            raise StrategyError(f"{text!r}: give axelrod strategies' parameters by name, e.g. p=0.2")
        axelrod_name = name.removeprefix(adapter.PREFIX).strip()
        return adapter.AxelrodStrategy(axelrod_name, prefixed=has_builtin(axelrod_name), **kwargs)
    cls = get_class(name)
    vector_first = cls.params and isinstance(cls.params[0].default, tuple)
    if vector_first and len(args) > 1 and all(isinstance(a, (int, float)) for a in args):
        args = (tuple(args),)
    return cls(*args, **kwargs)


def create_all(texts: Iterable[str | Strategy]) -> list[Strategy]:
    """Build a list of strategies; raise one error naming every bad entry."""
    players, problems = [], []
    for text in texts:
        try:
            players.append(create(text))
        except StrategyError as error:
            problems.append(str(error))
    if problems:
        raise StrategyError("; ".join(problems))
    return players
