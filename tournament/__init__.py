"""ipd-tournament: a batched engine for iterated prisoner's dilemma tournaments.

The data flow reads top-down through the modules: ``spec`` (what to play) ->
``schedule`` (who meets whom) -> ``engine`` (all games at once) -> ``records``
(pandas tables) -> statistics and reports.
"""

from tournament.game import Game, GameError
from tournament.match import MatchResult, play_match
from tournament.round_robin import TournamentResults, run_tournament
from tournament.spec import MatchSettings, SpecError, TournamentSpec

__version__ = "0.1.0"

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
