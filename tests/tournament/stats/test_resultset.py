"""Parity of our ResultSet (from the matches table) with axelrod's ResultSet on the same tournaments."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tests.oracle import twin
from tournament import TournamentSpec, run_tournament
from tournament.stats.resultset import SUMMARY_COLUMNS, ResultSet, principal_eigenvector

ARRAY_STATISTICS = (
    "payoffs",
    "score_diffs",
    "match_lengths",
    "wins",
    "scores",
    "normalised_scores",
    "payoff_matrix",
    "payoff_stddevs",
    "payoff_diffs_means",
    "cooperation",
    "normalised_cooperation",
    "vengeful_cooperation",
    "cooperating_rating",
    "good_partner_matrix",
    "good_partner_rating",
    "initial_cooperation_count",
    "initial_cooperation_rate",
    "eigenjesus_rating",
    "eigenmoses_rating",
)

DETERMINISTIC = (
    "Cooperator",
    "Defector",
    "Tit For Tat",
    "Grudger",
    "Alternator",
    "Win-Stay Lose-Shift",
    "Tit For 2 Tats",
    "Suspicious Tit For Tat",
    "Two Tits For Tat",
    "Bully",
    "Gradual",
    "Fortress3",
)


def axelrod_array(axl_rs, attribute: str) -> np.ndarray:
    """An axelrod statistic as an array (payoffs: empty lists never occur in a round robin)."""
    return np.array(getattr(axl_rs, attribute), dtype=np.float64)


def state_arrays(axl, axl_rs, n: int) -> dict[str, np.ndarray]:
    """axelrod's Counter-valued statistics as arrays indexed like ours."""
    C, D = axl.Action.C, axl.Action.D
    states = [(C, C), (C, D), (D, C), (D, D)]

    def by_state(counters):
        return np.array(
            [[[counters[i][j][s] for s in states] for j in range(n)] for i in range(n)], dtype=float
        )

    def by_state_action(counters):
        return np.array(
            [
                [[[counters[i][j][(s, m)] for m in (C, D)] for s in states] for j in range(n)]
                for i in range(n)
            ],
            dtype=float,
        )

    return {
        "state_distribution": by_state(axl_rs.state_distribution),
        "normalised_state_distribution": by_state(axl_rs.normalised_state_distribution),
        "state_to_action_distribution": by_state_action(axl_rs.state_to_action_distribution),
        "normalised_state_to_action_distribution": by_state_action(
            axl_rs.normalised_state_to_action_distribution
        ),
    }


def assert_parity(axl, ours: ResultSet, axl_rs, compare_names: bool = True) -> None:
    n = ours.num_players
    for attribute in ARRAY_STATISTICS:
        expected = axelrod_array(axl_rs, attribute)
        got = np.asarray(getattr(ours, attribute), dtype=np.float64)
        assert got.shape == expected.shape, attribute
        np.testing.assert_allclose(got, expected, rtol=0, atol=1e-9, err_msg=attribute)
    for attribute, expected in state_arrays(axl, axl_rs, n).items():
        np.testing.assert_allclose(getattr(ours, attribute), expected, rtol=0, atol=1e-9, err_msg=attribute)
    assert ours.ranking == axl_rs.ranking
    summary = axl_rs.summarise()
    expected = pd.DataFrame([list(row) for row in summary], columns=list(summary[0]._fields))
    got = ours.summarise()
    assert list(got.columns) == list(expected.columns) == list(SUMMARY_COLUMNS)
    numeric = [c for c in SUMMARY_COLUMNS if c != "Name"]
    np.testing.assert_allclose(
        got[numeric].to_numpy(float), expected[numeric].to_numpy(float), rtol=0, atol=1e-9
    )
    if compare_names:
        assert ours.ranked_names == axl_rs.ranked_names
        assert list(got["Name"]) == list(expected["Name"])


@pytest.mark.parametrize(
    ("players", "turns", "repetitions", "game"),
    [
        (DETERMINISTIC[:5], 20, 2, None),
        (DETERMINISTIC, 60, 3, None),
        (DETERMINISTIC[2:9], 15, 1, (4, 0, 6, 2)),
        (("Tit For Tat", "Tit For Tat", "Defector"), 10, 2, None),
    ],
)
def test_parity_with_axelrod_tournament(axl, players, turns, repetitions, game):
    spec = TournamentSpec.build(list(players), turns=turns, repetitions=repetitions, game=game, seed=3)
    ours = ResultSet.from_results(run_tournament(spec))
    kwargs = {"game": axl.Game(*game)} if game else {}
    tournament = axl.Tournament(
        [twin(p) for p in spec.players], turns=turns, repetitions=repetitions, **kwargs
    )
    axl_rs = tournament.play(processes=None, progress_bar=False)
    assert_parity(axl, ours, axl_rs)


def write_axelrod_csv(axl, results, path) -> None:
    """Write our tournament's moves as axelrod's interactions CSV, through axelrod's own code."""
    spec = results.spec
    game = axl.Game(*(getattr(spec.settings.game, k) for k in "RSTP"))
    tournament = axl.Tournament([twin(p) for p in spec.players], game=game, turns=5, repetitions=1)
    tournament.num_interactions = 0
    tournament.filename = str(path)
    handle, writer = tournament._get_file_objects(build_results=True)
    to_action = {"C": axl.Action.C, "D": axl.Action.D}
    with handle:
        for (a, b), rows in results.interactions.groupby(["player_a", "player_b"], sort=True):
            played = []
            for row in rows.sort_values("repetition").itertuples():
                interaction = [(to_action[x], to_action[y]) for x, y in zip(row.moves_a, row.moves_b)]
                played.append((interaction, tournament._calculate_results(interaction)))
            tournament._write_interactions_to_file({(int(a), int(b)): played}, writer)


@pytest.mark.parametrize(
    ("players", "settings"),
    [
        (("Tit For Tat", "Random", "Defector", "GTFT", "Grudger"), {"prob_end": 0.1, "repetitions": 4}),
        (
            ("Win-Stay Lose-Shift", "Tit For 2 Tats", "Cooperator", "Alternator"),
            {"turns": 30, "noise": 0.1, "repetitions": 3},
        ),
        (("Random", "ZD-Extort-2", "Tit For Tat"), {"prob_end": 0.5, "noise": 0.05, "repetitions": 6}),
    ],
)
def test_parity_with_axelrod_resultset_on_our_moves(axl, tmp_path, players, settings):
    """Variable lengths, noise and stochastic players: axelrod's ResultSet read from our own moves."""
    spec = TournamentSpec.build(list(players), seed=11, **settings)
    results = run_tournament(spec, interactions=True)
    path = tmp_path / "interactions.csv"
    write_axelrod_csv(axl, results, path)
    axl_rs = axl.ResultSet(
        str(path), [str(twin(p)) for p in spec.players], spec.repetitions, progress_bar=False
    )
    assert_parity(axl, ResultSet.from_results(results), axl_rs, compare_names=False)


def test_quirk_skips_zero_rates_and_pooled_does_not():
    """axelrod's CC_to_C_rate averages only non-zero per-opponent rates; the pooled one counts all."""
    spec = TournamentSpec.build(["Tit For Tat", "Cooperator", "Defector", "Alternator"], turns=10)
    rs = ResultSet.from_results(run_tournament(spec))
    parity = rs.summarise().set_index("Name")
    pooled = rs.summarise(pooled=True).set_index("Name")
    # TFT after DC (it defected, the opponent cooperated): vs Alternator always C -> rate 1;
    # never in DC against Cooperator or Defector -> skipped, so the quirk shows 1.0 too.
    assert parity.loc["Tit For Tat", "DC_to_C_rate"] == 1.0
    assert pooled.loc["Tit For Tat", "DC_to_C_rate"] == 1.0
    # Alternator after CC: plays D next (rate 0 against everyone it meets in CC) -> 0 both ways.
    assert parity.loc["Alternator", "CC_to_C_rate"] == 0.0
    # Defector never sees CC: axelrod reports 0, the pooled table NaN (never happened).
    assert parity.loc["Defector", "CC_to_C_rate"] == 0.0
    assert np.isnan(pooled.loc["Defector", "CC_to_C_rate"])


def test_pooled_rate_differs_from_axelrod_mean_when_some_opponents_give_zero():
    """Grudger after CD: rate 0 against everyone -> axelrod 0; Tit For 2 Tats mixes 1 and 0 rates."""
    spec = TournamentSpec.build(["Tit For 2 Tats", "Defector", "Alternator", "Cooperator"], turns=12)
    rs = ResultSet.from_results(run_tournament(spec))
    parity = rs.summarise().set_index("Name")
    pooled = rs.summarise(pooled=True).set_index("Name")
    # TF2T in CD: vs Defector once (turn 1 -> C at turn 2) then CD->D; vs Alternator always CD->C.
    counts = rs.state_to_action_distribution[0, :, 1, :]
    expected_pooled = counts[:, 0].sum() / counts.sum()
    per_opponent = counts[:, 0] / np.where(counts.sum(axis=1) > 0, counts.sum(axis=1), 1)
    expected_quirk = per_opponent[per_opponent > 0].mean()
    assert pooled.loc["Tit For 2 Tats", "CD_to_C_rate"] == pytest.approx(expected_pooled)
    assert parity.loc["Tit For 2 Tats", "CD_to_C_rate"] == pytest.approx(expected_quirk)
    assert expected_pooled != pytest.approx(expected_quirk)


def test_principal_eigenvector_of_a_known_matrix():
    vector, value = principal_eigenvector(np.array([[2.0, 0.0], [0.0, 1.0]]), max_error=1e-12)
    np.testing.assert_allclose(np.abs(vector), [1.0, 0.0], atol=1e-6)
    assert value == pytest.approx(2.0, abs=1e-6)


def test_self_play_conventions():
    """The diagonal: payoff of the self-match kept, cooperation halved, states and good partner zero."""
    spec = TournamentSpec.build(["Alternator", "Cooperator"], turns=10, repetitions=2)
    rs = ResultSet.from_results(run_tournament(spec))
    assert rs.payoff_matrix[0, 0] == pytest.approx(3 * 0.5 + 1 * 0.5)
    assert rs.cooperation[0, 0] == 10  # 5 cooperations per side and repetition: (2 * 2 * 5) / 2
    assert rs.cooperation[1, 1] == 20
    assert rs.state_distribution[0, 0].sum() == 0
    assert rs.good_partner_matrix[0, 0] == 0
    assert rs.scores[0].tolist() == [5 * 5 + 5 * 3] * 2  # vs Cooperator only: 5 T and 5 R per repetition


def test_from_the_table_or_from_the_figures_of_the_run():
    """ResultSet(matches, ...) builds its own Results; ResultSet.of reads the run's, unchanged."""
    results = run_tournament(
        TournamentSpec.build(["Grudger", "Random", "Alternator"], turns=12, repetitions=3)
    )
    shared = ResultSet.of(results.stats)
    assert shared.results is results.stats
    own = ResultSet(results.matches, results.names, 3)
    for attribute in ARRAY_STATISTICS:
        assert np.array_equal(getattr(own, attribute), getattr(shared, attribute)), attribute
    pd.testing.assert_frame_equal(own.summarise(), shared.summarise())


def test_per_cell_means_of_a_round_robin_placed_by_layout_are_the_keyed_means_to_the_bit(
    monkeypatch, noisy_lengths
):
    results = noisy_lengths
    by_layout = ResultSet.from_results(results)
    assert by_layout._cell_mean_by_layout(by_layout.results.sides.per_turn, np.nan) is not None
    monkeypatch.setattr(ResultSet, "_cell_mean_by_layout", lambda self, values, missing: None)
    keyed = ResultSet(results.matches, by_layout.players, 6)
    for figure in ("payoffs", "score_diffs", "match_lengths"):
        assert getattr(by_layout, figure).tobytes() == getattr(keyed, figure).tobytes()
    # a table that is not the same pairs in every repetition is never placed by layout
    shorter = ResultSet(results.matches.iloc[:-1].reset_index(drop=True), by_layout.players, 6)
    monkeypatch.undo()
    assert shorter._cell_mean_by_layout(shorter.results.sides.per_turn, np.nan) is None
