"""Import stays cheap: no axelrod, plotting, scipy or numba (the compiled player) at import time, nor
when every built-in is built (time: bench/bench_import.py)."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys
import tournament, strategies
from strategies.registry import strategy_classes
strategy_classes()
for cls in strategy_classes():
    cls()
heavy = ("axelrod", "matplotlib", "scipy", "dask", "torch", "numba")
print(",".join(sorted(m for m in heavy if m in sys.modules)))
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


QUIET_RUN = """
import sys
from tournament.cli.app import main
sys.argv = ["ipd", "run", "--players", "Tit For Tat,Defector", "--turns", "5", "--out", sys.argv[1], "-q"]
try:
    main()
except SystemExit:
    pass
print(any(name.split(".")[0] == "rich" for name in sys.modules))
"""


def test_a_quiet_run_that_has_nothing_to_say_does_not_load_rich(tmp_path):
    """``ipd run -q`` prints only the results folder: no console to build (rich is for the
    progress bar, the leaderboard and warnings)."""
    out = subprocess.run(
        [sys.executable, "-c", QUIET_RUN, str(tmp_path / "run")], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "False"
    assert (tmp_path / "run" / "summary.json").is_file()  # the run itself succeeded


COMPILED = """
import sys
import tournament.core.compiled_play
print("scipy.linalg" in sys.modules)
"""


def test_the_compiled_player_loads_without_scipy_linalg():
    """numba would import all of scipy.linalg (0.2 s) to look for a BLAS that no step uses."""
    loaded = subprocess.run(
        [sys.executable, "-c", COMPILED], capture_output=True, text=True, check=True
    ).stdout
    assert loaded.strip() == "False"
