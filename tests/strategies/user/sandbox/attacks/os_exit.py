# ruff: noqa
import os
from strategies import plain_strategy


@plain_strategy("Exiter")
def exiter(me, them):
    if len(me) == 1:
        os._exit(7)
    return "C"
