"""axelrod's twin of a transformed player, and our moves for many pairs in one engine batch."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from strategies.base import Strategy
from strategies.transformers import Transformer
from tests import oracle
from tournament.core import plan as planner
from tournament.core.engine import Engine
from tournament.settings import MatchSettings


def _actions(moves: str) -> list:
    from axelrod.action import str_to_actions

    return list(str_to_actions(moves))


def _arguments(player: Transformer) -> tuple:
    """The arguments of axelrod's transformer for ``player``'s parameters."""
    name = type(player).__name__
    p = player.parameters
    if name in ("Initial", "Final"):
        return (_actions(p["seq"]),)
    if name == "Apology":
        return (_actions(p["myseq"]), _actions(p["opseq"]))
    if name == "JossAnn":
        return ((p["c"], p["d"]),)
    if name == "Mixed":
        players = tuple(type(axelrod_player(q)) for q in p["players"])
        if len(players) == 1:
            return (p["probability"][0], players[0])
        return (p["probability"], players)
    return tuple(p.values())


TRANSFORMER_NAMES = {"Forgiving": "ForgiverTransformer", "Retaliation": "RetaliationTransformer"}


def axelrod_class(player: Strategy) -> tuple[type, dict]:
    """axelrod's class for ``player`` (its transformers applied to the twin's class) and the
    constructor arguments of the innermost twin."""
    axl = oracle.axelrod()
    if isinstance(player, Transformer):
        inner, kwargs = axelrod_class(player.inner)
        name = TRANSFORMER_NAMES.get(type(player).__name__, f"{type(player).__name__}Transformer")
        factory = getattr(axl.strategy_transformers, name)
        return factory(*_arguments(player))(inner), kwargs
    twin = oracle.axelrod_player(player)
    return type(twin), dict(getattr(twin, "init_kwargs", {}))


def axelrod_player(player: Strategy):
    """A fresh axelrod player equivalent to ``player``."""
    cls, kwargs = axelrod_class(player)
    return cls(**kwargs)


def axelrod_match(a: Strategy, b: Strategy, turns: int, seed: int = 0) -> tuple[str, str]:
    """Move strings of one axelrod match of the twins of ``a`` and ``b``."""
    match = oracle.axelrod().Match((axelrod_player(a), axelrod_player(b)), turns=turns, seed=seed)
    match.play()
    return "".join(str(x) for x, _ in match.result), "".join(str(y) for _, y in match.result)


def axelrod_scores(a: Strategy, b: Strategy, turns: int, repetitions: int, seed: int = 0) -> np.ndarray:
    """a's per-turn score in ``repetitions`` axelrod matches."""
    out = []
    for rep in range(repetitions):
        match = oracle.axelrod().Match((axelrod_player(a), axelrod_player(b)), turns=turns, seed=seed + rep)
        match.play()
        out.append(match.final_score_per_turn()[0])
    return np.array(out)


def our_moves(
    pairs: Sequence[tuple[Strategy, Strategy]], turns: int, seed: int = 0, repetitions: int = 1
) -> list[tuple[str, str]]:
    """Move strings of every pair (each repetition in turn), all played in one engine batch."""
    players = [p for pair in pairs for p in pair]
    a = np.tile(np.arange(0, len(players), 2), repetitions)
    b = a + 1
    reps = np.repeat(np.arange(repetitions), len(pairs))
    settings = MatchSettings.build(turns=turns)
    plan = planner.matches(players, a, b, reps, settings, seed)
    out: list[tuple[str, str]] = [("", "")] * len(a)
    for rows, batch in planner.batches(plan):
        outcome = Engine(batch, settings, seed=seed, keep_moves=True).play()
        for k, row in enumerate(rows.tolist()):
            out[row] = (outcome.moves_a[k], outcome.moves_b[k])
    return out


def our_scores(a: Strategy, b: Strategy, turns: int, repetitions: int, seed: int = 0) -> np.ndarray:
    """a's per-turn score in ``repetitions`` of our matches."""
    payoff = {"CC": 3, "CD": 0, "DC": 5, "DD": 1}
    return np.array(
        [
            sum(payoff[x + y] for x, y in zip(moves_a, moves_b)) / turns
            for moves_a, moves_b in our_moves([(a, b)], turns, seed, repetitions)
        ]
    )
