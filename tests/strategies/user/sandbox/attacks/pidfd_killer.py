# ruff: noqa
# Kills an unrelated process through a pidfd (no audit event for either call).
import os
import signal
from strategies import plain_strategy

CANARY = int("__CANARY__")


@plain_strategy("Pidfd Killer")
def pidfd(me, them):
    try:
        signal.pidfd_send_signal(os.pidfd_open(CANARY), signal.SIGKILL)
    except BaseException:
        pass
    return "C"
