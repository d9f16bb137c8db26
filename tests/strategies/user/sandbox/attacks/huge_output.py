# ruff: noqa
# Floods standard output and error, then answers with a huge string.
import os
import sys
from strategies import plain_strategy


@plain_strategy("Shouter")
def shouter(me, them):
    block = "x" * 2**20
    for _ in range(8):
        print(block)
        sys.stderr.write(block)
        try:
            os.write(1, block.encode())
        except BaseException:
            pass
    return "C" * 10**7
