"""Results are a contract: every golden case gives exactly the values recorded on main before
the restructure (see ``cases.py``); nothing may change them, not even the last digit."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.golden.cases import CASES
from tests.golden.compare import differences, run_case

DATA = Path(__file__).resolve().parent / "data"


def recorded(name: str, relative: str) -> Path:
    path = DATA / name / relative
    return path if path.exists() else path.with_name(path.name + ".gz")


def assert_unchanged(name: str, tmp_path: Path) -> None:
    produced = run_case(name, tmp_path)
    problems = {
        relative: differences(recorded(name, relative), path)[:5] for relative, path in produced.items()
    }
    assert not {k: v for k, v in problems.items() if v}, problems


@pytest.mark.slow
@pytest.mark.parametrize("name", list(CASES))
def test_golden_case_is_unchanged(name: str, tmp_path: Path) -> None:
    assert_unchanged(name, tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("name", list(CASES))
def test_golden_case_is_unchanged_through_the_compiled_player(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same files when every batch that can be compiled is (``IPD_COMPILED=1``)."""
    monkeypatch.setenv("IPD_COMPILED", "1")
    assert_unchanged(name, tmp_path)


def test_every_case_has_recorded_files() -> None:
    for name, (_, files) in CASES.items():
        for relative in files:
            assert recorded(name, relative).is_file(), (name, relative)


def test_a_change_in_the_last_digit_is_caught(tmp_path: Path) -> None:
    expected = tmp_path / "expected.csv"
    actual = tmp_path / "actual.csv"
    expected.write_text("name,score\nTit For Tat,2.5380000000000003\n")
    actual.write_text("name,score\nTit For Tat,2.538\n")
    assert differences(expected, actual) == [
        "column score row 0: np.float64(2.538) instead of np.float64(2.5380000000000003)"
    ]
    (tmp_path / "a.json").write_text('{"x": [1, 0.1], "timings": 3}')
    (tmp_path / "b.json").write_text('{"x": [1, 0.10000000000000002], "timings": 4}')
    assert differences(tmp_path / "a.json", tmp_path / "b.json") == [
        ".x[1]: 0.10000000000000002 instead of 0.1"
    ]
