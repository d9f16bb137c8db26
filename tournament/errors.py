"""User errors: input that cannot be used, each with one readable sentence.

Every error a user can cause (a bad setting, config, payoff, strategy name, population)
is a :class:`UserError`; the command line turns it into one ``Error: ...`` line, in one
place (``tournament.cli.app.app``). Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations


class UserError(ValueError):
    """Input that cannot be used; the message says what is wrong in words a user understands."""


class SpecError(UserError):
    """Settings that cannot describe a match or a tournament; the message names the setting."""


class GameError(SpecError):
    """Payoffs that do not define a game."""


class ConfigError(UserError):
    """A config that cannot be run; the message names the file (or option), the field and the problem."""


class StrategyError(UserError):
    """A strategy name, parameter or definition that cannot be used."""


class EvolutionError(UserError):
    """Settings that cannot describe an evolutionary run; the message says which and why."""


class PopulationError(EvolutionError):
    """A population that cannot be built: unknown strategy, bad count, wrong size."""


class GraphError(EvolutionError):
    """A graph that cannot carry a population: wrong size, not symmetric, not connected."""


class FitnessError(EvolutionError):
    """A negative fitness: proportional selection needs fitness >= 0."""
