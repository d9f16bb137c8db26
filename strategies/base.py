"""The strategy interface: one object decides one player's moves in a whole batch of games.

The engine plays every game of a tournament at once. On each turn it calls each strategy
once, through :meth:`Strategy.move`, with a :class:`~tournament.core.view.View` of the games in
which that strategy sits; the method returns one move per game as a numpy array of
``C`` (0) and ``D`` (1). Per-game state lives in arrays created by :meth:`Strategy.setup`.

A strategy instance is a catalogue entry: its parameters are read-only once built, and the
engine never plays it directly but asks its class for a runtime kernel
(:meth:`Strategy.kernel`): a fresh copy, or one kernel shared by a whole :class:`Family`.

A strategy class reads like an axelrod strategy: a display name, a docstring whose first
paragraph describes the behaviour, a reference, a classifier and a few lines of behaviour.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

import numpy as np

from tournament.core.moves import MOVE_DTYPE
from tournament.errors import StrategyError
from tournament.fields import Field, Integer, Number, Probability

if TYPE_CHECKING:
    from tournament.core.view import View

INF = math.inf


@dataclass(frozen=True)
class Classifier:
    """What a strategy is: how far back it looks and what it uses.

    ``memory_depth`` is the number of past turns the decision depends on (``INF`` when
    unbounded); ``stochastic`` says whether the moves depend on random draws;
    ``makes_use_of`` holds ``"length"`` and/or ``"game"`` when the strategy reads them.
    """

    memory_depth: float = INF
    stochastic: bool = False
    makes_use_of: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        object.__setattr__(self, "makes_use_of", frozenset(self.makes_use_of))


@dataclass(frozen=True)
class Param:
    """A strategy parameter: its name, default, a check (a :class:`~tournament.fields.Field` or any
    callable raising ValueError) and a one-line meaning."""

    name: str
    default: Any
    doc: str = ""
    check: Callable[[Any], Any] | None = None

    def convert(self, value: Any) -> Any:
        """Return ``value`` checked and normalised, or raise :class:`StrategyError`."""
        if self.check is None:
            return value
        try:
            return self.check(value)
        except (TypeError, ValueError) as error:
            raise StrategyError(f"parameter {self.name}={value!r}: {error}") from None


probability = Probability()
"""Check a number in [0, 1] (a field of :mod:`tournament.fields`, like every check below)."""
positive_int = Integer(1)
non_negative_int = Integer(0)
number = Number()


class FourVector(Field):
    """A memory-one vector (P(C|CC), P(C|CD), P(C|DC), P(C|DD)) of probabilities."""

    description = "four probabilities (CC, CD, DC, DD)"

    def convert(self, value: Any) -> tuple[float, float, float, float]:
        try:
            values = tuple(value)
        except TypeError:
            raise self.fail(value) from None
        if len(values) != 4:
            raise self.fail(value)
        return tuple(probability(v) for v in values)  # type: ignore[return-value]


class MoveString(Field):
    """A non-empty string of C and D moves, e.g. ``"CCD"`` (upper-cased)."""

    description = "a non-empty string of C and D"

    def convert(self, value: Any) -> str:
        if not isinstance(value, str) or not value or set(value.upper()) - {"C", "D"}:
            raise self.fail(value)
        return value.upper()


four_vector = FourVector()
move_string = MoveString()


def in_last_turns(view: Any, last: int) -> bool:
    """Whether the match length is known and this is one of its ``last`` turns."""
    return view.length is not None and view.length - last <= view.turn < view.length


def defect_on_last_turns(view: Any, moves: np.ndarray, last: int = 1) -> np.ndarray:
    """``moves``, but all D on the ``last`` turns of a match of known length (axelrod's
    ``FinalTransformer``)."""
    return view.defect() if in_last_turns(view, last) else moves


def defect_where(flags: np.ndarray) -> np.ndarray:
    """D where ``flags`` holds and C elsewhere, as a move array."""
    return np.asarray(flags).astype(MOVE_DTYPE)


def choose(view: View, p: np.ndarray | float, draw: int = 0) -> np.ndarray:
    """C with probability ``p`` per game, like axelrod's ``random_choice(p)`` (p=0 gives D,
    p=1 gives C)."""
    return (view.random(draw) >= p).astype(MOVE_DTYPE)


def last_all(history: np.ndarray, k: int, move: int) -> np.ndarray:
    """Whether the last ``k`` moves of each game (``len(history) >= k``) all equal ``move``."""
    return np.all(history[-k:] == move, axis=0)


class Kernel(Protocol):
    """What the engine plays a block of seats with: a strategy's fresh copy or a family kernel."""

    label: str

    def setup(self, view: View) -> None: ...

    def move(self, view: View) -> np.ndarray: ...


BYPASSED = ("setup", "move", "finish", "spawn", "kernel")
"""What a family kernel does in place of its members: their per-game play and their copy."""


class Family:
    """A kernel shared by a family of strategy classes, declared on the family's base class::

        class MemoryOnePlayer(Strategy):
            family = Family("memory one", MemoryOneKernel)

    All the family's players in a batch are played by one kernel, ``build(members)`` over
    (player, number of games) in seat order, so a turn costs one call for the whole family.
    The kernel reads each player through the family's own interface (a four-vector, a
    transition table, ...) and replaces everything in :data:`BYPASSED`. So a class joins
    only when it resolves each of those to the same definition as the base class; a
    subclass that overrides ``move`` (or ``setup``, ...) plays alone, on its own ``move``.
    """

    def __init__(self, name: str, build: Callable[[list[tuple[Any, int]]], Kernel]) -> None:
        self.name = name
        self.build = build
        self.base: type[Strategy] | None = None
        self._admitted: dict[type, bool] = {}

    def __set_name__(self, owner: type[Strategy], attribute: str) -> None:
        if self.base is not None:
            raise TypeError(f"family {self.name!r} is already declared by {self.base.__qualname__}")
        self.base = owner

    def admits(self, cls: type[Strategy]) -> bool:
        """Whether the family kernel plays ``cls`` exactly as ``cls`` would play itself."""
        answer = self._admitted.get(cls)
        if answer is None:
            base = self.base
            answer = (
                base is not None
                and issubclass(cls, base)
                and all(_defined_in(cls, name) is _defined_in(base, name) for name in BYPASSED)
            )
            self._admitted[cls] = answer
        return answer

    def __repr__(self) -> str:
        return f"Family({self.name!r})"


def _defined_in(cls: type, attribute: str) -> type | None:
    """The class whose definition of ``attribute`` ``cls`` uses."""
    return next((k for k in cls.__mro__ if attribute in vars(k)), None)


class Strategy:
    """Base class of every strategy; see the module docstring for the contract.

    Subclasses set the class attributes and implement :meth:`move` (and :meth:`setup`
    when they keep per-game state). Parameters declared in ``params`` become read-only
    instance attributes of the same names; ``setup`` and ``move`` run on a fresh copy
    (see :meth:`kernel`), so the state they keep never reaches the catalogue entry.
    """

    name: ClassVar[str] = ""
    aliases: ClassVar[tuple[str, ...]] = ()
    params: ClassVar[tuple[Param, ...]] = ()
    classifier: ClassVar[Classifier] = Classifier()
    reference: ClassVar[str] = ""
    family: ClassVar[Family | None] = None
    """The shared kernel of the family this class belongs to, if any (see :class:`Family`)."""
    _parameter_names: ClassVar[frozenset[str]] = frozenset()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._parameter_names = frozenset(
            p.name for k in cls.__mro__ for p in vars(k).get("params", ()) if isinstance(p, Param)
        )
        if cls._parameter_names and "__setattr__" not in vars(cls):
            # Only classes with parameters pay for the guard, so per-game state set on every
            # turn (e.g. by plain strategies) keeps plain attribute speed.
            cls.__setattr__ = _guard_parameters  # type: ignore[method-assign,assignment]
            cls.__delattr__ = _guard_parameters_del  # type: ignore[method-assign,assignment]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        names = [p.name for p in self.params]
        if len(args) > len(names):
            raise StrategyError(
                f"{self.name} takes at most {len(names)} parameter(s) ({', '.join(names) or 'none'})"
            )
        given = dict(zip(names, args))
        for key, value in kwargs.items():
            if key not in names:
                raise StrategyError(
                    f"{self.name} has no parameter {key!r}"
                    + (f" (parameters: {', '.join(names)})" if names else " (it takes none)")
                )
            if key in given:
                raise StrategyError(f"{self.name}: parameter {key!r} given twice")
            given[key] = value
        for param in self.params:
            value = given.get(param.name, param.default)
            object.__setattr__(self, param.name, param.convert(value) if param.name in given else value)
        self.validate()

    def validate(self) -> None:
        """Check parameters jointly; raise :class:`StrategyError` when they do not fit."""

    @property
    def parameters(self) -> dict[str, Any]:
        """The parameter values of this instance, in declaration order."""
        return {p.name: getattr(self, p.name) for p in self.params}

    @property
    def label(self) -> str:
        """Display name: the name alone with default parameters, else ``Name(k=v, ...)``."""
        changed = {p.name: getattr(self, p.name) for p in self.params if getattr(self, p.name) != p.default}
        if not changed:
            return self.name
        return f"{self.name}({', '.join(f'{k}={_format(v)}' for k, v in changed.items())})"

    @property
    def spec(self) -> str:
        """Full canonical form with every parameter; identifies the strategy for seeding."""
        if not self.params:
            return self.name
        return f"{self.name}({', '.join(f'{k}={_format(v)}' for k, v in self.parameters.items())})"

    def classify(self) -> Classifier:
        """The classification of this instance (override when parameters change it)."""
        return self.classifier

    @property
    def stochastic(self) -> bool:
        """Whether this instance's moves depend on random draws."""
        return self.classify().stochastic

    @classmethod
    def description(cls) -> str:
        """The first paragraph of the class docstring."""
        doc = (cls.__doc__ or "").strip()
        return " ".join(doc.split("\n\n")[0].split())

    def spawn(self) -> Strategy:
        """A fresh copy for one batch of games, so per-game state never leaks between batches."""
        return copy.copy(self)

    def kernel_group(self) -> Family | None:
        """The family whose kernel plays this player together with the family's other players
        of a batch, or None when it plays alone (see :class:`Family`)."""
        family = self.family
        return family if family is not None and family.admits(type(self)) else None

    @classmethod
    def kernel(cls, members: list[tuple[Strategy, int]]) -> Kernel:
        """The runtime kernel playing ``members`` ((player, number of games) in seat order, all
        of one kernel group): their family's kernel, or a fresh copy of a player alone."""
        player = members[0][0]
        family = player.kernel_group()
        if family is None:
            return player.spawn()
        return family.build(members)

    def setup(self, view: View) -> None:
        """Create per-game state arrays for the ``view.n`` games of a batch."""

    def move(self, view: View) -> np.ndarray:
        """Return this turn's moves: a uint8 array of length ``view.n`` of C (0) and D (1)."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return self.label

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Strategy) and type(other) is type(self) and other.spec == self.spec

    def __hash__(self) -> int:
        return hash((type(self), self.spec))


def _guard_parameters(self: Strategy, name: str, value: Any) -> None:
    """``__setattr__`` of a class with parameters: they are read-only once built."""
    if name in self._parameter_names:
        raise AttributeError(f"{self.name}: parameter {name!r} is read-only; build a new strategy instead")
    object.__setattr__(self, name, value)


def _guard_parameters_del(self: Strategy, name: str) -> None:
    """``__delattr__`` of a class with parameters."""
    if name in self._parameter_names:
        raise AttributeError(f"{self.name}: parameter {name!r} is read-only")
    object.__delattr__(self, name)


def _format(value: Any) -> str:
    if isinstance(value, float):
        return repr(round(value, 12))
    if isinstance(value, tuple):
        return "(" + ", ".join(_format(v) for v in value) + ")"
    return repr(value)
