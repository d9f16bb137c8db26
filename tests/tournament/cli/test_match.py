"""``ipd match``: one match, move by move, as strips or JSON."""

from __future__ import annotations

import json

from click.testing import CliRunner

from tests.tournament.cli.test_app import assert_user_error, invoke
from tournament.cli.app import main


def test_match_shows_strips_scores_and_states():
    out = invoke("match", "tft", "alld", "--turns", "10", "--seed", "1").stdout
    assert "Tit For Tat  vs  Defector" in out
    assert "CDDDDDDDDD" in out and "DDDDDDDDDD" in out
    assert "CD 1 (10%)" in out and "DD 9 (90%)" in out
    assert "Defector wins 14 to 9" in out


def test_match_wraps_long_matches_with_running_scores():
    out = invoke("match", "tft", "Cooperator", "--turns", "250").stdout
    assert out.count("turn ") >= 3 and "750" in out and "A draw" in out


def test_match_json():
    data = json.loads(
        invoke("match", "Copycat", "Always Cheat", "-t", "5", "--game", "2,-1,3,0", "--json").stdout
    )
    assert data["moves_a"] == "CDDDD" and data["moves_b"] == "DDDDD"
    assert data["scores"] == [-1.0, 3.0]
    assert data["state_counts"] == {"CC": 0, "CD": 1, "DC": 0, "DD": 4}


def test_match_is_reproducible_with_a_seed():
    args = ["match", "Random", "Random(p=0.7)", "-t", "50", "-n", "0.1", "-s", "9", "--json"]
    assert invoke(*args).stdout == invoke(*args).stdout


def test_match_prob_end():
    data = json.loads(invoke("match", "tft", "alld", "--prob-end", "0.5", "-s", "2", "--json").stdout)
    assert data["turns"] >= 1


def test_match_errors():
    assert_user_error(CliRunner().invoke(main, ["match", "tft", "Defektor"]), "'Defektor'")
    assert_user_error(CliRunner().invoke(main, ["match", "tft", "alld", "--game", "x"]), "payoffs")
    assert_user_error(CliRunner().invoke(main, ["match", "tft", "alld", "-t", "0"]), "--turns")


def test_match_shows_the_character_names_the_class_knows():
    out = invoke("match", "Copycat", "Always Cheat", "--turns", "10", "--game", "2,-1,3,0").stdout
    assert "Copycat (Tit For Tat)  vs  Always Cheat (Defector)" in out
    assert "Always Cheat (Defector) wins 3 to -1" in out
