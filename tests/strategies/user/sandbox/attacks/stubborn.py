# ruff: noqa
# Swallows the timer's exception and loops forever.
from strategies import plain_strategy


@plain_strategy("Stubborn")
def stubborn(me, them):
    if len(me) == 2:
        while True:
            try:
                while True:
                    pass
            except BaseException:
                pass
    return "C"
