"""The PNG of a spatial tournament's network: players coloured by their mean score, edges as played."""

from __future__ import annotations

import numpy as np

from tournament import TournamentSpec, run_tournament
from tournament.io.report.network_plot import network_plot, save_network_plot
from tournament.stats.summary import analyse_results


def test_points_carry_the_scores_and_lines_the_edges(tmp_path):
    players = ["Cooperator", "Defector", "Tit For Tat", "Grudger", "Alternator"]
    spec = TournamentSpec.build(
        players, turns=10, seed=2, edges=[[0, 1], [1, 2], [2, 3], [3, 4], [0, 4], [1, 3]]
    )
    analysis = analyse_results(run_tournament(spec))
    fig = network_plot(analysis)
    ax = fig.axes[0]
    lines, points = ax.collections
    np.testing.assert_array_equal(points.get_array(), analysis.results.mean_scores)
    assert len(lines.get_segments()) == len(spec.edges)
    assert [text.get_text() for text in ax.texts] == players
    path = save_network_plot(tmp_path, analysis)
    assert path == tmp_path / "plots" / "network.png"
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
