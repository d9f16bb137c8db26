"""Random(p), noise and prob_end have the distributions they claim (fixed seeds, z bounds)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tournament import TournamentSpec, play_match, run_tournament
from tournament.core import rng
from tournament.core.plan import geometric_lengths

Z = 4.0


def _z(successes: float, trials: int, p: float) -> float:
    return abs(successes - trials * p) / math.sqrt(trials * p * (1 - p))


@pytest.mark.parametrize("p", [0.1, 0.5, 0.83])
def test_random_cooperates_with_probability_p(p):
    spec = TournamentSpec.build([f"Random(p={p})", "Defector"], turns=200, repetitions=50, seed=3)
    m = run_tournament(spec).matches.query("player_a == 0 and player_b == 1")
    trials = int(m.turns.sum())
    assert _z(m.coop_a.sum(), trials, p) < Z


def test_random_moves_are_serially_independent():
    moves = np.frombuffer(
        play_match("Random", "Cooperator", turns=20000, seed=8).moves_a.encode(), np.uint8
    ) == ord("C")
    both = np.sum(moves[1:] & moves[:-1])
    assert _z(both, moves.size - 1, 0.25) < Z


@pytest.mark.parametrize("noise", [0.02, 0.2])
def test_noise_flips_each_move_with_its_probability_including_the_first(noise):
    spec = TournamentSpec.build(["Cooperator", "Defector"], turns=100, noise=noise, repetitions=100, seed=4)
    m = run_tournament(spec).matches
    coop_pair = m.query("player_a == 0 and player_b == 0")
    flipped = (coop_pair.turns - coop_pair.coop_a).sum() + (coop_pair.turns - coop_pair.coop_b).sum()
    assert _z(flipped, 2 * int(coop_pair.turns.sum()), noise) < Z
    mixed = m.query("player_a == 0 and player_b == 1")
    first_flipped = (mixed.first_a == "D").sum() + (mixed.first_b == "C").sum()
    assert _z(first_flipped, 2 * len(mixed), noise) < Z


def test_noise_is_recorded_in_both_histories():
    match = play_match("Tit For Tat", "Cooperator", turns=2000, noise=0.1, seed=12)
    # TFT copies the realised (noisy) move of its opponent, so its move at t+1 equals the
    # opponent's realised move at t unless TFT's own move was flipped at t+1.
    agree = sum(a == b for a, b in zip(match.moves_a[1:], match.moves_b[:-1]))
    assert _z(len(match.moves_a) - 1 - agree, len(match.moves_a) - 1, 0.1) < Z


@pytest.mark.parametrize("p", [0.01, 0.1, 0.5])
def test_prob_end_lengths_are_geometric(p):
    keys = rng.combine(1, np.arange(20000, dtype=np.uint64))
    lengths = geometric_lengths(keys, p)
    assert lengths.min() >= 1
    mean, var = 1 / p, (1 - p) / p**2
    assert abs(lengths.mean() - mean) / math.sqrt(var / lengths.size) < Z
    assert _z((lengths == 1).sum(), lengths.size, p) < Z
    if p < 0.5:
        assert _z((lengths > 10).sum(), lengths.size, (1 - p) ** 10) < Z


def test_prob_end_tournament_lengths_and_unknown_length():
    spec = TournamentSpec.build(["Tit For Tat", "Random", "Defector"], prob_end=0.05, repetitions=200, seed=6)
    m = run_tournament(spec).matches
    assert abs(m.turns.mean() - 20) / math.sqrt(380 / len(m)) < Z
    assert spec.settings.known_length is None
    assert m.groupby(["player_a", "player_b"]).turns.nunique().min() > 1


def test_prob_end_one_means_single_turn():
    spec = TournamentSpec.build(["Tit For Tat", "Random"], prob_end=1.0, repetitions=5, seed=6)
    assert set(run_tournament(spec).matches.turns) == {1}


def test_five_numbers_are_numpys_percentiles_of_each_player_bit_for_bit() -> None:
    """Players with as many observations are summarised together; each row is still exactly
    ``np.percentile`` of that player's values (empty players NaN)."""
    from tournament.stats.distributions import Distribution

    rng = np.random.default_rng(3)
    for _ in range(50):
        values = [
            np.round(rng.normal(size=rng.choice([0, 1, 2, 5, 7, 40])) * 10.0 ** rng.integers(-4, 4), 3)
            for _ in range(rng.integers(1, 20))
        ]
        five = Distribution(list(range(len(values))), [""] * len(values), values).five_numbers()
        for row, observed in zip(five, values):
            expected = np.percentile(observed, [0, 25, 50, 75, 100]) if len(observed) else np.full(5, np.nan)
            assert row.tobytes() == np.asarray(expected, dtype=np.float64).tobytes()
