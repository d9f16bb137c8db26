# ruff: noqa
# Recursion past Python's limit, and past the C stack.
import sys
from strategies import plain_strategy


def deeper(n):
    return deeper(n + 1) + 1


@plain_strategy("Recursion")
def recursion(me, them):
    deeper(0)
    return "C"


@plain_strategy("Stack Smasher")
def smasher(me, them):
    sys.setrecursionlimit(10**8)
    deeper(0)
    return "C"
