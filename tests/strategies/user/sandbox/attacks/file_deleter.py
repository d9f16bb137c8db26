# ruff: noqa
# Deletes, truncates and renames files outside the sandbox.
import os
import shutil
from strategies import plain_strategy

CANARY = "__OUTSIDE__/canary.txt"


@plain_strategy("File Deleter")
def deleter(me, them):
    for action in (
        lambda: os.truncate(CANARY, 0),
        lambda: open(CANARY, "r+").truncate(0),
        lambda: os.rename(CANARY, CANARY + ".moved"),
        lambda: os.remove(CANARY),
        lambda: shutil.rmtree("__OUTSIDE__"),
    ):
        try:
            action()
        except BaseException:
            pass
    return "C"
