# ruff: noqa
from strategies import plain_strategy


@plain_strategy("Raiser")
def raiser(me, them):
    if len(me) == 56:
        return {}["boom"]
    return "C"
