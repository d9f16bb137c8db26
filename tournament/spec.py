"""What to play: the players of a round robin with its match settings, repetitions and seed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from strategies.base import Strategy
from strategies.registry import create_all
from tournament.errors import SpecError
from tournament.settings import Game, MatchSettings


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
