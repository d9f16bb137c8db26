"""Loading a folder of submitted files: unique modules, authors, per-file errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from strategies import StrategyError
from strategies.user.submissions import LabelClash, load_folder
from tournament import TournamentSpec, play_match, run_tournament

COPYCAT = """
from strategies import plain_strategy

@plain_strategy("Copycat")
def copycat(me, them):
    return them[-1] if them else "C"
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text)
    return path


def test_two_students_strategy_py_do_not_collide(tmp_path):
    write(tmp_path / "alice", "strategy.py", COPYCAT + "\nMOOD = 'C'\n")
    write(tmp_path / "bob", "strategy.py", COPYCAT.replace('"C"', '"D"') + "\nMOOD = 'D'\n")
    alice = load_folder(tmp_path / "alice", trusted=True)[0]
    bob = load_folder(tmp_path / "bob", trusted=True)[0]
    assert play_match(alice.players[0], "Defector", turns=3).moves_a == "CDD"
    assert play_match(bob.players[0], "Cooperator", turns=3).moves_a == "DCC"
    assert type(alice.players[0]).__module__ != type(bob.players[0]).__module__


def test_authors_labels_and_several_strategies_per_file(tmp_path):
    write(
        tmp_path,
        "ann.py",
        COPYCAT
        + """
from strategies import PlainStrategy
author = "Ann Smith"

class Moody(PlainStrategy):
    name = "Moody"
    def play(self, me, them):
        return "D" if them.count("D") >= 2 else "C"
""",
    )
    write(tmp_path, "zed.py", COPYCAT)
    reports = load_folder(tmp_path, trusted=True)
    assert [r.author for r in reports] == ["Ann Smith", "zed"]
    assert [p.label for p in reports[0].players] == ["Ann Smith/Copycat", "Ann Smith/Moody"]
    assert [p.label for p in reports[1].players] == ["zed/Copycat"]
    assert play_match(reports[0].players[1], "Alternator", turns=6).moves_a == "CCCCDD"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("def f(:\n    pass\n", "syntax error on line 1"),
        ("import no_such_module_xyz\n", "cannot import: No module named 'no_such_module_xyz' (line 1)"),
        ("x = 1\ny = 1 / 0\n", "raised ZeroDivisionError at import (line 2): division by zero"),
        ("x = 1\n", "defines no strategy"),
        ("import sys\nsys.exit(2)\n", "raised SystemExit at import (line 2)"),
    ],
)
def test_errors_are_collected_per_file_not_raised(tmp_path, text, problem):
    write(tmp_path, "a_broken.py", text)
    write(tmp_path, "b_fine.py", COPYCAT)
    broken, fine = load_folder(tmp_path, trusted=True)
    assert problem in broken.error
    assert not broken.players
    assert fine.ok and fine.players[0].label == "b_fine/Copycat"


@pytest.mark.parametrize("trusted", [True, False])
def test_a_file_claiming_another_author_takes_nobodys_place(tmp_path, trusted):
    write(tmp_path, "alice.py", COPYCAT + "\nauthor = 'Alice'\n")
    write(tmp_path, "a_squatter.py", COPYCAT.replace('"C"', '"D"') + "\nauthor = 'alice'\n")
    write(tmp_path, "bob.py", COPYCAT + "\nauthor = 'Bob'\n")
    squatter, alice, bob = load_folder(tmp_path, trusted=trusted)
    assert squatter.ok and alice.ok and bob.ok
    assert [p.label for p in squatter.players] == ["a_squatter.py/Copycat"]
    assert [p.label for p in alice.players] == ["alice.py/Copycat"]
    assert [p.label for p in bob.players] == ["Bob/Copycat"]
    assert play_match(alice.players[0], "Defector", turns=3).moves_a == "CDD"
    assert play_match(squatter.players[0], "Cooperator", turns=3).moves_a == "DCC"


def test_a_label_still_shared_is_an_error_naming_both_files(tmp_path):
    write(tmp_path, "one.py", COPYCAT.replace('"Copycat"', '"x/Copycat"') + "\nauthor = 'team'\n")
    write(tmp_path, "two.py", COPYCAT + "\nauthor = 'team/x'\n")
    with pytest.raises(
        LabelClash, match=r"one.py and two.py both define a strategy labelled 'team/x/Copycat'"
    ):
        load_folder(tmp_path, trusted=True)


def test_trusted_sys_exit_is_a_reported_failure(tmp_path):
    write(
        tmp_path,
        "quit.py",
        "import sys\nfrom strategies import plain_strategy\n\n"
        "@plain_strategy('Quitter')\ndef quitter(me, them):\n    sys.exit(0)\n",
    )
    (player,) = load_folder(tmp_path, trusted=True)[0].players
    matches = run_tournament(TournamentSpec.build([player, "Cooperator"], turns=5, seed=1)).matches
    row = matches[matches.name_b == "Cooperator"].iloc[0]
    assert row.forfeit_a and row.failure_a == "called sys.exit(0) on turn 1"


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(StrategyError, match="no such folder"):
        load_folder(tmp_path / "nope")


def test_hidden_and_other_files_are_ignored(tmp_path):
    write(tmp_path, "_helper.py", "raise RuntimeError")
    write(tmp_path, "notes.txt", "hello")
    write(tmp_path, "c.py", COPYCAT)
    assert [r.path.name for r in load_folder(tmp_path, trusted=True)] == ["c.py"]
