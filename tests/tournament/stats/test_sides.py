"""The per-side view: every match twice, once from each player's side."""

from __future__ import annotations

import numpy as np

from tournament import TournamentSpec, run_tournament
from tournament.stats.sides import SIDE_TRANSITION_COLUMNS, STATE_COLUMNS, Sides


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
    # one match per pair: the pair sums are the match's counts, from each side
    states = sides.pair_sums(STATE_COLUMNS, 2)
    assert states[0, 1].tolist() == [0, 1, 0, 3]
    assert states[1, 0].tolist() == [0, 0, 1, 3]
    assert (sides.score[a], sides.opponent_score[a]) == (3.0, 8.0)
    assert (sides.coop[a], sides.opponent_coop[a], sides.first_c[a], sides.first_c[b]) == (1, 0, True, False)
    assert sides.per_turn[b] == 2.0
    # TFT after CD: D once; after DD: D twice (the last turn has no successor).
    assert sides.pair_sums(SIDE_TRANSITION_COLUMNS, 2)[0, 1].tolist() == [0, 0, 0, 1, 0, 0, 0, 2]
    assert sides.others.tolist() == (~results.matches["self_play"]).tolist() * 2
    assert np.array_equal(sides.repetition, np.zeros(2 * m))


def _pair_sums_by_row(sides: Sides, columns, n: int) -> np.ndarray:
    """The reference: every non-self row added to its (player, opponent) cell, one by one."""
    out = np.zeros((n, n, len(columns)), dtype=np.int64)
    m = sides.n_matches
    for row in range(2 * m):
        if sides.player[row] != sides.opponent[row]:
            side = 0 if row < m else 1
            for k, names in enumerate(columns):
                out[sides.player[row], sides.opponent[row], k] += sides.table[names[side]].iloc[row % m]
    return out


def test_pair_sums_read_a_round_robin_by_repetition_and_any_other_table_row_by_row():
    results = run_tournament(
        TournamentSpec.build(
            ["Tit For Tat", "Random", "Grudger", "Alternator"], turns=9, repetitions=3, seed=2
        )
    )
    columns = [("cc", "cc"), ("cd", "dc"), ("a_DC_to_D", "b_DC_to_D")]
    sides = Sides.from_matches(results.matches)
    assert sides.repeated_pairs == 10  # 4 players: 10 pairs with self-play, in every repetition
    assert np.array_equal(sides.pair_sums(columns, 4), _pair_sums_by_row(sides, columns, 4))
    # the last repetition without its last match, or the rows of a repetition in another order:
    # no longer the same pairs in the same order, so summed by keys
    for table in (
        results.matches.iloc[:-1],
        results.matches.iloc[[*range(10), *range(19, 9, -1), *range(20, 30)]],
    ):
        other = Sides.from_matches(table.reset_index(drop=True))
        assert other.repeated_pairs is None
        assert np.array_equal(other.pair_sums(columns, 4), _pair_sums_by_row(other, columns, 4))
