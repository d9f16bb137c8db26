# ruff: noqa
import time
from strategies import plain_strategy


@plain_strategy("Sleeper")
def sleeper(me, them):
    if len(me) == 3:
        time.sleep(10**6)
    return "C"
