"""Run a golden case and compare what it writes with the recorded files."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd

from tests.golden.cases import CASES

ROOT = Path(__file__).resolve().parents[2]
VOLATILE = {"folder", "timings", "wall_seconds", "created"}
"""JSON keys whose values change from run to run (paths and clocks)."""


def ipd_command() -> list[str]:
    """The installed ``ipd`` entry point beside this Python."""
    return [str(Path(sys.executable).with_name("ipd"))]


def run_case(name: str, tmp: Path) -> dict[str, Path]:
    """Run case ``name`` with its output in ``tmp``; return relative name -> produced file."""
    args, files = CASES[name]
    out = tmp / "out"
    command = [*ipd_command(), *(a.replace("{out}", str(out)) for a in args)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise AssertionError(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    produced = {}
    for relative in files:
        if relative == "stdout.json":
            path = tmp / "stdout.json"
            path.write_text(done.stdout)
        else:
            path = out / relative
        produced[relative] = path
    return produced


def read_table(path: Path) -> pd.DataFrame:
    if path.suffix == ".parquet":
        return pd.read_parquet(path)
    return pd.read_csv(path, keep_default_na=False, na_values=[""], dtype_backend="numpy_nullable")


def table_differences(expected: Path, actual: Path) -> list[str]:
    """Where two tables differ: columns of ``expected`` missing or with other values, rows."""
    want, got = read_table(expected), read_table(actual)
    problems = []
    if len(want) != len(got):
        return [f"{len(got)} rows instead of {len(want)}"]
    for column in want.columns:
        if column not in got.columns:
            problems.append(f"column {column} is missing")
            continue
        a, b = want[column], got[column]
        same = (a.isna() & b.isna()) | (a == b).fillna(False)
        if not bool(same.all()):
            first = int((~same).to_numpy().nonzero()[0][0])
            problems.append(f"column {column} row {first}: {b.iloc[first]!r} instead of {a.iloc[first]!r}")
    return problems


def json_differences(expected: Any, actual: Any, where: str = "") -> list[str]:
    """Recursive comparison on the expected keys (volatile keys skipped); floats exactly."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{where}: {type(actual).__name__} instead of an object"]
        out = []
        for key, value in expected.items():
            if key in VOLATILE:
                continue
            if key not in actual:
                out.append(f"{where}.{key} is missing")
            else:
                out.extend(json_differences(value, actual[key], f"{where}.{key}"))
        return out
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return [f"{where}: {actual!r} instead of {expected!r}"]
        return [
            d
            for k, (e, a) in enumerate(zip(expected, actual))
            for d in json_differences(e, a, f"{where}[{k}]")
        ]
    if (
        isinstance(expected, float)
        and isinstance(actual, float)
        and math.isnan(expected)
        and math.isnan(actual)
    ):
        return []
    if (
        expected != actual
        or type(expected) is not type(actual)
        and not (isinstance(expected, (int, float)) and isinstance(actual, (int, float)))
    ):
        return [f"{where}: {actual!r} instead of {expected!r}"]
    return []


def differences(expected: Path, actual: Path) -> list[str]:
    """What differs between a recorded file and a produced one."""
    if expected.suffix == ".json":
        return json_differences(json.loads(expected.read_text()), json.loads(actual.read_text()))
    return table_differences(expected, actual)
