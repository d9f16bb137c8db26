"""The per-side view: every match twice, once from each player's side."""

from __future__ import annotations

import numpy as np

from tournament import TournamentSpec, run_tournament
from tournament.stats.sides import Sides


def test_two_rows_per_match_mirrored():
    """Tit For Tat (0) against Defector (1), 4 turns, and both self-matches."""
    results = run_tournament(TournamentSpec.build(["Tit For Tat", "Defector"], turns=4))
    sides = Sides.from_matches(results.matches)
    m = len(results.matches)
    assert sides.n_matches == m == 3 and len(sides.player) == 2 * m
    row = results.matches.index[~results.matches["self_play"]][0]
    a, b = row, m + row
    assert (sides.player[a], sides.opponent[a]) == (0, 1)
    assert (sides.player[b], sides.opponent[b]) == (1, 0)
    # TFT: C then D, D, D against D throughout: CD once, DD three times; DC from Defector's side.
    assert sides.states[a].tolist() == [0, 1, 0, 3]
    assert sides.states[b].tolist() == [0, 0, 1, 3]
    assert (sides.score[a], sides.opponent_score[a]) == (3.0, 8.0)
    assert (sides.coop[a], sides.opponent_coop[a], sides.first_c[a], sides.first_c[b]) == (1, 0, True, False)
    assert sides.per_turn[b] == 2.0
    # TFT after CD: D once; after DD: D twice (the last turn has no successor).
    assert sides.transitions[a].tolist() == [0, 0, 0, 1, 0, 0, 0, 2]
    assert sides.others.tolist() == (~results.matches["self_play"]).tolist() * 2
    assert np.array_equal(sides.repetition, np.zeros(2 * m))
