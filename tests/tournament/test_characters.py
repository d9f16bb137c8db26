"""The character layer: names follow the strategy, results never change."""

from __future__ import annotations

import pytest

from strategies.registry import create
from tournament.characters import CHARACTERS, character_of, display_name, short_name


@pytest.mark.parametrize("character", CHARACTERS, ids=lambda c: c.name)
def test_each_character_is_the_strategy_its_alias_names(character) -> None:
    assert create(character.name).label.split("(")[0] == character.strategy.split("(")[0]
    assert character_of(create(character.name).label) is character


def test_display_names_under_each_naming() -> None:
    assert display_name("Tit For Tat", "trust") == "Copycat (Tit For Tat)"
    assert display_name("Grudger", "trust") == "Grudger"
    assert display_name("Random(p=0.5)", "trust") == "Random"
    assert display_name("Tit For Tat") == "Tit For Tat"
    assert display_name("Alice/Copycat", "trust") == "Alice/Copycat"
    assert short_name("Win-Stay Lose-Shift", "trust") == "Simpleton"
    with pytest.raises(ValueError, match="naming"):
        display_name("Tit For Tat", "klingon")


def test_the_leaderboard_shows_characters_when_the_config_asks(tmp_path) -> None:
    from click.testing import CliRunner

    from tournament.cli.app import main

    args = ["run", "--players", "Copycat,Always Cheat,Grudger", "--turns", "10", "--seed", "1", "--no-report"]
    plain = CliRunner().invoke(main, [*args, "--out", str(tmp_path / "a")], terminal_width=200)
    named = CliRunner().invoke(
        main, [*args, "--names", "trust", "--out", str(tmp_path / "b")], terminal_width=200
    )
    assert plain.exit_code == 0 and named.exit_code == 0, named.output
    assert "Copycat (Tit For Tat)" in named.output and "Always Cheat (Defector)" in named.output
    assert "Copycat" not in plain.output
    assert (tmp_path / "a" / "players.csv").read_text() == (tmp_path / "b" / "players.csv").read_text()
    assert 'names = "trust"' in (tmp_path / "b" / "config.toml").read_text()
