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


PLAY = """
import sys
import tournament.cli.run
from tournament.io.runs import start_run
from tournament.round_robin import run_tournament
from tournament.parallel import local_pool
print("pandas" in sys.modules)
"""


def test_the_play_of_ipd_run_needs_no_pandas():
    """``ipd run`` loads pandas and the statistics while worker processes play (``meanwhile``), so
    nothing the play path imports may load them first."""
    loaded = subprocess.run([sys.executable, "-c", PLAY], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "False"
