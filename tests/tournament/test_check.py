"""ipd check, ipd run --strategies and the classroom config."""

from __future__ import annotations

import json

from click.testing import CliRunner

from strategies.user.sandbox.parent import SandboxLimits
from tournament.check import check_path
from tournament.cli.app import main
from tournament.io.config import load_config, parse_config_text

FILES = {
    "good.py": """
from strategies import plain_strategy

@plain_strategy("Copycat")
def copycat(me, them):
    return them[-1] if them else "C"
""",
    "syntax.py": "def broken(:\n",
    "late.py": """
from strategies import plain_strategy

@plain_strategy("Late Bug")
def late(me, them):
    if len(me) == 9:
        raise RuntimeError("oops")
    return "C"
""",
    "wrong.py": """
from strategies import plain_strategy

@plain_strategy("Lowercase")
def lower(me, them):
    return "c"
""",
    "slow.py": """
import time
from strategies import plain_strategy

@plain_strategy("Slow")
def slow(me, them):
    if len(me) == 2:
        time.sleep(0.3)
    return "C"
""",
    "liar.py": """
import time
from strategies import plain_strategy

@plain_strategy("Liar")
def liar(me, them):
    return "CD"[hash(str(time.perf_counter_ns())) % 2]
""",
}


def test_check_reports_exactly_what_is_wrong(tmp_path):
    for name, text in FILES.items():
        (tmp_path / name).write_text(text)
    checks = {c.file: c for c in check_path(tmp_path, limits=SandboxLimits(move_seconds=0.1), turns=20)}
    assert checks["good.py"].ok and checks["good.py"].seconds_per_move < 0.01
    assert checks["syntax.py"].problems[0].startswith("syntax error on line 1")
    assert checks["late.py"].problems == [
        "raised RuntimeError: oops on turn 10 (line 7) (against Cooperator, Defector, Tit For Tat, Random, itself)"
    ]
    assert "returned 'c' on turn 1; expected 'C' or 'D'" in checks["wrong.py"].problems[0]
    assert "took more than 0.1 s on turn 3" in checks["slow.py"].problems[0]
    assert "claims to be deterministic but played differently" in checks["liar.py"].problems[0]
    assert not any(checks[f].ok for f in FILES if f != "good.py")


def test_check_command_table_json_and_exit_status(tmp_path):
    (tmp_path / "good.py").write_text(FILES["good.py"])
    runner = CliRunner()
    result = runner.invoke(main, ["check", str(tmp_path / "good.py"), "--json", "--turns", "10"])
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.output)
    assert row["strategy"] == "good/Copycat" and row["ok"]
    (tmp_path / "wrong.py").write_text(FILES["wrong.py"])
    result = runner.invoke(main, ["check", str(tmp_path), "--turns", "10"])
    assert result.exit_code == 1
    assert "expected 'C' or 'D'" in result.output and "2 checked, 1 with problems" in result.output


def test_config_submissions_are_relative_to_the_config_and_problems_are_kept(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "good.py").write_text(FILES["good.py"])
    (folder / "syntax.py").write_text(FILES["syntax.py"])
    config = tmp_path / "c.toml"
    config.write_text(
        '[match]\nturns = 5\n[players]\nstrategies = ["axelrod:Grudger", "tft"]\nsubmissions = "class"\n'
        "trusted = true\n"
    )
    run = load_config(config)
    assert [p.label for p in run.spec.players] == ["axelrod:Grudger", "Tit For Tat", "good/Copycat"]
    assert run.trusted and run.submitted == ("good/Copycat",)
    assert len(run.problems) == 1 and "syntax.py: syntax error on line 1" in run.problems[0]


def test_config_sandbox_section_is_checked():
    text = '[match]\nturns = 5\n[players]\nstrategies = ["tft"]\nsubmissions = "."\n[sandbox]\non_failure = "x"\n'
    try:
        parse_config_text(text)
    except ValueError as error:
        assert "[sandbox] on_failure: must be one of 'forfeit', 'cooperate'" in str(error)
    else:
        raise AssertionError("expected a ConfigError")


def test_run_with_strategies_folder_names_the_failures(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "good.py").write_text(FILES["good.py"])
    (folder / "wrong.py").write_text(FILES["wrong.py"])
    (folder / "syntax.py").write_text(FILES["syntax.py"])
    result = CliRunner().invoke(
        main,
        [
            "run",
            "--players",
            "tft,Defector",
            "--strategies",
            str(folder),
            "--turns",
            "10",
            "--seed",
            "1",
            "--out",
            str(tmp_path / "out"),
            "--no-report",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert [p["name"] for p in summary["players"]][-1] == "wrong/Lowercase"
    assert "syntax error on line 1" in summary["left_out"][0]
    (failure,) = summary["failures"]
    assert failure["player"] == "wrong/Lowercase" and failure["forfeits"] == 4 * 5


def test_the_leaderboard_names_forfeits_and_hides_a_forfeiter_s_cooperation(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "good.py").write_text(FILES["good.py"])
    (folder / "wrong.py").write_text(FILES["wrong.py"])
    arguments = ["run", "--players", "tft,Defector", "--strategies", str(folder), "--turns", "10"]
    arguments += ["--seed", "1", "--repetitions", "2", "--out", str(tmp_path / "out"), "--no-report"]
    result = CliRunner().invoke(main, arguments, terminal_width=200)
    assert result.exit_code == 0, result.output
    rows = {line.split("│")[2].strip(): line for line in result.output.splitlines() if line.count("│") > 8}
    wrong = [cell.strip() for cell in rows["wrong/Lowercase"].split("│")]
    assert wrong[6:9] == ["-", "-", "6/6"]
    good = [cell.strip() for cell in rows["good/Copycat"].split("│")]
    assert good[6].endswith("%") and "†" not in good[6] and good[8] == ""
    assert "Forfeits: matches lost by forfeit" in result.output


def test_classroom_config_runs_and_shows_the_broken_submission(tmp_path):
    result = CliRunner().invoke(
        main,
        [
            "run",
            "configs/classroom.toml",
            "--repetitions",
            "1",
            "--turns",
            "20",
            "--out",
            str(tmp_path / "o"),
            "--no-report",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Strategy failures" in result.output
    assert "Dave/Echo" in result.output and "IndexError" in result.output
    for name in ("Carol/Grim", "Alice/Copycat", "Evolved FSM 16", "Second by Tester"):
        assert name in result.output


def test_strategies_source_axelrod_lists_names():
    result = CliRunner().invoke(main, ["strategies", "--source", "axelrod", "--json"])
    rows = json.loads(result.output)
    assert len(rows) > 200
    assert {"name": "Evolved FSM 16", "use_as": "axelrod:Evolved FSM 16", "builtin_twin": True} in rows
