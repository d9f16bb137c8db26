"""Helpers that play the same matches through axelrod, our reference implementation."""

from __future__ import annotations

import functools
import math

import numpy as np

from strategies.axelrod.twins import axelrod_name, axelrod_twin
from strategies.base import Strategy
from strategies.registry import strategy_classes
from tournament.match import play_match


@functools.cache
def axelrod():
    import axelrod

    return axelrod


@functools.cache
def axelrod_classes() -> dict[str, type]:
    """axelrod strategy classes by display name."""
    return {cls.name: cls for cls in axelrod().all_strategies}


def twin(strategy: Strategy):
    """A fresh axelrod player equivalent to ``strategy``."""
    name, kwargs = axelrod_twin(strategy)
    return axelrod_classes()[name](**kwargs)


def axelrod_player(strategy: Strategy):
    """:func:`twin`, and axelrod's Cycler for a fixed cycle of moves without a named twin (our
    generic Cycler, the tests' Pattern)."""
    if axelrod_name(strategy) is None and hasattr(strategy, "cycle"):
        return axelrod().Cycler(strategy.cycle)
    return twin(strategy)


def twinned_strategies() -> list[Strategy]:
    """A default instance of every built-in strategy that has an axelrod twin."""
    return [player for player in (cls() for cls in strategy_classes()) if axelrod_name(player) is not None]


def axelrod_moves(a: Strategy, b: Strategy, turns: int = 200, seed: int = 0, noise: float = 0.0, game=None):
    """Move strings of a and b in one axelrod match."""
    axl = axelrod()
    players = (axelrod_player(a), axelrod_player(b))
    kwargs = {"game": axl.Game(*game)} if game is not None else {}
    match = axl.Match(players, turns=turns, seed=seed, noise=noise, **kwargs)
    match.play()
    moves_a = "".join(str(x) for x, _ in match.result)
    moves_b = "".join(str(y) for _, y in match.result)
    return moves_a, moves_b


def axelrod_mean_scores(
    a: Strategy, b: Strategy, *, turns: int, repetitions: int, noise: float = 0.0, seed: int = 0
):
    """Per-match per-turn scores of a (array over repetitions) in axelrod."""
    axl = axelrod()
    out = []
    for rep in range(repetitions):
        match = axl.Match((twin(a), twin(b)), turns=turns, noise=noise, seed=seed + rep)
        match.play()
        out.append(match.final_score_per_turn()[0])
    return np.array(out)


def z_score(x: np.ndarray, y: np.ndarray) -> float:
    """Two-sample z statistic of the difference of means.

    Means equal to rounding are z = 0 (constant samples leave ~1e-31 of variance from
    floating-point dust); a difference with no spread on either side is z = inf.
    """
    diff = abs(x.mean() - y.mean())
    scale = max(1.0, abs(x.mean()), abs(y.mean()))
    if diff < 1e-9 * scale:
        return 0.0
    se = math.sqrt(x.var(ddof=1) / len(x) + y.var(ddof=1) / len(y))
    return diff / se if se > 1e-12 * scale else math.inf


def recording(strategy: Strategy) -> tuple[Strategy, list[int]]:
    """A copy of ``strategy`` that logs the move it chooses (before noise) in a one-game match."""
    log: list[int] = []

    class Recording(type(strategy)):
        def move(self, view):
            moves = super().move(view)
            log.append(int(moves[0]))
            return moves

    return Recording(**strategy.parameters), log


def replay_mismatch(
    strategy: Strategy,
    opponent: str | Strategy,
    *,
    turns: int | None = 200,
    prob_end: float | None = None,
    noise: float = 0.0,
    seed: int = 0,
    game: tuple[float, float, float, float] | None = None,
) -> str | None:
    """Play ``strategy`` against ``opponent`` in our engine, then feed the realised moves to
    the axelrod twin of ``strategy`` turn by turn; describe the first turn where the moves it
    chooses differ from ours (None when they agree throughout)."""
    axl = axelrod()
    player, log = recording(strategy)
    result = play_match(player, opponent, turns=turns, prob_end=prob_end, noise=noise, seed=seed, game=game)
    twin = axelrod_player(strategy)
    twin.set_match_attributes(
        length=turns if prob_end is None else float("inf"),
        game=axl.Game(*game) if game else axl.Game(),
        noise=noise,
    )
    other = axl.Cooperator()
    actions = {"C": axl.Action.C, "D": axl.Action.D}
    for t, (mine, theirs) in enumerate(zip(result.moves_a, result.moves_b)):
        expected = twin.strategy(other)
        if str(expected) != "CD"[log[t]]:
            return (
                f"{strategy.label} vs {opponent} turn {t}: ours {'CD'[log[t]]}, axelrod {expected}; "
                f"history {result.moves_a[:t]} / {result.moves_b[:t]}"
            )
        twin.update_history(actions[mine], actions[theirs])
        other.update_history(actions[theirs], actions[mine])
    return None
