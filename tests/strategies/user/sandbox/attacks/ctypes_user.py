# ruff: noqa
# Calls libc through ctypes: fork, then write raw memory.
import ctypes
from strategies import plain_strategy


@plain_strategy("Ctypes")
def ctypes_user(me, them):
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.fork()
    except BaseException:
        pass
    try:
        ctypes.memset(id(me), 0, 64)
    except BaseException:
        pass
    return "C"
