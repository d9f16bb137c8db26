# ruff: noqa
# Every module that can start a process, each behind a try/except that hides the failure.
import os
from strategies import plain_strategy

TOUCH = "touch __OUTSIDE__/spawned; exec sleep 600"


def quietly(action):
    try:
        action()
    except BaseException:
        pass
    return "C"


@plain_strategy("Posix Spawn")
def posix_spawn(me, them):
    return quietly(lambda: os.posix_spawn("/bin/sh", ["sh", "-c", TOUCH], {}))


@plain_strategy("OS System")
def system(me, them):
    return quietly(lambda: os.system(TOUCH))


@plain_strategy("OS Popen")
def popen(me, them):
    return quietly(lambda: os.popen(TOUCH))


@plain_strategy("Subprocess")
def subprocess_run(me, them):
    import subprocess

    return quietly(lambda: subprocess.Popen(["/bin/sh", "-c", TOUCH]))


@plain_strategy("Spawnv")
def spawnv(me, them):
    return quietly(lambda: os.spawnv(os.P_NOWAIT, "/bin/sh", ["sh", "-c", TOUCH]))


@plain_strategy("Pty Fork")
def pty_fork(me, them):
    import pty

    def run():
        if pty.fork()[0] == 0:
            os.execv("/bin/sh", ["sh", "-c", TOUCH])

    return quietly(run)


@plain_strategy("Multiprocessing")
def multi(me, them):
    import multiprocessing

    return quietly(lambda: multiprocessing.Process(target=os.system, args=(TOUCH,)).start())


@plain_strategy("Asyncio")
def in_asyncio(me, them):
    import asyncio

    return quietly(lambda: asyncio.run(asyncio.create_subprocess_exec("/bin/sh", "-c", TOUCH)))
