"""The shadow of the future: replay one tournament over a grid of prob_end (and noise) values.

Each grid point plays the tournament with matches continuing after each turn with
probability delta = 1 - prob_end (and the given noise), and records how much the players
cooperated. The strategies do not know delta, so in the tournament itself the shadow of
the future shows in who wins rather than in how often they cooperate: short matches reward
defectors, long ones reciprocators. To show what that does to cooperation, each point also
runs ecological dynamics (Axelrod 1984) on the payoff matrix, from equal shares for
``ECOLOGY_GENERATIONS`` generations, and reports the cooperation of the surviving
population: sum over i, j of x_i x_j times i's cooperation rate against j.

:mod:`tournament.io.report.sweep` draws both against delta with the critical discount
factors of :mod:`tournament.stats.folk` as vertical lines; :mod:`tournament.io.sweep_storage`
writes the tables and the plot.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from tournament.round_robin import run_tournament
from tournament.settings import Game
from tournament.spec import TournamentSpec
from tournament.stats import cooperation, folk
from tournament.stats.resultset import ResultSet

ECOLOGY_GENERATIONS = 1000
"""Generations of ecological dynamics run at every grid point."""

Progress = Callable[[int, int, dict], None]
"""Called with (points done, points in all, the row just computed) after each grid point."""


@dataclass(frozen=True)
class SweepResult:
    """One row per grid point (``table``) and one per player and grid point (``players``)."""

    table: pd.DataFrame
    players: pd.DataFrame
    game: Game


def grid_specs(
    spec: TournamentSpec, prob_ends: Sequence[float] | None = None, noises: Sequence[float] | None = None
) -> list[TournamentSpec]:
    """The tournament ``spec`` at every (prob_end, noise) of the grid; a missing axis keeps the spec's value.

    Raises
    ------
    SpecError
        When a value is not a valid prob_end (in (0, 1]) or noise (in [0, 1]).
    """
    settings = spec.settings
    lengths = [None] if not prob_ends else list(prob_ends)
    noise_values = [settings.noise] if not noises else list(noises)
    out = []
    for prob_end, noise in itertools.product(lengths, noise_values):
        if prob_end is None:
            new = dataclasses.replace(settings, noise=noise)
        else:
            new = dataclasses.replace(settings, turns=None, prob_end=prob_end, noise=noise)
        out.append(dataclasses.replace(spec, settings=new))
    return out


def sweep(
    spec: TournamentSpec,
    prob_ends: Sequence[float] | None = None,
    noises: Sequence[float] | None = None,
    *,
    workers: int = 1,
    progress: Progress | None = None,
) -> SweepResult:
    """Play ``spec`` at every grid point and tabulate cooperation there."""
    specs = grid_specs(spec, prob_ends, noises)
    game = spec.settings.game
    rows, player_rows = [], []
    for done, point in enumerate(specs, start=1):
        results = run_tournament(point, workers=workers)
        settings = point.settings
        stats = cooperation.analyse(results.matches, results.names, game)
        evolved_cooperation, evolved_winner = ecology(results.matches, results.names, point.repetitions, game)
        overall = stats.overall()
        others = results.matches[~results.matches["self_play"]]
        delta = folk.continuation_probability(settings.prob_end)
        row = {
            "prob_end": settings.prob_end,
            "continuation_probability": delta,
            "turns": settings.turns,
            "noise": settings.noise,
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
        player_rows.append(
            pd.DataFrame(
                {
                    "prob_end": settings.prob_end,
                    "noise": settings.noise,
                    "rank": ranked["rank"].to_numpy(),
                    "name": ranked["name"].to_numpy(),
                    "median_score": ranked["median_score"].to_numpy(),
                    "cooperation_rate": coop.loc[ranked["player"], "cooperation_rate"].to_numpy(),
                }
            )
        )
        if progress is not None:
            progress(done, len(specs), row)
    return SweepResult(pd.DataFrame(rows), pd.concat(player_rows, ignore_index=True), game)


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
