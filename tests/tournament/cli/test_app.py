"""The ``ipd`` group: version, help with examples, and the one place that maps user errors.

``invoke`` and ``assert_user_error`` are the helpers the other command line tests use.
"""

from __future__ import annotations

import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

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
