"""Exact expected payoffs from the Markov chain: closed forms, the discounted values of the
learning module, and long simulations with the engine (|z| <= 4)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from strategies.registry import create, create_all
from tournament.analysis.exact import ExactError, exact_match, exact_payoff_matrix, exact_tables, length_law
from tournament.evolution.payoffs import play_pairs
from tournament.learning.markov import values
from tournament.settings import MatchSettings

R, S, T, P = 3.0, 0.0, 5.0, 1.0


def pair(a: str, b: str, discount: float = 1.0, **settings):
    return exact_match(create(a), create(b), MatchSettings.build(**settings), discount)


def test_cooperator_against_defector_with_noise():
    e = 0.1
    match = pair("Cooperator", "Defector", turns=7, noise=e)
    states = np.array([(1 - e) * e, (1 - e) ** 2, e * e, e * (1 - e)])
    assert np.allclose(match.states, states, atol=1e-15)
    assert match.per_turn[0] == pytest.approx(states @ [R, S, T, P], abs=1e-14)
    assert match.total[1] == pytest.approx(7 * states @ [R, T, S, P], abs=1e-12)


def test_tit_for_tat_against_defector_fixed_and_geometric_length():
    fixed = pair("Tit For Tat", "Defector", turns=10)
    assert fixed.total.tolist() == pytest.approx([S + 9 * P, T + 9 * P], abs=1e-12)
    p = 0.1
    geometric = pair("Tit For Tat", "Defector", prob_end=p)
    # E[(S + (L - 1) P) / L] = P + (S - P) E[1/L], and E[1/L] = p ln(1/p) / (1 - p)
    mean_inverse = p * math.log(1 / p) / (1 - p)
    assert geometric.per_turn[0] == pytest.approx(P + (S - P) * mean_inverse, abs=1e-12)
    assert geometric.expected_turns == pytest.approx(1 / p, rel=1e-12)
    assert geometric.total[0] == pytest.approx(S + (1 / p - 1) * P, abs=1e-9)


def test_discounting_weighs_turn_t_by_d_to_the_t():
    d, n = 0.9, 12
    match = pair("Tit For Tat", "Defector", discount=d, turns=n)
    assert match.total[1] == pytest.approx(T + P * (d - d**n) / (1 - d), abs=1e-12)
    assert match.per_turn[1] == pytest.approx(match.total[1] / ((1 - d**n) / (1 - d)), abs=1e-12)


@pytest.mark.parametrize("gamma, discount", [(0.96, 1.0), (0.5, 0.8)])
def test_memory_one_values_equal_the_learning_modules_closed_form(gamma, discount):
    """q0 (I - gamma P)^-1 r: a match that goes on with probability gamma / discount, discounted."""
    x = np.array([[1.0, 0.9, 0.2, 0.7, 0.1]])
    y = np.array([[0.0, 0.5, 0.4, 0.8, 0.3]])
    game = (-1, -3, 0, -2)
    match = exact_match(
        create("Memory One(0.9, 0.2, 0.7, 0.1)"),
        create("Memory One(0.5, 0.4, 0.8, 0.3, initial='D')"),
        MatchSettings.build(prob_end=1 - gamma / discount, game=game),
        discount,
    )
    first, second = values(x, y, np.array(game, dtype=float), gamma)
    assert match.total.tolist() == pytest.approx([first[0], second[0]], abs=1e-9)


def test_length_law_weights():
    total, per_turn = length_law(MatchSettings(turns=5))
    assert total.tolist() == [1.0] * 5 and per_turn.tolist() == pytest.approx([0.2] * 5)
    total, per_turn = length_law(MatchSettings(turns=None, prob_end=0.5))
    assert total.sum() == pytest.approx(2.0) and per_turn.sum() == pytest.approx(1.0)


def test_self_play_and_tables():
    players = create_all(["Tit For Tat", "Defector", "Grudger", "Win-Stay Lose-Shift", "First by Tullock"])
    settings = MatchSettings(turns=50, noise=0.02)
    tables = exact_tables(players, settings)
    assert np.isnan(tables["payoff_matrix"][4]).all() and np.isnan(tables["payoff_matrix"][:, 4]).all()
    known = exact_payoff_matrix(players[:4], settings)
    assert np.allclose(tables["payoff_matrix"][:4, :4], known, atol=1e-14, rtol=0)
    states = tables["state_distribution"]
    assert np.allclose(states[0, 1], states[1, 0][[0, 2, 1, 3]])
    assert np.allclose(states[:4, :4].sum(axis=2), 1.0)


def test_a_strategy_without_a_chain_is_an_error():
    with pytest.raises(ExactError, match="First by Tullock is neither a memory-one strategy"):
        pair("Tit For Tat", "First by Tullock")
    with pytest.raises(ExactError, match="discount"):
        pair("Tit For Tat", "Defector", discount=1.5)
    with pytest.raises(ExactError, match="too small"):
        pair("Tit For Tat", "Defector", prob_end=1e-5)


SIMULATED = [
    ("Tit For Tat", "Win-Stay Lose-Shift", {"turns": 30, "noise": 0.05}),
    ("GTFT", "Grudger", {"prob_end": 0.05, "noise": 0.02}),
    ("Fortress3", "Random(p=0.6)", {"turns": 25}),
    ("Tit For 2 Tats", "ZD-Extort-2", {"prob_end": 0.1, "noise": 0.1, "game": (4, 0, 6, 1)}),
    ("Memory One(0.9, 0.2, 0.7, 0.1)", "Grudger", {"turns": 3, "noise": 0.05}),
]


@pytest.mark.parametrize("a, b, settings", SIMULATED, ids=[f"{a}-{b}" for a, b, _ in SIMULATED])
def test_exact_means_agree_with_long_simulations(a, b, settings):
    """20,000 matches played by the engine: mean payoff per turn, total payoff and length within
    |z| <= 4 of the exact values."""
    match_settings = MatchSettings.build(**settings)
    players = create_all([a, b])
    exact = exact_match(players[0], players[1], match_settings)
    runs = 20_000
    keys = np.arange(runs, dtype=np.uint64)
    score_a, score_b, lengths = play_pairs(
        players, np.zeros(runs, int), np.ones(runs, int), keys, match_settings, 11
    )
    for sample, expected in (
        (score_a / lengths, exact.per_turn[0]),
        (score_b / lengths, exact.per_turn[1]),
        (score_a, exact.total[0]),
        (lengths.astype(float), exact.expected_turns),
    ):
        spread = sample.std(ddof=1) / math.sqrt(runs)
        if spread == 0:
            assert sample.mean() == pytest.approx(expected, abs=1e-9)
        else:
            assert abs(sample.mean() - expected) / spread <= 4
