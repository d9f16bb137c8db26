"""Looking strategies up by name, alias and text form."""

from __future__ import annotations

import pytest

from strategies import StrategyError, create, create_all, get_class, strategy_classes
from strategies.families.basic import Random
from strategies.registry import parse


def test_lookup_is_case_and_space_insensitive_and_knows_aliases():
    assert get_class("tit for tat") is get_class("TFT") is get_class("  Copycat ")
    assert get_class("alld").name == "Defector"


def test_unknown_name_suggests_close_names():
    with pytest.raises(StrategyError, match="unknown strategy 'Tit For Tatt'.*'Tit For Tat'"):
        get_class("Tit For Tatt")


def test_parameters_from_text():
    assert create("Random(p=0.2)").p == 0.2
    assert create("Random(0.2)").p == 0.2
    assert create("Random").p == 0.5
    assert create("Random(p=0.2)").label == "Random(p=0.2)"
    assert create("Random").label == "Random"
    assert create("Random(p=0.5)").label == "Random"


@pytest.mark.parametrize(
    "text, message",
    [
        ("Random(p=2)", "must be in \\[0, 1\\]"),
        ("Random(q=0.2)", "has no parameter 'q'"),
        ("Random(0.1, 0.2)", "at most 1 parameter"),
        ("Random(p=os.system)", "literal values"),
        ("Random(p=0.2", "Name\\(p=0.1"),
        ("Tit For Tat(1)", "at most 0 parameter"),
        ("", "empty strategy name"),
    ],
)
def test_bad_parameters_are_clear_errors(text, message):
    with pytest.raises(StrategyError, match=message):
        create(text)


def test_create_all_reports_every_bad_entry():
    with pytest.raises(StrategyError) as info:
        create_all(["Tit For Tat", "Nope", "Random(p=-1)"])
    assert "Nope" in str(info.value) and "p=-1" in str(info.value)


def test_parse_splits_name_and_arguments():
    assert parse("Memory One(0.9, 0.1, q=2)") == ("Memory One", (0.9, 0.1), {"q": 2})


def test_every_registered_strategy_is_documented_and_instantiable():
    classes = strategy_classes()
    names = [cls.name for cls in classes]
    assert len(names) == len(set(names))
    for cls in classes:
        player = cls()
        assert cls.description(), cls.name
        assert player.label == cls.name
        assert isinstance(player.stochastic, bool)


def test_stochastic_flag_follows_parameters():
    assert Random().stochastic
    assert not Random(p=1).stochastic
    assert not Random(p=0).stochastic


def test_names_with_parentheses_parse_with_and_without_parameters():
    plain = create("N Tit(s) For M Tat(s)")
    assert plain.name == "N Tit(s) For M Tat(s)"
    changed = create("N Tit(s) For M Tat(s)(N=2, M=3)")
    assert (changed.N, changed.M) == (2, 3)
    assert create(changed.label) == changed
    assert parse("axelrod:N Tit(s) For M Tat(s)(N=2)") == ("axelrod:N Tit(s) For M Tat(s)", (), {"N": 2})
