"""Fingerprints: a strategy's behaviour drawn as a picture, by playing it against a family of
probes (Ashlock) or a panel of opponents (transitive), as axelrod's ``axelrod.fingerprint``.

- **Ashlock fingerprint** (Ashlock & Kim 2008; Ashlock, Kim & Ashlock 2010): on a grid of points
  (x, y) of the unit square with spacing ``step``, the strategy plays a Joss-Ann probe: the
  probe strategy (Tit For Tat by default) that cooperates with probability x and defects with
  probability y, and for x + y >= 1 the dual of the Joss-Ann probe with (1 - x, 1 - y). The
  fingerprint at (x, y) is the strategy's mean score per turn against that probe. axelrod's
  defaults: step 0.01 (101 x 101 points), 50 turns, 10 repetitions.
- **Transitive fingerprint** (Ashlock, Harper, Knight & al. 2017, axelrod's
  ``TransitiveFingerprint``): the strategy plays each opponent of a panel (by default 50
  Random players cooperating with probability 0, 1/49, ..., 1); the fingerprint is its mean
  cooperation rate against each opponent at each turn. Defaults: 50 turns, 1000 repetitions.

Both are batched over the whole grid or panel at once: one plan holds every match (every
point, every repetition), played by the engine in as few batches as memory allows; the probes
are transformers (:mod:`strategies.transformers`) that share one kernel per kind, so a turn
costs a few array operations whatever the grid's size.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from strategies.base import Strategy
from strategies.registry import create
from strategies.transformers import Dual, JossAnn
from tournament.core import plan as planner
from tournament.core.engine import Engine
from tournament.errors import SpecError
from tournament.fields import FieldError, Integer
from tournament.settings import Game, MatchSettings

ASHLOCK_REFERENCE = (
    "Ashlock, D., & Kim, E.-Y. (2008). Fingerprinting: visualization and automatic analysis of "
    "prisoner's dilemma strategies. IEEE Trans. Evol. Comput. 12(5); Ashlock, D., Kim, E.-Y., & "
    "Ashlock, W. (2010). A fingerprint comparison of different prisoner's dilemma payoff "
    "matrices. IEEE CIG 2010."
)
TRANSITIVE_REFERENCE = "The axelrod library, axelrod.fingerprint.TransitiveFingerprint (2017)."


def grid(step: float) -> np.ndarray:
    """The points (x, y) of axelrod's grid, shape ``(k, 2)``: ``int(1 / step) + 1`` values of
    ``linspace(0, 1)`` per axis, x the outer loop (axelrod's ``_create_points``)."""
    if not 0 < step <= 1:
        raise SpecError(f"step must be a number above 0 and at most 1, got {step!r}")
    values = np.linspace(0, 1, int((1 / step) // 1) + 1)
    return np.array([(x, y) for x in values for y in values], dtype=np.float64)


def ashlock_probe(probe: Strategy, x: float, y: float) -> Strategy:
    """The probe at (x, y): JossAnn(probe, x, y) below the diagonal, the dual of JossAnn(probe,
    1 - x, 1 - y) on and above it (x + y >= 1), as axelrod's ``_create_jossann``."""
    if x + y >= 1:
        return Dual(JossAnn(probe, 1 - x, 1 - y))
    return JossAnn(probe, x, y)


@dataclass(frozen=True)
class AshlockFingerprint:
    """The strategy's mean score per turn at every point of the grid, with its spread.

    ``points[k]`` is (x, y); ``scores[k]`` the mean over the repetitions of the strategy's
    score per turn against the probe at that point, ``stdevs[k]`` their standard deviation
    (ddof=1; 0 with one repetition).
    """

    strategy: str
    probe: str
    step: float
    turns: int
    repetitions: int
    seed: int
    points: np.ndarray
    scores: np.ndarray
    stdevs: np.ndarray

    @property
    def size(self) -> int:
        """Points per axis."""
        return int(round(np.sqrt(len(self.points))))

    def image(self) -> np.ndarray:
        """The scores as the picture shows them, (0, 0) bottom left: axelrod's ``_reshape_data``
        (x along the columns, y up the rows)."""
        return np.flipud(np.reshape(self.scores, (self.size, self.size), order="F"))


def ashlock(
    strategy: str | Strategy,
    probe: str | Strategy = "Tit For Tat",
    *,
    step: float = 0.01,
    turns: int = 50,
    repetitions: int = 10,
    seed: int = 0,
    game: Game | None = None,
) -> AshlockFingerprint:
    """The Ashlock fingerprint of ``strategy`` with ``probe`` (see the module docstring).

    Parameters
    ----------
    strategy, probe : strategies or their text forms (any strategy, transformed or not).
    step : spacing of the grid over the unit square (axelrod's default 0.01).
    turns, repetitions : per match, per point (axelrod's defaults 50 and 10).
    seed : seed of every random draw; the same seed gives the same fingerprint.
    game : the payoffs (axelrod's 3, 0, 5, 1 by default).

    Raises
    ------
    SpecError, StrategyError : a bad step, number of turns or repetitions, or strategy.
    """
    player, probe_player = create(strategy), create(probe)
    points = grid(step)
    settings = MatchSettings.build(turns=turns, **({"game": game} if game is not None else {}))
    repetitions = _at_least_one("repetitions", repetitions)
    probes = [ashlock_probe(probe_player, x, y) for x, y in points.tolist()]
    opponent = np.tile(np.arange(1, len(probes) + 1), repetitions)
    counts = _play([player, *probes], opponent, repetitions, settings, seed)
    per_turn = counts @ settings.game.payoff_vector() / turns
    by_point = per_turn.reshape(repetitions, len(points))
    stdevs = by_point.std(axis=0, ddof=1) if repetitions > 1 else np.zeros(len(points))
    return AshlockFingerprint(
        player.label,
        probe_player.label,
        step,
        turns,
        repetitions,
        seed,
        points,
        by_point.mean(axis=0),
        stdevs,
    )


@dataclass(frozen=True)
class TransitiveFingerprint:
    """``cooperation[i, t]``: the strategy's cooperation rate against ``opponents[i]`` at turn
    ``t``, over the repetitions."""

    strategy: str
    opponents: tuple[str, ...]
    turns: int
    repetitions: int
    noise: float
    seed: int
    cooperation: np.ndarray


def random_panel(number: int = 50) -> list[Strategy]:
    """axelrod's default panel: Random players cooperating with probability linspace(0, 1)."""
    return [
        create(f"Random(p={p!r})") for p in np.linspace(0, 1, _at_least_one("opponents", number)).tolist()
    ]


def transitive(
    strategy: str | Strategy,
    opponents: Sequence[str | Strategy] | None = None,
    *,
    number_of_opponents: int = 50,
    turns: int = 50,
    repetitions: int = 1000,
    noise: float = 0.0,
    seed: int = 0,
    game: Game | None = None,
) -> TransitiveFingerprint:
    """The transitive fingerprint of ``strategy`` against ``opponents`` (by default
    :func:`random_panel` of ``number_of_opponents``); see the module docstring."""
    player = create(strategy)
    panel = [create(o) for o in opponents] if opponents is not None else random_panel(number_of_opponents)
    if not panel:
        raise SpecError("the panel of opponents is empty")
    settings = MatchSettings.build(turns=turns, noise=noise, **({"game": game} if game is not None else {}))
    repetitions = _at_least_one("repetitions", repetitions)
    opponent = np.tile(np.arange(1, len(panel) + 1), repetitions)
    cooperations = _play([player, *panel], opponent, repetitions, settings, seed, by_turn=True)
    rate = cooperations[:, 1:].T / repetitions
    return TransitiveFingerprint(
        player.label, tuple(p.label for p in panel), turns, repetitions, float(noise), seed, rate
    )


def _play(
    players: list[Strategy],
    opponent: np.ndarray,
    repetitions: int,
    settings: MatchSettings,
    seed: int,
    by_turn: bool = False,
) -> np.ndarray:
    """Player 0 against ``players[opponent[k]]`` in repetition ``k // (len(players) - 1)``, every
    row in one plan. Returns the state counts of every row, or with ``by_turn`` player 0's
    cooperations at each turn summed by opponent, shape ``(turns, len(players))``."""
    reps = np.repeat(np.arange(repetitions), len(players) - 1)
    plan = planner.matches(players, np.zeros_like(opponent), opponent, reps, settings, seed)
    counts = np.zeros((opponent.size, 4), dtype=np.int64)
    cooperations = np.zeros((settings.turns, len(players)), dtype=np.int64)
    for rows, batch in planner.batches(plan):
        engine = Engine(batch, settings, seed=seed, observers=(FirstPlayerCooperation,) if by_turn else ())
        if by_turn:
            cooperations += engine.play().observed[FirstPlayerCooperation]
        else:
            counts[rows] = engine.play().counts
    return cooperations if by_turn else counts


class FirstPlayerCooperation:
    """An engine observer: player a's cooperations at each turn, summed by the player b of the
    match row (rows sharing a game count once each)."""

    def __init__(self, engine: Engine) -> None:
        batch = engine.batch
        self.seats = engine.row_a
        self.opponent = batch.game_b[batch.row_game]
        self.sums = np.zeros((engine.n_turns, len(batch.players)), dtype=np.int64)

    def turn(self, t: int, moves: np.ndarray, opp_moves: np.ndarray) -> None:
        cooperated = 1 - moves[self.seats].astype(np.int64)
        self.sums[t] = np.bincount(self.opponent, weights=cooperated, minlength=self.sums.shape[1])

    def rows_done(self, rows: np.ndarray, t: int) -> None:
        """Every row lasts the fixed length: nothing to do."""

    def result(self) -> np.ndarray:
        return self.sums


def _at_least_one(name: str, value: int) -> int:
    try:
        return Integer(1).convert(value)
    except FieldError as error:
        raise error.at(name) from None
