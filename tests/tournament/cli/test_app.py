"""The ``ipd`` group: version, help with examples, and the one place that maps user errors.

``invoke`` and ``assert_user_error`` are the helpers the other command line tests use.
"""

from __future__ import annotations

import json
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from tournament import __version__
from tournament.cli.app import UserErrorGroup, main
from tournament.errors import ConfigError, UserError


def invoke(*args: str, code: int = 0):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == code, result.output
    return result


def assert_user_error(result, *fragments: str) -> None:
    assert result.exit_code != 0
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert result.stderr.startswith("Error:") or "Error:" in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr


# --- ipd, --version, --help ---


def test_version():
    assert invoke("--version").stdout.strip() == "ipd 0.1.0"


@pytest.mark.parametrize(
    "command",
    [[], ["run"], ["strategies"], ["strategies", "show"], ["match"]]
    + [["evolve"], ["fixation"], ["report"], ["sweep"], ["check"], ["learn"]]
    + [["exact"], ["fingerprint"], ["play"], ["serve"]],
)
def test_help_has_an_example(command):
    out = invoke(*command, "--help").stdout
    assert "Examples:" in out and "ipd " in out.split("Examples:")[1]


# --- errors: one place maps them ---


def test_every_command_is_registered():
    assert set(main.commands) == {
        "run",
        "strategies",
        "match",
        "evolve",
        "fixation",
        "exact",
        "fingerprint",
        "report",
        "sweep",
        "check",
        "learn",
        "play",
        "serve",
    }


def failing_group(error: Exception) -> click.Group:
    @click.group(cls=UserErrorGroup)
    def group() -> None:
        pass

    @group.command()
    def fail() -> None:
        raise error

    return group


@pytest.mark.parametrize("error", [UserError("no such thing"), ConfigError("my.toml: [match] turns: bad")])
def test_a_user_error_is_one_line_and_exit_status_1(error):
    result = CliRunner().invoke(failing_group(error), ["fail"])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {error}\n"
    assert_user_error(result, str(error))


def test_any_other_exception_is_a_bug_and_keeps_its_traceback():
    result = CliRunner().invoke(failing_group(KeyError("oops")), ["fail"])
    assert result.exit_code == 1 and isinstance(result.exception, KeyError)


def test_usage_errors_keep_exit_status_2():
    result = CliRunner().invoke(main, ["run", "--resume", "x", "--out", "y"])
    assert result.exit_code == 2
    assert "Usage: " in result.stderr and "give only one of --resume and --out" in result.stderr


def test_help_loads_no_heavy_module():
    code = (
        "import sys\n"
        "from tournament.cli.app import main\n"
        "heavy = ('pandas', 'numpy', 'matplotlib', 'rich', 'pyarrow', 'strategies')\n"
        "print(','.join(m for m in heavy if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == ""


# --- the console script's quick exit ---

QUICK_EXIT = """
import atexit, sys, threading, time
marker = sys.argv[1]
atexit.register(lambda: open(marker, "a").write("exit handler ran\\n"))
if sys.argv[2] == "thread":  # a non-daemon thread still running: the normal exit waits for it
    threading.Thread(target=lambda: (time.sleep(0.3), open(marker, "a").write("thread done\\n"))).start()
sys.argv = ["ipd", *sys.argv[3:]]
from tournament.cli.app import run
run()
print("not reached")
"""


def _console(tmp_path, *args: str, thread: bool = False) -> tuple[subprocess.CompletedProcess, str]:
    marker = tmp_path / "marker.txt"
    done = subprocess.run(
        [sys.executable, "-c", QUICK_EXIT, str(marker), "thread" if thread else "-", *args],
        capture_output=True,
        text=True,
    )
    return done, marker.read_text() if marker.exists() else ""


@pytest.mark.parametrize("thread", [False, True])
def test_the_console_script_exits_with_the_commands_status_after_the_exit_handlers(tmp_path, thread):
    done, marker = _console(tmp_path, "--version", thread=thread)
    assert (done.returncode, done.stdout.strip()) == (0, f"ipd {__version__}")
    assert "exit handler ran" in marker and ("thread done" in marker) == thread

    done, marker = _console(tmp_path, "run", "--players", "Tit For Tat,Nope", "-q")
    assert done.returncode == 1 and done.stderr.startswith("Error: --players: unknown strategy 'Nope'")
    assert "not reached" not in done.stdout

    done, _ = _console(tmp_path, "run", "--workers", "0")
    assert done.returncode == 2 and "Usage:" in done.stderr


def test_the_console_script_writes_a_whole_run_before_it_exits(tmp_path):
    done, marker = _console(
        tmp_path,
        "run",
        "--players",
        "Tit For Tat,Defector",
        "--turns",
        "5",
        "-q",
        "--out",
        str(tmp_path / "run"),
    )
    assert done.returncode == 0 and done.stdout.strip() == str(tmp_path / "run")
    assert (tmp_path / "run" / "summary.json").is_file() and (tmp_path / "run" / "report.html").is_file()
    assert len(json.loads((tmp_path / "run" / "manifest.json").read_text())["players"]) == 2
    assert "exit handler ran" in marker
