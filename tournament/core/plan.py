"""Who plays whom, for how long, with which random keys: the only place engine batches are built.

A :class:`Plan` lists match rows (repetition, a, b, length) and the games behind them; the
round robin, a single match, a submission check, evolution and sweeps all build their
plans here and cut them into engine batches with :func:`batches`. Every random draw is keyed
by what it decides, never by when or in which batch it is made, so results do not depend on
batching, worker count or order. Two keying schemes exist, each in one function:

- **by identity** (:func:`matches`): a game's streams are keyed by (seed, the two players'
  identities, repetition), a ``prob_end`` length by (seed, the unordered pair, repetition)
  (capped at ``turns`` when both are given).
  A round robin, a single match and a check use it, so ``play_match(a, b, seed=s)`` replays
  the repetition-0 match of a and b in a tournament with seed ``s``.
- **by pair key** (:func:`population_matches`): a population's matches are keyed by a
  64-bit key per match (e.g. a hash of run and pair), lengths by (seed, key).

A pair of deterministic players without noise or random lengths produces the same moves
every time, so its repetitions are rows read off one shared game.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from tournament.core import rng
from tournament.core.engine import Batch

DEFAULT_BATCH_CELLS = 2**26
"""Seat-turns per batch: bounds the memory of the two move histories (1 byte per seat-turn each,
128 MB in all). Fewer, bigger batches cost less: every strategy is called once per turn per
batch, whatever the batch's size."""


@dataclass(frozen=True)
class Plan:
    """Match rows (repetition, a, b, length, game) and the games (a, b, stream key, length)."""

    players: tuple[Any, ...]
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

    @property
    def turns_played(self) -> int:
        """Turns the engine plays (shared games once)."""
        return int(self.game_length.sum())


def player_identities(labels: Sequence[str]) -> np.ndarray:
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


def _lengths(settings: Any, keys: np.ndarray | None, n: int) -> np.ndarray:
    """Fixed ``settings.turns`` for every row, or geometric lengths drawn from ``keys``, capped
    at ``settings.turns`` when both are given (axelrod's ``min(turns, sample_length(prob_end))``)."""
    if settings.prob_end is None:
        return np.full(n, settings.turns, dtype=np.int64)
    lengths = geometric_lengths(keys, settings.prob_end)
    if settings.turns is not None:
        np.minimum(lengths, settings.turns, out=lengths)
    return lengths


def matches(
    players: Sequence[Any],
    row_a: np.ndarray,
    row_b: np.ndarray,
    row_rep: np.ndarray,
    settings: Any,
    seed: int,
) -> Plan:
    """Rows ``players[row_a[k]]`` vs ``players[row_b[k]]`` in repetition ``row_rep[k]``, keyed by
    identity (see the module docstring); deterministic pairs share one game over repetitions."""
    players = tuple(players)
    row_a = np.asarray(row_a, dtype=np.int64)
    row_b = np.asarray(row_b, dtype=np.int64)
    row_rep = np.asarray(row_rep, dtype=np.int64)
    ids = player_identities([p.spec for p in players])
    keys = None
    if settings.prob_end is not None:
        low = np.minimum(ids[row_a], ids[row_b])
        high = np.maximum(ids[row_a], ids[row_b])
        keys = rng.combine(seed, low, high, row_rep.astype(np.uint64), rng.LENGTH_STREAM)
    row_length = _lengths(settings, keys, row_a.size)

    stochastic = np.array([p.stochastic for p in players], dtype=bool)
    pair = row_a * len(players) + row_b
    if settings.noise == 0 and settings.prob_end is None:
        shared = ~(stochastic[row_a] | stochastic[row_b])
    else:
        shared = np.zeros(row_a.size, dtype=bool)
    shared_pairs, shared_game = np.unique(pair[shared], return_inverse=True)
    n_shared = shared_pairs.size
    row_game = np.empty(row_a.size, dtype=np.int64)
    row_game[shared] = shared_game
    row_game[~shared] = n_shared + np.arange(int((~shared).sum()))

    n_games = n_shared + int((~shared).sum())
    game_a = np.empty(n_games, dtype=np.int64)
    game_b = np.empty(n_games, dtype=np.int64)
    game_rep = np.zeros(n_games, dtype=np.int64)
    game_length = np.zeros(n_games, dtype=np.int64)
    game_a[row_game] = row_a
    game_b[row_game] = row_b
    game_rep[row_game[~shared]] = row_rep[~shared]
    np.maximum.at(game_length, row_game, row_length)
    return Plan(
        players, ids, row_rep, row_a, row_b, row_length, row_game, game_a, game_b, game_rep, game_length
    )


def round_robin(
    players: Sequence[Any],
    settings: Any,
    seed: int,
    repetitions: int,
    edges: Sequence[tuple[int, int]] | None = None,
) -> Plan:
    """Every unordered pair i <= j (each player also meets a clone of itself), every repetition;
    with ``edges`` (pairs i <= j, sorted) only those pairs: the round robin's rows of those
    pairs, in the same order and with the same keys."""
    if edges is None:
        ia, ib = np.triu_indices(len(players))
    else:
        pairs = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
        ia, ib = pairs[:, 0], pairs[:, 1]
    reps = np.repeat(np.arange(repetitions), ia.size)
    return matches(players, np.tile(ia, repetitions), np.tile(ib, repetitions), reps, settings, seed)


def population_matches(
    types: Sequence[Any], type_a: np.ndarray, type_b: np.ndarray, keys: np.ndarray, settings: Any, seed: int
) -> Plan:
    """One match per entry, ``types[type_a[g]]`` vs ``types[type_b[g]]``, keyed by ``keys[g]``
    (see the module docstring); nothing is shared, so every entry is its own game."""
    types = tuple(types)
    type_a = np.asarray(type_a, dtype=np.int64)
    type_b = np.asarray(type_b, dtype=np.int64)
    keys = np.asarray(keys, dtype=np.uint64)
    n = type_a.size
    length_keys = rng.combine(seed, keys, rng.LENGTH_STREAM) if settings.prob_end is not None else None
    lengths = _lengths(settings, length_keys, n)
    games = np.arange(n, dtype=np.int64)
    ids = player_identities([t.spec for t in types])
    return Plan(types, ids, keys, type_a, type_b, lengths, games, type_a, type_b, keys, lengths)


def batches(plan: Plan, max_cells: int = DEFAULT_BATCH_CELLS) -> Iterator[tuple[np.ndarray, Batch]]:
    """Cut ``plan`` into batches of about ``max_cells`` seat-turns (at most one game more; at
    least one game each).

    Games are taken in order of length, and a batch holds games of one length band
    [2^k, 2^(k+1)), so no batch plays more than twice the turns its games need. The games of a
    band are dealt to its batches in turn (every k-th game, in order of length: the batches'
    sizes differ by at most one game), so that batches played side by side get the same mix
    of games (deterministic pairs, noisy or random ones) and take as long. Yields the indices
    of the rows each batch covers and the batch itself.
    """
    for band, k in _bands(plan, max_cells):
        for j in range(k):
            yield _batch(plan, band[j::k])


def kernel_calls(plan: Plan, max_cells: int = DEFAULT_BATCH_CELLS) -> int:
    """About how many times the numpy engine calls a kernel to play ``plan`` in the batches of
    :func:`batches`: each batch's turns times the players seated in it (at most; a family plays
    as one kernel). Random match lengths make it large: a few long games get batches of their
    own, played one kernel call per player and turn. Counted per length band without sorting
    the games, as it is asked before every round robin is played."""
    lengths = plan.game_length
    if not len(lengths):
        return 0
    band = _band_of(lengths)
    size = int(band.max()) + 1
    games = np.bincount(band, minlength=size)
    total = np.bincount(band, weights=lengths, minlength=size)
    longest = np.zeros(size, dtype=np.int64)
    np.maximum.at(longest, band, lengths)
    seated = np.zeros((size, len(plan.players)), dtype=bool)
    seated[band, plan.game_a] = True
    seated[band, plan.game_b] = True
    calls = 0
    for b in np.flatnonzero(games).tolist():
        k = _batch_count(int(games[b]), int(total[b]), max_cells)
        calls += k * int(longest[b]) * min(int(seated[b].sum()), 2 * -(-int(games[b]) // k))
    return calls


def _bands(plan: Plan, max_cells: int) -> Iterator[tuple[np.ndarray, int]]:
    """The games of each length band [2^k, 2^(k+1)) in order of length, and how many batches
    of about ``max_cells`` seat-turns the band is dealt to."""
    if not len(plan.game_length):
        return
    order = np.argsort(plan.game_length, kind="stable")
    lengths = plan.game_length[order]
    bands = _band_of(lengths)
    bounds = np.concatenate(([0], np.flatnonzero(np.diff(bands)) + 1, [order.size])).tolist()
    for start, stop in zip(bounds[:-1], bounds[1:]):
        yield order[start:stop], _batch_count(stop - start, int(lengths[start:stop].sum()), max_cells)


def _band_of(lengths: np.ndarray) -> np.ndarray:
    """Each game's length band k: its length is in [2^k, 2^(k+1))."""
    return np.floor(np.log2(np.maximum(lengths, 1))).astype(np.int64)


def _batch_count(games: int, total_length: int, max_cells: int) -> int:
    """How many batches of about ``max_cells`` seat-turns a band of ``games`` games of
    ``total_length`` turns in all is dealt to (two seats a game; at least one game each)."""
    return min(games, max(1, math.ceil(2 * total_length / max_cells)))


def _batch(plan: Plan, games: np.ndarray) -> tuple[np.ndarray, Batch]:
    """The rows of ``games`` and the batch that plays them."""
    in_batch = np.zeros(len(plan.game_length), dtype=bool)
    in_batch[games] = True
    rows = np.flatnonzero(in_batch[plan.row_game])
    local = np.empty(len(plan.game_length), dtype=np.int64)
    local[games] = np.arange(games.size)
    return (
        rows,
        Batch(
            players=plan.players,
            identities=plan.identities,
            game_a=plan.game_a[games],
            game_b=plan.game_b[games],
            game_rep=plan.game_rep[games],
            row_game=local[plan.row_game[rows]],
            row_length=plan.row_length[rows],
        ),
    )
