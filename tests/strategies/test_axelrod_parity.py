"""Every built-in with an axelrod twin behaves like it: move for move when deterministic (in a
200-turn round robin and over 2,000-turn histories), in distribution when stochastic."""

from __future__ import annotations

import numpy as np
import pytest

from strategies.registry import create
from tests import oracle
from tests.oracle import replay_mismatch
from tournament import TournamentSpec, run_tournament

TWINS = oracle.twinned_strategies()
DETERMINISTIC = [s for s in TWINS if not s.stochastic]
STOCHASTIC = [s for s in TWINS if s.stochastic]
PANEL = ["Cooperator", "Defector", "Tit For Tat", "Alternator", "Grudger"]
LONG_OPPONENTS = [("Tit For Tat", 0.05), ("Random(p=0.5)", 0.0)]
"""Long histories of two kinds: mostly mutual cooperation broken by noise, and no pattern."""


@pytest.mark.parametrize("strategy", TWINS, ids=lambda s: s.label)
def test_classifier_matches_axelrod(axl, strategy):
    player = oracle.twin(strategy)
    assert type(player).name == strategy.name
    assert axl.Classifiers["stochastic"](player) == strategy.stochastic
    assert axl.Classifiers["memory_depth"](player) == strategy.classify().memory_depth
    uses = set(axl.Classifiers["makes_use_of"](player)) & {"length", "game"}
    assert uses == set(strategy.classify().makes_use_of)


@pytest.fixture(scope="module")
def deterministic_round_robin():
    spec = TournamentSpec.build(DETERMINISTIC, turns=200, repetitions=1, seed=3)
    return run_tournament(spec, interactions=True)


def test_deterministic_round_robin_equals_axelrod_move_for_move(deterministic_round_robin):
    table = deterministic_round_robin.interactions
    matches = deterministic_round_robin.matches
    payoff = {("C", "C"): (3, 3), ("C", "D"): (0, 5), ("D", "C"): (5, 0), ("D", "D"): (1, 1)}
    mismatches = []
    for row, match in zip(table.itertuples(), matches.itertuples()):
        a, b = DETERMINISTIC[row.player_a], DETERMINISTIC[row.player_b]
        expected = oracle.axelrod_moves(a, b, turns=200)
        if (row.moves_a, row.moves_b) != expected:
            mismatches.append(f"{a.label} vs {b.label}")
            continue
        scores = [payoff[pair] for pair in zip(*expected)]
        assert (match.score_a, match.score_b) == (sum(x for x, _ in scores), sum(y for _, y in scores))
    assert not mismatches, f"{len(mismatches)} pairs differ from axelrod: {mismatches[:20]}"


@pytest.mark.slow
@pytest.mark.parametrize("strategy", DETERMINISTIC, ids=lambda s: s.label)
def test_deterministic_strategy_chooses_like_axelrod_over_2000_turns(strategy):
    """Kernels keep running state (counts, windows, periods seen) instead of reading the whole
    history every turn, so that a turn costs the same at turn 10 and at turn 10,000: over
    long histories that state must still give axelrod's choice on every turn."""
    for opponent, noise in LONG_OPPONENTS:
        assert replay_mismatch(strategy, opponent, turns=2000, noise=noise, seed=7) is None


@pytest.mark.parametrize("strategy", STOCHASTIC, ids=lambda s: s.label)
def test_stochastic_strategy_agrees_in_distribution(strategy):
    """Mean per-turn score against a panel: |z| < 4.5 with fixed seeds on both sides."""
    ours = run_tournament(
        TournamentSpec.build([strategy, *PANEL], turns=100, repetitions=300, seed=11)
    ).matches
    for k, opponent in enumerate(PANEL, start=1):
        rows = ours[(ours.player_a == 0) & (ours.player_b == k)]
        mine = (rows.score_a / rows.turns).to_numpy()
        theirs = oracle.axelrod_mean_scores(strategy, create(opponent), turns=100, repetitions=60, seed=5)
        z = oracle.z_score(mine, theirs)
        assert z < 4.5, (
            f"{strategy.label} vs {opponent}: ours {mine.mean():.4f}, axelrod {theirs.mean():.4f}, z={z:.2f}"
        )


def test_hand_computed_matches():
    spec = TournamentSpec.build(["Tit For Tat", "Defector", "Grudger", "Alternator"], turns=200)
    m = run_tournament(spec).matches.set_index(["player_a", "player_b"])
    assert tuple(m.loc[(0, 1), ["score_a", "score_b"]]) == (199.0, 204.0)
    assert tuple(m.loc[(2, 3), ["score_a", "score_b"]]) == (597.0, 107.0)
    assert tuple(m.loc[(0, 1), ["cc", "cd", "dc", "dd"]]) == (0, 1, 0, 199)
    assert np.all(m.loc[(0, 0), ["score_a", "score_b"]] == 600.0)
