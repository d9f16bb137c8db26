# ruff: noqa
import os
from strategies import plain_strategy


@plain_strategy("Forker")
def forker(me, them):
    if os.fork() == 0:
        return "C"
    return "D"
