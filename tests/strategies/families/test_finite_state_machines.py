"""Finite state machines: hand-checked plays, the generic machine against axelrod's, and the
shared kernel (merged and unmerged play agree; one call per turn)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from strategies.base import INF
from strategies.families import finite_state_machines as fsm
from strategies.registry import create
from tests import oracle
from tournament import TournamentSpec, run_tournament
from tournament.errors import StrategyError
from tournament.match import play_match

GRUDGER_MACHINE = ((0, "C", 0, "C"), (0, "D", 1, "D"), (1, "C", 1, "D"), (1, "D", 1, "D"))


def moves(a, b, turns):
    result = play_match(create(a) if isinstance(a, str) else a, create(b), turns=turns)
    return result.moves_a, result.moves_b


@pytest.mark.parametrize(
    ("player", "opponent", "expected"),
    [
        ("Fortress3", "Tit For Tat", "DDDCDDDCDD"),
        ("Fortress3", "Defector", "DDCDDCDDCD"),
        ("Fortress4", "Defector", "DDDCDDDCDD"),
        ("Fortress4", "Cooperator", "DDDDDDDDDD"),
        ("SolutionB1", "Cooperator", "DDCCCCCCCC"),
        ("SolutionB1", "Defector", "DDDDDDDDDD"),
        ("Ripoff", "Cooperator", "DCDCDCDCDC"),
        ("Ripoff", "Tit For Tat", "DCCCCCCCCC"),
        ("UsuallyCooperates", "Alternator", "CCCDCDCDCD"),
        ("UsuallyDefects", "Alternator", "DDCDCDCDCD"),
        ("Thumper", "Defector", "CDDDDDDDDD"),
        ("Thumper", "Alternator", "CCDDDDDDDD"),
        ("Pun1", "Defector", "DCDCDCDCDC"),
        ("Pun1", "Cooperator", "DCCCCCCCCC"),
        ("Raider", "Cooperator", "DDDDDDDDDD"),
        ("Raider", "Defector", "DDCCDDDDDD"),
        ("Predator", "Cooperator", "CDDDDDDDDD"),
        ("FSM Player", "Alternator", "CCDCDCDCDC"),
    ],
)
def test_plays(player, opponent, expected):
    assert moves(player, opponent, len(expected))[0] == expected


def test_first_move_does_not_change_state():
    # Grudger machine starting in its grudge state but opening with C: C, then D for ever.
    player = fsm.FSMPlayer(transitions=GRUDGER_MACHINE, initial_state=1, initial_action="C")
    assert moves(player, "Cooperator", 5)[0] == "CDDDD"
    player = fsm.FSMPlayer(transitions=GRUDGER_MACHINE, initial_state=0, initial_action="D")
    assert moves(player, "Cooperator", 5)[0] == "DCCCC"
    assert moves(player, "Alternator", 6)[0] == "DCDDDD"


def test_generic_machine_checks():
    with pytest.raises(StrategyError, match="state 2 does not have transitions for both"):
        fsm.FSMPlayer(transitions=((1, "C", 2, "C"), (1, "D", 1, "D"), (2, "C", 1, "D")))
    with pytest.raises(StrategyError, match="state 5"):
        fsm.FSMPlayer(transitions=GRUDGER_MACHINE, initial_state=5)
    with pytest.raises(StrategyError, match="'C' or 'D'"):
        fsm.FSMPlayer(transitions=((1, "X", 1, "C"), (1, "D", 1, "D")))
    with pytest.raises(StrategyError, match="initial_action"):
        fsm.FSMPlayer(initial_action="E")
    # An unreachable state may lack a transition, as in axelrod.
    unreachable = ((1, "C", 1, "C"), (1, "D", 1, "D"), (7, "C", 1, "D"))
    assert moves(fsm.FSMPlayer(transitions=unreachable), "Alternator", 4)[0] == "CCDC"


def test_later_duplicate_transition_wins_as_in_axelrod():
    machine = ((1, "C", 1, "C"), (1, "D", 1, "D"), (1, "D", 1, "C"))
    assert moves(fsm.FSMPlayer(transitions=machine), "Defector", 4)[0] == "CCCC"


def test_lower_case_moves_and_text_form_round_trip():
    machine = [[0, "c", 0, "c"], [0, "d", 1, "d"], [1, "c", 1, "d"], [1, "d", 1, "d"]]
    player = fsm.FSMPlayer(transitions=machine, initial_state=0)
    assert player.transitions == GRUDGER_MACHINE
    again = create(player.spec)
    assert again == player
    assert moves(again, "Alternator", 5)[0] == "CCDDD"


def test_classifiers():
    assert fsm.FSMPlayer().classify().memory_depth == 1
    assert fsm.FSMPlayer(transitions=GRUDGER_MACHINE, initial_state=0).classify().memory_depth == INF
    assert create("Fortress4").classify().memory_depth == 3
    assert not create("TF1").stochastic
    assert create("fsm").name == "FSM Player"
    assert create("uc").name == "UsuallyCooperates"


def random_machine(rng: np.random.Generator, n_states: int) -> dict:
    rows = [(s, m, int(rng.integers(n_states)), "CD"[rng.integers(2)]) for s in range(n_states) for m in "CD"]
    return {
        "transitions": tuple(rows),
        "initial_state": int(rng.integers(n_states)),
        "initial_action": "CD"[rng.integers(2)],
    }


def test_generic_machine_equals_axelrod_fsm_player(axl):
    from axelrod.strategies.finite_state_machines import FSMPlayer as AxlFSM

    rng = np.random.default_rng(4)
    action = {"C": axl.Action.C, "D": axl.Action.D}
    opponents = ["Tit For Tat", "Alternator", "Grudger", "Fortress4", "Predator"]
    for n_states in (1, 3, 8):
        params = random_machine(rng, n_states)
        ours = fsm.FSMPlayer(**params)
        twin_kwargs = {
            "transitions": tuple((s, action[m], n, action[o]) for s, m, n, o in params["transitions"]),
            "initial_state": params["initial_state"],
            "initial_action": action[params["initial_action"]],
        }
        for name in opponents:
            opponent = create(name)
            match = axl.Match((AxlFSM(**twin_kwargs), oracle.twin(opponent)), turns=60)
            match.play()
            expected = "".join(str(x) for x, _ in match.result)
            assert moves(ours, name, 60)[0] == expected, (params, name)


FSM_FIELD = [
    "Fortress3",
    "Predator",
    "Thumper",
    "Evolved FSM 16",
    "TF1",
    "Tit For Tat",
    "Raider",
    "Alternator",
    "Ripoff",
    "Random",
]


def _matches(noise: float) -> pd.DataFrame:
    spec = TournamentSpec.build(FSM_FIELD, turns=50, repetitions=2, noise=noise, seed=7)
    return run_tournament(spec, interactions=True).interactions


@pytest.mark.parametrize("noise", [0.0, 0.1])
def test_merged_kernel_equals_separate_players(monkeypatch, noise):
    merged = _matches(noise)
    monkeypatch.setattr(fsm.FSMPlayer, "kernel_group", lambda self: None)
    separate = _matches(noise)
    pd.testing.assert_frame_equal(merged, separate)


def test_family_kernel_is_called_once_per_turn(monkeypatch):
    monkeypatch.setenv("IPD_COMPILED", "0")  # counts the numpy kernel's calls
    kernels, turns_seen, own_moves = [], [], []
    real_init, real_move = fsm.FSMKernel.__init__, fsm.FSMKernel.move

    def init(self, members):
        kernels.append([player.name for player, _ in members])
        real_init(self, members)

    def move(self, view):
        turns_seen.append(view.turn)
        return real_move(self, view)

    monkeypatch.setattr(fsm.FSMKernel, "__init__", init)
    monkeypatch.setattr(fsm.FSMKernel, "move", move)
    monkeypatch.setattr(fsm.FSMPlayer, "move", lambda self, view: own_moves.append(1))
    run_tournament(TournamentSpec.build(FSM_FIELD, turns=30, repetitions=1))
    assert len(kernels) == 1
    assert sorted(kernels[0]) == sorted(
        ["Fortress3", "Predator", "Thumper", "Evolved FSM 16", "TF1", "Tit For Tat", "Raider", "Ripoff"]
    )
    assert turns_seen == list(range(30))
    assert not own_moves
