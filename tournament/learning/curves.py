"""Learning curves of strategies over long matches: one match per seed, figures per window.

Match ``s`` is repetition ``s`` of a round robin of the two strategies with the same seed,
keyed by identity like every match (:func:`tournament.core.plan.matches`), so a seed's match
is reproducible alone and does not depend on how many seeds are played. From the moves, per
window of turns and per side: the average reward per step (mean, spread over seeds), the
cooperation rate and the probability of cooperating after each state of the previous turn
(first turn, CC, CD, DC, DD; own move first), pooled over seeds.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from strategies.base import Strategy
from tournament.core import plan as planner
from tournament.core.engine import Engine
from tournament.settings import MatchSettings

STATE_COLUMNS = ("coop_first", "coop_CC", "coop_CD", "coop_DC", "coop_DD")
"""Probability of cooperating on the first turn and after each state (own move first)."""
REWARD_COLUMNS = ("reward_mean", "reward_std", "reward_p10", "reward_p50", "reward_p90")
"""Average reward per step: mean, standard deviation and quantiles over seeds."""


@dataclass(frozen=True)
class MatchCurves:
    """The moves of every seed's match (time-major, -1 after a match's end) and their curves."""

    labels: tuple[str, str]
    own: np.ndarray
    other: np.ndarray
    payoffs: np.ndarray
    window: int
    seconds: float = 0.0

    def rewards(self, side: int) -> np.ndarray:
        """Per-turn rewards (turns, seeds) of ``side`` (NaN after a match's end)."""
        mine, theirs = (self.own, self.other) if side == 0 else (self.other, self.own)
        played = mine >= 0
        index = np.where(played, 2 * mine + theirs, 0)
        return np.where(played, self.payoffs[index], np.nan)

    def table(self) -> pd.DataFrame:
        """One row per (window, side): the step (first turn of the window, 1-based), agent,
        :data:`REWARD_COLUMNS`, cooperation and :data:`STATE_COLUMNS`."""
        rows = []
        turns = self.own.shape[0]
        for side in (0, 1):
            rewards = self.rewards(side)
            mine, theirs = (self.own, self.other) if side == 0 else (self.other, self.own)
            for start in range(0, turns, self.window):
                stop = min(start + self.window, turns)
                rows.append(
                    {
                        "turn": start + 1,
                        "agent": self.labels[side],
                        **_spread(rewards[start:stop]),
                        "cooperation": _rate(mine[start:stop] == 0, mine[start:stop] >= 0),
                        **_after_states(mine, theirs, start, stop),
                    }
                )
        return pd.DataFrame(rows)

    def final(self) -> pd.DataFrame:
        """Per seed and side, over the last window: reward per step, cooperation and the
        probability of cooperating after each state (the policy it ended with)."""
        rows = []
        turns = self.own.shape[0]
        start = max(0, turns - self.window)
        for side in (0, 1):
            rewards = self.rewards(side)[start:]
            mine, theirs = (self.own, self.other) if side == 0 else (self.other, self.own)
            for seed in range(self.own.shape[1]):
                column = slice(seed, seed + 1)
                rows.append(
                    {
                        "seed": seed,
                        "agent": self.labels[side],
                        "reward": float(np.nanmean(rewards[:, seed]))
                        if np.isfinite(rewards[:, seed]).any()
                        else np.nan,
                        "cooperation": _rate(mine[start:, column] == 0, mine[start:, column] >= 0),
                        **_after_states(mine[:, column], theirs[:, column], start, turns),
                    }
                )
        return pd.DataFrame(rows)


def play_seeds(
    players: Sequence[Strategy], settings: MatchSettings, seed: int, seeds: int, window: int
) -> MatchCurves:
    """Play ``seeds`` matches of ``players[0]`` against ``players[1]`` (all in one batch)."""
    started = time.perf_counter()
    reps = np.arange(seeds)
    plan = planner.matches(tuple(players), np.zeros(seeds, int), np.ones(seeds, int), reps, settings, seed)
    turns = int(plan.row_length.max())
    own = np.full((turns, seeds), -1, dtype=np.int8)
    other = np.full((turns, seeds), -1, dtype=np.int8)
    for rows, batch in planner.batches(plan):
        outcome = Engine(batch, settings, seed=seed, keep_moves=True).play()
        for row, a, b in zip(rows.tolist(), outcome.moves_a or [], outcome.moves_b or []):
            own[: len(a), row] = np.frombuffer(a.encode(), np.uint8) == ord("D")
            other[: len(b), row] = np.frombuffer(b.encode(), np.uint8) == ord("D")
    labels = (players[0].label, players[1].label)
    if labels[0] == labels[1]:
        labels = (f"{labels[0]} (first)", f"{labels[1]} (second)")
    return MatchCurves(
        labels, own, other, settings.game.payoff_vector(), window, time.perf_counter() - started
    )


def _spread(rewards: np.ndarray) -> dict[str, float]:
    """Mean, sd and quantiles over seeds of each seed's mean reward in this window."""
    played = np.isfinite(rewards).any(axis=0)
    if not played.any():
        return dict.fromkeys(REWARD_COLUMNS, np.nan)
    per_seed = np.nanmean(rewards[:, played], axis=0)
    low, mid, high = np.percentile(per_seed, [10, 50, 90])
    return dict(zip(REWARD_COLUMNS, (per_seed.mean(), per_seed.std(), low, mid, high)))


def _rate(hits: np.ndarray, valid: np.ndarray) -> float:
    count = int(valid.sum())
    return float((hits & valid).sum() / count) if count else np.nan


def _after_states(mine: np.ndarray, theirs: np.ndarray, start: int, stop: int) -> dict[str, float]:
    """P(C) on the first turn (if in the window) and after each previous state, pooled."""
    out = {"coop_first": _rate(mine[0] == 0, mine[0] >= 0) if start == 0 else np.nan}
    begin = max(start, 1)
    now = mine[begin:stop]
    previous = 2 * mine[begin - 1 : stop - 1] + theirs[begin - 1 : stop - 1]
    valid = (now >= 0) & (mine[begin - 1 : stop - 1] >= 0)
    for state, column in enumerate(STATE_COLUMNS[1:]):
        out[column] = _rate(now == 0, valid & (previous == state))
    return out
