"""The transformer: a strategy made from another one by changing its moves.

A transformer reads like axelrod's strategy transformers (``axelrod.strategy_transformers``):
the wrapped strategy proposes a move for every game of the block, and the transformer's
:meth:`Transformer.transform` turns the proposals into the moves played, for the whole block
at once. The wrapped strategy plays through its own runtime kernel (a family kernel stays one
vectorised kernel), on the transformer's games, seeing the realised (transformed) moves as its
own, as in axelrod (:mod:`strategies.transformers.sight`).

A transformer of a memory-one player whose result is still a memory-one rule (a flip, a dual,
noise, Joss-Ann, ...) is itself played by the memory-one family: :meth:`Transformer.remap`
turns the wrapped rule into the transformed one, so such players join the family's single
kernel (and the compiled player) instead of wrapping a kernel of their own.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from strategies.base import Classifier, Family, Kernel, Strategy
from strategies.transformers.sight import Wrapped
from tournament.errors import StrategyError
from tournament.settings import Game

if TYPE_CHECKING:
    from tournament.core.view import View

FIRST, CC, CD, DC, DD = range(5)
"""Positions in a memory-one rule: P(C) on the first turn, then after CC, CD, DC, DD (own move
first)."""


class Transformer(Strategy):
    """A strategy that plays another one (``inner``) and changes its moves.

    Subclasses set ``name`` (the text form's name, axelrod's transformer without
    "Transformer"), ``prefix`` (the name axelrod gives the transformed class, e.g. "Dual
    Tit For Tat"), ``params``, the reference, an ``example`` and :meth:`transform`; and, as
    their axelrod counterpart does, :meth:`reclassify`. Parameters whose default is None must
    be given.
    """

    prefix: ClassVar[str] = ""
    """What axelrod puts before the wrapped strategy's name ("Dual", "Flipped", ...)."""
    example: ClassVar[str] = ""
    """A text form, for help and error messages."""
    strategy_params: ClassVar[tuple[str, ...]] = ()
    """Parameters that take strategies (the registry builds them from text)."""
    flip_own: ClassVar[bool] = False
    """Whether the wrapped strategy sees its own moves flipped (the dual)."""
    per_game: ClassVar[tuple[str, ...]] = ()
    """Numeric parameters that may differ between the players of one kernel (arrays over the
    games in :meth:`transform`); players with other parameters differing play apart."""
    inner: Strategy

    def __init__(self, inner: Strategy, *args: Any, **kwargs: Any) -> None:
        if not isinstance(inner, Strategy):
            raise StrategyError(f"{self.name} transforms a strategy, e.g. {self.example}; got {inner!r}")
        object.__setattr__(self, "inner", inner)
        super().__init__(*args, **kwargs)

    def validate(self) -> None:
        missing = [p.name for p in self.params if p.default is None and getattr(self, p.name) is None]
        if missing:
            raise StrategyError(f"{self.name} needs {' and '.join(missing)}, e.g. {self.example}")

    # --- identity ---------------------------------------------------------------------------

    @property
    def label(self) -> str:
        """``Name(inner, values...)``, parameters left out from the last one at its default."""
        values = [getattr(self, p.name) for p in self.params]
        while values and values[-1] == self.params[len(values) - 1].default:
            values.pop()
        return f"{self.name}({', '.join([self.inner.label, *(_text(v) for v in values)])})"

    @property
    def spec(self) -> str:
        """Every parameter, and the wrapped strategy's full form."""
        values = [f"{k}={_text(v, spec=True)}" for k, v in self.parameters.items()]
        return f"{self.name}({', '.join([self.inner.spec, *values])})"

    def classify(self) -> Classifier:
        return self.reclassify(self.inner.classify())

    def reclassify(self, classifier: Classifier) -> Classifier:
        """The classification of the transformed strategy from the wrapped one's (axelrod's
        reclassifier for this transformer)."""
        return classifier

    # --- play -------------------------------------------------------------------------------

    def draws(self) -> bool:
        """Whether :meth:`transform` draws random numbers (then the wrapped strategy gets
        random streams of its own)."""
        return False

    def consults(self) -> bool:
        """Whether the wrapped strategy is asked at all (axelrod skips it when the outcome is
        fixed)."""
        return True

    def start(self, view: View) -> None:
        """Create the transformer's per-game state (on the kernel's runner, see
        :class:`TransformerKernel`)."""

    def transform(self, view: View, proposed: np.ndarray) -> np.ndarray:
        """The moves played, from the wrapped strategy's ``proposed`` moves (one per game).
        Called on the kernel's runner: the parameters named in ``per_game`` are arrays."""
        raise NotImplementedError

    def failures(self) -> dict[int, Any]:
        """Games forfeited by strategies the transformer plays besides the wrapped one."""
        return {}

    def kernel_group(self) -> Family | tuple[Any, ...] | None:
        """The memory-one family when the result is a memory-one rule; else, when the wrapped
        strategy plays in a group, the group of this transformer's players with the same fixed
        parameters around that group (one :class:`TransformerKernel`); else None."""
        if "_group" not in self.__dict__:
            self.__dict__["_group"] = self._find_group()
        return self.__dict__["_group"]

    def _find_group(self) -> Family | tuple[Any, ...] | None:
        family = four_vector_family(self.inner)
        if family is not None and self.remap(np.full(5, 0.5), Game()) is not None:
            return family
        inner = self.inner.kernel_group()
        if inner is None:
            return None
        fixed = tuple(getattr(self, p.name) for p in self.params if p.name not in self.per_game)
        return (type(self), self.draws(), fixed, inner)

    @classmethod
    def kernel(cls, members: list[tuple[Strategy, int]]) -> Kernel:
        group = members[0][0].kernel_group()
        if isinstance(group, Family):
            return group.build(members)
        return TransformerKernel(members)  # type: ignore[arg-type]

    # --- memory-one players -----------------------------------------------------------------

    def remap(self, rule: np.ndarray, game: Game) -> np.ndarray | None:
        """The transformed memory-one rule (see :data:`FIRST`) from the wrapped one, or None
        when the transformed strategy is not memory-one."""
        return None

    def probabilities(self, game: Game) -> tuple[float, ...]:
        """The four-vector, when the memory-one family plays this player."""
        return tuple(memory_one_rule(self, game)[CC:].tolist())

    def first_cooperation(self) -> float:
        """The first move's probability of C, when the memory-one family plays this player (it
        does not depend on the payoffs)."""
        return float(memory_one_rule(self, Game())[FIRST])


class TransformerKernel:
    """The transformed players of one group in a batch (:meth:`Transformer.kernel_group`), or
    one player alone: the wrapped strategies play through one kernel over the whole block, and
    one *runner*, a copy of the first player whose ``per_game`` parameters are arrays over the
    games, transforms their moves."""

    def __init__(self, members: list[tuple[Transformer, int]]) -> None:
        self.members = members
        first = members[0][0]
        self.label = first.label if len(members) == 1 else f"{first.name} ({len(members)} players)"

    def setup(self, view: View) -> None:
        first = self.members[0][0]
        sizes = [n for _, n in self.members]
        runner = copy.copy(first)
        for name in first.per_game:
            values = np.repeat([getattr(m, name) for m, _ in self.members], sizes)
            object.__setattr__(runner, name, values)
        inner = [(m.inner, n) for m, n in self.members]
        self.wrapped = Wrapped(inner, view, 0 if first.draws() else None, first.flip_own)
        self.consults = any(m.consults() for m, _ in self.members)
        runner.start(view)
        self.runner = runner

    def move(self, view: View) -> np.ndarray:
        proposed = self.wrapped.move() if self.consults else view.cooperate()
        return self.runner.transform(view, proposed)

    def finish(self) -> dict[int, Any]:
        """The games forfeited by a strategy played inside (see :meth:`Engine.play`)."""
        return {**self.runner.failures(), **self.wrapped.failures()}


def four_vector_family(player: Strategy) -> Family | None:
    """The family that plays ``player`` from a four-vector (``probabilities`` and
    ``first_cooperation``: the memory-one family), or None."""
    group = player.kernel_group()
    if not isinstance(group, Family):
        return None
    return group if isinstance(player, Transformer) or hasattr(group.base, "probabilities") else None


def memory_one_rule(player: Strategy, game: Game) -> np.ndarray:
    """``player``'s memory-one rule in ``game`` (see :data:`FIRST`); ``player`` is played by the
    memory-one family."""
    if isinstance(player, Transformer):
        rule = player.remap(memory_one_rule(player.inner, game), game)
        assert rule is not None
        return rule
    return np.array([player.first_cooperation(), *player.probabilities(game)], dtype=np.float64)


def _text(value: Any, spec: bool = False) -> str:
    """A parameter value as the text form writes it: moves bare, a one-element tuple as its
    element, strategies by label (by full form for the ``spec``)."""
    if isinstance(value, Strategy):
        return value.spec if spec else value.label
    if isinstance(value, tuple):
        if len(value) == 1:
            return f"({_text(value[0], spec)},)" if spec else _text(value[0])
        return "(" + ", ".join(_text(v, spec) for v in value) + ")"
    if isinstance(value, float):
        return repr(round(value, 12))
    return str(value)
