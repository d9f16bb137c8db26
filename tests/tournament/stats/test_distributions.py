"""The data behind winplot, sdvplot, pdplot and lengthplot equals axelrod's Plot datasets."""

from __future__ import annotations

import numpy as np

from tests.oracle import twin
from tests.tournament.stats.test_resultset import DETERMINISTIC, write_axelrod_csv
from tournament import TournamentSpec, run_tournament
from tournament.stats import distributions
from tournament.stats.resultset import ResultSet


def assert_same_plots(axl, ours: ResultSet, axl_rs, compare_names: bool = True) -> None:
    plot = axl.Plot(axl_rs)
    for ours_data, (values, names) in (
        (distributions.wins(ours), plot._winplot_dataset),
        (distributions.score_differences(ours), plot._sdv_plot_dataset),
    ):
        assert len(ours_data.values) == len(values)
        for got, expected in zip(ours_data.values, values):
            np.testing.assert_allclose(got, np.asarray(expected, dtype=float), rtol=0, atol=1e-12)
        if compare_names:
            assert ours_data.names == names
    lengths = distributions.match_lengths(ours)
    for got, expected in zip(lengths.values, plot._lengthplot_dataset, strict=True):
        np.testing.assert_array_equal(got, np.asarray(expected, dtype=float))
    order, matrix = distributions.payoff_differences(ours)
    expected_matrix, names = plot._pdplot_dataset
    assert order == list(axl_rs.ranking)
    np.testing.assert_allclose(matrix, np.asarray(expected_matrix), rtol=0, atol=1e-12)
    np.testing.assert_allclose(ours.payoff_diffs_means, np.asarray(axl_rs.payoff_diffs_means), atol=1e-12)


def test_deterministic_panel_equals_axelrods_plot_data(axl):
    spec = TournamentSpec.build(list(DETERMINISTIC[:8]), turns=30, repetitions=2, seed=3)
    ours = ResultSet.from_results(run_tournament(spec))
    tournament = axl.Tournament([twin(p) for p in spec.players], turns=30, repetitions=2)
    assert_same_plots(axl, ours, tournament.play(processes=None, progress_bar=False))


def test_random_lengths_equal_axelrods_plot_data_on_our_moves(axl, tmp_path):
    players = ["Tit For Tat", "Defector", "Grudger", "Alternator", "Random"]
    spec = TournamentSpec.build(players, turns=25, prob_end=0.1, repetitions=3, seed=8)
    results = run_tournament(spec, interactions=True)
    write_axelrod_csv(axl, results, tmp_path / "interactions.csv")
    names = [str(twin(p)) for p in spec.players]
    axl_rs = axl.ResultSet(str(tmp_path / "interactions.csv"), names, 3, progress_bar=False)
    ours = ResultSet.from_results(results)
    assert len(set(np.asarray(axl_rs.match_lengths).ravel())) > 3
    assert_same_plots(axl, ours, axl_rs, compare_names=False)


def test_five_numbers_are_the_quartiles():
    box = distributions.Distribution([0, 1], ["a", "b"], [np.array([1.0, 2, 3, 4, 5]), np.array([])])
    numbers = box.five_numbers()
    np.testing.assert_array_equal(numbers[0], [1, 2, 3, 4, 5])
    assert np.isnan(numbers[1]).all()
