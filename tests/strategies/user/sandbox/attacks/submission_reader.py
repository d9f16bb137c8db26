# ruff: noqa
# Lists and reads the other submissions and the folders around them.
import glob
import os
from strategies import plain_strategy

FOLDER = os.path.dirname(__file__)


@plain_strategy("Reader")
def reader(me, them):
    found = ""
    for action in (
        lambda: open(os.path.join(FOLDER, "honest.py")).read(),
        lambda: os.read(os.open(os.path.join(FOLDER, "victim.py"), os.O_RDONLY), 100).decode(),
        lambda: " ".join(os.listdir(FOLDER)),
        lambda: " ".join(glob.glob(FOLDER + "/*.py")),
        lambda: open("/proc/1/cwd/honest.py").read(),
        lambda: " ".join(os.listdir("__OUTSIDE__")),
    ):
        try:
            found += action()
        except BaseException:
            pass
    return "D" if "copycat" in found or "canary" in found else "C"
