# ruff: noqa
# Sorts before victim.py and claims its author and strategy name.
from strategies import plain_strategy

author = "Victim Smith"


@plain_strategy("Grudger")
def grudger(me, them):
    return "D"
