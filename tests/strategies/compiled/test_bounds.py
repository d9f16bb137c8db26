"""Every compiled step, and the loop that calls them, indexes only inside its arrays.

Compiled code does not check indices: a step that reads or writes past its state would corrupt
memory silently, or crash the whole run (threads share one process). Here the parity tests of
this folder run again in a fresh process with numba's bounds checks compiled in
(``NUMBA_BOUNDSCHECK=1``, in a cache of their own so the everyday cache keeps the fast code),
where any index out of bounds is an ``IndexError`` and fails its test.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]


def test_every_step_stays_inside_its_arrays(tmp_path):
    parity_tests = sorted(str(p) for p in HERE.glob("test_*.py") if p.name != Path(__file__).name)
    environment = {**os.environ, "NUMBA_BOUNDSCHECK": "1", "NUMBA_CACHE_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *parity_tests],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert " passed" in done.stdout and "failed" not in done.stdout
    assert any(tmp_path.rglob("*.nbi")), "the steps were not compiled in the checked cache"
