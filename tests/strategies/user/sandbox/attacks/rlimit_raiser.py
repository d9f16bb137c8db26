# ruff: noqa
# Lifts its memory limit, then allocates a gigabyte.
import resource
from strategies import plain_strategy


@plain_strategy("Limit Lifter")
def lifter(me, them):
    for limit in (resource.RLIMIT_AS, resource.RLIMIT_DATA):
        try:
            resource.setrlimit(limit, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
        except BaseException:
            pass
    block = bytearray(2**30)
    return "C" if block else "D"
