"""Plugins: strategies found through the ipd_tournament.strategies entry-point group."""

from __future__ import annotations

import sys
from importlib import metadata

import pytest

from strategies import create
from strategies.user import plugins

PACKAGE = '''
from strategies import PlainStrategy


class Hesitant(PlainStrategy):
    """Cooperates every third turn."""

    name = "Plugin Hesitant"

    def play(self, me, them):
        return "C" if len(me) % 3 == 0 else "D"
'''


@pytest.fixture
def installed(tmp_path, monkeypatch):
    """A tiny installed distribution on sys.path with a dist-info declaring three plugins."""
    (tmp_path / "ipd_fake_plugin.py").write_text(PACKAGE)
    (tmp_path / "ipd_broken_plugin.py").write_text("raise RuntimeError('cannot start')\n")
    info = tmp_path / "ipd_fake_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: ipd-fake-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(
        "[ipd_tournament.strategies]\n"
        "broken = ipd_broken_plugin\n"
        "hesitant = ipd_fake_plugin:Hesitant\n"
        "nothing = json\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(plugins, "_loaded", None)
    yield
    for name in ("ipd_fake_plugin", "ipd_broken_plugin"):
        sys.modules.pop(name, None)


def test_plugins_are_registered_and_broken_ones_reported(installed):
    reports = {r.name: r for r in plugins.load_plugins(refresh=True)}
    assert reports["hesitant"].error is None
    assert reports["hesitant"].distribution == "ipd-fake-plugin"
    assert "RuntimeError: cannot start" in reports["broken"].error
    assert "provides no strategy class" in reports["nothing"].error
    assert any("plugin 'broken'" in line for line in plugins.problems())
    from tournament import play_match

    assert play_match(create("Plugin Hesitant"), "Cooperator", turns=6).moves_a == "CDDCDD"


def test_a_plugin_whose_name_collides_is_reported(monkeypatch):
    from strategies.families.basic import Cooperator

    class Clash(Cooperator):
        name = "Tit For Tat"

    entry = metadata.EntryPoint("clash", "x:y", plugins.GROUP)
    monkeypatch.setattr(metadata.EntryPoint, "load", lambda self: Clash)
    monkeypatch.setattr(plugins.metadata, "entry_points", lambda group: [entry])
    monkeypatch.setattr(plugins, "_loaded", None)
    (report,) = plugins.load_plugins()
    assert "already used" in report.error
