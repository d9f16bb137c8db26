"""Axelrod's first tournament: hand-derived matches, replays against axelrod's players under
noise and unknown lengths, exact expectations for the stochastic entries."""

from __future__ import annotations

import math

import numpy as np
import pytest

from strategies.axelrod.twins import axelrod_name
from strategies.families.axelrod_first import chi_square_critical, looks_random
from strategies.registry import create, get_class
from tests.oracle import replay_mismatch
from tournament.match import play_match
from tournament.round_robin import run_tournament
from tournament.spec import TournamentSpec

DETERMINISTIC = [
    "First by Davis",
    "First by Downing",
    "First by Nydegger",
    "First by Shubik",
    "First by Stein and Rapoport",
    "First by Tideman and Chieruzzi",
]
OPPONENTS = ["Random(p=0.5)", "Random(p=0.8)", "Alternator", "Tit For Tat", "Gradual", "Grudger"]


def test_every_player_of_axelrods_first_tournament_is_a_native_builtin(axl):
    names = {player.name for player in axl.axelrod_first_strategies}
    for name in names:
        strategy = create(name)
        assert strategy.name == name and axelrod_name(strategy) == name
        assert not strategy.spec.startswith("axelrod:")
    assert len(names) == 15


@pytest.mark.parametrize("alpha", [0.01, 0.05, 0.2])
def test_randomness_test_equals_scipys_chi_square(alpha):
    chisquare = pytest.importorskip("scipy.stats").chisquare
    for turns in range(1, 300):
        cooperations = np.arange(turns + 1)
        expected = chisquare(np.stack([cooperations, turns - cooperations]), axis=0).pvalue >= alpha
        assert np.array_equal(looks_random(cooperations, turns, alpha), expected), turns


def test_chi_square_critical_value():
    assert chi_square_critical(0.05) == pytest.approx(3.841458820694124, rel=1e-12)
    assert math.isinf(chi_square_critical(0.0))


@pytest.mark.parametrize(
    "player, opponent, turns, expected",
    [
        ("First by Davis", "Alternator", 14, "CCCCCCCCCCDDDD"),
        ("First by Davis(rounds_to_cooperate=2)", "Alternator", 5, "CCDDD"),
        # Shubik's punishments grow: 1, 2, 3 defections, each after a provoked cooperation.
        ("First by Shubik", "Defector", 10, "CDCDDCDDDC"),
        # Nydegger: A = 16 a1 + 4 a2 + a3 is 62, 47, 43, 42 after the opening: none defects.
        ("First by Nydegger", "Defector", 7, "CDDCCCC"),
        ("First by Stein and Rapoport", "Cooperator", 20, "C" * 18 + "DD"),
        ("First by Tideman and Chieruzzi", "Cooperator", 20, "C" * 18 + "DD"),
        # Downing opens DD; then alpha = 1, beta = 1/2 makes C and D worth 3 each: it switches.
        ("First by Downing", "Cooperator", 3, "DDC"),
        # Graaskamp: Tit For Tat, a defection on turn 51, then the echo of Tit For Tat.
        ("First by Graaskamp", "Tit For Tat", 60, "C" * 50 + "DCDCDCDCDC"),
    ],
)
def test_hand_derived_matches(player, opponent, turns, expected):
    assert play_match(player, opponent, turns=turns).moves_a == expected


@pytest.mark.parametrize("name", DETERMINISTIC)
@pytest.mark.parametrize(
    "conditions",
    [
        {"noise": 0.1, "seed": 3},
        {"noise": 0.05, "seed": 11, "game": (4, -1, 6, 0)},
        {"turns": None, "prob_end": 0.01, "seed": 5},
    ],
    ids=["noisy", "other-game", "prob-end"],
)
def test_deterministic_players_choose_axelrods_move_on_any_history(name, conditions):
    strategy = get_class(name)()
    mismatches = [replay_mismatch(strategy, opponent, **conditions) for opponent in OPPONENTS]
    assert [m for m in mismatches if m] == []


def cooperations(name: str, opponent: str, turns: int, repetitions: int) -> np.ndarray:
    """Cooperations of ``name`` in each of ``repetitions`` matches against ``opponent``."""
    spec = TournamentSpec.build([name, opponent], turns=turns, repetitions=repetitions, seed=2024)
    matches = run_tournament(spec).matches
    pair = matches[(matches.player_a != matches.player_b)]
    own = np.where(pair.name_a == create(name).label, pair.coop_a, pair.coop_b)
    return own.astype(float)


def expect(counts: np.ndarray, mean: float, bound: float = 4.0) -> None:
    z = (counts.mean() - mean) / (counts.std(ddof=1) / math.sqrt(len(counts)))
    assert abs(z) < bound, (counts.mean(), mean, z)


def test_feld_cooperation_decays_linearly():
    chances = [max(1 - 0.5 * t / 200, 0.5) for t in range(1, 200)]
    expect(cooperations("First by Feld", "Cooperator", 200, 400), 1 + sum(chances))


def test_joss_and_tullock_against_a_cooperator():
    expect(cooperations("First by Joss", "Cooperator", 200, 400), 1 + 199 * 0.9)
    expect(cooperations("First by Tullock", "Cooperator", 200, 400), 11 + 189 * 0.9)


def test_anonymous_cooperates_half_the_time():
    expect(cooperations("First by Anonymous", "Defector", 200, 400), 100.0)


def test_grofman_against_a_defector_follows_its_markov_chain():
    # States after a turn: "differ" (own C, opponent D) or "same" (both D). From differ it
    # cooperates with probability 2/7 (staying in differ); from same it cooperates for sure.
    turns = 100
    differ, expected = 1.0, 1.0  # turn 0: C against D
    for _ in range(1, turns):
        cooperate = differ * 2 / 7 + (1 - differ)
        expected += cooperate
        differ = cooperate
    expect(cooperations("First by Grofman", "Defector", turns, 400), expected)
