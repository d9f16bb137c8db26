"""Lookup tables and Gamblers: hand-checked plays, key order against axelrod's tables, the
draw rule, and the shared kernel (merged and unmerged play agree; one call per turn)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from strategies.base import INF
from strategies.families import lookerup
from strategies.registry import create
from tests import oracle
from tournament import TournamentSpec, run_tournament
from tournament.errors import StrategyError
from tournament.match import play_match


def moves(a, b, turns, seed=0):
    result = play_match(create(a), create(b), turns=turns, seed=seed)
    return result.moves_a, result.moves_b


@pytest.mark.parametrize(
    ("player", "opponent", "expected"),
    [
        ("Winner12", "Cooperator", "CCCCCC"),
        ("Winner12", "Defector", "CCDDDD"),
        ("Winner12", "Alternator", "CCDDCCDD"),
        ("Winner21", "Cooperator", "DCCCCC"),
        ("Winner21", "Defector", "DCDDDD"),
        ("EvolvedLookerUp1_1_1", "Cooperator", "CCCCCC"),
        ("EvolvedLookerUp1_1_1", "Defector", "CDDDDD"),
        ("EvolvedLookerUp1_1_1", "Alternator", "CCDDDDDD"),
        ("EvolvedLookerUp2_2_2", "Defector", "CCDDDD"),
        ("LookerUp", "Alternator", "CCDCDC"),
        ("PSO Gambler 2_2_2", "Defector", "CCDDDDDD"),
        ("PSO Gambler Mem1", "Cooperator", "CCCCCC"),
    ],
)
def test_plays(player, opponent, expected):
    assert moves(player, opponent, len(expected))[0] == expected


def test_lookup_dict_reading_the_opponents_first_move():
    copy_first = lookerup.LookerUp(lookup_dict={("", "", "C"): "C", ("", "", "D"): "d"}, initial_actions="D")
    assert copy_first.classify().memory_depth == INF
    assert moves(copy_first, "Alternator", 5)[0] == "DCCCC"
    assert moves(copy_first, "Defector", 5)[0] == "DDDDD"


def test_initial_actions_are_padded_with_c_and_cut_to_the_table_depth():
    tf2t = {"pattern": "CCCD", "depths": (0, 2, 0)}
    assert moves(lookerup.LookerUp(initial_actions="D", **tf2t), "Defector", 4)[0] == "DCDD"
    assert moves(lookerup.LookerUp(initial_actions="DDDD", **tf2t), "Cooperator", 4)[0] == "DDCC"
    assert moves(lookerup.LookerUp(**tf2t), "Defector", 4)[0] == "CCDD"
    cooperator = lookerup.LookerUp(pattern="C", depths=(0, 0, 0), initial_actions="DD")
    assert moves(cooperator, "Defector", 3)[0] == "CCC"
    assert cooperator.classify().memory_depth == 0


def test_table_checks():
    with pytest.raises(StrategyError, match="together"):
        lookerup.LookerUp(pattern="CD")
    with pytest.raises(StrategyError, match="must have 8 entries"):
        lookerup.LookerUp(pattern="CD", depths=(1, 1, 1))
    with pytest.raises(StrategyError, match="not all the same size"):
        lookerup.LookerUp(lookup_dict={("C", "", ""): "C", ("", "D", ""): "D"})
    with pytest.raises(StrategyError, match="enough keys"):
        lookerup.LookerUp(lookup_dict={("", "C", ""): "C"})
    with pytest.raises(StrategyError, match="only C and D"):
        lookerup.LookerUp(pattern="CX", depths=(0, 1, 0))
    with pytest.raises(StrategyError, match="depths"):
        lookerup.LookerUp(pattern="CD", depths=(0, 1))
    with pytest.raises(StrategyError, match="not 'C' or 'D'"):
        lookerup.LookerUp(lookup_dict={("", "C", ""): 0.5, ("", "D", ""): "D"})
    with pytest.raises(StrategyError, match="pattern"):
        lookerup.Gambler(pattern=(0.5, 1.5), depths=(0, 1, 0))


def test_text_form_round_trip():
    player = lookerup.LookerUp(
        lookup_dict={("C", "C", ""): "C", ("C", "D", ""): "D", ("D", "C", ""): "D", ("D", "D", ""): "C"}
    )
    assert create(player.spec) == player
    gambler = lookerup.Gambler(pattern=(1, 0.25), depths=(0, 1, 0), initial_actions="D")
    assert create(gambler.spec) == gambler
    assert moves(player, "Alternator", 6)[0] == "CCDDCC"


def test_classifiers():
    assert create("Winner12").classify().memory_depth == 2
    assert create("EvolvedLookerUp2_2_2").classify().memory_depth == INF
    assert create("PSO Gambler Mem1").classify().memory_depth == 1
    assert create("ZD-Mem2").classify().memory_depth == 2
    assert create("PSO Gambler 1_1_1").classify().memory_depth == INF
    assert create("ZD-Mem2").stochastic and create("Gambler").stochastic
    assert not create("Winner21").stochastic
    assert lookerup.LookerUp().classify().memory_depth == 1


def test_trained_tables_equal_axelrods(axl):
    from axelrod.strategies import gambler

    for cls in (
        lookerup.PSOGamblerMem1,
        lookerup.PSOGambler1_1_1,
        lookerup.PSOGambler2_2_2,
        lookerup.PSOGambler2_2_2_Noise05,
    ):
        assert list(cls().pattern) == gambler.tables[(cls.name, *cls.depths)]


def test_random_tables_equal_axelrods_lookerup(axl):
    from axelrod.strategies.lookerup import LookerUp as AxlLookerUp
    from axelrod.strategies.lookerup import Plays

    rng = np.random.default_rng(2)
    opponents = ["Alternator", "Tit For Tat", "Fortress3", "Predator", "Winner21"]
    for depths in [(0, 1, 0), (1, 1, 1), (2, 0, 1), (0, 3, 2), (2, 2, 2), (3, 1, 0)]:
        pattern = "".join("CD"[k] for k in rng.integers(2, size=2 ** sum(depths)))
        initial = "".join("CD"[k] for k in rng.integers(2, size=max(depths)))
        ours = lookerup.LookerUp(pattern=pattern, depths=depths, initial_actions=initial)
        actions = tuple(axl.Action.C if m == "C" else axl.Action.D for m in initial)
        for name in opponents:
            theirs = AxlLookerUp(pattern=pattern, parameters=Plays(*depths), initial_actions=actions)
            match = axl.Match((theirs, oracle.twin(create(name))), turns=60)
            match.play()
            expected = "".join(str(x) for x, _ in match.result)
            assert moves(ours, name, 60)[0] == expected, (depths, name)


@pytest.mark.parametrize("name", ["PSO Gambler 2_2_2", "PSO Gambler 1_1_1", "ZD-Mem2"])
def test_gambler_moves_follow_axelrods_table(axl, name):
    """Every move after the opening follows axelrod's table for the realised history: certain
    entries exactly, uncertain ones at their probability."""
    player = create(name)
    twin = oracle.twin(player)
    table = twin._lookup
    own_depth, opp_depth, openings = player.table.depths
    chance, cooperated, certain = [], [], 0
    for seed in range(40):
        result = play_match(player, create("Random"), turns=60, seed=seed)
        own = [axl.Action.C if m == "C" else axl.Action.D for m in result.moves_a]
        opp = [axl.Action.C if m == "C" else axl.Action.D for m in result.moves_b]
        for t in range(max(player.table.depths), len(own)):
            key = (
                tuple(own[t - own_depth : t]),
                tuple(opp[t - opp_depth : t]),
                tuple(opp[:openings]),
            )
            p = table.get(*key)
            if p in (0, 1):
                certain += 1
                assert own[t] == (axl.Action.C if p == 1 else axl.Action.D)
            else:
                chance.append(p)
                cooperated.append(own[t] == axl.Action.C)
    assert certain + len(chance) == 40 * (60 - max(player.table.depths))
    assert len(chance) > 100
    expected = sum(chance)
    spread = math.sqrt(sum(p * (1 - p) for p in chance))
    assert abs(sum(cooperated) - expected) < 4.5 * spread


def test_gambler_draw_rule():
    certain = lookerup.Gambler(pattern=(1.0, 0.0), depths=(0, 1, 0))
    assert moves(certain, "Alternator", 8)[0] == "CCDCDCDC"
    half = lookerup.Gambler(pattern=(0.5, 0.5), depths=(0, 1, 0))
    played = "".join(moves(half, "Cooperator", 200, seed=s)[0][1:] for s in range(5))
    assert abs(played.count("C") / len(played) - 0.5) < 0.05


LOOKUP_FIELD = [
    "Winner12",
    "Winner21",
    "EvolvedLookerUp1_1_1",
    "EvolvedLookerUp2_2_2",
    "Tit For Tat",
    "PSO Gambler Mem1",
    "PSO Gambler 2_2_2",
    "Alternator",
    "ZD-Mem2",
    "LookerUp(pattern='CCCD', depths=(0, 2, 0))",
    "Random",
]


def _interactions(noise: float) -> pd.DataFrame:
    spec = TournamentSpec.build(LOOKUP_FIELD, turns=40, repetitions=3, noise=noise, seed=5)
    return run_tournament(spec, interactions=True).interactions


@pytest.mark.parametrize("noise", [0.0, 0.1])
def test_merged_kernel_equals_separate_players(monkeypatch, noise):
    merged = _interactions(noise)
    monkeypatch.setattr(lookerup.LookerUp, "kernel_group", lambda self: None)
    separate = _interactions(noise)
    pd.testing.assert_frame_equal(merged, separate)


def test_family_kernel_is_called_once_per_turn(monkeypatch):
    monkeypatch.setenv("IPD_COMPILED", "0")  # counts the numpy kernel's calls
    kernels, turns_seen, own_moves = [], [], []
    real_init, real_move = lookerup.LookupKernel.__init__, lookerup.LookupKernel.move

    def init(self, members):
        kernels.append([player.label for player, _ in members])
        real_init(self, members)

    def move(self, view):
        turns_seen.append(view.turn)
        return real_move(self, view)

    monkeypatch.setattr(lookerup.LookupKernel, "__init__", init)
    monkeypatch.setattr(lookerup.LookupKernel, "move", move)
    monkeypatch.setattr(lookerup.LookerUp, "move", lambda self, view: own_moves.append(1))
    run_tournament(TournamentSpec.build(LOOKUP_FIELD, turns=30, repetitions=2))
    assert len(kernels) == 1
    assert len(kernels[0]) == 8
    assert turns_seen == list(range(30))
    assert not own_moves
