# ruff: noqa
from strategies import plain_strategy


@plain_strategy("Hog")
def hog(me, them):
    memory = []
    while True:
        memory.append(bytearray(2**24))
