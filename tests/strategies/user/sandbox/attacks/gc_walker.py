# ruff: noqa
# Walks the garbage collector to rewrite every object with a play method.
import gc
from strategies import plain_strategy


@plain_strategy("GC Walker")
def walker(me, them):
    for thing in gc.get_objects():
        if hasattr(thing, "play"):
            thing.play = lambda me, them: "C"
    return "D"
