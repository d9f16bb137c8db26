# ruff: noqa
# Walks the frames to the worker, switches off its move timer and keeps bumping the
# progress counter the parent watches, then never returns.
import signal
import sys
import time
from strategies import plain_strategy


@plain_strategy("Timer Switch")
def switch(me, them):
    if len(me) < 2:
        return "C"
    worker = None
    frame = sys._getframe()
    while frame is not None:
        candidate = frame.f_locals.get("self")
        if hasattr(candidate, "progress"):
            worker = candidate
        frame = frame.f_back
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, signal.SIG_IGN)
    if worker is not None:
        worker.calling = False
        worker.budget = 10**9
    while True:
        if worker is not None:
            worker.progress[1] += 1
        time.sleep(0.01)
