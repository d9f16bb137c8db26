"""Learners that carry what they learned across repetitions: a plan played in stages.

The engine plays every game of a batch together, so knowledge cannot flow from one match to
another inside a batch. A player that carries knowledge (a learner with ``carry=True``, see
:mod:`strategies.families.learners`) therefore learns between *repetitions*:

- stage 0 plays every game without such a player (all repetitions: nothing there changes)
  and the carriers' games of repetition 0;
- stage r >= 1 plays the carriers' games of repetition r;
- after each stage but the last, each carrier's knowledge becomes the mean of what it knew at
  the end of each of its matches of that stage, taken in plan row order (seat a before seat
  b in a self-play row); the next stage's matches all start from it.

Inside a stage the batches may be cut and played in any order, by any number of workers:
knowledge is recovered from the recorded moves (:meth:`~strategies.families.learners.Learner.learned`),
never from the engine's state, and the merge order is fixed, so the results do not depend on
batching or ``--workers``. A carrier keeps its identity (its ``spec``), hence its random
streams; only what it starts from changes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from tournament.core.plan import Plan


def carriers(players: Sequence[Any]) -> list[int]:
    """Indices of the players that carry knowledge across repetitions."""
    return [i for i, player in enumerate(players) if getattr(player, "carries", False)]


def subplan(plan: Plan, games: np.ndarray, players: tuple[Any, ...]) -> tuple[Plan, np.ndarray]:
    """The part of ``plan`` that plays ``games`` (a mask over its games), seating ``players``;
    and the plan indices of its rows."""
    rows = np.flatnonzero(games[plan.row_game])
    chosen = np.flatnonzero(games)
    local = np.full(len(plan.game_length), -1, dtype=np.int64)
    local[chosen] = np.arange(chosen.size)
    part = Plan(
        players,
        plan.identities,
        plan.row_rep[rows],
        plan.row_a[rows],
        plan.row_b[rows],
        plan.row_length[rows],
        local[plan.row_game[rows]],
        plan.game_a[chosen],
        plan.game_b[chosen],
        plan.game_rep[chosen],
        plan.game_length[chosen],
    )
    return part, rows


class Sessions:
    """The stages of a plan with carriers, and their knowledge between stages.

    Iterate :meth:`stages`; after a stage's batches are played, hand every row's moves to
    :meth:`observe`; :meth:`stages` then updates the carriers before the next stage.
    """

    def __init__(self, plan: Plan, game: Any) -> None:
        self.plan = plan
        self.game = game
        self.carriers = carriers(plan.players)
        self.players = list(plan.players)
        self.moves_a: dict[int, str] = {}
        self.moves_b: dict[int, str] = {}

    def stages(self) -> Iterator[tuple[Plan, np.ndarray]]:
        """(sub-plan, plan rows) of each stage, in order; carriers learn between stages."""
        plan = self.plan
        carrier = np.zeros(len(plan.players), dtype=bool)
        carrier[self.carriers] = True
        involved = carrier[plan.game_a] | carrier[plan.game_b]
        last = int(plan.game_rep[involved].max()) if involved.any() else 0
        for stage in range(last + 1):
            games = involved & (plan.game_rep == stage)
            if stage == 0:
                games |= ~involved
            yield subplan(plan, games, tuple(self.players))
            if stage < last:
                self._learn(np.flatnonzero(involved[plan.row_game] & (plan.row_rep == stage)))
            self.moves_a.clear()
            self.moves_b.clear()

    def observe(self, rows: np.ndarray, moves_a: Sequence[str], moves_b: Sequence[str]) -> None:
        """The moves of plan ``rows`` (both seats), once their batch is played."""
        for row, a, b in zip(rows.tolist(), moves_a, moves_b):
            self.moves_a[row] = a
            self.moves_b[row] = b

    def _learn(self, rows: np.ndarray) -> None:
        """Each carrier's knowledge after its matches among ``rows`` (plan order)."""
        plan = self.plan
        moves_a = [_moves(self.moves_a[row]) for row in rows.tolist()]
        moves_b = [_moves(self.moves_b[row]) for row in rows.tolist()]
        for index in self.carriers:
            self.players[index] = learn(
                self.players[index], index, plan.row_a[rows], plan.row_b[rows], moves_a, moves_b, self.game
            )


def learn(
    player: Any,
    index: int,
    row_a: np.ndarray,
    row_b: np.ndarray,
    moves_a: Sequence[np.ndarray],
    moves_b: Sequence[np.ndarray],
    game: Any,
) -> Any:
    """``player`` (seated as ``index``) starting from the mean of what it knew at the end of each
    of its matches among these rows: ``row_a``/``row_b`` seat each row, ``moves_a``/``moves_b``
    are its moves (0/1 arrays). Rows are taken in the order given, seat a before seat b in a
    self-play row; ``player`` itself when it played none of them."""
    own: list[np.ndarray] = []
    opponent: list[np.ndarray] = []
    for a, b, mine, theirs in zip(row_a.tolist(), row_b.tolist(), moves_a, moves_b):
        if a == index:
            own.append(mine)
            opponent.append(theirs)
        if b == index:
            own.append(theirs)
            opponent.append(mine)
    return player.knowing(player.learned(own, opponent, game)) if own else player


def _moves(text: str) -> np.ndarray:
    """A move string as a 0/1 array (C = 0, D = 1)."""
    return (np.frombuffer(text.encode(), dtype=np.uint8) == ord("D")).astype(np.uint8)
