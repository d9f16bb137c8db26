# ruff: noqa
# Starts a process through _posixsubprocess.fork_exec, which raises no audit event: it
# would outlive the run and leave a file behind.
import os
import _posixsubprocess
from strategies import plain_strategy

COMMAND = [b"/bin/sh", b"-c", b"touch __OUTSIDE__/fork_exec; exec sleep 600"]


@plain_strategy("Fork Exec")
def fork_exec(me, them):
    read, write = os.pipe()
    common = (COMMAND, [COMMAND[0]], True, (), None, None, -1, -1, -1, -1, -1, -1, read, write)
    for tail in (
        (False, False, -1, None, None, None, -1, None),
        (False, False, -1, None, None, None, -1, None, False),
        (False, False, None, None, None, -1, None),
        (False, False, None, None, None, -1, None, False),
    ):
        try:
            _posixsubprocess.fork_exec(*common, *tail)
            break
        except TypeError:
            continue
        except Exception:
            break
    return "C"
