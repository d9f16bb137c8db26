"""Spatial tournaments: parity with axelrod's Tournament(edges=...) match for match, the complete
graph equal to the round robin to the last digit, and unmet pairs left empty in the tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tests.oracle import twin
from tests.tournament.stats.test_resultset import DETERMINISTIC, assert_parity
from tournament import TournamentSpec, run_tournament
from tournament.stats.resultset import ResultSet
from tournament.stats.summary import analyse_results, statistics_tables

PAIR_STATISTICS = ("payoffs", "score_diffs", "match_lengths")
"""axelrod's (player, opponent, repetition) lists: ragged where a pair never met."""


class _Spatial:
    """axelrod's ResultSet with its ragged lists as arrays (an unmet pair's empty payoff list
    becomes NaN, as ours), so the round-robin parity check applies unchanged."""

    def __init__(self, rs, repetitions: int) -> None:
        self.rs, self.repetitions = rs, repetitions

    def __getattr__(self, name: str):
        value = getattr(self.rs, name)
        if name not in PAIR_STATISTICS:
            return value
        return [[cell if len(cell) else [np.nan] * self.repetitions for cell in row] for row in value]


def axelrod_spatial(axl, spec: TournamentSpec, path):
    """axelrod's spatial tournament of ``spec`` (same twins, edges, turns and repetitions), its
    interactions written to the CSV ``path``."""
    tournament = axl.Tournament(
        [twin(p) for p in spec.players],
        turns=spec.settings.turns,
        repetitions=spec.repetitions,
        edges=list(spec.edges),
    )
    return tournament.play(processes=None, progress_bar=False, filename=str(path))


def sides(results) -> dict[tuple[int, int, int], tuple[str, float]]:
    """(player, opponent, repetition) -> (the player's moves, its score), from our tables."""
    moves = results.interactions.set_index(["repetition", "player_a", "player_b"])
    out = {}
    for row in results.matches.itertuples():
        played = moves.loc[(row.repetition, row.player_a, row.player_b)]
        out[(row.player_a, row.player_b, row.repetition)] = (played.moves_a, row.score_a)
        out[(row.player_b, row.player_a, row.repetition)] = (played.moves_b, row.score_b)
    return out


@pytest.mark.parametrize(
    ("players", "network", "repetitions"),
    [
        (DETERMINISTIC, {"network": "small-world", "network_k": 4, "network_p": 0.3}, 2),
        (DETERMINISTIC[:9], {"network": "lattice", "network_rows": 3}, 1),
        (DETERMINISTIC[:6], {"edges": [[0, 1], [1, 2], [2, 2], [3, 4], [4, 5], [5, 3], [0, 5]]}, 2),
    ],
)
def test_parity_with_axelrod_spatial_tournament(axl, tmp_path, players, network, repetitions):
    spec = TournamentSpec.build(list(players), turns=40, repetitions=repetitions, seed=7, **network)
    results = run_tournament(spec, interactions=True)
    axl_rs = axelrod_spatial(axl, spec, tmp_path / "axelrod.csv")
    # match for match: the same pairs, each side with the same moves and score in every repetition
    table = pd.read_csv(tmp_path / "axelrod.csv")
    theirs = {
        (row[0], row[1], row[2]): (row[3], float(row[4]))
        for row in table[["Player index", "Opponent index", "Repetition", "Actions", "Score"]].itertuples(
            index=False
        )
    }
    ours = sides(results)
    assert len(results.matches) == len(spec.edges) * repetitions
    assert ours == theirs
    assert_parity(axl, ResultSet.from_results(results), _Spatial(axl_rs, repetitions))


def test_on_the_complete_graph_it_is_the_round_robin_without_self_play():
    players = [
        "Tit For Tat",
        "Random",
        "Grudger",
        "Defector",
        "Random(p=0.3)",
        "Alternator",
        "Tit For 2 Tats",
    ]
    settings = {"turns": 30, "noise": 0.05, "repetitions": 3, "seed": 11}
    round_robin = run_tournament(TournamentSpec.build(players, **settings))
    spatial = run_tournament(TournamentSpec.build(players, network="complete", **settings))
    others = round_robin.matches[round_robin.matches.player_a != round_robin.matches.player_b]
    pd.testing.assert_frame_equal(spatial.matches, others.reset_index(drop=True))
    pd.testing.assert_frame_equal(spatial.players, round_robin.players)
    for figure in ("normalised_scores", "wins", "scores", "ranking", "four_vectors"):
        np.testing.assert_array_equal(getattr(spatial.stats, figure), getattr(round_robin.stats, figure))


def test_scores_are_means_over_the_opponents_met_and_unmet_pairs_are_empty():
    # a path Cooperator - Defector - Tit For Tat: the Defector meets both, the others one each
    spec = TournamentSpec.build(["Cooperator", "Defector", "Tit For Tat"], turns=10, edges=[[1, 0], [1, 2]])
    results = run_tournament(spec)
    # by hand: D vs C: 5 per turn; D vs TFT: (5 + 9 * 1) / 10 = 1.4; C: 0; TFT: 9 / 10 = 0.9
    np.testing.assert_allclose(results.stats.normalised_scores[:, 0], [0.0, (5 + 1.4) / 2, 0.9])
    assert results.ranked_names == ["Defector", "Tit For Tat", "Cooperator"]
    np.testing.assert_array_equal(results.stats.wins[:, 0], [0, 2, 0])
    tables = statistics_tables(analyse_results(results))
    payoff = tables["payoff_matrix"].to_numpy()
    assert np.isnan(payoff[0, 2]) and np.isnan(payoff[2, 0]) and np.isnan(np.diag(payoff)).all()
    assert payoff[1, 0] == 5.0 and payoff[0, 1] == 0.0
    assert np.isnan(tables["good_partner_matrix"].to_numpy()[0, 2])
    assert len(tables["state_distribution"]) == 4  # the two edges, from each side
    assert ResultSet.from_results(results).payoff_matrix[0, 2] == 0.0  # axelrod's convention kept
