"""Value types that convert and check themselves once, and settings declared once.

Every kind of value a user gives (a whole number >= 1, a probability, a seed, payoffs, a
choice, true or false) is one small :class:`Field` that turns the value into what the
library uses or raises :class:`FieldError` with a sentence: ``must be a whole number >= 1,
got 0``. A :class:`Setting` declares one setting once: its key, value type, default, help
and command-line flags. The Python API (``MatchSettings``, ``TournamentSpec``, strategy
parameters), the TOML config and the command-line options all go through the same
declarations, so a setting is checked in one place and added in one place.
"""

from __future__ import annotations

import difflib
import math
import numbers
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from tournament.errors import SpecError

SEED_LIMIT = 2**64
"""Seeds are whole numbers in [0, 2**64)."""


class FieldError(SpecError):
    """A value its field does not accept; ``key`` names the setting once known."""

    def __init__(self, problem: str, key: str = "") -> None:
        super().__init__(f"{key} {problem}" if key else problem)
        self.problem = problem
        self.key = key

    def at(self, key: str) -> FieldError:
        """The same problem, attributed to the setting ``key``."""
        return FieldError(self.problem, key)


class Field:
    """A kind of value: ``convert`` checks and normalises, ``from_text`` reads command-line text."""

    description = "a value"

    def convert(self, value: Any) -> Any:
        """The value as the library uses it, or :class:`FieldError`."""
        return value

    def from_text(self, text: str) -> Any:
        """Convert a command-line word (the default parses numbers and true/false)."""
        return self.convert(_literal(text))

    def fail(self, value: Any, description: str | None = None) -> FieldError:
        """The error for ``value``: ``must be <description>, got <value>``."""
        return FieldError(f"must be {description or self.description}, got {value!r}")

    def __call__(self, value: Any) -> Any:
        return self.convert(value)


def _literal(text: str) -> Any:
    """A command-line word as the TOML value it stands for: int, float, bool or the text."""
    stripped = text.strip()
    for kind in (int, float):
        try:
            return kind(stripped)
        except ValueError:
            pass
    if stripped.lower() in ("true", "false"):
        return stripped.lower() == "true"
    return text


def _is_bool(value: Any) -> bool:
    kind = type(value)
    return isinstance(value, bool) or (kind.__module__ == "numpy" and kind.__name__ in ("bool", "bool_"))


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not _is_bool(value)


@dataclass(frozen=True)
class Limit:
    """A practical bound inside a value type's range (what fits in memory, say), with the reason
    given to a value past it: ``must be at most 1,000,000 (why), got 3000000000``."""

    why: str
    at_most: float | None = None
    at_least: float | None = None

    def check(self, value: Any) -> None:
        """Raise :class:`FieldError` when ``value`` is past the limit."""
        if self.at_most is not None and value > self.at_most:
            raise FieldError(f"must be at most {_plain(self.at_most)} ({self.why}), got {value!r}")
        if self.at_least is not None and value < self.at_least:
            raise FieldError(f"must be at least {_plain(self.at_least)} ({self.why}), got {value!r}")


def _plain(number: float) -> str:
    """1,000,000 or 0.00001 (no exponent)."""
    if float(number).is_integer():
        return f"{int(number):,}"
    return format(number, "f").rstrip("0")


class Integer(Field):
    """A whole number, optionally bounded: ``Integer(1)`` is a whole number >= 1; ``limit`` adds a
    practical bound with its reason (:class:`Limit`)."""

    def __init__(
        self,
        minimum: int | None = None,
        maximum: int | None = None,
        unit: str = "",
        *,
        limit: Limit | None = None,
    ) -> None:
        self.minimum, self.maximum, self.limit = minimum, maximum, limit
        suffix = f" {unit}" if unit else ""
        if minimum is not None and maximum is not None:
            self.description = f"a whole number{suffix} from {minimum} to {maximum}"
        elif minimum is not None:
            self.description = f"a whole number{suffix} >= {minimum}"
        else:
            self.description = f"a whole number{suffix}"

    def convert(self, value: Any) -> int:
        if _is_bool(value) or not isinstance(value, numbers.Integral):
            raise self.fail(value)
        if (self.minimum is not None and value < self.minimum) or (
            self.maximum is not None and value > self.maximum
        ):
            raise self.fail(value)
        if self.limit is not None:
            self.limit.check(value)
        return int(value)


class Number(Field):
    """A finite real number in a range; ``above`` makes the lower bound strict; ``limit`` adds a
    practical bound with its reason (:class:`Limit`)."""

    def __init__(
        self,
        minimum: float | None = None,
        maximum: float | None = None,
        *,
        above: bool = False,
        description: str | None = None,
        limit: Limit | None = None,
    ) -> None:
        self.minimum, self.maximum, self.above, self.limit = minimum, maximum, above, limit
        if description:
            self.description = description
        elif minimum is not None and maximum is not None:
            low = f"above {minimum:g} and at most" if above else f"from {minimum:g} to"
            self.description = f"a number {low} {maximum:g}"
        elif minimum is not None:
            self.description = f"a number {'above' if above else '>='} {minimum:g}"
        else:
            self.description = "a number"

    def convert(self, value: Any) -> float:
        if not _is_number(value) or not math.isfinite(value):
            raise self.fail(value)
        low_ok = self.minimum is None or (value > self.minimum if self.above else value >= self.minimum)
        if not low_ok or (self.maximum is not None and value > self.maximum):
            raise self.fail(value)
        if self.limit is not None:
            self.limit.check(value)
        return float(value)


class Probability(Number):
    """A number from 0 to 1 (``above=True``: above 0 and at most 1)."""

    def __init__(self, *, above: bool = False) -> None:
        super().__init__(0, 1, above=above)


class Flag(Field):
    """True or false."""

    description = "true or false"

    def convert(self, value: Any) -> bool:
        if not _is_bool(value):
            raise self.fail(value)
        return bool(value)


class Text(Field):
    """A non-empty text, stripped."""

    description = "a non-empty text"

    def convert(self, value: Any) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(value)
        return value.strip()

    def from_text(self, text: str) -> str:
        return self.convert(text)


class Choice(Field):
    """One of a few words (case-insensitive), returned in its declared spelling."""

    def __init__(self, options: Sequence[str], meanings: dict[str, str] | None = None) -> None:
        self.options = tuple(options)
        shown = [f"'{o}' ({meanings[o]})" if meanings and o in meanings else f"'{o}'" for o in self.options]
        self.description = "one of " + ", ".join(shown)

    def convert(self, value: Any) -> str:
        if isinstance(value, str):
            for option in self.options:
                if value.strip().lower() == option.lower():
                    return option
        raise self.fail(value)

    def from_text(self, text: str) -> str:
        return self.convert(text)


class Seed(Integer):
    """A whole number in [0, 2**64); ``draw`` gives a fresh one when none is chosen."""

    def __init__(self) -> None:
        super().__init__(0, SEED_LIMIT - 1)
        self.description = "a whole number from 0 to 2**64 - 1"

    @staticmethod
    def draw() -> int:
        """A random seed (32 bits, short enough to type back)."""
        return secrets.randbelow(2**32)


class Optional(Field):
    """None, or a value of ``inner``."""

    def __init__(self, inner: Field) -> None:
        self.inner = inner
        self.description = inner.description

    def convert(self, value: Any) -> Any:
        return None if value is None else self.inner.convert(value)

    def from_text(self, text: str) -> Any:
        return self.inner.from_text(text)


class ListOf(Field):
    """A non-empty list of values of ``inner`` (duplicates dropped, order kept)."""

    def __init__(self, inner: Field) -> None:
        self.inner = inner
        self.description = f"a non-empty list of {inner.description}"

    def convert(self, value: Any) -> tuple[Any, ...]:
        if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
            raise self.fail(value)
        items = list(value)
        if not items:
            raise self.fail(value)
        try:
            return tuple(dict.fromkeys(self.inner.convert(v) for v in items))
        except FieldError:
            raise self.fail(items) from None

    def from_text(self, text: str) -> tuple[Any, ...]:
        return self.convert([self.inner.from_text(part) for part in text.split(",") if part.strip()])


@dataclass(frozen=True)
class Setting:
    """One setting, declared once for every front door.

    ``key`` is its name in Python and in its config section; ``flags`` its command-line
    options (none: config and Python only); ``replaces`` the keys it clears when given on
    the command line over a config (``turns`` replaces ``prob_end``).
    """

    key: str
    field: Field
    default: Any = None
    help: str = ""
    flags: tuple[str, ...] = ()
    replaces: tuple[str, ...] = ()

    def convert(self, value: Any) -> Any:
        """``value`` through the field; errors name this setting."""
        try:
            return self.field.convert(value)
        except FieldError as error:
            raise error.at(self.key) from None

    @property
    def option(self) -> str:
        """The long command-line flag (``--prob-end``), or the key's spelling of one."""
        long = next((f for f in self.flags if f.startswith("--")), "--" + self.key.replace("_", "-"))
        return long.split("/")[0]


@dataclass(frozen=True)
class Section:
    """The settings of one config section (``[match]``), in order."""

    name: str
    settings: tuple[Setting, ...]

    def __getitem__(self, key: str) -> Setting:
        for setting in self.settings:
            if setting.key == key:
                return setting
        raise KeyError(key)

    @property
    def keys(self) -> tuple[str, ...]:
        """Every key of the section."""
        return tuple(s.key for s in self.settings)

    def unknown_key(self, key: str) -> str:
        """'unknown key ...' with the closest known key."""
        return f"unknown key '{key}'{suggest(key, list(self.keys), chr(39) + '{}' + chr(39))}"


def split_top_level(text: str) -> list[str]:
    """Split ``"Tit For Tat, Random(p=0.3), Memory One(1, 0, 1, 0)"`` at commas outside brackets."""
    parts, depth, current = [], 0, []
    for char in text:
        if char == "," and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        current.append(char)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def suggest(word: str, choices: list[str], template: str) -> str:
    """``; did you mean X?`` for the closest choice, else ``; known: ...``."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.5)
    if not close:
        folded = difflib.get_close_matches(word.casefold(), [c.casefold() for c in choices], n=1, cutoff=0.5)
        close = [c for c in choices if c.casefold() in folded]
    if close:
        return "; did you mean " + template.format(close[0]) + "?"
    return "; known: " + ", ".join(template.format(c) for c in choices)
