"""The grid of a sweep: one tournament spec per combination of the axes a user gives.

The axes are payoffs (``games``), random lengths (``prob_ends``), fixed lengths (``turns``;
with ``prob_ends`` too, each random length is capped at the turns), ``noises`` and
``seeds``. The grid is their product, in the order game, prob_end, turns, noise, seed; an axis
not given keeps the spec's value, so a sweep over prob_end and noise alone is the grid it
always was. Each point has a label naming the value of every axis given (``turns 10, seed 3``).
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from tournament.fields import Seed
from tournament.settings import MATCH, Game
from tournament.spec import TournamentSpec


@dataclass(frozen=True)
class Axes:
    """The values of each axis of a sweep (None: the axis is not swept)."""

    prob_ends: Sequence[float] | None = None
    noises: Sequence[float] | None = None
    turns: Sequence[int] | None = None
    games: Sequence[Game] | None = None
    seeds: Sequence[int] | None = None

    def given(self) -> list[str]:
        """The names of the axes swept, in grid order."""
        order = ("games", "prob_ends", "turns", "noises", "seeds")
        return [name for name in order if getattr(self, name)]


def seed_list(base: int, count: int) -> list[int]:
    """``count`` seeds from ``base`` on (base, base + 1, ...): each plays an independent tournament,
    since every draw hashes its seed."""
    return [Seed().convert((base + i) % 2**64) for i in range(count)]


def grid_specs(
    spec: TournamentSpec,
    prob_ends: Sequence[float] | None = None,
    noises: Sequence[float] | None = None,
    *,
    turns: Sequence[int] | None = None,
    games: Sequence[Game | str] | None = None,
    seeds: Sequence[int] | None = None,
) -> list[TournamentSpec]:
    """The tournament ``spec`` at every point of the grid; a missing axis keeps the spec's value.

    Raises
    ------
    SpecError
        When a value is not valid for its axis (prob_end in (0, 1], noise in [0, 1], turns a
        whole number >= 1, payoffs four numbers, seeds whole numbers >= 0).
    """
    settings = spec.settings
    game_values = [settings.game] if not games else [Game.from_values(g) for g in games]
    length_values = list(itertools.product(prob_ends or [None], turns or [None]))
    noise_values = [settings.noise] if not noises else list(noises)
    seed_values = [spec.seed] if not seeds else [Seed().convert(s) for s in seeds]
    out = []
    for game, (prob_end, length), noise, seed in itertools.product(
        game_values, length_values, noise_values, seed_values
    ):
        new = dataclasses.replace(settings, noise=noise, game=game)
        if length is not None:
            new = dataclasses.replace(new, turns=MATCH["turns"].convert(length), prob_end=prob_end)
        elif prob_end is not None:
            new = dataclasses.replace(new, turns=None, prob_end=prob_end)
        out.append(dataclasses.replace(spec, settings=new, seed=seed))
    return out


def point_label(point: TournamentSpec, axes: Axes) -> str:
    """The values of the swept axes at ``point``: ``prob_end 0.5, noise 0.05``."""
    settings = point.settings
    parts = {
        "games": f"game {game_text(settings.game)}",
        "prob_ends": f"prob_end {settings.prob_end:g}" if settings.prob_end is not None else "",
        "turns": f"turns {settings.turns}",
        "noises": f"noise {settings.noise:g}",
        "seeds": f"seed {point.seed}",
    }
    return ", ".join(parts[name] for name in axes.given())


def game_text(game: Game) -> str:
    """Payoffs as the command line writes them: ``3,0,5,1``."""
    return ",".join(f"{getattr(game, key):g}" for key in "RSTP")
