"""Looking strategies up by name, alias and text form."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

from strategies import StrategyError, create, create_all, families, get_class, registry, strategy_classes
from strategies.base import Strategy
from strategies.families.basic import Random
from strategies.registry import builtin_modules, is_builtin, parse


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


def test_true_and_false_as_in_toml():
    assert create("Q-Learner(carry=true)") == create("Q Learner(carry=True)")
    assert create("Q Learner(carry=false)").label == "Q Learner"


@pytest.mark.parametrize(
    "text, message",
    [
        ("Random(p=2)", "parameter p=2: must be a number from 0 to 1, got 2"),
        ("Random(q=0.2)", "has no parameter 'q'"),
        ("Random(0.1, 0.2)", "at most 1 parameter"),
        ("Random(p=os.system)", "literal values"),
        ("Random(p=truth)", "literal values"),
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


# --- built-in modules: every module of strategies.families, none dropped --------------------


def test_every_module_of_the_families_package_is_a_builtin_module():
    folder = Path(families.__file__).parent
    on_disk = {f"strategies.families.{path.stem}" for path in folder.glob("*.py") if path.stem != "__init__"}
    assert set(builtin_modules()) == on_disk
    assert {f"strategies.families.{name}" for name in families.CATALOGUE_ORDER} <= on_disk
    strategy_classes()
    assert on_disk <= set(sys.modules)


def test_every_named_strategy_class_of_the_families_is_registered():
    """A class that sets a display name (``name``) in a family module is a catalogue entry; an
    abstract base (MemoryOnePlayer, CotoDeRatio, ...) opts out by setting none."""
    registered = set(strategy_classes())
    named = [
        value
        for module in builtin_modules()
        for value in vars(importlib.import_module(module)).values()
        if isinstance(value, type)
        and issubclass(value, Strategy)
        and value.__module__ == module
        and "name" in vars(value)
    ]
    assert len(named) > 150
    assert [cls.__qualname__ for cls in named if cls not in registered] == []
    assert all(is_builtin(cls) for cls in named)


def test_a_class_outside_the_families_is_not_builtin():
    class Mine(Random):
        name = "Mine"

    assert is_builtin(Random) and not is_builtin(Mine)


@pytest.fixture
def fresh_registry(monkeypatch, tmp_path):
    """The registry about to load again, with ``tmp_path`` as one more folder of the families
    package; everything is put back afterwards."""
    monkeypatch.setattr(families, "__path__", [*families.__path__, str(tmp_path)])
    monkeypatch.setattr(registry, "_REGISTRY", dict(registry._REGISTRY))
    monkeypatch.setattr(registry, "_KEYS", dict(registry._KEYS))
    monkeypatch.setattr(registry, "_loaded", False)
    registry.builtin_modules.cache_clear()
    yield tmp_path
    registry.builtin_modules.cache_clear()
    for name in [m for m in sys.modules if m.startswith("strategies.families.extra_")]:
        del sys.modules[name]
        if hasattr(families, name.rpartition(".")[2]):
            delattr(families, name.rpartition(".")[2])


def test_a_new_family_module_is_loaded_without_being_listed(fresh_registry):
    (fresh_registry / "extra_family.py").write_text(
        "from strategies.base import Strategy\n"
        "from strategies.registry import register\n\n\n"
        "@register\n"
        "class Extra(Strategy):\n"
        '    """Always cooperates."""\n\n'
        '    name = "Extra For Test"\n\n'
        "    def move(self, view):\n"
        "        return view.cooperate()\n"
    )
    assert "strategies.families.extra_family" in builtin_modules()[len(families.CATALOGUE_ORDER) :]
    classes = strategy_classes()
    listed = [
        k for k, cls in enumerate(classes) if cls.__module__.rpartition(".")[2] in families.CATALOGUE_ORDER
    ]
    assert classes.index(get_class("Extra For Test")) > max(listed)
    assert is_builtin(get_class("Extra For Test"))


def test_an_import_error_in_a_family_module_surfaces(fresh_registry):
    (fresh_registry / "extra_broken.py").write_text("import no_such_module_for_test\n")
    with pytest.raises(ModuleNotFoundError, match="no_such_module_for_test"):
        strategy_classes()
