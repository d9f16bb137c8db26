# ruff: noqa
# Walks the call stack and breaks every object that looks like part of the engine.
import sys
from strategies import plain_strategy


@plain_strategy("Meddler")
def meddler(me, them):
    frame = sys._getframe()
    while frame is not None:
        for value in list(frame.f_locals.values()):
            for name in ("opp_hist", "hist", "_games", "strategy", "play", "games", "answers"):
                if hasattr(value, name):
                    try:
                        setattr(value, name, None)
                    except Exception:
                        pass
        frame = frame.f_back
    return "D"
