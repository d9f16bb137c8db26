"""The strategy registry: look strategies up by name or alias and build them from text.

Text forms accepted everywhere (configs, the command line, Python):
``"Tit For Tat"``, ``"tft"``, ``"Random(p=0.2)"``, ``"Random(0.2)"``,
``"Memory One(0.9, 0.1, 0.8, 0.2)"`` (several positional numbers fill a vector parameter),
and transformers around any of these (:mod:`strategies.transformers`): ``"Dual(Tit For Tat)"``,
``"Final(Grudger, DD)"``, ``"Flip(Dual(Random(p=0.2)))"``.
"""

from __future__ import annotations

import ast
import difflib
import functools
import importlib
import pkgutil
from collections.abc import Iterable
from typing import Any

from strategies import families, transformers
from strategies.axelrod import adapter
from strategies.base import Strategy
from tournament.errors import StrategyError
from tournament.fields import split_top_level

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
    """Every registered strategy class: the built-ins in the catalogue's order (modules in the
    order of :func:`builtin_modules`, each module's classes in the order it defines them, even
    when a module imports another family's base class first), then the others in registration
    order."""
    _load()
    rank = {module: k for k, module in enumerate(builtin_modules())}
    return sorted(_REGISTRY.values(), key=lambda cls: rank.get(cls.__module__, len(rank)))


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
    names = [*_REGISTRY, *(a for c in _REGISTRY.values() for a in c.aliases)]
    choices = {_key(k): k for k in [*names, *(t.name for t in transformers.TRANSFORMERS)]}
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
        args = tuple(_literal(a) for a in call.args)
        kwargs = {k.arg: _literal(k.value) for k in call.keywords if k.arg is not None}
    except (SyntaxError, ValueError, AssertionError):
        if not _is_known(name.strip()):
            raise StrategyError(unknown_message(name.strip())) from None
        raise StrategyError(f"{text!r}: parameters must be literal values, e.g. Random(p=0.2)") from None
    return name.strip(), args, kwargs


def _literal(node: ast.expr) -> Any:
    """A Python literal, or TOML's ``true``/``false`` (as typed in a config or on the command line)."""
    if isinstance(node, ast.Name) and node.id in ("true", "false"):
        return node.id == "true"
    return ast.literal_eval(node)


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
    transformed = _transformed(text)
    if transformed is not None:
        return transformed
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


def _transformed(text: str) -> Strategy | None:
    """A transformer around a strategy, ``"Final(Grudger, DD)"``, or None when ``text`` is not
    one: the name before its first parenthesis is a transformer's and no strategy's. The first
    argument is a strategy's text form; the others are literals, bare moves (``DD``) or, for a
    transformer's strategy parameters (Mixed's players), strategies or tuples of them."""
    head, parenthesis, rest = text.strip().partition("(")
    cls = transformers.find(head) if parenthesis else None
    if cls is None or _is_known(head.strip()):
        return None
    rest = rest.rstrip()
    parts = split_top_level(rest[:-1]) if rest.endswith(")") else []
    if not parts:
        raise StrategyError(f"{text.strip()!r}: write {cls.name} around a strategy, e.g. {cls.example}")
    names = [p.name for p in cls.params]
    args, kwargs = [], {}
    for part in parts[1:]:
        key, equals, value = part.partition("=")
        if equals and key.strip().isidentifier():
            kwargs[key.strip()] = _argument(cls, key.strip(), value)
        else:
            args.append(_argument(cls, names[len(args)] if len(args) < len(names) else "", part))
    return cls(create(parts[0]), *args, **kwargs)


def _argument(cls: type[transformers.Transformer], name: str, text: str) -> Any:
    """One argument of a transformer (see :func:`_transformed`)."""
    text = text.strip()
    if name in cls.strategy_params:
        if text.startswith("(") and text.endswith(")"):
            return tuple(create(part) for part in split_top_level(text[1:-1]))
        return create(text)
    try:
        return ast.literal_eval(text)
    except (SyntaxError, ValueError):
        return text


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
