"""A fixed match length kept from the players (``hide_length``), from every front door.

Strategies that plan for the last turns (they read the length) cannot: they play as they
would under a random length, exactly as axelrod's players do when a match tells them the
length is unknown (``match_attributes={"length": -1}``).
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from strategies.registry import create, strategy_classes
from tests.oracle import axelrod, axelrod_player
from tournament import MatchSettings, TournamentSpec, play_match, run_tournament
from tournament.cli.app import main
from tournament.io.config import load_config, parse_config_text, to_toml

LENGTH_USERS = sorted(
    cls.name for cls in strategy_classes() if "length" in cls.classifier.makes_use_of and not cls.params
)


def test_the_setting_hides_only_a_fixed_length():
    assert MatchSettings(turns=50).known_length == 50
    assert MatchSettings(turns=50, hide_length=True).known_length is None
    with pytest.raises(ValueError, match="hide_length must be true or false, got 'yes'"):
        MatchSettings(turns=50, hide_length="yes")


def test_backstabber_cannot_stab_a_hidden_end():
    told = play_match("BackStabber", "Cooperator", turns=12)
    hidden = play_match("BackStabber", "Cooperator", turns=12, hide_length=True)
    assert told.moves_a == "C" * 10 + "DD"
    assert hidden.moves_a == "C" * 12


@pytest.mark.parametrize("name", LENGTH_USERS)
def test_every_length_user_plays_as_in_axelrod_with_the_length_hidden(name):
    axl = axelrod()
    for opponent in ("Alternator", "Tit For Tat"):
        a, b = create(name), create(opponent)
        match = axl.Match(
            (axelrod_player(a), axelrod_player(b)), turns=40, seed=3, match_attributes={"length": -1}
        )
        match.play()
        expected = "".join(str(x) for x, _ in match.result)
        if a.stochastic:
            continue
        assert play_match(a, b, turns=40, seed=3, hide_length=True).moves_a == expected


def test_config_command_line_and_records_carry_it(tmp_path):
    text = '[match]\nturns = 20\nhide_length = true\n[players]\nstrategies = ["BackStabber", "Cooperator"]\n'
    config = parse_config_text(text)
    assert config.spec.settings.hide_length is True
    assert "hide_length = true" in to_toml(config)
    assert parse_config_text(to_toml(config)).spec == config.spec
    flipped = load_config(None, {"strategies": "BackStabber,Cooperator", "hide_length": True})
    assert flipped.spec.settings.known_length is None
    out = tmp_path / "run"
    done = CliRunner().invoke(
        main,
        [
            "run",
            "-p",
            "BackStabber,Cooperator",
            "-t",
            "20",
            "--hide-length",
            "--seed",
            "1",
            "-o",
            str(out),
            "--json",
        ],
    )
    assert done.exit_code == 0, done.output
    assert '"hide_length": true' in done.output
    summary = json.loads((out / "summary.json").read_text())
    assert summary["tournament"]["hide_length"] is True
    assert summary["backward_induction_defection"] is False
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["settings"]["hide_length"] is True


def test_a_tournament_with_the_length_hidden_has_no_last_turn_defections():
    spec = TournamentSpec.build(["BackStabber", "Cooperator", "Tit For Tat"], turns=30, hide_length=True)
    matches = run_tournament(spec).matches
    assert (matches.query("name_a == 'BackStabber' and not self_play")["coop_a"] == 30).all()
    shown = CliRunner().invoke(
        main, ["match", "BackStabber", "Cooperator", "-t", "12", "--hide-length", "--json"]
    )
    assert shown.exit_code == 0, shown.output
    assert '"moves_a": "CCCCCCCCCCCC"' in shown.output
