# ruff: noqa
# Starts threads that keep running after the move returns.
import _thread
import threading
from strategies import plain_strategy


def spin():
    while True:
        pass


@plain_strategy("Threader")
def threader(me, them):
    try:
        threading.Thread(target=spin, daemon=True).start()
    except BaseException:
        pass
    try:
        _thread.start_new_thread(spin, ())
    except BaseException:
        pass
    return "C"
