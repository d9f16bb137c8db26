"""A person playing: against a strategy one move at a time, or against another person.

A game against a strategy is replayed by the engine after every move: the person's moves so
far are a scripted player, and the strategy answers as it would in a tournament with the same
seed (its random draws and the noise are keyed by turn, so earlier turns never change). The
length is drawn when the game starts and hidden from both sides (``hide_length``), so neither
the person nor a strategy can plan for the last round. Used by the web app and ``ipd play``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from strategies.base import Strategy
from strategies.registry import create
from strategies.user.plain import PlainStrategy
from tournament.characters import short_name
from tournament.errors import UserError
from tournament.match import MatchResult, play_match
from tournament.settings import Game

TRUST_GAME = Game(R=2, S=-1, T=3, P=0)
"""The Evolution of Trust's coins: put one in and the other gets three."""
LENGTHS = (5, 12)
"""Hidden lengths are drawn uniformly from this range (both ends included)."""
HUMAN = "You"


class MoveError(UserError):
    """A move that is not C or D, or a move in a game that is over."""


def draw_length(seed: int, lengths: tuple[int, int] = LENGTHS) -> int:
    """The hidden length of a game with ``seed``: reproducible, unknown to the players."""
    low, high = lengths
    return int(np.random.default_rng([seed, 0x504C4159]).integers(low, high + 1))


def scripted(moves: str, label: str = HUMAN) -> Strategy:
    """A player that plays ``moves`` in order (a person's choices, replayed by the engine)."""

    class Scripted(PlainStrategy):
        name = label

        def play(self, me: str, them: str) -> str:
            return moves[len(me)]

    Scripted.__doc__ = f"Plays {moves!r}, the moves a person chose."
    return Scripted()


def check_move(move: str) -> str:
    """``move`` as "C" or "D" (also "cooperate", "cheat", "defect"), or a :class:`MoveError`."""
    word = str(move).strip().upper()
    if word in ("C", "COOPERATE"):
        return "C"
    if word in ("D", "CHEAT", "DEFECT"):
        return "D"
    raise MoveError(f"a move is C (cooperate) or D (cheat), got {move!r}")


@dataclass
class StrategyGame:
    """A person against ``opponent`` for a hidden number of rounds."""

    opponent: str
    seed: int
    length: int
    game: Game = TRUST_GAME
    noise: float = 0.0
    chosen: str = ""
    result: MatchResult | None = None

    @classmethod
    def start(cls, opponent: str, seed: int, *, length: int | None = None, **settings: Any) -> StrategyGame:
        """A new game; the opponent is checked by name now, the length drawn from the seed."""
        label = create(opponent).label
        return cls(label, seed, length or draw_length(seed), **settings)

    @property
    def done(self) -> bool:
        """Whether every round has been played."""
        return len(self.chosen) >= self.length

    def play(self, move: str) -> MatchResult:
        """Play the person's next ``move``; the engine replays the game so far."""
        if self.done:
            raise MoveError("the game is over")
        self.chosen += check_move(move)
        self.result = self.replay(self.chosen)
        return self.result

    def replay(self, moves: str) -> MatchResult:
        """The game had the person played ``moves`` (same seed, same opponent)."""
        return play_match(
            scripted(moves),
            self.opponent,
            seed=self.seed,
            turns=len(moves),
            noise=self.noise,
            game=self.game,
            hide_length=True,
        )

    def state(self) -> dict[str, Any]:
        """What the person may see: the moves and scores so far; the length and the opponent
        only once the game is over."""
        result = self.result
        you, them = (result.moves_a, result.moves_b) if result else ("", "")
        scores = result.scores if result else (0.0, 0.0)
        state: dict[str, Any] = {
            "rounds": len(self.chosen),
            "you": you,
            "them": them,
            "chosen": self.chosen,
            "score": scores[0],
            "their_score": scores[1],
            "done": self.done,
        }
        if self.done:
            state |= {"opponent": self.opponent, "character": short_name(self.opponent, "trust")}
            state |= {"length": self.length, "summary": self.summary()}
        return state

    def summary(self) -> list[str]:
        """What this game showed, in sentences computed from it and from two replays (had the
        person always cooperated, always cheated) with the same seed."""
        assert self.result is not None
        name = short_name(self.opponent, "trust")
        n = self.length
        you, them = self.result.scores
        lines = [
            f"The game lasted {n} rounds. You scored {you:g}, {name} scored {them:g}.",
            f"You cooperated {self.chosen.count('C')} times out of {n}; "
            f"{name} cooperated {self.result.moves_b.count('C')} times.",
        ]
        if self.noise > 0:
            flips = sum(a != b for a, b in zip(self.chosen, self.result.moves_a))
            lines.append(f"Mistakes flipped {flips} of your {n} moves.")
        always_c = self.replay("C" * n).scores[0]
        always_d = self.replay("D" * n).scores[0]
        if always_c == always_d:
            lines.append(
                f"Against this {name}, always cooperating and always cheating both score {always_c:g}."
            )
        else:
            better = "always cooperating" if always_c > always_d else "always cheating"
            beat = " You did better than both." if you > max(always_c, always_d) else ""
            lines.append(
                f"Against this {name}, always cooperating would have scored {always_c:g} and always "
                f"cheating {always_d:g}: {better} pays more.{beat}"
            )
        return lines


@dataclass
class PairGame:
    """Two people against each other: a round is played once both have chosen."""

    players: tuple[str, str]
    length: int
    game: Game = TRUST_GAME
    moves: tuple[str, str] = ("", "")
    pending: dict[int, str] = field(default_factory=dict)

    @property
    def done(self) -> bool:
        """Whether every round has been played."""
        return len(self.moves[0]) >= self.length

    def play(self, side: int, move: str) -> bool:
        """``side`` (0 or 1) chooses ``move``; True when that completed the round."""
        if self.done:
            raise MoveError("the game is over")
        if side in self.pending:
            raise MoveError("you already chose this round: wait for the other player")
        self.pending[side] = check_move(move)
        if len(self.pending) < 2:
            return False
        self.moves = (self.moves[0] + self.pending[0], self.moves[1] + self.pending[1])
        self.pending = {}
        return True

    def scores(self) -> tuple[float, float]:
        """Both totals so far."""
        return MatchResult(*self.players, *self.moves, self.game).scores if self.moves[0] else (0.0, 0.0)

    def state(self, side: int) -> dict[str, Any]:
        """What ``side`` may see: both moves so far, whether it waits, the length at the end."""
        mine, theirs = self.moves[side], self.moves[1 - side]
        scores = self.scores()
        state: dict[str, Any] = {
            "rounds": len(mine),
            "you": mine,
            "them": theirs,
            "score": scores[side],
            "their_score": scores[1 - side],
            "waiting": side in self.pending,
            "done": self.done,
            "opponent": self.players[1 - side],
        }
        if self.done:
            state |= {"length": self.length, "summary": self.summary(side)}
        return state

    def summary(self, side: int) -> list[str]:
        """What the game showed, from ``side``'s point of view, computed from its moves."""
        mine, theirs = self.moves[side], self.moves[1 - side]
        scores = self.scores()
        other = self.players[1 - side]
        both_c = sum(a == b == "C" for a, b in zip(mine, theirs))
        lines = [
            f"The game lasted {self.length} rounds. You scored {scores[side]:g}, {other} scored "
            f"{scores[1 - side]:g}.",
            f"You both cooperated in {both_c} of {self.length} rounds; together you made "
            f"{sum(scores):g} of the {2 * self.length * self.game.R:g} that cooperating throughout makes.",
        ]
        return lines
