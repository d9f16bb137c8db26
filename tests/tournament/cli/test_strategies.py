"""``ipd strategies`` and ``ipd strategies show``: the catalogue as a table and as JSON."""

from __future__ import annotations

import json

from click.testing import CliRunner

from tests.tournament.cli.test_app import assert_user_error, invoke
from tournament.cli.app import main


def test_strategies_table():
    out = invoke("strategies").stdout
    assert "Tit For Tat" in out and "Copycat" in out and "strategies." in out


def test_strategies_json_and_filters():
    rows = json.loads(invoke("strategies", "--json").stdout)
    by_name = {r["name"]: r for r in rows}
    assert by_name["Random"]["parameters"][0]["name"] == "p"
    assert by_name["Random"]["classification"]["stochastic"] is True
    assert by_name["Tit For Tat"]["classification"]["memory_depth"] == 1
    assert "Copycat" in by_name["Tit For Tat"]["aliases"]
    stochastic = {r["name"] for r in json.loads(invoke("strategies", "--stochastic", "--json").stdout)}
    deterministic = {r["name"] for r in json.loads(invoke("strategies", "--deterministic", "--json").stdout)}
    assert "Random" in stochastic and "Defector" in deterministic
    assert stochastic.isdisjoint(deterministic) and stochastic | deterministic == set(by_name)
    shallow = {r["name"] for r in json.loads(invoke("strategies", "--memory-depth", "0", "--json").stdout)}
    assert {"Cooperator", "Defector"} <= shallow and "Tit For Tat" not in shallow
    found = {r["name"] for r in json.loads(invoke("strategies", "--search", "copycat", "--json").stdout)}
    assert "Tit For Tat" in found and "Defector" not in found


def test_strategies_show():
    out = invoke("strategies", "show", "Random(p=0.3)").stdout
    assert "Random(p=0.3)" in out and "probability of cooperating" in out and "Axelrod" in out
    assert "Cooperates with probability p" in out


def test_strategies_show_unknown():
    assert_user_error(
        CliRunner().invoke(main, ["strategies", "show", "Grudgr"]), "unknown strategy", "'Grudger'"
    )
