# ruff: noqa
# Keeps a module global across matches: it must never see one from another match.
from strategies import plain_strategy

MATCHES = []


@plain_strategy("Globetrotter")
def globetrotter(me, them):
    if not me:
        MATCHES.append(1)
    return "D" if len(MATCHES) > 1 else "C"
