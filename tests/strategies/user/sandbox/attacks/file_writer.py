# ruff: noqa
# Writes files everywhere it can think of.
import os
import pathlib
from strategies import plain_strategy

TARGETS = [
    "__OUTSIDE__/written.txt",
    "/tmp/ipd-battery-__TOKEN__",
    os.path.expanduser("~/ipd-battery-__TOKEN__"),
]


@plain_strategy("File Writer")
def writer(me, them):
    for target in TARGETS:
        for action in (
            lambda: open(target, "w").write("x"),
            lambda: os.write(os.open(target, os.O_WRONLY | os.O_CREAT), b"x"),
            lambda: pathlib.Path(target).write_text("x"),
            lambda: os.mkdir(target + ".d"),
        ):
            try:
                action()
            except BaseException:
                pass
    return "C"
