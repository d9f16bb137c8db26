"""The strategy library and registry of ipd-tournament.

Build a strategy from text with :func:`create` (``create("Random(p=0.2)")``), list them
with :func:`strategy_classes`, write one with :class:`Strategy` (vectorised) or with
:func:`plain_strategy` / :class:`PlainStrategy` (one game at a time, plain Python).
"""

from strategies.base import Classifier, Param, Strategy
from strategies.registry import create, create_all, get_class, register, strategy_classes
from strategies.user.plain import PlainStrategy, plain_strategy
from tournament.core.moves import C, D
from tournament.errors import StrategyError

__all__ = [
    "C",
    "D",
    "Classifier",
    "Param",
    "PlainStrategy",
    "Strategy",
    "StrategyError",
    "create",
    "create_all",
    "get_class",
    "plain_strategy",
    "register",
    "strategy_classes",
]
