"""What to play: the players of a round robin with its match settings, repetitions and seed.

:class:`TournamentSpec` is built only through the declarations of its settings
(:data:`tournament.settings.TOURNAMENT` and :data:`tournament.settings.MATCH`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from strategies.base import Strategy
from strategies.registry import create_all
from tournament.errors import SpecError
from tournament.settings import TOURNAMENT, MatchSettings


@dataclass(frozen=True)
class TournamentSpec:
    """A round-robin tournament: players, match settings, repetitions and seed."""

    players: tuple[Strategy, ...]
    settings: MatchSettings = field(default_factory=MatchSettings)
    repetitions: int = TOURNAMENT["repetitions"].default
    seed: int = 0
    name: str = TOURNAMENT["name"].default

    def __post_init__(self) -> None:
        if not self.players:
            raise SpecError("the player list is empty")
        object.__setattr__(self, "players", tuple(self.players))
        for setting in TOURNAMENT.settings:
            object.__setattr__(self, setting.key, setting.convert(getattr(self, setting.key)))

    @classmethod
    def build(
        cls,
        players: Sequence[str | Strategy],
        *,
        repetitions: int = 1,
        seed: int = 0,
        name: str = "tournament",
        **match: Any,
    ) -> TournamentSpec:
        """Build from strategy names (text forms) and plain settings: any key of
        :data:`tournament.settings.MATCH` (``turns``, ``prob_end``, ``noise``, ...) and ``game``;
        200 turns unless ``prob_end`` is given."""
        return cls(tuple(create_all(players)), MatchSettings.build(**match), repetitions, seed, name)
