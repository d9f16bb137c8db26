"""The strategy catalogue as plain data."""

from __future__ import annotations

import json

import pytest

from strategies.registry import create
from tournament.catalogue import axelrod_catalogue, catalogue, describe


def test_describe_is_plain_json_data():
    info = describe(create("Random(p=0.3)"))
    assert info["name"] == "Random"
    assert info["parameters"][0]["name"] == "p" and info["parameters"][0]["value"] == 0.3
    assert info["classification"]["stochastic"] is True
    assert json.loads(json.dumps(info)) == info


def test_unbounded_memory_is_none():
    assert describe(create("Grudger"))["classification"]["memory_depth"] is None
    assert describe(create("tft"))["classification"]["memory_depth"] == 1


def test_catalogue_filters():
    names = {row["name"] for row in catalogue()}
    assert {"Tit For Tat", "Defector", "Random"} <= names
    deterministic = {row["name"] for row in catalogue(stochastic=False, memory_depth=0)}
    assert (
        "Defector" in deterministic and "Random" not in deterministic and "Tit For Tat" not in deterministic
    )
    assert {row["name"] for row in catalogue(search="COPYCAT")} >= {"Tit For Tat"}
    assert {row["name"] for row in catalogue(source="builtin")} <= names


def test_catalogue_rejects_an_unknown_source():
    with pytest.raises(ValueError, match="source must be one of"):
        catalogue(source="axelrod")


def test_axelrod_catalogue_says_how_to_ask_for_each():
    rows = {row["name"]: row for row in axelrod_catalogue("tit for tat")}
    assert rows["Tit For Tat"] == {
        "name": "Tit For Tat",
        "use_as": "axelrod:Tit For Tat",
        "builtin_twin": True,
    }
    assert all("tit for tat" in name.lower() for name in rows)
