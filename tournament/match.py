"""One match between two strategies, with every move: for demonstrations and checks.

It is played by the same engine and seeded the same way as in a tournament, so
``play_match(a, b, seed=s)`` reproduces the repetition-0 match of a and b in a
tournament with seed ``s`` (when a comes before b there).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from strategies.base import Strategy
from strategies.registry import create
from tournament.core import plan as planner
from tournament.core.engine import Engine
from tournament.errors import StrategyError
from tournament.settings import Game, MatchSettings


@dataclass(frozen=True)
class MatchResult:
    """The moves of both players (strings of C/D) and what they add up to."""

    player_a: str
    player_b: str
    moves_a: str
    moves_b: str
    game: Game

    @property
    def turns(self) -> int:
        """Number of turns played."""
        return len(self.moves_a)

    @property
    def payoffs(self) -> tuple[np.ndarray, np.ndarray]:
        """Per-turn payoffs of a and of b."""
        a = np.frombuffer(self.moves_a.encode(), dtype=np.uint8) == ord("D")
        b = np.frombuffer(self.moves_b.encode(), dtype=np.uint8) == ord("D")
        vector = self.game.payoff_vector()
        return vector[2 * a + b], vector[2 * b + a]

    @property
    def scores(self) -> tuple[float, float]:
        """Total payoffs of a and of b."""
        pa, pb = self.payoffs
        return float(pa.sum()), float(pb.sum())

    @property
    def state_counts(self) -> dict[str, int]:
        """How many turns ended in CC, CD, DC, DD (from a's side)."""
        states = [x + y for x, y in zip(self.moves_a, self.moves_b)]
        return {s: states.count(s) for s in ("CC", "CD", "DC", "DD")}


def play_match(a: str | Strategy, b: str | Strategy, *, seed: int = 0, **match: Any) -> MatchResult:
    """Play one match of ``a`` against ``b``: ``match`` holds any key of
    :data:`tournament.settings.MATCH` (``turns``, ``prob_end``, ``noise``, ...) and ``game``;
    200 turns unless told otherwise.

    Raises :class:`~tournament.errors.StrategyError` naming the player, the turn and the
    problem when a strategy fails (raises, or answers something other than C or D).
    """
    settings = MatchSettings.build(**match)
    players = (create(a), create(b))
    plan = planner.matches(players, np.array([0]), np.array([1]), np.array([0]), settings, seed)
    ((_, batch),) = planner.batches(plan)
    outcome = Engine(batch, settings, seed=seed, keep_moves=True).play()
    for side, player in zip("ab", players):
        if outcome.failures and outcome.failures[f"failure_{side}"][0]:
            raise StrategyError(f"{player.label} {outcome.failures[f'failure_{side}'][0]}")
    return MatchResult(
        players[0].label, players[1].label, outcome.moves_a[0], outcome.moves_b[0], settings.game
    )
