"""Config files: every field is checked, and each bad input gets one readable message."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tournament.errors import ConfigError
from tournament.io.config import load_config, parse_config_text, to_toml, writable_problem
from tournament.settings import Game

GOOD = """\
[tournament]
name = "Test"
seed = 1
repetitions = 2

[match]
turns = 10
noise = 0.0

[game]
R = 3
S = 0
T = 5
P = 1

[players]
strategies = ["Tit For Tat", "Defector", "Random(p=0.3)"]

[output]
folder = "out"
"""


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def write(tmp_path: Path, text: str, name: str = "cfg.toml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def edit(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new)


def error_of(tmp_path: Path, text: str, **overrides) -> str:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path, overrides)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_good_config_resolves_to_a_spec(tmp_path):
    config = load_config(write(tmp_path, GOOD))
    spec = config.spec
    assert [p.label for p in spec.players] == ["Tit For Tat", "Defector", "Random(p=0.3)"]
    assert (spec.name, spec.seed, spec.repetitions) == ("Test", 1, 2)
    assert spec.settings.turns == 10 and spec.settings.prob_end is None
    assert spec.settings.game == Game(3, 0, 5, 1)
    assert config.output.folder == Path("out")
    assert config.output.formats == ("parquet", "csv")
    assert not config.seed_drawn
    assert config.slug == "cfg"


def test_defaults_for_optional_fields(tmp_path):
    config = load_config(
        write(tmp_path, '[match]\nturns = 5\n[players]\nstrategies = ["tft"]\n', "my run.toml")
    )
    assert config.spec.name == "my run"
    assert config.slug == "my-run"
    assert config.spec.repetitions == 1
    assert config.spec.settings.noise == 0
    assert config.spec.settings.game == Game()
    assert config.output.folder == Path("results")
    assert config.output.interactions is False
    assert config.seed_drawn and 0 <= config.spec.seed < 2**32


def test_counts_and_all_with_exclude(tmp_path):
    text = edit(
        '["Tit For Tat", "Defector", "Random(p=0.3)"]', '["tft", { name = "Random(p=0.3)", count = 3 }]'
    )
    assert [p.label for p in load_config(write(tmp_path, text)).spec.players] == [
        "Tit For Tat",
        *["Random(p=0.3)"] * 3,
    ]
    text = edit('["Tit For Tat", "Defector", "Random(p=0.3)"]', '"all"\nexclude = ["Copycat"]')
    from strategies.registry import strategy_classes

    names = [p.name for p in load_config(write(tmp_path, text)).spec.players]
    assert "Tit For Tat" not in names
    assert len(names) == len([c for c in strategy_classes() if not getattr(c, "learns", False)]) - 1


def test_overrides_replace_fields(tmp_path):
    path = write(tmp_path, edit("turns = 10", "prob_end = 0.1"))
    config = load_config(
        path,
        {"turns": 7, "strategies": "Grudger, Random(p=0.2)", "seed": 9, "game": "2,-1,3,0", "noise": 0.1},
    )
    assert config.spec.settings.turns == 7 and config.spec.settings.prob_end is None
    assert [p.label for p in config.spec.players] == ["Grudger", "Random(p=0.2)"]
    assert config.spec.seed == 9
    assert config.spec.settings.game == Game(2, -1, 3, 0)
    assert config.spec.settings.noise == 0.1
    assert load_config(path, {"prob_end": 0.5}).spec.settings.prob_end == 0.5


def test_default_tournament_without_a_file():
    config = load_config(None)
    assert config.spec.name == "default"
    assert config.spec.settings.turns == 200
    assert len(config.spec.players) == 8
    config = load_config(None, {"strategies": "tft,alld"})
    assert config.spec.name == "tournament"
    assert [p.name for p in config.spec.players] == ["Tit For Tat", "Defector"]


def test_resolved_toml_round_trips(tmp_path):
    text = edit(
        '["Tit For Tat", "Defector", "Random(p=0.3)"]', '["tft", { name = "Random(p=0.3)", count = 2 }]'
    )
    config = load_config(write(tmp_path, text), {"interactions": True})
    again = parse_config_text(to_toml(config))
    assert again.spec == config.spec
    assert again.output == config.output
    assert '{ name = "Random(p=0.3)", count = 2 }' in to_toml(config)


# --- each bad input: one message naming the file, the field and the problem ---


def test_malformed_toml_names_the_line(tmp_path):
    message = error_of(tmp_path, edit("turns = 10", "turns = = 10"))
    assert "cfg.toml" in message and "not valid TOML" in message
    assert "line 7" in message


def test_unknown_key_suggests_the_right_one(tmp_path):
    message = error_of(tmp_path, edit("turns = 10", "trns = 10"))
    assert "cfg.toml" in message and "[match]" in message
    assert "unknown key 'trns'" in message and "did you mean 'turns'?" in message


def test_unknown_section_suggests_the_right_one(tmp_path):
    message = error_of(tmp_path, edit("[match]", "[matches]"))
    assert "unknown section [matches]" in message and "did you mean [match]?" in message


def test_section_of_another_command_names_it(tmp_path):
    message = error_of(tmp_path, GOOD + '[evolution]\ndynamics = "moran"\n')
    assert "unknown section [evolution]; this is a config for `ipd evolve`" in message


def test_key_in_the_wrong_section_says_where_it_belongs(tmp_path):
    message = error_of(tmp_path, edit("seed = 1", "seed = 1\nnoise = 0.1"))
    assert "[tournament]: unknown key 'noise'" in message and "belongs in the [match] section" in message


def test_unknown_strategy_suggests_close_names(tmp_path):
    message = error_of(tmp_path, edit('"Tit For Tat"', '"Tit For Tatt"'))
    assert "cfg.toml: [players] strategies:" in message
    assert "unknown strategy 'Tit For Tatt'" in message and "'Tit For Tat'" in message


def test_several_unknown_strategies_in_one_message(tmp_path):
    message = error_of(tmp_path, edit('"Tit For Tat", "Defector"', '"Tit For Tatt", "Defektor"'))
    assert "'Tit For Tatt'" in message and "'Defektor'" in message


def test_bad_parameter_value(tmp_path):
    message = error_of(tmp_path, edit("Random(p=0.3)", "Random(p=2)"))
    assert "[players] strategies" in message and "'Random(p=2)'" in message and "p=2" in message


def test_unknown_parameter_name(tmp_path):
    message = error_of(tmp_path, edit("Random(p=0.3)", "Random(q=0.3)"))
    assert "'Random(q=0.3)'" in message and "no parameter 'q'" in message


@pytest.mark.parametrize("value", ["0", "-3", "2.5", '"200"', "true"])
def test_turns_must_be_a_positive_integer(tmp_path, value):
    message = error_of(tmp_path, edit("turns = 10", f"turns = {value}"))
    assert "cfg.toml: [match] turns: must be a whole number >= 1" in message


@pytest.mark.parametrize("value", ["1.5", "-0.1", '"half"'])
def test_prob_end_outside_0_1(tmp_path, value):
    message = error_of(tmp_path, edit("turns = 10", f"prob_end = {value}"))
    assert "[match] prob_end: must be a number above 0 and at most 1" in message


def test_prob_end_zero_never_ends(tmp_path):
    message = error_of(tmp_path, edit("turns = 10", "prob_end = 0"))
    assert "[match] prob_end: must be a number above 0" in message and "never end" in message


@pytest.mark.parametrize("value", ["1.01", "-0.5", "nan"])
def test_noise_outside_0_1(tmp_path, value):
    message = error_of(tmp_path, edit("noise = 0.0", f"noise = {value}"))
    assert "cfg.toml: [match] noise:" in message and "from 0 to 1" in message


def test_both_turns_and_prob_end(tmp_path):
    config = load_config(write(tmp_path, edit("turns = 10", "turns = 10\nprob_end = 0.1")))
    settings = config.spec.settings
    assert (settings.turns, settings.prob_end, settings.known_length) == (10, 0.1, None)
    assert "turns = 10" in to_toml(config) and "prob_end = 0.1" in to_toml(config)
    only_turns = load_config(write(tmp_path, edit("turns = 10", "turns = 10\nprob_end = 0.1")), {"turns": 7})
    assert (only_turns.spec.settings.turns, only_turns.spec.settings.prob_end) == (7, None)


def test_neither_turns_nor_prob_end(tmp_path):
    message = error_of(tmp_path, edit("turns = 10", ""))
    assert "[match]: give turns (a fixed length), prob_end" in message


def test_payoffs_that_are_not_numbers(tmp_path):
    message = error_of(tmp_path, edit("R = 3", 'R = "three"'))
    assert "cfg.toml: [game] R: must be a number, got 'three'" in message


def test_missing_payoff(tmp_path):
    message = error_of(tmp_path, edit("P = 1", ""))
    assert "[game]: give all four payoffs" in message and "missing P" in message


def test_game_option_that_is_not_numbers(tmp_path):
    message = error_of(tmp_path, GOOD, game="3,0,five,1")
    assert message.startswith("--game:") and "four numbers" in message


def test_empty_player_list(tmp_path):
    message = error_of(tmp_path, edit('["Tit For Tat", "Defector", "Random(p=0.3)"]', "[]"))
    assert "cfg.toml: [players] strategies: the list is empty" in message


def test_missing_players(tmp_path):
    message = error_of(tmp_path, GOOD.split("[players]")[0])
    assert "[players] strategies: missing" in message


def test_bad_count(tmp_path):
    message = error_of(tmp_path, edit('"Defector"', '{ name = "Defector", count = 0 }'))
    assert "count of 'Defector' must be a whole number >= 1" in message


def test_exclude_without_all(tmp_path):
    message = error_of(tmp_path, edit('"Random(p=0.3)"]', '"Random(p=0.3)"]\nexclude = ["tft"]'))
    assert '[players] exclude: only works with strategies = "all"' in message


def test_bad_player_override_names_the_option(tmp_path):
    message = error_of(tmp_path, GOOD, strategies="tft,Grudgr")
    assert message.startswith("--players:") and "'Grudger'" in message


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("repetitions = 2", "repetitions = 0", "[tournament] repetitions"),
        ("seed = 1", "seed = -1", "[tournament] seed"),
        ('name = "Test"', "name = 3", "[tournament] name"),
        ('folder = "out"', 'folder = "out"\ninteractions = "yes"', "[output] interactions"),
        ('folder = "out"', 'folder = "out"\nformats = ["xlsx"]', "[output] formats"),
    ],
)
def test_other_bad_fields(tmp_path, old, new, field):
    assert f"cfg.toml: {field}:" in error_of(tmp_path, edit(old, new))


def test_output_folder_that_is_a_file(tmp_path):
    (tmp_path / "taken").write_text("not a folder")
    message = error_of(tmp_path, edit('folder = "out"', 'folder = "taken"'))
    assert "cfg.toml: [output] folder:" in message and "not a folder" in message


def test_output_folder_under_a_file(tmp_path):
    (tmp_path / "taken").write_text("not a folder")
    message = error_of(tmp_path, edit('folder = "out"', 'folder = "taken/results"'))
    assert "[output] folder: cannot create taken/results" in message and "is a file" in message


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs file permissions (not root)")
def test_output_folder_without_permission(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        message = error_of(tmp_path, edit('folder = "out"', 'folder = "locked/results"'))
    finally:
        locked.chmod(0o700)
    assert "[output] folder:" in message and "permission" in message


def test_output_folder_without_permission_any_user(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    message = error_of(tmp_path, GOOD)
    assert re.search(r"\[output\] folder: cannot create out: no permission to write into", message)


def test_out_must_not_clobber_other_files(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.tex").write_text("precious")
    message = error_of(tmp_path, GOOD, out=tmp_path / "mine")
    assert message.startswith("--out:") and "not empty" in message
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "manifest.json").write_text("{}")
    assert load_config(write(tmp_path, GOOD), {"out": tmp_path / "old"}).output.run_folder == tmp_path / "old"


def test_writable_problem_accepts_new_nested_folders(tmp_path):
    assert writable_problem(tmp_path / "a" / "b" / "c") is None
    assert writable_problem(tmp_path / "a" / "b", run_folder=True) is None


def test_missing_config_file(tmp_path):
    with pytest.raises(ConfigError, match="no such config file"):
        load_config(tmp_path / "nope.toml")


def test_readme_example_config_is_valid(tmp_path):
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text()
    block = re.search(r"```toml\n(\[tournament\].*?)```", readme, re.S)
    assert block is not None
    config = load_config(write(tmp_path, block.group(1)))
    assert [p.label for p in config.spec.players] == [
        "Tit For Tat",
        "Tit For 2 Tats",
        "Random(p=0.3)",
        "Grudger",
        "Grudger",
        "Grudger",
    ]
    assert (config.spec.seed, config.spec.settings.noise) == (42, 0.05)


def test_reveal_opponent_is_off_unless_the_config_says_so(tmp_path):
    assert load_config(write(tmp_path, GOOD)).spec.settings.reveal_opponent is False
    config = load_config(write(tmp_path, edit("noise = 0.0", "noise = 0.0\nreveal_opponent = true")))
    assert config.spec.settings.reveal_opponent is True
    replayed = load_config(write(tmp_path, to_toml(config), "replay.toml"))
    assert replayed.spec.settings == config.spec.settings
    message = error_of(tmp_path, edit("noise = 0.0", 'noise = 0.0\nreveal_opponent = "yes"'))
    assert "cfg.toml: [match] reveal_opponent: must be true or false, got 'yes'" in message
