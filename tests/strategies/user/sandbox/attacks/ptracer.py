# ruff: noqa
# Attaches to an unrelated process with ptrace and writes its memory through /proc.
import ctypes
from strategies import plain_strategy

CANARY = int("__CANARY__")


@plain_strategy("Ptracer")
def ptracer(me, them):
    try:
        ctypes.CDLL(None).ptrace(16, CANARY, 0, 0)
    except BaseException:
        pass
    try:
        with open(f"/proc/{CANARY}/mem", "r+b") as memory:
            memory.seek(0x400000)
            memory.write(b"\xcc" * 16)
    except BaseException:
        pass
    return "C"
