"""ipd-tournament: a batched engine for iterated prisoner's dilemma tournaments.

The data flow reads top-down through the modules: ``spec`` (what to play) ->
``schedule`` (who meets whom) -> ``engine`` (all games at once) -> ``records``
(pandas tables) -> statistics and reports. Names below are imported on first use, so
``import tournament`` stays cheap (the command line's ``--help`` does not load pandas).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "Game": "tournament.settings",
    "GameError": "tournament.settings",
    "MatchResult": "tournament.match",
    "play_match": "tournament.match",
    "TournamentResults": "tournament.round_robin",
    "run_tournament": "tournament.round_robin",
    "MatchSettings": "tournament.spec",
    "SpecError": "tournament.spec",
    "TournamentSpec": "tournament.spec",
}

__all__ = [
    "Game",
    "GameError",
    "MatchResult",
    "MatchSettings",
    "SpecError",
    "TournamentResults",
    "TournamentSpec",
    "__version__",
    "play_match",
    "run_tournament",
]

if TYPE_CHECKING:
    from tournament.errors import GameError, SpecError
    from tournament.match import MatchResult, play_match
    from tournament.round_robin import TournamentResults, run_tournament
    from tournament.settings import Game, MatchSettings
    from tournament.spec import TournamentSpec


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'tournament' has no attribute {name!r}")
