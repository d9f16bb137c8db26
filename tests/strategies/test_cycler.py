"""Cyclers: hand-derived matches and move-for-move agreement with axelrod.

Also holds the helpers the prober, Go By Majority and misc tests share: irregular
:data:`PATTERNS` opponents (our Cycler, axelrod's Cycler on the other side),
:func:`axelrod_moves` and :func:`replay_mismatch`, which feeds the realised moves of one
of our matches (noise and unknown length included) to the axelrod twin turn by turn.
"""

from __future__ import annotations

import numpy as np
import pytest

from strategies.base import Strategy, StrategyError
from strategies.cycler import AntiCycler, Cycler, anti_cycler_defects
from strategies.registry import create, get_class
from tests import oracle
from tournament.match import play_match


def _pattern(size: int, p_defect: float, seed: int) -> Cycler:
    draws = np.random.default_rng(seed).random(size)
    return Cycler(cycle="".join("D" if u < p_defect else "C" for u in draws))


PATTERNS = [_pattern(7, 0.3, 1), _pattern(23, 0.1, 2), _pattern(61, 0.5, 3), _pattern(97, 0.8, 4)]
BASIC_PANEL = ["Cooperator", "Defector", "Alternator", "Tit For Tat", "Grudger"]


def axelrod_player(strategy: Strategy):
    """A fresh axelrod player equivalent to ``strategy`` (axelrod's Cycler for ours)."""
    if type(strategy) is Cycler:
        return oracle.axelrod().Cycler(cycle=strategy.cycle)
    return oracle.twin(strategy)


def axelrod_moves(a: Strategy, b: Strategy, turns: int) -> tuple[str, str]:
    """Move strings of a and b in one axelrod match of ``turns`` turns."""
    match = oracle.axelrod().Match((axelrod_player(a), axelrod_player(b)), turns=turns)
    match.play()
    return "".join(str(x) for x, _ in match.result), "".join(str(y) for _, y in match.result)


def our_moves(a: Strategy, b: Strategy, turns: int) -> tuple[str, str]:
    """Move strings of a and b in our match of ``turns`` turns."""
    result = play_match(a, b, turns=turns)
    return result.moves_a, result.moves_b


def _recording(strategy: Strategy) -> tuple[Strategy, list[int]]:
    """A copy of ``strategy`` that logs the moves it chooses (before noise) in one game."""
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
) -> str | None:
    """Play ``strategy`` against ``opponent`` in our engine, feed the realised moves to the
    axelrod twin of ``strategy`` and describe the first turn where its choice differs from
    ours (None when they agree throughout)."""
    axl = oracle.axelrod()
    player, log = _recording(strategy)
    result = play_match(player, opponent, turns=turns, prob_end=prob_end, noise=noise, seed=seed)
    twin = axelrod_player(strategy)
    twin.set_match_attributes(
        length=turns if prob_end is None else float("inf"), game=axl.Game(), noise=noise
    )
    other = axl.Cooperator()
    actions = {"C": axl.Action.C, "D": axl.Action.D}
    for t, (mine, theirs) in enumerate(zip(result.moves_a, result.moves_b)):
        expected = str(twin.strategy(other))
        if expected != "CD"[log[t]]:
            return (
                f"{strategy.label} vs {opponent} turn {t}: ours {'CD'[log[t]]}, axelrod {expected}; "
                f"history {result.moves_a[:t]} / {result.moves_b[:t]}"
            )
        twin.update_history(actions[mine], actions[theirs])
        other.update_history(actions[theirs], actions[mine])
    return None


def assert_like_axelrod(strategy: Strategy, opponents: list[str | Strategy]) -> None:
    """Move-for-move agreement at 200 and 37 turns, and under noise at a known and an
    unknown length."""
    for opponent in [create(o) for o in opponents]:
        for turns in (200, 37):
            ours = our_moves(strategy, opponent, turns)
            assert ours == axelrod_moves(strategy, opponent, turns), f"{strategy.label} vs {opponent.label}"
        for seed, kwargs in enumerate(({"turns": 63}, {"turns": None, "prob_end": 0.01})):
            assert replay_mismatch(strategy, opponent, noise=0.1, seed=seed, **kwargs) is None


NAMED = ["Cycler DC", "Cycler CCD", "Cycler DDC", "Cycler CCCD", "Cycler CCCCCD", "Cycler CCCDCD"]


@pytest.mark.parametrize(
    "name, moves",
    [
        ("Cycler", "CCDCCDC"),
        ("Cycler DC", "DCDCDCD"),
        ("Cycler CCD", "CCDCCDC"),
        ("Cycler DDC", "DDCDDCD"),
        ("Cycler CCCD", "CCCDCCC"),
        ("Cycler CCCCCD", "CCCCCDC"),
        ("Cycler CCCDCD", "CCCDCDC"),
        ("AntiCycler", "CDDCDCCDCCCDCCCCD"),
    ],
)
def test_plays_its_sequence_whatever_the_opponent(name, moves):
    for opponent in ("Defector", "Cooperator", "Tit For Tat"):
        assert play_match(name, opponent, turns=len(moves)).moves_a == moves


def test_cycle_parameter():
    assert play_match("Cycler(cycle='DDCDC')", "Cooperator", turns=8).moves_a == "DDCDCDDC"
    assert play_match("Cycler('c')", "Defector", turns=3).moves_a == "CCC"
    assert create("Cycler(cycle='CD')").label == "Cycler(cycle='CD')"
    with pytest.raises(StrategyError, match="string of C and D"):
        create("Cycler(cycle='CXD')")
    with pytest.raises(StrategyError, match="string of C and D"):
        create("Cycler(cycle='')")


def test_classification_follows_the_cycle():
    assert create("Cycler(cycle='CCCCD')").classify().memory_depth == 4
    assert get_class("Cycler CCCDCD")().classify().memory_depth == 5
    assert get_class("Cycler DC")().classify().memory_depth == 1
    assert AntiCycler().classify().memory_depth == float("inf")


def test_anti_cycler_blocks_grow_without_end():
    moves = "".join("D" if anti_cycler_defects(t) else "C" for t in range(3, 3000))
    blocks = moves.split("D")[:-1]
    assert blocks == ["C" * k for k in range(1, len(blocks) + 1)]


def test_aliases():
    assert get_class("Periodic player CCD").name == "Cycler CCD"
    assert get_class("anti cycler") is AntiCycler


@pytest.mark.parametrize("name", [*NAMED, "AntiCycler"])
def test_named_cyclers_equal_axelrod(name):
    assert_like_axelrod(get_class(name)(), [*BASIC_PANEL, "AntiCycler", *PATTERNS[:2]])


@pytest.mark.parametrize("cycle", ["CCD", "D", "DCCDDDCD", PATTERNS[2].cycle])
def test_generic_cycler_equals_axelrod_cycler(cycle):
    assert_like_axelrod(Cycler(cycle=cycle), ["Tit For Tat", "Grudger", PATTERNS[0]])
