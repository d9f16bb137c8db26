"""Any axelrod strategy in our engine, fed histories only.

``create("axelrod:Evolved ANN")`` (or the bare name when no built-in has it) wraps one
axelrod player per game. Each turn the wrapped player decides against a *mirror*: a
blank axelrod player that carries only the opponent's realised moves. No opponent
object, engine state or other game is reachable, so a strategy that inspects or rewrites
its opponent only ever sees the mirror. Each game's player is seeded from the tournament's
counter-based keys, so runs are reproducible. axelrod is imported on first use only (it
takes about 10 s); names are checked against a shipped list without importing it.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import numpy as np

from strategies.base import Classifier, Strategy
from tournament.core.moves import MOVE_DTYPE
from tournament.errors import StrategyError

PREFIX = "axelrod:"


@functools.cache
def axelrod_names() -> tuple[str, ...]:
    """Display names of every strategy in axelrod 4.13 (shipped list, no import)."""
    text = resources.files("strategies").joinpath("data/axelrod_names.txt").read_text()
    return tuple(line for line in text.splitlines() if line)


@functools.cache
def _classes() -> dict[str, type]:
    import axelrod

    return {cls.name: cls for cls in axelrod.all_strategies}


def _mirror_class() -> type:
    import axelrod

    class Mirror(axelrod.Player):
        """The opponent as the wrapped strategy sees it: a name and a history."""

        name = "Opponent"

        def strategy(self, opponent: Any) -> Any:
            raise StrategyError("the opponent's decisions are not available to strategies")

    return Mirror


class AxelrodStrategy(Strategy):
    """An axelrod strategy played through the adapter (see the module docstring)."""

    reference = "The axelrod library, https://axelrod.readthedocs.io"
    prefixed = False
    """Whether the label shows the ``axelrod:`` prefix, because a built-in has the same name."""

    def __init__(self, axelrod_name: str, *, prefixed: bool = False, **kwargs: Any) -> None:
        if axelrod_name not in axelrod_names():
            import difflib

            close = difflib.get_close_matches(axelrod_name, axelrod_names(), n=3)
            hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
            raise StrategyError(f"axelrod has no strategy {axelrod_name!r}{hint}")
        self.name = axelrod_name
        self.prefixed = prefixed
        self.kwargs = dict(kwargs)
        try:
            self._template = _classes()[axelrod_name](**kwargs)
        except TypeError as error:
            raise StrategyError(f"axelrod:{axelrod_name}: {error}") from None

    @property
    def label(self) -> str:
        base = f"{PREFIX}{self.name}" if self.prefixed else self.name
        if not self.kwargs:
            return base
        return f"{base}({', '.join(f'{k}={v!r}' for k, v in self.kwargs.items())})"

    @property
    def spec(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in sorted(self.kwargs.items()))
        return f"{PREFIX}{self.name}({args})"

    @property
    def parameters(self) -> dict[str, Any]:
        return dict(self.kwargs)

    def classify(self) -> Classifier:
        import axelrod

        player = self._template
        uses = set(axelrod.Classifiers["makes_use_of"](player)) & {"length", "game"}
        return Classifier(
            memory_depth=axelrod.Classifiers["memory_depth"](player),
            stochastic=bool(axelrod.Classifiers["stochastic"](player)),
            makes_use_of=frozenset(uses),
        )

    @classmethod
    def description(cls) -> str:
        return "A strategy of the axelrod library, played through the histories-only adapter."

    def setup(self, view) -> None:
        import axelrod

        game = view.game
        attributes = {
            "length": view.length if view.length is not None else float("inf"),
            "game": axelrod.Game(r=game.R, s=game.S, t=game.T, p=game.P),
            "noise": 0,
        }
        mirror_class = _mirror_class()
        self._players, self._mirrors = [], []
        for key in view.keys.tolist():
            player = self._template.clone()
            player.set_match_attributes(**attributes)
            player.set_seed(int(key) % 2**32)
            mirror = mirror_class()
            mirror.set_match_attributes(**attributes)
            self._players.append(player)
            self._mirrors.append(mirror)
        self._actions = (axelrod.Action.C, axelrod.Action.D)

    def move(self, view) -> np.ndarray:
        out = np.empty(view.n, dtype=MOVE_DTYPE)
        c, d = self._actions
        if view.turn > 0:
            own = view.own_last.tolist()
            opp = view.opp_last.tolist()
            for player, mirror, x, y in zip(self._players, self._mirrors, own, opp):
                mine, theirs = (d if x else c), (d if y else c)
                player.update_history(mine, theirs)
                mirror.update_history(theirs, mine)
        for i, (player, mirror) in enumerate(zip(self._players, self._mirrors)):
            action = player.strategy(mirror)
            if action is c:
                out[i] = 0
            elif action is d:
                out[i] = 1
            else:
                raise StrategyError(f"{self.label} returned {action!r} on turn {view.turn + 1}")
        return out

    def __eq__(self, other: object) -> bool:
        return isinstance(other, AxelrodStrategy) and other.spec == self.spec

    def __hash__(self) -> int:
        return hash(self.spec)
