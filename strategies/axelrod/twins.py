"""Which built-ins reproduce a strategy of the axelrod library, and how to build that twin.

The catalogue itself knows nothing of axelrod: this table serves the parity tests (our
moves against axelrod's, move for move or in distribution), the benchmarks against
axelrod, and ``ipd strategies show``. A twin is looked up by the strategy's display name;
every listed built-in shares its name with its twin. Importing this module does not import
axelrod; building a twin's arguments from moves does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from strategies.axelrod.adapter import AxelrodStrategy
from strategies.base import Strategy

NAMESAKES: frozenset[str] = frozenset(
    (
        # basic
        "Cooperator",
        "Defector",
        "Random",
        "Alternator",
        # memory_one
        "Win-Stay Lose-Shift",
        "Win-Shift Lose-Stay",
        "GTFT",
        "Stochastic WSLS",
        "Firm But Fair",
        "Soft Joss",
        "Stochastic Cooperator",
        "ALLCorALLD",
        "Desperate",
        "Hopeless",
        "Willing",
        "Negation",
        # titfortat
        "Tit For Tat",
        "Tit For 2 Tats",
        "Two Tits For Tat",
        "Suspicious Tit For Tat",
        "Hard Tit For Tat",
        "Hard Tit For 2 Tats",
        "Anti Tit For Tat",
        "Bully",
        "Sneaky Tit For Tat",
        "Spiteful Tit For Tat",
        "Slow Tit For Two Tats 2",
        "Gradual",
        "Original Gradual",
        "Contrite Tit For Tat",
        "Adaptive Tit For Tat",
        "Omega TFT",
        "N Tit(s) For M Tat(s)",
        "Alexei",
        "EugineNier",
        "Dynamic Two Tits For Tat",
        "Random Tit for Tat",
        "Burn Both Ends",
        "Michaelos",
        # grudger
        "Grudger",
        "Forgetful Grudger",
        "Opposite Grudger",
        "Aggravater",
        "Soft Grudger",
        "General Soft Grudger",
        "GrudgerAlternator",
        "EasyGo",
        "SpitefulCC",
        "CAPRI",
        # cycler (axelrod's generic Cycler is not in axelrod.all_strategies, so it is no twin:
        # the tests compare ours with it directly)
        "Cycler DC",
        "Cycler CCD",
        "Cycler DDC",
        "Cycler CCCD",
        "Cycler CCCCCD",
        "Cycler CCCDCD",
        "AntiCycler",
        # prober
        "Prober",
        "Prober 2",
        "Prober 3",
        "Prober 4",
        "Hard Prober",
        "Naive Prober",
        "Remorseful Prober",
        "Detective",
        "CollectiveStrategy",
        # gobymajority
        "Go By Majority",
        "Hard Go By Majority",
        "Go By Majority 5",
        "Go By Majority 10",
        "Go By Majority 20",
        "Go By Majority 40",
        "Hard Go By Majority 5",
        "Hard Go By Majority 10",
        "Hard Go By Majority 20",
        "Hard Go By Majority 40",
        # axelrod_first
        "First by Anonymous",
        "First by Davis",
        "First by Downing",
        "First by Feld",
        "First by Graaskamp",
        "First by Grofman",
        "First by Joss",
        "First by Nydegger",
        "First by Shubik",
        "First by Stein and Rapoport",
        "First by Tideman and Chieruzzi",
        "First by Tullock",
        # zero_determinant
        "ZD-Extortion",
        "ZD-Extort-2",
        "ZD-Extort-2 v2",
        "ZD-Extort3",
        "ZD-Extort-4",
        "ZD-GTFT-2",
        "ZD-GEN-2",
        "ZD-Mischief",
        "ZD-SET-2",
        # finite_state_machines
        "Fortress3",
        "Fortress4",
        "Predator",
        "Pun1",
        "Raider",
        "Ripoff",
        "UsuallyCooperates",
        "UsuallyDefects",
        "SolutionB1",
        "SolutionB5",
        "Thumper",
        "Evolved FSM 4",
        "Evolved FSM 6",
        "Evolved FSM 16",
        "Evolved FSM 16 Noise 05",
        "TF1",
        "TF2",
        "TF3",
        # lookerup
        "EvolvedLookerUp1_1_1",
        "EvolvedLookerUp2_2_2",
        "Winner12",
        "Winner21",
        "PSO Gambler Mem1",
        "PSO Gambler 1_1_1",
        "PSO Gambler 2_2_2",
        "PSO Gambler 2_2_2 Noise 05",
        "ZD-Mem2",
        # tricksters
        "Tricky Cooperator",
        "Tricky Defector",
        # punishers
        "Punisher",
        "Inverse Punisher",
        "Level Punisher",
        "Tricky Level Punisher",
        # retaliators
        "Retaliate",
        "Retaliate 2",
        "Retaliate 3",
        "Limited Retaliate",
        "Limited Retaliate 2",
        "Limited Retaliate 3",
        # once_bitten
        "Once Bitten",
        "Fool Me Once",
        "Forgetful Fool Me Once",
        # resurrection
        "Resurrection",
        "DoubleResurrection",
        # backstabbers
        "BackStabber",
        "DoubleCrosser",
        # sequences
        "ThueMorse",
        "ThueMorseInverse",
        # ratios
        "$\\pi$",
        "$e$",
        "$\\phi$",
        "VeryBad",
        # calculator
        "Calculator",
        # inverse
        "Inverse",
        # averages
        "Average Copier",
        "Nice Average Copier",
        # worse_and_worse
        "Worse and Worse",
        "Worse and Worse 2",
        "Worse and Worse 3",
        "Better and Better",
        "Knowledgeable Worse and Worse",
        # reactive
        "Handshake",
        "Appeaser",
        "Adaptive",
        "Forgiver",
        "Forgiving Tit For Tat",
        "Doubler",
        "Gradual Killer",
        "Grumpy",
        "ShortMem",
        "SelfSteem",
        "Defector Hunter",
        "Cooperator Hunter",
        "Alternator Hunter",
        "Cycle Hunter",
        "Eventual Cycle Hunter",
        "Math Constant Hunter",
        "Random Hunter",
    )
)
"""Built-ins that play like the axelrod strategy of the same display name."""

GENERIC: dict[str, str] = {"Memory One": "Generic Memory One Player"}
"""Built-ins that axelrod plays with a generic strategy of another name: they have an
equivalent axelrod player (:func:`axelrod_twin`) but are not listed as twins."""


def _action(letter: str) -> Any:
    from axelrod.action import Action

    return Action.C if letter == "C" else Action.D


def _actions(moves: str) -> list[Any]:
    from axelrod.action import str_to_actions

    return list(str_to_actions(moves))


ARGUMENTS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "Memory One": lambda p: {"four_vector": p["four_vector"], "initial": _action(p["initial"])},
    "Win-Shift Lose-Stay": lambda p: {"initial": _action(p["initial"])},
    "Detective": lambda p: {"initial_actions": _actions(p["initial_actions"])},
    "Handshake": lambda p: {"initial_plays": _actions(p["initial_plays"])},
    "Adaptive": lambda p: {"initial_plays": _actions(p["initial_plays"])},
}
"""The twin's constructor arguments from our parameters, where axelrod wants moves as its
``Action`` values; every other twin takes our parameters as they are."""


def axelrod_name(strategy: Strategy) -> str | None:
    """The display name of the axelrod strategy that ``strategy`` (a built-in) plays like, or
    None: no twin, or a strategy of axelrod's own played through the adapter."""
    if isinstance(strategy, AxelrodStrategy) or strategy.name not in NAMESAKES:
        return None
    return strategy.name


def axelrod_twin(strategy: Strategy) -> tuple[str, dict[str, Any]] | None:
    """``(axelrod display name, constructor arguments)`` of the axelrod player equivalent to
    ``strategy``, or None when there is none."""
    if isinstance(strategy, AxelrodStrategy):
        return strategy.name, dict(strategy.kwargs)
    name = axelrod_name(strategy) or GENERIC.get(strategy.name)
    if name is None:
        return None
    arguments = ARGUMENTS.get(strategy.name)
    return name, arguments(strategy.parameters) if arguments else strategy.parameters
