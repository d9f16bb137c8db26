"""The strategy library and registry of ipd-tournament.

Build a strategy from text with :func:`create` (``create("Random(p=0.2)")``), list them
with :func:`strategy_classes`, write one with :class:`Strategy` (vectorised) or with
:func:`plain_strategy` / :class:`PlainStrategy` (one game at a time, plain Python).
"""

from strategies.base import C, Classifier, D, Param, Strategy, StrategyError
from strategies.plain import PlainStrategy, plain_strategy
from strategies.registry import create, create_all, get_class, register, strategy_classes

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
