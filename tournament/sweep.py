"""The shadow of the future: replay one tournament over a grid of prob_end, noise, turns,
payoffs and seeds (:mod:`tournament.sweep_grid`).

Each grid point plays the tournament with matches continuing after each turn with
probability delta = 1 - prob_end (and the given noise), and records how much the players
cooperated. The strategies do not know delta, so in the tournament itself the shadow of
the future shows in who wins rather than in how often they cooperate: short matches reward
defectors, long ones reciprocators. Every player's rank at every point is kept, for the rank
stability view (:mod:`tournament.stats.rank_stability`). To show what that does to cooperation, each point also
runs ecological dynamics (Axelrod 1984) on the payoff matrix, from equal shares for
``ECOLOGY_GENERATIONS`` generations, and reports the cooperation of the surviving
population: sum over i, j of x_i x_j times i's cooperation rate against j.

:mod:`tournament.io.report.sweep` draws both against delta with the critical discount
factors of :mod:`tournament.stats.folk` as vertical lines; :mod:`tournament.io.sweep_storage`
writes the tables and the plot.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from tournament.round_robin import run_tournament
from tournament.settings import Game
from tournament.spec import TournamentSpec
from tournament.stats import cooperation, folk
from tournament.stats.resultset import ResultSet
from tournament.sweep_grid import Axes, game_text, grid_specs, point_label

__all__ = ["SweepResult", "ecology", "grid_specs", "sweep"]

ECOLOGY_GENERATIONS = 1000
"""Generations of ecological dynamics run at every grid point."""

Progress = Callable[[int, int, dict], None]
"""Called with (points done, points in all, the row just computed) after each grid point."""


@dataclass(frozen=True)
class SweepResult:
    """One row per grid point (``table``) and one per player and grid point (``players``);
    ``ranks`` (point, player) holds every player's rank at every point, ``labels`` names the
    points and ``names`` the players (input order)."""

    table: pd.DataFrame
    players: pd.DataFrame
    game: Game
    ranks: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.int64))
    labels: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)


def sweep(
    spec: TournamentSpec,
    prob_ends: Sequence[float] | None = None,
    noises: Sequence[float] | None = None,
    *,
    turns: Sequence[int] | None = None,
    games: Sequence[Game | str] | None = None,
    seeds: Sequence[int] | None = None,
    workers: int = 1,
    progress: Progress | None = None,
) -> SweepResult:
    """Play ``spec`` at every grid point (:func:`~tournament.sweep_grid.grid_specs`), tabulate
    cooperation there and record every player's rank."""
    axes = Axes(prob_ends, noises, turns, games, seeds)
    specs = grid_specs(spec, prob_ends, noises, turns=turns, games=games, seeds=seeds)
    extra = [key for name, key in (("games", "game"), ("seeds", "seed")) if name in axes.given()]
    rows, player_rows, ranks, names = [], [], [], []
    for done, point in enumerate(specs, start=1):
        results = run_tournament(point, workers=workers)
        settings = point.settings
        game = settings.game
        stats = cooperation.analyse(results.matches, results.names, game)
        evolved_cooperation, evolved_winner = ecology(results.matches, results.names, point.repetitions, game)
        overall = stats.overall()
        others = results.matches[~results.matches["self_play"]]
        delta = folk.continuation_probability(settings.prob_end)
        coordinates = {"game": game_text(game), "seed": point.seed}
        added = {key: coordinates[key] for key in extra}
        row = {
            "prob_end": settings.prob_end,
            "continuation_probability": delta,
            "turns": settings.turns,
            "noise": settings.noise,
            **added,
            "mean_match_length": float(others["turns"].mean()) if len(others) else np.nan,
            "cooperation_rate": overall["cooperation_rate"],
            "mutual_cooperation_rate": overall["mutual_cooperation_rate"],
            "mutual_defection_rate": overall["mutual_defection_rate"],
            "mean_cooperation_index": overall["mean_cooperation_index"],
            "individually_rational_pair_share": overall["individually_rational_pair_share"],
            "cooperative_pair_share": overall["cooperative_pair_share"],
            "winner": results.players["name"].iloc[0],
            "ecological_cooperation_rate": evolved_cooperation,
            "ecological_winner": evolved_winner,
            **{f"{t.key}_met": (None if delta is None else t.met(delta)) for t in folk.thresholds(game)},
        }
        rows.append(row)
        ranked = results.players
        coop = stats.players.set_index("player")
        lengths = {"turns": settings.turns} if "turns" in axes.given() else {}
        player_rows.append(
            pd.DataFrame(
                {
                    "prob_end": settings.prob_end,
                    **lengths,
                    "noise": settings.noise,
                    **added,
                    "rank": ranked["rank"].to_numpy(),
                    "name": ranked["name"].to_numpy(),
                    "median_score": ranked["median_score"].to_numpy(),
                    "cooperation_rate": coop.loc[ranked["player"], "cooperation_rate"].to_numpy(),
                }
            )
        )
        ranks.append(np.argsort(results.stats.ranking) + 1)
        names = list(results.names)
        if progress is not None:
            progress(done, len(specs), row)
    return SweepResult(
        pd.DataFrame(rows),
        pd.concat(player_rows, ignore_index=True),
        specs[0].settings.game,
        np.array(ranks),
        [point_label(point, axes) for point in specs],
        names,
    )


def ecology(
    matches: pd.DataFrame,
    names: list[str],
    repetitions: int,
    game: Game,
    generations: int = ECOLOGY_GENERATIONS,
) -> tuple[float, str]:
    """Cooperation of the population after ecological dynamics from equal shares, and its largest type.

    Fitness is the payoff per turn against the population (self-play included, as in
    axelrod's Ecosystem), shifted up by the smallest payoff when the game has negative ones.
    """
    from tournament.evolution.ecological import ecological_dynamics

    rs = ResultSet(matches, names, repetitions)
    lowest = min(game.R, game.S, game.T, game.P)
    shift = -lowest if lowest < 0 else 0.0
    shares = ecological_dynamics(rs.payoff_matrix + shift, np.full(len(names), 1 / len(names)), generations)[
        -1
    ]
    return float(shares @ rs.normalised_cooperation @ shares), names[int(np.argmax(shares))]
