"""The data report.html draws its charts from: figures of an Analysis, ranked and JSON-safe.

Nothing here computes a statistic: every number is read from the
:class:`~tournament.stats.summary.Analysis` (and the failures of the matches table), put in
rank order and rounded for display. The page's script (``static/report.js``) draws the
charts from it in the browser with the vendored Apache ECharts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from tournament.io.report.distributions import chart_data as distribution_charts
from tournament.io.report.embed import rounded
from tournament.stats.cooperation import by_turn_per_player
from tournament.stats.spatial import met_pairs, unmet_as_nan

if TYPE_CHECKING:
    import pandas as pd

    from tournament.stats.summary import Analysis

SHOWN_SHARE = 0.05
"""Under prob_end, turn indices reached by fewer than this share of matches are not drawn."""


def forfeits_by_player(failures: pd.DataFrame, names: list[str]) -> list[int]:
    """Per player (input order): matches it lost by forfeit, from
    :func:`~tournament.core.record.failure_summary`."""
    totals = failures.groupby("player")["forfeits"].sum() if len(failures) else {}
    return [int(totals.get(name, 0)) for name in names]


def rational_region(hull: np.ndarray, minmax: float) -> list[list[float]]:
    """The part of the convex polygon ``hull`` where both payoffs are at least ``minmax``
    (the individually rational feasible payoffs), clipped one half-plane at a time."""
    polygon = [tuple(map(float, p)) for p in hull]
    for axis in (0, 1):
        clipped: list[tuple[float, float]] = []
        for k, current in enumerate(polygon):
            previous = polygon[k - 1]
            now, before = current[axis] - minmax, previous[axis] - minmax
            if now * before < 0:  # the edge crosses the line (a vertex on it is kept as it is)
                t = before / (before - now)
                clipped.append(
                    (
                        previous[0] + t * (current[0] - previous[0]),
                        previous[1] + t * (current[1] - previous[1]),
                    )
                )
            if now >= 0:
                clipped.append(current)
        polygon = clipped
    return [list(p) for p in polygon]


def _by_turn(analysis: Analysis, order: list[int]) -> dict[str, Any] | None:
    """Cooperation per turn index (all players, and each player ranked), with the end game."""
    run, stats = analysis.run, analysis.cooperation
    profile = stats.profile
    if profile is None or profile.empty:
        return None
    enough = (profile["moves"] >= SHOWN_SHARE * profile["moves"].iloc[0]).to_numpy()
    shown = profile[enough]
    per_player = None
    if run.cooperation_by_turn is not None:
        wide = by_turn_per_player(run.cooperation_by_turn, run.names).loc[shown["turn"]]
        per_player = rounded(wide.to_numpy(np.float64).T[order])
    end = stats.end_game
    return {
        "turns": shown["turn"].astype(int).tolist(),
        "rate": rounded(shown["cooperation_rate"]),
        "per_player": per_player,
        "fixed_length": run.turns if run.prob_end is None else None,
        "window": None if end is None else end.window,
        "drop": None if end is None else rounded([end.drop])[0],
    }


def chart_data(analysis: Analysis, failures: pd.DataFrame) -> dict[str, Any]:
    """Everything the charts show, JSON-safe. Per-player lists and matrices are in rank order;
    ``pairs`` refer to players by input index (``names``)."""
    run, results, theory = analysis.run, analysis.results, analysis.folk
    order = results.ranking
    game = run.game
    ranked = np.ix_(order, order)
    counts = results.state_counts
    shares = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)
    pairs = analysis.cooperation.pairs
    forfeits = forfeits_by_player(failures, run.names)
    return {
        "names": list(run.names),
        "ranking": list(order),
        "forfeits": [forfeits[i] for i in order],
        "game": {"R": game.R, "S": game.S, "T": game.T, "P": game.P},
        "scores": rounded(results.normalised_scores[order]),
        "payoff": rounded(unmet_as_nan(analysis.resultset.payoff_matrix, met_pairs(results))[ranked]),
        "cooperation": rounded(analysis.cooperation.matrix[ranked]),
        "by_turn": _by_turn(analysis, order),
        "pairs": {
            "a": pairs["player_a"].astype(int).tolist(),
            "b": pairs["player_b"].astype(int).tolist(),
            "x": rounded(pairs["payoff_a"]),
            "y": rounded(pairs["payoff_b"]),
            "mutual": rounded(pairs["mutual_cooperation_rate"]),
        },
        "hull": rounded(theory.feasible_vertices),
        "rational": rounded(rational_region(theory.feasible_vertices, theory.minmax.mixed)),
        "minmax": theory.minmax.mixed,
        "rational_share": analysis.cooperation.overall()["individually_rational_pair_share"],
        "outcomes": rounded(shares[order]),
        "four_vectors": rounded(results.four_vectors[order]),
        "distributions": distribution_charts(analysis),
        "network": _network(analysis),
        "intervals": _intervals(analysis),
    }


def _intervals(analysis: Analysis) -> dict[str, Any] | None:
    """The bootstrap's figures in rank order: per player the box [low, low, mean, high, high]
    of its mean score's interval, and P(rank 1); None when there is no estimate."""
    spread = analysis.uncertainty
    if spread is None:
        return None
    table = spread.table()
    low, mean, high = (table[key].to_numpy() for key in ("mean_score_low", "mean_score", "mean_score_high"))
    return {
        "names": table["name"].tolist(),
        "boxes": rounded(np.column_stack([low, low, mean, high, high])),
        "p_first": rounded(table["p_first"]),
        "level": spread.level,
    }


def _network(analysis: Analysis) -> dict[str, Any] | None:
    """A spatial tournament's network: its edges between different players (input numbers), each
    player's mean score per turn, number of opponents and place in the drawing (input order);
    None for a round robin."""
    from tournament.io.report.network_plot import positions

    record = analysis.run.network
    if record is None:
        return None
    edges = [[a, b] for a, b in record["edges"] if a != b]
    return {
        "description": record["description"],
        "edges": edges,
        "positions": rounded(positions(len(analysis.run.names), edges, record["description"])),
        "scores": rounded(analysis.results.mean_scores),
        "degree": list(record["degree"]),
    }
