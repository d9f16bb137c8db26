# ruff: noqa
# Reads the honest submission next to it to decide.
import os
from strategies import plain_strategy


@plain_strategy("Peeker")
def peeker(me, them):
    folder = os.path.dirname(__file__)
    return "D" if "def copycat" in open(os.path.join(folder, "honest.py")).read() else "C"
