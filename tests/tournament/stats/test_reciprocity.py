"""Reciprocity from play and the theory of memory-one vectors, against hand-derived values.

Standard payoffs (R, S, T, P) = (3, 0, 5, 1). With S_X = (3, 0, 5, 1), S_Y = (3, 5, 0, 1),
a four-vector p is zero-determinant iff p - (1, 1, 0, 0) = alpha S_X + beta S_Y + gamma;
the design's left null vector is w = (-3, 2, 2, -1), so (by hand) p is ZD iff
3 p_CC - 2 p_CD - 2 p_DC + p_DD = 1.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from strategies.registry import create
from tournament import TournamentSpec, run_tournament
from tournament.settings import Game
from tournament.stats.reciprocity import (
    ZD_TOLERANCE_PLAY,
    is_partner,
    is_rival,
    nice_matches,
    nice_players,
    reciprocity,
    reciprocity_table,
    zero_determinant,
)

STANDARD = Game(3, 0, 5, 1)
TFT = (1.0, 0.0, 1.0, 0.0)
WSLS = (1.0, 0.0, 0.0, 1.0)
EXTORT_2 = (8 / 9, 1 / 2, 1 / 3, 0.0)
"""Stewart & Plotkin's Extort-2 (axelrod: phi = 1/9, s = 1/2, l = P): by hand from
p = (1 - phi (1 - s)(R - l), 1 - phi (s (l - S) + T - l), phi (l - S + s (T - l)), phi (1 - s)(l - P))."""
Z = 4.5
"""z-score bound of the binomial checks (four states: a false alarm is below 1e-4)."""


def binomial_bound(p: float, visits: int, z: float = Z) -> float:
    return z * math.sqrt(p * (1 - p) / visits) + 1e-12


def _design(game: Game) -> np.ndarray:
    s_x = [game.R, game.S, game.T, game.P]
    s_y = [game.R, game.T, game.S, game.P]
    return np.column_stack([s_x, s_y, np.ones(4)])


def chi_of(p: np.ndarray, game: Game) -> float:
    """The least-squares ZD slope -beta / alpha of ``p`` (the test's own fit)."""
    alpha, beta, _ = np.linalg.pinv(_design(game)) @ (np.asarray(p) - [1, 1, 0, 0])
    return -beta / alpha


def chi_bound(p: np.ndarray, visits: np.ndarray, game: Game, z: float = Z) -> float:
    """z standard errors of chi_of(p̂) by the delta method (binomial errors per state)."""
    errors = np.sqrt(p * (1 - p) / np.maximum(visits, 1))
    gradient = np.empty(4)
    for k in range(4):
        step = np.zeros(4)
        step[k] = 1e-6
        gradient[k] = (chi_of(p + step, game) - chi_of(p - step, game)) / 2e-6
    return z * float(np.sqrt(np.sum((gradient * errors) ** 2)))


# --- four-vectors recovered from play ---


@pytest.fixture(scope="module")
def against_random():
    """TFT, WSLS and Extort-2 against Random (p = 1/2): no noise, yet every state is visited."""
    spec = TournamentSpec.build(
        ["Tit For Tat", "Win-Stay Lose-Shift", "ZD-Extort-2", "Random"], turns=4000, repetitions=2, seed=11
    )
    results = run_tournament(spec)
    table = reciprocity_table(results.stats, STANDARD).set_index("name")
    return results, table


def _vector(table: pd.DataFrame, name: str) -> np.ndarray:
    return table.loc[name, ["p_CC", "p_CD", "p_DC", "p_DD"]].to_numpy(np.float64)


def _visits(table: pd.DataFrame, name: str) -> np.ndarray:
    return table.loc[name, ["visits_CC", "visits_CD", "visits_DC", "visits_DD"]].to_numpy(np.int64)


def test_deterministic_four_vectors_exactly(against_random):
    _, table = against_random
    assert (_visits(table, "Tit For Tat") > 0).all() and (_visits(table, "Win-Stay Lose-Shift") > 0).all()
    assert _vector(table, "Tit For Tat").tolist() == list(TFT)
    assert _vector(table, "Win-Stay Lose-Shift").tolist() == list(WSLS)


def test_extort_2_strategy_has_the_hand_derived_vector():
    assert create("ZD-Extort-2").probabilities(STANDARD) == pytest.approx(EXTORT_2)


@pytest.mark.parametrize(("name", "expected"), [("ZD-Extort-2", EXTORT_2), ("Random", (0.5,) * 4)])
def test_stochastic_four_vectors_within_binomial_bounds(against_random, name, expected):
    _, table = against_random
    p, visits = _vector(table, name), _visits(table, name)
    assert (visits >= 300).all(), visits
    for k in range(4):
        assert abs(p[k] - expected[k]) <= binomial_bound(expected[k], visits[k]), (k, p[k], visits[k])


def test_visits_add_up_to_the_transitions(against_random):
    results, table = against_random
    # Each player: 3 opponents x 2 repetitions x (4000 - 1) transitions (self-play left out).
    for name in results.names:
        assert _visits(table, name).sum() == 3 * 2 * 3999


def test_noise_blurs_a_deterministic_vector_to_p_times_1_minus_e_plus_1_minus_p_times_e():
    """Moves are recorded after noise: a memory-one p is seen as p (1 - e) + (1 - p) e."""
    noise = 0.05
    spec = TournamentSpec.build(
        ["Tit For Tat", "Win-Stay Lose-Shift", "Cooperator"], turns=3000, noise=noise, seed=5
    )
    results = run_tournament(spec)
    table = reciprocity_table(results.stats, STANDARD).set_index("name")
    for name, p in (("Tit For Tat", TFT), ("Win-Stay Lose-Shift", WSLS)):
        seen, visits = _vector(table, name), _visits(table, name)
        assert (visits > 50).all(), (name, visits)
        for k in range(4):
            expected = p[k] * (1 - noise) + (1 - p[k]) * noise
            assert abs(seen[k] - expected) <= binomial_bound(expected, visits[k]), (name, k, seen[k])


# --- zero-determinant detection ---


def test_extort_2_exact_fit_by_hand():
    # Solving p - (1, 1, 0, 0) = (-1/9, -1/2, 1/3, 0) by hand: alpha = 1/18, beta = -1/9, gamma = 1/18.
    fit = zero_determinant(np.array(EXTORT_2), STANDARD)
    assert fit is not None
    assert (fit.alpha, fit.beta, fit.gamma) == pytest.approx((1 / 18, -1 / 9, 1 / 18))
    assert fit.chi == pytest.approx(2.0)
    assert fit.baseline == pytest.approx(STANDARD.P)
    assert fit.kind(STANDARD) == "extortionate"


def test_tit_for_tat_is_fair():
    # (0, -1, 1, 0) = alpha S_X + beta S_Y + gamma: alpha = 1/5, beta = -1/5, gamma = 0.
    fit = zero_determinant(np.array(TFT), STANDARD)
    assert (fit.alpha, fit.beta, fit.gamma) == pytest.approx((0.2, -0.2, 0.0))
    assert fit.chi == pytest.approx(1.0)
    assert math.isnan(fit.baseline)
    assert fit.kind(STANDARD) == "fair"


def test_generous_and_equalizer():
    # ZD-GTFT-2 (phi = 1/4, s = 1/2, l = R): (1, 1/8, 1, 1/4); 3 - 1/4 - 2 + 1/4 = 1.
    generous = zero_determinant(np.array([1, 1 / 8, 1, 1 / 4]), STANDARD)
    assert generous.chi == pytest.approx(2.0) and generous.baseline == pytest.approx(STANDARD.R)
    assert generous.kind(STANDARD) == "generous"
    # alpha = 0, beta = -0.2, gamma = 0.4: the opponent is held at -gamma / beta = 2.
    equalizer = zero_determinant(np.array([0.8, 0.4, 0.4, 0.2]), STANDARD)
    assert math.isinf(equalizer.chi) and equalizer.kind(STANDARD) == "equalizer"
    assert -equalizer.gamma / equalizer.beta == pytest.approx(2.0)


@pytest.mark.parametrize(
    "p",
    [
        WSLS,  # 3 - 0 - 0 + 1 = 4
        (0.9, 0.1, 0.8, 0.2),  # 2.7 - 0.2 - 1.6 + 0.2 = 1.1
        (1.0, 1 / 3, 1.0, 1 / 3),  # GTFT: 3 - 2/3 - 2 + 1/3 = 2/3
        (1.0, 1.0, 0.0, 0.0),  # Repeat: alpha = beta = 0
        (1.0, np.nan, 1.0, 0.0),  # a state never visited
    ],
)
def test_not_zero_determinant(p):
    assert zero_determinant(np.array(p), STANDARD) is None


def test_zero_determinant_in_another_game():
    game = Game(2, -1, 3, 0)
    # Extort-2 rebuilt for this game (l = P = 0, s = 1/2, phi = 1/9):
    # (1 - (1/9)(1/2)(2), 1 - (1/9)((1/2)(1) + 3), (1/9)(1 + (1/2)(3)), 0).
    p = np.array([8 / 9, 1 - 3.5 / 9, 2.5 / 9, 0.0])
    assert create("ZD-Extort-2").probabilities(game) == pytest.approx(p)
    fit = zero_determinant(p, game)
    assert fit.chi == pytest.approx(2.0) and fit.baseline == pytest.approx(0.0)


def test_extort_2_from_play_has_chi_2(against_random):
    _, table = against_random
    p, visits = _vector(table, "ZD-Extort-2"), _visits(table, "ZD-Extort-2")
    fit = zero_determinant(p, STANDARD, ZD_TOLERANCE_PLAY)
    assert fit is not None
    assert abs(fit.chi - 2.0) <= chi_bound(p, visits, STANDARD), (fit.chi, chi_bound(p, visits, STANDARD))
    row = table.loc["ZD-Extort-2"]
    assert row["zero_determinant"] and row["zd_kind"] == "extortionate"
    assert row["zd_chi"] == pytest.approx(fit.chi)


def test_zero_determinant_from_play_for_tft_and_wsls(against_random):
    _, table = against_random
    assert table.loc["Tit For Tat", "zero_determinant"]
    assert table.loc["Tit For Tat", "zd_chi"] == pytest.approx(1.0)
    assert table.loc["Tit For Tat", "zd_kind"] == "fair"
    assert not table.loc["Win-Stay Lose-Shift", "zero_determinant"]
    assert pd.isna(table.loc["Win-Stay Lose-Shift", "zd_kind"])


def test_extort_2_enforces_its_relation_against_a_cooperator():
    """Against ALLC, Extort-2 alternates CC -> DC w.p. 1/9 and DC -> CC w.p. 1/3: v_CC = 3/4,
    so s_X = 3.5 and s_Y = 2.25, and s_X - P = 2 (s_Y - P)."""
    spec = TournamentSpec.build(["ZD-Extort-2", "Cooperator"], turns=20000, seed=2)
    results = run_tournament(spec)
    match = results.matches[~results.matches["self_play"]].iloc[0]
    s_x, s_y = match["score_a"] / match["turns"], match["score_b"] / match["turns"]
    assert (s_x, s_y) == (pytest.approx(3.5, abs=0.06), pytest.approx(2.25, abs=0.06))
    assert (s_x - 1) / (s_y - 1) == pytest.approx(2.0, abs=0.02)


# --- partners and rivals ---


@pytest.mark.parametrize(
    ("p", "partner", "nash_partner", "rival"),
    [
        # TFT: (2/3) 1 < 1 - 0 and 1 * 0 < 1; p_DD = 0, 0 + 1 <= 1.
        (TFT, True, True, True),
        # WSLS: 1 * p_DD = 1 is not < 1 - p_CD = 1 (standard game: 2R = T + P); p_DD = 1.
        (WSLS, False, True, False),
        # ALLD: p_CC = 0; p_DD = 0 and 0 + 0 <= 1.
        ((0.0, 0.0, 0.0, 0.0), False, False, True),
        # ALLC: (2/3) 1 < 1 - 1 fails; p_DD = 1.
        ((1.0, 1.0, 1.0, 1.0), False, False, False),
        # Extort-2: p_CC < 1; p_DD = 0 and 1/2 + 1/3 <= 1.
        (EXTORT_2, False, False, True),
        # GTFT (1, 1/3, 1, 1/3): (2/3) 1 = 1 - 1/3 exactly: Nash type only.
        ((1.0, 1 / 3, 1.0, 1 / 3), False, True, False),
        # (1, 1/2, 1/2, 1/5): 1/3 < 1/2 and 1/5 < 1/2.
        ((1.0, 0.5, 0.5, 0.2), True, True, False),
        # (2/3) 0.7 > 1 - 0.7: an opponent gains by defecting; p_DD = 0 but 0.7 + 0.7 > 1.
        ((1.0, 0.7, 0.7, 0.0), False, False, False),
        # (2/3) 0.6 = 1 - 0.6: Nash type only.
        ((1.0, 0.6, 0.6, 0.0), False, True, False),
    ],
)
def test_partner_and_rival_by_hand(p, partner, nash_partner, rival):
    p = np.array(p)
    assert is_partner(p, STANDARD) is partner
    assert is_partner(p, STANDARD, nash=True) is nash_partner
    assert is_rival(p) is rival


def test_wsls_is_a_partner_when_2r_exceeds_t_plus_p():
    # (T - R)/(R - P) = 1/2 in (3, 0, 4, 1): 1/2 * 1 < 1.
    assert is_partner(np.array(WSLS), Game(3, 0, 4, 1)) is True


def test_partner_and_rival_undefined():
    assert is_partner(np.array([1.0, np.nan, 1.0, 0.0]), STANDARD) is None
    assert is_rival(np.array([1.0, np.nan, 1.0, 0.0])) is None
    assert is_partner(np.array(TFT), Game(3, 0, 2, 1)) is None  # T < R: not a PD


def test_partner_and_rival_columns_from_play(against_random):
    _, table = against_random
    assert table.loc["Tit For Tat", "partner"] and table.loc["Tit For Tat", "rival"]
    assert not table.loc["Win-Stay Lose-Shift", "partner"] and not table.loc["Win-Stay Lose-Shift", "rival"]
    assert not table.loc["ZD-Extort-2", "partner"] and table.loc["ZD-Extort-2", "rival"]


# --- reciprocity, retaliation, forgiveness, nice ---


def _counts(p: tuple[float, ...], visits: int = 10) -> np.ndarray:
    c = np.round(np.array(p) * visits).astype(np.int64)
    return np.stack([c, visits - c], axis=-1)[None]


@pytest.mark.parametrize(
    ("p", "expected"),
    [(TFT, 1.0), ((0.0, 1.0, 0.0, 1.0), -1.0), (WSLS, 0.0), ((1.0,) * 4, 0.0), ((0.0,) * 4, 0.0)],
)
def test_reciprocity_from_counts(p, expected):
    # P(C | opponent C) pools CC and DC, P(C | opponent D) pools CD and DD (equal visits here).
    assert reciprocity(_counts(p))[0] == pytest.approx(expected)


def test_reciprocity_pools_visits():
    # CC: 9 of 10 C, DC: 0 of 30 C -> 9/40; CD: 5 of 10, DD: 0 of 10 -> 5/20.
    counts = np.array([[[9, 1], [5, 5], [0, 30], [0, 10]]])
    assert reciprocity(counts)[0] == pytest.approx(9 / 40 - 5 / 20)


PANEL = ["Tit For Tat", "Defector", "Grudger", "Cooperator", "Suspicious Tit For Tat", "Alternator"]


@pytest.fixture(scope="module")
def panel():
    spec = TournamentSpec.build(PANEL, turns=20, repetitions=2)
    results = run_tournament(spec, interactions=True)
    return results, reciprocity_table(results.stats, STANDARD, results.interactions)


@pytest.mark.parametrize(
    ("name", "nice", "retaliatory", "forgiving", "recip"),
    [
        # TFT visits every state here (CD, DD vs Defector; DC vs Suspicious TFT).
        ("Tit For Tat", True, True, True, 1.0),
        # Defector never cooperates: it is never in CD (retaliation undefined); D after DC.
        ("Defector", False, None, False, 0.0),
        # Grudger: after CD (vs Suspicious TFT) it defects for good, also after DC.
        ("Grudger", True, True, False, None),
        # Cooperator never defects: DC never occurs (forgiveness undefined); C after CD.
        ("Cooperator", True, False, None, 0.0),
        # Suspicious TFT opens with D; otherwise plays TFT.
        ("Suspicious Tit For Tat", False, True, True, 1.0),
        # Alternator defects on turn 2 against Cooperator; after its C comes D, after its D comes C.
        ("Alternator", False, True, True, None),
    ],
)
def test_axelrod_properties_from_play(panel, name, nice, retaliatory, forgiving, recip):
    _, table = panel
    row = table.set_index("name").loc[name]

    def value(x):
        return None if x is pd.NA else bool(x)

    assert value(row["nice"]) is nice
    assert value(row["retaliatory"]) is retaliatory
    assert value(row["forgiving"]) is forgiving
    if recip is not None:
        assert row["reciprocity"] == pytest.approx(recip)


def test_tit_for_tat_four_vector_in_the_panel(panel):
    _, table = panel
    assert _vector(table.set_index("name"), "Tit For Tat").tolist() == list(TFT)


def test_nice_match_by_match(panel):
    results, _ = panel
    per_match = nice_matches(results.matches, results.interactions).set_index(["player_a", "player_b"])
    index = {name: i for i, name in enumerate(results.names)}

    def pair(a, b):
        i, j = index[a], index[b]
        row = per_match.loc[(min(i, j), max(i, j))].iloc[0]
        return (row["nice_a"], row["nice_b"]) if i < j else (row["nice_b"], row["nice_a"])

    # Simultaneous first defection counts as first for both.
    assert pair("Defector", "Suspicious Tit For Tat") == (False, False)
    # Grudger defects on turn 3 against Alternator, which defected on turn 2.
    assert pair("Grudger", "Alternator") == (True, False)
    # Nobody defects: both nice.
    assert pair("Tit For Tat", "Cooperator") == (True, True)
    assert len(per_match) == 2 * 15


@pytest.fixture(scope="module")
def noisy():
    spec = TournamentSpec.build(PANEL + ["Win-Stay Lose-Shift", "Random"], turns=30, noise=0.1, seed=4)
    return run_tournament(spec, interactions=True)


def test_nice_is_determined_for_every_match_with_interactions(noisy):
    per_match = nice_matches(noisy.matches, noisy.interactions)
    assert len(per_match) == 8 * 7 // 2
    assert per_match["nice_a"].notna().all() and per_match["nice_b"].notna().all()
    verdicts, shares = nice_players(per_match, len(noisy.names))
    assert all(v is not None for v in verdicts)
    assert np.isfinite(shares).all()


def test_nice_from_counts_agrees_with_the_moves_where_determined(noisy):
    """The fallback for tables without first-defection turns or interactions (older runs)."""
    exact = nice_matches(noisy.matches, noisy.interactions)
    counts_only = noisy.matches.drop(columns=["first_defection_a", "first_defection_b"], errors="ignore")
    derived = nice_matches(counts_only)
    assert derived["nice_a"].notna().sum() + derived["nice_b"].notna().sum() > len(derived)
    for side in ("nice_a", "nice_b"):
        known = derived[side].notna().to_numpy()
        assert (derived[side][known].to_numpy(bool) == exact[side][known].to_numpy(bool)).all()


def test_nice_from_the_moves_by_hand(noisy):
    """Recompute 'never first to defect' straight from the move strings."""
    per_match = nice_matches(noisy.matches, noisy.interactions)
    moves = noisy.interactions.set_index(["repetition", "player_a", "player_b"])
    for row in per_match.itertuples():
        a, b = moves.loc[(row.repetition, row.player_a, row.player_b), ["moves_a", "moves_b"]]
        first_a = a.find("D") if "D" in a else len(a)
        first_b = b.find("D") if "D" in b else len(b)
        assert bool(row.nice_a) == ("D" not in a or first_a > first_b)
        assert bool(row.nice_b) == ("D" not in b or first_b > first_a)


def test_nice_players_from_matches_with_undetermined_sides():
    """Undetermined (NA) matches make a verdict None unless some match was not nice, and drop out
    of the share; a player without matches is vacuously nice, with no share."""
    per_match = pd.DataFrame(
        {
            "player_a": [0, 0, 1],
            "player_b": [1, 2, 2],
            "nice_a": pd.array([True, pd.NA, True], dtype="boolean"),
            "nice_b": pd.array([False, True, pd.NA], dtype="boolean"),
        }
    )
    verdicts, shares = nice_players(per_match, 4)
    assert verdicts == [None, False, None, True]
    assert shares[:3].tolist() == [1.0, 0.5, 1.0] and np.isnan(shares[3])
