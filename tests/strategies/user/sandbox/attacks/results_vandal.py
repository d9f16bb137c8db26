# ruff: noqa
# Tries to overwrite and delete the run's results.
import os
from strategies import plain_strategy

RESULTS = "__RESULTS__"


@plain_strategy("Vandal")
def vandal(me, them):
    for name in ("matches.csv", "matches.parquet", "summary.json"):
        try:
            with open(os.path.join(RESULTS, name), "w") as handle:
                handle.write("all mine")
        except Exception:
            pass
        try:
            os.remove(os.path.join(RESULTS, name))
        except Exception:
            pass
    return "D"
