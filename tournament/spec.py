"""What to play: the players of a round robin with its match settings, repetitions and seed.

:class:`TournamentSpec` is built only through the declarations of its settings
(:data:`tournament.settings.TOURNAMENT` and :data:`tournament.settings.MATCH`). With ``edges``
it is a spatial tournament: only those pairs meet (:mod:`tournament.network`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from strategies.base import Strategy
from strategies.registry import create_all
from tournament import network as networks
from tournament.errors import SpecError
from tournament.settings import TOURNAMENT, MatchSettings


@dataclass(frozen=True)
class TournamentSpec:
    """A round-robin tournament: players, match settings, repetitions, seed, name and the
    bootstrap resamples of its ranking's uncertainty."""

    players: tuple[Strategy, ...]
    settings: MatchSettings = field(default_factory=MatchSettings)
    repetitions: int = TOURNAMENT["repetitions"].default
    seed: int = 0
    name: str = TOURNAMENT["name"].default
    bootstrap: int = TOURNAMENT["bootstrap"].default
    exact: bool = TOURNAMENT["exact"].default
    """Also compute the exact expected payoff table after the round robin (``[tournament] exact``)."""
    edges: networks.Edges | None = None
    """A spatial tournament's pairs of player numbers (only they meet); None: everyone meets."""
    network: str | None = None
    """What the edges are (``"cycle, 8 edges"``); None without edges."""

    def __post_init__(self) -> None:
        if not self.players:
            raise SpecError("the player list is empty")
        object.__setattr__(self, "players", tuple(self.players))
        for setting in TOURNAMENT.settings:
            object.__setattr__(self, setting.key, setting.convert(getattr(self, setting.key)))
        if self.edges is not None:
            edges = networks.check_edges(self.edges, [p.label for p in self.players])
            object.__setattr__(self, "edges", edges)
            object.__setattr__(self, "network", self.network or "the given edges")
        elif self.network is not None:
            raise SpecError("a network description needs its edges")

    @classmethod
    def build(
        cls,
        players: Sequence[str | Strategy],
        *,
        repetitions: int = 1,
        seed: int = 0,
        name: str = "tournament",
        bootstrap: int = TOURNAMENT["bootstrap"].default,
        exact: bool = TOURNAMENT["exact"].default,
        **match: Any,
    ) -> TournamentSpec:
        """Build from strategy names (text forms) and plain settings: any key of
        :data:`tournament.settings.MATCH` (``turns``, ``prob_end``, ``noise``, ...) and ``game``;
        200 turns unless ``prob_end`` is given. A spatial tournament takes one of ``edges``,
        ``network`` (with ``network_k``, ``network_p``, ``network_m``, ``network_rows``) or
        ``network_file`` (:mod:`tournament.network`)."""
        spatial = {key: match.pop(key) for key in networks.KEYS if key in match}
        made = tuple(create_all(players))
        edges, network = networks.resolve(spatial, [p.label for p in made], seed) or (None, None)
        settings = MatchSettings.build(**match)
        return cls(
            made,
            settings,
            repetitions,
            seed,
            name,
            bootstrap=bootstrap,
            exact=exact,
            edges=edges,
            network=network,
        )
