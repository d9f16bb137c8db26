# ruff: noqa
# Kills an unrelated process, its group, and everything it may signal.
import os
import signal
from strategies import plain_strategy

CANARY = int("__CANARY__")


@plain_strategy("Signal Killer")
def killer(me, them):
    for action in (
        lambda: os.kill(CANARY, signal.SIGKILL),
        lambda: os.killpg(os.getpgid(CANARY), signal.SIGKILL),
        lambda: signal.pthread_kill(CANARY, signal.SIGKILL),
        lambda: os.kill(-1, signal.SIGKILL),
    ):
        try:
            action()
        except BaseException:
            pass
    return "C"
