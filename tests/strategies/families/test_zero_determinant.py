"""Zero-determinant strategies: four-vectors equal to axelrod's for any payoffs, the payoff
relation they enforce, and their play in the memory-one family kernel."""

from __future__ import annotations

import numpy as np
import pytest

from strategies.families.memory_one import MemoryOnePlayer
from strategies.families.zero_determinant import LinearRelation
from strategies.registry import create, get_class
from tests import oracle
from tests.strategies.families.test_memory_one import check_against_markov_chain, transition_matrix
from tournament.errors import StrategyError
from tournament.match import play_match
from tournament.settings import Game

ZD = [
    "ZD-Extort-2",
    "ZD-Extort-2 v2",
    "ZD-Extort3",
    "ZD-Extort-4",
    "ZD-Extortion",
    "ZD-GTFT-2",
    "ZD-GEN-2",
    "ZD-Mischief",
    "ZD-SET-2",
]
GAMES = [(3, 0, 5, 1), (3.5, 0.5, 5, 1), (3, 0, 4, 1), (4, 0, 6, 1), (3, -1, 5, 1)]
"""The first three suit every ZD strategy; in the others some four-vectors leave [0, 1]."""


@pytest.mark.parametrize("name", ZD)
@pytest.mark.parametrize("payoffs", GAMES)
def test_four_vector_equals_axelrod_exactly(axl, name, payoffs):
    ours = create(name)
    twin = oracle.twin(ours)
    R, S, T, P = payoffs
    try:
        twin.set_match_attributes(game=axl.Game(r=R, s=S, t=T, p=P))
    except ValueError:
        with pytest.raises(StrategyError):
            play_match(ours, "Cooperator", game=payoffs)
        return
    assert ours.probabilities(Game(*payoffs)) == tuple(twin._four_vector.values())


@pytest.mark.parametrize("name", ZD)
def test_classification_equals_axelrod(axl, name):
    ours = create(name)
    twin = oracle.twin(ours)
    assert ours.name == twin.name
    assert axl.Classifiers["stochastic"](twin) == ours.stochastic
    assert axl.Classifiers["memory_depth"](twin) == ours.classify().memory_depth
    assert set(axl.Classifiers["makes_use_of"](twin)) == set(ours.classify().makes_use_of) == {"game"}


def test_parameters_change_vector_and_classification(axl):
    deterministic = create("ZD-Extortion(phi=0)")
    assert deterministic.probabilities(Game()) == (1, 1, 0, 0)
    assert not deterministic.stochastic
    assert not axl.Classifiers["stochastic"](oracle.twin(deterministic))
    slower = create("ZD-Extort-2(phi=0.05)")
    assert slower.probabilities(Game()) == tuple(oracle.twin(slower)._four_vector.values())
    assert create("ZD-SET-2(l=1.5)").probabilities(Game()) == (0.625, 0.125, 0.375, 0.125)


def stationary(matrix: np.ndarray) -> np.ndarray:
    """A stationary distribution of a 4-state chain."""
    values, vectors = np.linalg.eig(matrix.T)
    v = np.real(vectors[:, np.argmin(abs(values - 1))])
    return v / v.sum()


OPPONENTS = [(0.9, 0.1, 0.8, 0.2), (0.5, 0.5, 0.5, 0.5), (0.935, 0.229, 0.266, 0.42), (1, 0.3, 0.7, 0.1)]


@pytest.mark.parametrize("name", ZD)
@pytest.mark.parametrize("payoffs", GAMES[:3])
def test_enforces_linear_payoff_relation(name, payoffs):
    """Press-Dyson: s (S_xy - l) = S_yx - l for the long-run payoffs, whatever the opponent."""
    player, game = create(name), Game(*payoffs)
    p = np.array(player.probabilities(game))
    payoff = game.payoff_vector()
    base = player.baseline(game)
    for q in OPPONENTS:
        v = stationary(transition_matrix(p, np.array(q)))
        mine, theirs = v @ payoff, v @ payoff[[0, 2, 1, 3]]
        assert player.s * (mine - base) == pytest.approx(theirs - base, abs=1e-9)


def test_extortioner_and_equaliser_in_words():
    game = Game()
    extort = create("Extort-2")
    set2 = create("ZD-SET-2")
    for q in OPPONENTS:
        v = stationary(transition_matrix(np.array(extort.probabilities(game)), np.array(q)))
        mine, theirs = v @ game.payoff_vector(), v @ game.payoff_vector()[[0, 2, 1, 3]]
        assert mine - game.P == pytest.approx(2 * (theirs - game.P))
        v = stationary(transition_matrix(np.array(set2.probabilities(game)), np.array(q)))
        assert v @ game.payoff_vector()[[0, 2, 1, 3]] == pytest.approx(2.0)


def test_zero_determinant_matches_equal_exact_expectations():
    names = [*ZD, "Stochastic Cooperator", "GTFT"]
    assert check_against_markov_chain(names, turns=100, repetitions=300, seed=5) == 2 * 66


def test_zero_determinant_use_the_payoffs_being_played():
    names = [*ZD, "Memory One(0.9, 0.1, 0.8, 0.2)"]
    assert check_against_markov_chain(names, game=GAMES[1], turns=100, repetitions=300, seed=6) == 2 * 55


@pytest.mark.parametrize(
    ("player", "opponent", "check"),
    [
        ("ZD-Extort-4", "Defector", lambda m: m == "C" + "D" * 39),
        ("ZD-Extortion", "Defector", lambda m: m[0] == "C" and "DC" not in m),
        ("Extort-2", "Defector", lambda m: m[0] == "C" and "DC" not in m),
        ("ZD-Mischief", "Defector", lambda m: m[0] == "C" and "DC" not in m),
        ("ZD-GTFT-2", "Cooperator", lambda m: m == "C" * 40),
        ("ZD-GEN-2", "Cooperator", lambda m: m == "C" * 40),
    ],
)
@pytest.mark.parametrize("seed", range(3))
def test_plays_hand_derived_moves(player, opponent, check, seed):
    moves = play_match(player, opponent, turns=40, seed=seed).moves_a
    assert check(moves), moves


def test_after_mutual_defection_extortioners_never_cooperate():
    for name in ["ZD-Extort-2", "ZD-Extort-2 v2", "ZD-Extort3", "ZD-Extort-4", "ZD-Extortion", "ZD-Mischief"]:
        assert create(name).probabilities(Game())[3] == 0


def test_unenforceable_parameters_are_rejected():
    with pytest.raises(StrategyError, match="at most 1"):
        create("ZD-Extortion(s=2)")
    with pytest.raises(StrategyError, match="not enforceable"):
        play_match("ZD-Extortion(l=0.5)", "Cooperator")
    with pytest.raises(StrategyError, match="not enforceable"):
        play_match("ZD-GEN-2", "Cooperator", game=(2, 0, 5, 1))
    with pytest.raises(StrategyError, match="differ from S and T"):
        play_match("ZD-Extort-2", "Cooperator", game=(3, 1, 5, 1))
    assert play_match("ZD-GEN-2", "Cooperator", game=(4, 0, 6, 1)).turns == 200


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("Extort-2", "ZD-Extort-2"),
        ("extort2", "ZD-Extort-2"),
        ("extort4", "ZD-Extort-4"),
        ("ZDGTFT-2", "ZD-GTFT-2"),
        ("gen2", "ZD-GEN-2"),
        ("SET-2", "ZD-SET-2"),
        ("mischief", "ZD-Mischief"),
    ],
)
def test_aliases(alias, name):
    assert get_class(alias).name == name


def test_all_are_linear_relation_players_in_the_memory_one_family():
    for name in ZD:
        player = create(name)
        assert isinstance(player, LinearRelation)
        assert player.kernel_group() is MemoryOnePlayer.family
