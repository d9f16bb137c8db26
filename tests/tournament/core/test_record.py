"""The matches table's text columns are the columns pandas itself makes of those strings."""

from __future__ import annotations

import numpy as np
import pandas as pd

from tournament.core.record import _text


def test_text_columns_built_from_codes_equal_pandas_own_columns() -> None:
    labels = ["Tit For Tat", "$\\pi$", 'é ü, "quoted"', "", "C"]
    codes = np.random.default_rng(1).integers(0, len(labels), 5000)
    made = pd.Series(_text(labels, codes))
    expected = pd.Series(np.array(labels, dtype=object)[codes])
    pd.testing.assert_series_equal(made, expected)
    assert made.dtype == expected.dtype
    assert pd.Series(_text(["x"], np.zeros(0, dtype=np.int64))).empty


def test_count_columns_are_contiguous_and_in_their_rows() -> None:
    """Each count and transition column is one contiguous array (Arrow writes it without a
    copy) holding its own match's figures: TFT against ALLD, 5 turns, checked by hand."""
    from tournament import TournamentSpec, run_tournament

    spec = TournamentSpec.build(["tft", "alld"], turns=5, repetitions=2, seed=1)
    matches = run_tournament(spec).matches
    numeric = [c for c in matches.columns if c in ("cc", "cd", "dc", "dd") or "_to_" in c]
    assert len(numeric) == 20
    for column in numeric:
        assert matches[column].to_numpy().flags.c_contiguous, column
    # TFT plays C D D D D, ALLD D D D D D: states CD DD DD DD DD from TFT's side
    pair = matches[(matches.player_a == 0) & (matches.player_b == 1)]
    assert pair[["cc", "cd", "dc", "dd"]].to_numpy().tolist() == [[0, 1, 0, 4]] * 2
    after = ["a_CD_to_D", "a_DD_to_D", "b_DC_to_D", "b_DD_to_D"]
    assert pair[after].to_numpy().tolist() == [[1, 3, 1, 3]] * 2
    assert pair[numeric].to_numpy().sum() == 2 * (5 + 8)  # 5 turns, 4 transitions a side, 2 reps


def test_cooperation_by_turn_table_lists_each_player_at_each_turn() -> None:
    from tournament.core.record import TurnTotals

    totals = TurnTotals(n_turns=2, n_players=2)
    totals.cooperations[:] = [[3, 1], [2, 0]]
    totals.moves[:] = 4
    table = totals.table(["Tit For Tat", "Defector"])
    expected = pd.DataFrame(
        {
            "turn": [1, 1, 2, 2],
            "player": [0, 1, 0, 1],
            "name": ["Tit For Tat", "Defector", "Tit For Tat", "Defector"],
            "cooperations": [3, 1, 2, 0],
            "moves": [4, 4, 4, 4],
        }
    )
    pd.testing.assert_frame_equal(table, expected)
