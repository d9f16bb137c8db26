"""Import stays cheap: no axelrod, plotting or scipy at import time (time: bench/bench_import.py)."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys
import tournament, strategies
from strategies.registry import strategy_classes
strategy_classes()
print(",".join(sorted(m for m in ("axelrod", "matplotlib", "scipy", "dask", "torch") if m in sys.modules)))
"""


def test_import_and_registry_load_no_heavy_modules():
    heavy = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, check=True).stdout
    assert heavy.strip() == ""
