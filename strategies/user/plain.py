"""Strategies in plain Python: decide one game's next move from the moves so far.

Two ways to write one, no numpy needed::

    @plain_strategy("Tit For Two Defections")
    def tf2d(me: str, them: str) -> str:
        return "D" if them.endswith("DD") else "C"

    class Pavlovish(PlainStrategy):
        name = "Pavlovish"
        def play(self, me: str, them: str) -> str:
            if not me:
                return "C"
            return me[-1] if me[-1] == them[-1] else "D"

``me`` and ``them`` are strings of ``"C"``/``"D"``, one letter per past turn. Inside a
class, ``self.turn``, ``self.length`` (None unless the length is fixed and known),
``self.game``, ``self.opponent`` (the opponent's name when the tournament reveals it, else
None) and ``self.random()`` (a reproducible uniform draw) are available, and
attributes set in :meth:`PlainStrategy.reset` are per match. The engine wraps such a
strategy in a loop over its games, so it runs in the same tournaments as the vectorised
built-ins, only more slowly. A game in which it raises (even ``SystemExit``) or answers
something other than C or D is forfeited and reported, not fatal.
"""

from __future__ import annotations

import copy
import reprlib
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from strategies.base import Classifier, Strategy
from tournament.core import rng
from tournament.core.moves import MOVE_DTYPE
from tournament.errors import StrategyError

Decide = Callable[[str, str], str]
_UNIT = 2.0**-53


class PlainStrategy(Strategy):
    """Base class for strategies written one game at a time (see the module docstring)."""

    turn: int = 0
    length: int | None = None
    game: Any = None
    opponent: str | None = None

    def reset(self) -> None:
        """Set per-match state here; called before the first move of every match."""

    def play(self, me: str, them: str) -> str:
        """Return ``"C"`` or ``"D"`` given my moves and the opponent's moves so far."""
        raise NotImplementedError

    def random(self) -> float:
        """A uniform [0, 1) number, reproducible from the tournament seed."""
        value = rng.mix_int(self._key ^ int(rng.counter(self.turn, self._draw))) >> 11
        self._draw += 1
        return value * _UNIT

    def setup(self, view) -> None:
        self._failures: dict[int, tuple[int, str, bool]] = {}
        games = []
        opponents = view.opponents or [None] * view.n
        for key, opponent in zip(view.keys.tolist(), opponents):
            game = copy.copy(self)
            game.opponent = opponent
            game._key = int(key)
            game._draw = 0
            game._me = []
            game._them = []
            game.length = view.length
            game.game = view.game
            game.turn = 0
            game.reset()
            games.append(game)
        self._games = games

    def move(self, view) -> np.ndarray:
        t = view.turn
        out = np.empty(view.n, dtype=MOVE_DTYPE)
        if t > 0:
            own = view.own_last.tolist()
            opp = view.opp_last.tolist()
        for i, game in enumerate(self._games):
            if t > 0:
                game._me.append("CD"[own[i]])
                game._them.append("CD"[opp[i]])
            if i in self._failures:
                out[i] = 0
                continue
            game.turn = t
            game._draw = 0
            try:
                answer = game.play("".join(game._me), "".join(game._them))
            except KeyboardInterrupt:
                raise
            except BaseException as error:  # noqa: BLE001 - even sys.exit is the strategy's failure
                answer = error
            if answer == "C" or answer == "D":
                out[i] = answer == "D"
            else:
                self._failures[i] = (t, _problem(answer, t), True)
                out[i] = 0
        return out

    def finish(self) -> dict[int, tuple[int, str, bool]]:
        """The games this strategy forfeited: ``{game: (turn, what happened, True)}``.

        A strategy that raises or returns something other than C or D forfeits that match
        (see :func:`tournament.core.record.matches_table`); the tournament goes on.
        """
        return dict(self._failures)


def _problem(answer: object, turn: int) -> str:
    """What went wrong on ``turn`` (0-based): an exception with its line, or a bad answer."""
    when = f"on turn {turn + 1}"
    if isinstance(answer, SystemExit):
        return f"called sys.exit({'' if answer.code is None else repr(answer.code)}) {when}"
    if isinstance(answer, BaseException):
        frames = traceback.extract_tb(answer.__traceback__)
        where = f" ({Path(frames[-1].filename).name}, line {frames[-1].lineno})" if frames else ""
        return raised(answer, when, where)
    return bad_answer(answer, when)


def raised(error: BaseException, when: str, where: str = "") -> str:
    """The report of a strategy that raised, e.g. "raised KeyError: 'x' on turn 5 (line 7)"."""
    text = str(error)
    return f"raised {type(error).__name__}{': ' + text if text else ''} {when}{where}"


def bad_answer(answer: object, when: str) -> str:
    """The report of an answer that is not C or D (its repr cut to 40 characters)."""
    text = reprlib.repr(answer)
    text = text if len(text) <= 40 else text[:37] + "..."
    return f"returned {text} {when}; expected 'C' or 'D'"


def plain_strategy(
    name: str,
    *,
    memory_depth: float = float("inf"),
    stochastic: bool = False,
    reference: str = "",
) -> Callable[[Decide], type[PlainStrategy]]:
    """Decorator: turn ``f(me, them) -> "C" | "D"`` into a strategy class named ``name``."""

    def wrap(function: Decide) -> type[PlainStrategy]:
        if not callable(function):
            raise StrategyError(f"{name}: plain_strategy decorates a function")

        def play(self: PlainStrategy, me: str, them: str) -> str:
            return function(me, them)

        return type(
            function.__name__,
            (PlainStrategy,),
            {
                "name": name,
                "__doc__": function.__doc__ or f"{name} (a plain Python strategy).",
                "__module__": function.__module__,
                "classifier": Classifier(memory_depth=memory_depth, stochastic=stochastic),
                "reference": reference,
                "play": play,
            },
        )

    return wrap
