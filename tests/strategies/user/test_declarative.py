"""Declarative strategies: TOML files turned into the vectorised built-in families."""

from __future__ import annotations

import pytest

from strategies import StrategyError
from strategies.families.finite_state_machines import FSMPlayer
from strategies.families.lookerup import Gambler, LookerUp
from strategies.families.memory_one import MemoryOne
from strategies.user.declarative import from_table, load_declaration
from tournament import TournamentSpec, play_match, run_tournament

GRIM = """
name = "Grim"
author = "carol"
type = "fsm"
start = "nice"
[states.nice]
move = "C"
C = "nice"
D = "angry"
[states.angry]
move = "D"
C = "angry"
D = "angry"
"""


def test_fsm_in_oyun_format_plays_like_grudger(tmp_path):
    path = tmp_path / "grim.toml"
    path.write_text(GRIM)
    grim = load_declaration(path)
    assert isinstance(grim, FSMPlayer)
    assert grim.label == "carol/Grim"
    for opponent in ("Alternator", "Random", "Tit For Tat", "Cycler CCD"):
        assert (
            play_match(grim, opponent, turns=30, seed=2).moves_a
            == play_match("Grudger", opponent, turns=30, seed=2).moves_a
        )


def test_fsm_with_a_defecting_start_state():
    table = {
        "name": "Suspicious Copycat",
        "type": "fsm",
        "start": "d",
        "states": {"c": {"move": "C", "C": "c", "D": "d"}, "d": {"move": "D", "C": "c", "D": "d"}},
    }
    player = from_table(table, "dan")
    assert play_match(player, "Alternator", turns=6).moves_a == "DCDCDC"
    assert (
        play_match(player, "Alternator", turns=6).moves_a
        == play_match("Suspicious Tit For Tat", "Alternator", turns=6).moves_a
    )


def test_memory_one_and_lookup_tables():
    tft = from_table({"name": "V", "type": "memory_one", "four_vector": [1, 0, 1, 0]}, "eve")
    assert isinstance(tft, MemoryOne) and tft.label == "eve/V"
    assert play_match(tft, "Alternator", turns=5).moves_a == "CCDCD"
    two = from_table(
        {"name": "TT", "type": "lookup", "depths": [0, 2, 0], "pattern": "CDDD", "initial_actions": "CC"}, "f"
    )
    assert isinstance(two, LookerUp)
    assert play_match(two, "Alternator", turns=6).moves_a == "CCDDDD"
    gambler = from_table({"name": "G", "type": "lookup", "depths": [0, 1, 0], "pattern": [1.0, 0.5]}, "g")
    assert isinstance(gambler, Gambler) and gambler.stochastic


def test_declared_players_run_with_builtins_of_their_family():
    grim = from_table(
        {
            "name": "Grim",
            "type": "fsm",
            "start": "n",
            "states": {"n": {"move": "C", "C": "n", "D": "a"}, "a": {"move": "D", "C": "a", "D": "a"}},
        },
        "carol",
    )
    results = run_tournament(
        TournamentSpec.build([grim, "Fortress3", "Tit For Tat", "Defector"], turns=50, seed=1)
    )
    assert "carol/Grim" in results.names
    alone = play_match(grim, "Fortress3", turns=50).scores
    row = results.matches.query("name_a == 'carol/Grim' and name_b == 'Fortress3'")
    assert (row.score_a.item(), row.score_b.item()) == alone


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        ({"name": "x", "type": "neural"}, "type: must be one of 'memory_one', 'lookup', 'fsm'"),
        ({"type": "fsm"}, "name: must be a non-empty text"),
        ({"name": "x", "type": "memory_one"}, "four_vector: missing"),
        (
            {"name": "x", "type": "memory_one", "four_vector": [1, 2, 0, 0]},
            "must be a number from 0 to 1, got 2",
        ),
        (
            {"name": "x", "type": "memory_one", "four_vector": [1, 0, 0, 1], "states": {}},
            "states: unknown key",
        ),
        (
            {"name": "x", "type": "lookup", "depths": [0, 1, 0], "pattern": "CDC"},
            "pattern must have 2 entries",
        ),
        (
            {"name": "x", "type": "fsm", "start": "a", "states": {"a": {"move": "C", "C": "a", "D": "b"}}},
            "unknown state 'b'",
        ),
        (
            {"name": "x", "type": "fsm", "start": "z", "states": {"a": {"move": "C", "C": "a", "D": "a"}}},
            "start: must name one of the states",
        ),
        (
            {"name": "x", "type": "fsm", "start": "a", "states": {"a": {"move": "X", "C": "a", "D": "a"}}},
            'move: must be "C" or "D"',
        ),
    ],
)
def test_bad_declarations_name_the_field(table, problem):
    with pytest.raises(StrategyError) as error:
        from_table(table, "someone", where="bad.toml")
    assert str(error.value).startswith("bad.toml: ")
    assert problem in str(error.value)


def test_invalid_toml_names_the_file(tmp_path):
    path = tmp_path / "oops.toml"
    path.write_text("name = \n")
    with pytest.raises(StrategyError, match="oops.toml: not valid TOML"):
        load_declaration(path)
