"""Two pieces of writing side by side: the child's files, its errors and its end are the parent's."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from tournament.cli.app import main as cli
from tournament.io import side_by_side as module
from tournament.io.side_by_side import ChildFailed, side_by_side

FORKS = hasattr(os, "fork") and len(os.sched_getaffinity(0)) > 1
needs_fork = pytest.mark.skipif(not FORKS, reason="needs fork and a second core")


def write_pid(path: Path) -> None:
    path.write_text(str(os.getpid()))


@pytest.fixture
def children(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The pids of the children side_by_side forks."""
    forked: list[int] = []
    real = module.os.fork

    def fork() -> int:
        pid = real()
        if pid:
            forked.append(pid)
        return pid

    monkeypatch.setattr(module.os, "fork", fork)
    return forked


def reaped(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@needs_fork
def test_the_first_piece_runs_in_a_child_and_both_are_done_on_return(tmp_path: Path) -> None:
    side_by_side(lambda: write_pid(tmp_path / "there"), lambda: write_pid(tmp_path / "here"))
    assert (tmp_path / "here").read_text() == str(os.getpid())
    assert (tmp_path / "there").read_text() not in ("", str(os.getpid()))


def test_switched_off_both_pieces_run_here_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IPD_SIDE_BY_SIDE", "0")
    order: list[str] = []
    side_by_side(lambda: order.append("there"), lambda: order.append("here"))
    assert order == ["there", "here"]


def test_a_thread_other_than_the_main_one_does_not_fork(tmp_path: Path) -> None:
    thread = threading.Thread(
        target=side_by_side,
        args=(lambda: write_pid(tmp_path / "there"), lambda: write_pid(tmp_path / "here")),
    )
    thread.start()
    thread.join()
    assert (tmp_path / "there").read_text() == str(os.getpid())


@needs_fork
def test_the_childs_error_is_raised_here_with_its_type_and_message_after_this_piece(
    tmp_path: Path, children: list[int]
) -> None:
    def fail() -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left on device"):
        side_by_side(fail, lambda: write_pid(tmp_path / "here"))
    assert (tmp_path / "here").is_file()
    assert len(children) == 1 and reaped(children[0])


@needs_fork
def test_an_error_that_does_not_pickle_comes_back_as_its_text() -> None:
    class Local(Exception):
        pass

    with pytest.raises(ChildFailed, match="Local: unpicklable"):
        side_by_side(lambda: (_ for _ in ()).throw(Local("unpicklable")), lambda: None)


@needs_fork
def test_a_child_killed_without_a_word_is_reported() -> None:
    with pytest.raises(ChildFailed, match="status"):
        side_by_side(lambda: os.kill(os.getpid(), signal.SIGKILL), lambda: None)


@needs_fork
def test_when_this_piece_fails_the_child_is_stopped_and_reaped(tmp_path: Path, children: list[int]) -> None:
    def slow() -> None:
        import time

        time.sleep(30)
        write_pid(tmp_path / "there")

    def fail() -> None:
        raise ValueError("here failed")

    with pytest.raises(ValueError, match="here failed"):
        side_by_side(slow, fail)
    assert len(children) == 1 and reaped(children[0])
    assert not (tmp_path / "there").exists()


@needs_fork
def test_a_run_folder_is_the_same_byte_for_byte_with_and_without_a_second_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, children: list[int]
) -> None:
    forks = children
    args = [
        "run",
        "--players",
        "tft,Grudger,Random,Alternator,Defector",
        "--noise",
        "0.05",
        "--seed",
        "3",
        "-q",
    ]
    assert CliRunner().invoke(cli, [*args, "--out", str(tmp_path / "forked")]).exit_code == 0
    assert len(forks) == 2  # record tables beside the extras, statistics beside the page
    monkeypatch.setenv("IPD_SIDE_BY_SIDE", "0")
    assert CliRunner().invoke(cli, [*args, "--out", str(tmp_path / "serial")]).exit_code == 0
    assert len(forks) == 2
    forked = sorted(
        p.relative_to(tmp_path / "forked") for p in (tmp_path / "forked").rglob("*") if p.is_file()
    )
    serial = sorted(
        p.relative_to(tmp_path / "serial") for p in (tmp_path / "serial").rglob("*") if p.is_file()
    )
    assert forked == serial
    for relative in forked:
        if relative.name not in ("manifest.json", "report.html", "config.toml"):
            assert (tmp_path / "forked" / relative).read_bytes() == (
                tmp_path / "serial" / relative
            ).read_bytes(), relative


class NeedsTwo(Exception):
    """An error that pickles but cannot be rebuilt from its args."""

    def __init__(self, what: str, where: str) -> None:
        super().__init__(f"{what} at {where}")


@needs_fork
def test_an_error_that_cannot_be_rebuilt_comes_back_with_its_text() -> None:
    """Its own type where pickle can rebuild it (tblib, loaded by dask, rebuilds any exception),
    else a ChildFailed with its text: never a bare exit status."""

    def fail() -> None:
        raise NeedsTwo("disk gone", "statistics/")

    with pytest.raises((ChildFailed, NeedsTwo), match="disk gone at statistics/"):
        side_by_side(fail, lambda: None)
