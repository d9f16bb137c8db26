"""The table of axelrod twins: it names only built-ins and axelrod strategies, and builds the
twin of a built-in, of an adapted axelrod strategy, and of nothing else."""

from __future__ import annotations

from strategies.axelrod.adapter import axelrod_names
from strategies.axelrod.twins import ARGUMENTS, GENERIC, NAMESAKES, axelrod_name, axelrod_twin
from strategies.registry import create, is_builtin, strategy_classes
from strategies.user.declarative import from_table


def test_every_listed_twin_is_a_builtin_and_an_axelrod_strategy():
    builtins = {cls.name for cls in strategy_classes() if is_builtin(cls)}
    assert NAMESAKES.issubset(builtins) and set(GENERIC).issubset(builtins)
    assert NAMESAKES.issubset(axelrod_names())
    assert set(ARGUMENTS) <= NAMESAKES | set(GENERIC)


def test_twins_of_builtins_take_their_parameters():
    assert axelrod_name(create("Tit For Tat")) == "Tit For Tat"
    assert axelrod_twin(create("Random(p=0.2)")) == ("Random", {"p": 0.2})
    assert axelrod_name(create("Memory One")) is None
    assert axelrod_twin(create("Memory One"))[0] == "Generic Memory One Player"
    assert axelrod_twin(create("Cycler")) is None


def test_an_adapted_axelrod_strategy_is_its_own_twin_but_not_listed():
    adapted = create("axelrod:Random(p=0.3)")
    assert axelrod_name(adapted) is None
    assert axelrod_twin(adapted) == ("Random", {"p": 0.3})


def test_declared_strategies_have_no_twin():
    declared = from_table({"name": "Generous", "type": "memory_one", "four_vector": [1, 0.3, 1, 0.3]}, "me")
    assert axelrod_name(declared) is None and axelrod_twin(declared) is None
