# ruff: noqa
import sys
from strategies import plain_strategy


@plain_strategy("Quitter")
def quitter(me, them):
    sys.exit(0)
