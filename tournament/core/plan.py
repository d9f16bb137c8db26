"""Who plays whom: the round robin's match rows, the games behind them, and batches.

Every unordered pair of players (including each player against a clone of itself) meets
once per repetition. A pair of deterministic players without noise produces the same
moves every time, so its repetitions are rows read off one shared game. Match lengths
under ``prob_end`` are drawn per (pair, repetition) from the counter-based generator.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from tournament.core import rng
from tournament.core.engine import Batch
from tournament.spec import TournamentSpec

DEFAULT_BATCH_CELLS = 2**24
"""Seat-turns per batch: bounds the memory of the move arrays (~16 MB each)."""


@dataclass(frozen=True)
class Schedule:
    """Match rows (repetition, a, b, length, game) and the games (a, b, repetition key)."""

    identities: np.ndarray
    row_rep: np.ndarray
    row_a: np.ndarray
    row_b: np.ndarray
    row_length: np.ndarray
    row_game: np.ndarray
    game_a: np.ndarray
    game_b: np.ndarray
    game_rep: np.ndarray
    game_length: np.ndarray


def player_identities(labels: list[str]) -> np.ndarray:
    """64-bit identities from canonical labels; repeated labels get an occurrence number."""
    seen: dict[str, int] = {}
    ids = []
    for label in labels:
        occurrence = seen.get(label, 0)
        seen[label] = occurrence + 1
        ids.append(rng.identity(f"{label}#{occurrence}"))
    return np.array(ids, dtype=np.uint64)


def geometric_lengths(keys: np.ndarray, prob_end: float) -> np.ndarray:
    """Match lengths with P(L = k) = (1 - p)^(k - 1) p, k >= 1, one per key."""
    if prob_end >= 1:
        return np.ones(len(keys), dtype=np.int64)
    u = rng.uniform_keys(keys)
    return 1 + np.floor(np.log1p(-u) / math.log1p(-prob_end)).astype(np.int64)


def round_robin(spec: TournamentSpec) -> Schedule:
    """All pairs i <= j for every repetition, with shared games for deterministic pairs."""
    players = spec.players
    n = len(players)
    settings = spec.settings
    ids = player_identities([p.spec for p in players])
    ia, ib = np.triu_indices(n)
    n_pairs = ia.size
    reps = spec.repetitions

    row_rep = np.repeat(np.arange(reps), n_pairs)
    row_a = np.tile(ia, reps)
    row_b = np.tile(ib, reps)
    if settings.prob_end is None:
        row_length = np.full(row_a.size, settings.turns, dtype=np.int64)
    else:
        low = np.minimum(ids[row_a], ids[row_b])
        high = np.maximum(ids[row_a], ids[row_b])
        keys = rng.combine(spec.seed, low, high, row_rep.astype(np.uint64), rng.LENGTH_STREAM)
        row_length = geometric_lengths(keys, settings.prob_end)

    stochastic = np.array([p.stochastic for p in players])
    shared = ~(stochastic[ia] | stochastic[ib]) if settings.noise == 0 else np.zeros(n_pairs, bool)
    pair_game = np.full(n_pairs, -1, dtype=np.int64)
    pair_game[shared] = np.arange(int(shared.sum()))
    n_shared = int(shared.sum())
    pair_of_row = np.tile(np.arange(n_pairs), reps)
    row_shared = shared[pair_of_row]
    row_game = np.empty(row_a.size, dtype=np.int64)
    row_game[row_shared] = pair_game[pair_of_row[row_shared]]
    row_game[~row_shared] = n_shared + np.arange(int((~row_shared).sum()))

    n_games = n_shared + int((~row_shared).sum())
    game_a = np.empty(n_games, dtype=np.int64)
    game_b = np.empty(n_games, dtype=np.int64)
    game_rep = np.zeros(n_games, dtype=np.int64)
    game_length = np.zeros(n_games, dtype=np.int64)
    game_a[row_game] = row_a
    game_b[row_game] = row_b
    game_rep[row_game[~row_shared]] = row_rep[~row_shared]
    np.maximum.at(game_length, row_game, row_length)
    return Schedule(ids, row_rep, row_a, row_b, row_length, row_game, game_a, game_b, game_rep, game_length)


def batches(
    schedule: Schedule, players: tuple, max_cells: int = DEFAULT_BATCH_CELLS
) -> Iterator[tuple[np.ndarray, Batch]]:
    """Split the schedule into batches of at most ``max_cells`` seat-turns (at least one game).

    Games are taken in order of length, and a batch holds games of one length band
    [2^k, 2^(k+1)), so no batch plays more than twice the turns its games need.
    Yields the indices of the rows each batch covers and the batch itself.
    """
    order = np.argsort(schedule.game_length, kind="stable")
    lengths = schedule.game_length[order]
    cells = np.cumsum(2 * lengths)
    n_batches = max(1, math.ceil(int(cells[-1]) / max_cells))
    cuts = np.searchsorted(cells, np.arange(1, n_batches) * max_cells, "right")
    bands = np.floor(np.log2(np.maximum(lengths, 1))).astype(np.int64)
    band_cuts = np.flatnonzero(np.diff(bands)) + 1
    bounds = np.unique(np.concatenate(([0], np.maximum(cuts, 1), band_cuts, [order.size])))
    for start, stop in zip(bounds[:-1].tolist(), bounds[1:].tolist()):
        games = order[start:stop]
        in_batch = np.zeros(len(schedule.game_length), dtype=bool)
        in_batch[games] = True
        rows = np.flatnonzero(in_batch[schedule.row_game])
        local = np.empty(len(schedule.game_length), dtype=np.int64)
        local[games] = np.arange(games.size)
        yield (
            rows,
            Batch(
                players=players,
                identities=schedule.identities,
                game_a=schedule.game_a[games],
                game_b=schedule.game_b[games],
                game_rep=schedule.game_rep[games],
                row_game=local[schedule.row_game[rows]],
                row_length=schedule.row_length[rows],
            ),
        )
