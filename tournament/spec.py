"""What to play: the validated, fully resolved description of a tournament."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from strategies.base import Strategy
from strategies.registry import create_all
from tournament.game import Game


class SpecError(ValueError):
    """Settings that cannot describe a tournament; the message names the field."""


@dataclass(frozen=True)
class MatchSettings:
    """How each match is played: length (fixed ``turns`` or ``prob_end``), noise, payoffs, and
    whether players are told who their opponent is (``reveal_opponent``, off by default)."""

    turns: int | None = 200
    prob_end: float | None = None
    noise: float = 0.0
    game: Game = field(default_factory=Game)
    reveal_opponent: bool = False

    def __post_init__(self) -> None:
        if (self.turns is None) == (self.prob_end is None):
            raise SpecError("give exactly one of turns and prob_end")
        if self.turns is not None and (
            isinstance(self.turns, bool) or not isinstance(self.turns, int) or self.turns < 1
        ):
            raise SpecError(f"turns must be a whole number >= 1, got {self.turns!r}")
        if self.prob_end is not None:
            _check_probability("prob_end", self.prob_end)
            if self.prob_end == 0:
                raise SpecError("prob_end must be > 0 (with 0 the matches would never end)")
        _check_probability("noise", self.noise)
        if not isinstance(self.reveal_opponent, bool):
            raise SpecError(f"reveal_opponent must be true or false, got {self.reveal_opponent!r}")
        object.__setattr__(self, "game", Game.from_values(self.game))

    @property
    def known_length(self) -> int | None:
        """The length the players are told: ``turns`` when fixed, None with ``prob_end``."""
        return self.turns


@dataclass(frozen=True)
class TournamentSpec:
    """A round-robin tournament: players, match settings, repetitions and seed."""

    players: tuple[Strategy, ...]
    settings: MatchSettings = field(default_factory=MatchSettings)
    repetitions: int = 1
    seed: int = 0
    name: str = "tournament"

    def __post_init__(self) -> None:
        if not self.players:
            raise SpecError("the player list is empty")
        if (
            isinstance(self.repetitions, bool)
            or not isinstance(self.repetitions, int)
            or self.repetitions < 1
        ):
            raise SpecError(f"repetitions must be a whole number >= 1, got {self.repetitions!r}")
        if isinstance(self.seed, bool) or not isinstance(self.seed, int) or not 0 <= self.seed < 2**64:
            raise SpecError(f"seed must be a whole number in [0, 2**64), got {self.seed!r}")

    @classmethod
    def build(
        cls,
        players: Sequence[str | Strategy],
        *,
        turns: int | None = None,
        prob_end: float | None = None,
        noise: float = 0.0,
        game: Any = None,
        repetitions: int = 1,
        seed: int = 0,
        name: str = "tournament",
        reveal_opponent: bool = False,
    ) -> TournamentSpec:
        """Build from strategy names (text forms) and plain settings; 200 turns by default."""
        if turns is None and prob_end is None:
            turns = 200
        settings = MatchSettings(
            turns=turns,
            prob_end=prob_end,
            noise=noise,
            game=Game.from_values(game) if game else Game(),
            reveal_opponent=reveal_opponent,
        )
        return cls(tuple(create_all(players)), settings, repetitions, seed, name)


def _check_probability(name: str, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise SpecError(f"{name} must be a number in [0, 1], got {value!r}")
    if not 0 <= value <= 1:
        raise SpecError(f"{name} must be in [0, 1], got {value!r}")
