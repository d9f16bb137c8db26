"""How matches are played: the stage game's payoffs and the match settings."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from tournament.errors import GameError, SpecError


@dataclass(frozen=True)
class Game:
    """Payoffs of the symmetric 2x2 game, from the row player's side.

    R: both cooperate (reward), S: I cooperate and you defect (sucker),
    T: I defect and you cooperate (temptation), P: both defect (punishment).
    Defaults are Axelrod's (3, 0, 5, 1).
    """

    R: float = 3.0
    S: float = 0.0
    T: float = 5.0
    P: float = 1.0

    def __post_init__(self) -> None:
        for key in "RSTP":
            value = getattr(self, key)
            if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
                raise GameError(f"payoff {key} must be a number, got {value!r}")
            if not math.isfinite(value):
                raise GameError(f"payoff {key} must be a finite number, got {value!r}")
            object.__setattr__(self, key, float(value))

    @classmethod
    def from_values(cls, values: Any) -> Game:
        """Build from a mapping with keys R, S, T, P or a sequence in the order R, S, T, P."""
        if isinstance(values, Game):
            return values
        if isinstance(values, dict):
            missing = [k for k in "RSTP" if k not in values]
            extra = sorted(set(values) - set("RSTP"))
            if missing or extra:
                raise GameError(
                    "payoffs need exactly the keys R, S, T, P"
                    + (f"; missing {', '.join(missing)}" if missing else "")
                    + (f"; unknown {', '.join(map(str, extra))}" if extra else "")
                )
            return cls(**{k: values[k] for k in "RSTP"})
        if isinstance(values, str):
            values = [v.strip() for v in values.split(",")]
            try:
                values = [float(v) for v in values]
            except ValueError:
                raise GameError("payoffs must be four numbers R,S,T,P, e.g. 3,0,5,1") from None
        values = list(values)
        if len(values) != 4:
            raise GameError(f"payoffs must be four numbers R, S, T, P; got {len(values)}")
        return cls(*values)

    @property
    def is_prisoners_dilemma(self) -> bool:
        """T > R > P > S and 2R > T + S: defection dominates, mutual cooperation is efficient."""
        return self.T > self.R > self.P > self.S and 2 * self.R > self.T + self.S

    def scores(self) -> tuple[tuple[float, float], ...]:
        """Row-player payoffs indexed by state CC, CD, DC, DD."""
        return ((self.R, self.R), (self.S, self.T), (self.T, self.S), (self.P, self.P))

    def payoff_vector(self) -> np.ndarray:
        """The row player's payoff for states CC, CD, DC, DD (index ``2 * own + opponent``)."""
        return np.array([self.R, self.S, self.T, self.P], dtype=np.float64)

    def __str__(self) -> str:
        return f"R={self.R:g}, S={self.S:g}, T={self.T:g}, P={self.P:g}"


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


def _check_probability(name: str, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise SpecError(f"{name} must be a number in [0, 1], got {value!r}")
    if not 0 <= value <= 1:
        raise SpecError(f"{name} must be in [0, 1], got {value!r}")
