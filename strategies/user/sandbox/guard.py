"""The worker's own confinement: resource limits and a Python audit hook.

This is the inner layer of the sandbox. The operating system's isolation
(:mod:`strategies.user.sandbox.isolation`, :mod:`strategies.user.sandbox.seccomp`) is what
contains a hostile strategy; the audit hook turns the common attempts (opening a file
outside the Python installation, forking, running a command, a socket, walking the garbage
collector, loading native code) into a readable :class:`SandboxViolation` raised in the
strategy and remembered by :class:`Guard`, so the attempt is reported even when the strategy
catches the exception. Where the operating system offers no isolation, it is the only layer
(a determined submission can get around it: see the README).
"""

from __future__ import annotations

import os
import resource
import signal
import sys
from typing import Any

BLOCKED_EVENTS = {
    "os.fork": "forking",
    "os.forkpty": "forking",
    "os.system": "running commands",
    "os.exec": "running programs",
    "os.posix_spawn": "running programs",
    "os.spawn": "running programs",
    "subprocess.Popen": "running programs",
    "_thread.start_new_thread": "starting threads",
    "os.kill": "sending signals",
    "os.killpg": "sending signals",
    "socket.__new__": "network access",
    "socket.connect": "network access",
    "socket.bind": "network access",
    "socket.sendto": "network access",
    "socket.getaddrinfo": "network access",
    "os.remove": "changing files",
    "os.rename": "changing files",
    "os.rmdir": "changing files",
    "os.mkdir": "changing files",
    "os.chmod": "changing files",
    "os.chown": "changing files",
    "os.truncate": "changing files",
    "os.symlink": "changing files",
    "os.link": "changing files",
    "os.chdir": "changing directory",
    "os.putenv": "changing the environment",
    "gc.get_objects": "walking the garbage collector",
    "gc.get_referrers": "walking the garbage collector",
    "gc.get_referents": "walking the garbage collector",
    "ctypes.dlopen": "loading native code",
    "ctypes.dlsym": "loading native code",
    "ctypes.cdata": "raw memory access",
    "sys._current_frames": "inspecting the worker",
    "sys.settrace": "inspecting the worker",
    "sys.setprofile": "inspecting the worker",
}
"""Audit events a strategy may not raise, and the activity they stand for."""

WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


class SandboxViolation(PermissionError):
    """Raised inside the worker when a strategy tries something the sandbox forbids."""


class Guard:
    """The audit hook's memory: the first forbidden attempt since :meth:`clear`."""

    def __init__(self) -> None:
        self.violation: str | None = None
        self.own_file = ""
        """The submission's own path: Python may read it to quote a line in an error."""

    def clear(self) -> None:
        """Forget earlier attempts (before each call into a strategy)."""
        self.violation = None

    def refuse(self, message: str) -> None:
        """Remember ``message`` and raise it into the strategy."""
        if self.violation is None:
            self.violation = message
        raise SandboxViolation(message)


def confine(memory_mb: int, roots: tuple[str, ...], home: str, listable: tuple[str, ...] = ()) -> Guard:
    """Limit this process before any submitted code runs; return the hook's :class:`Guard`.

    No core files, no file content written (``RLIMIT_FSIZE`` 0), ``memory_mb`` of address
    space beyond the current size (``RLIMIT_AS``), standard streams to /dev/null, and the
    audit hook. The hook lets the strategy read inside ``roots`` and ``home`` and list those
    and the folders of ``listable`` (the import path). The hard limits cannot be raised again
    by this process.
    """
    os.chdir(home)
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the worker
    sys.dont_write_bytecode = True
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    baseline = _address_space()
    if baseline:
        cap = baseline + memory_mb * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    allowed = (*roots, os.path.realpath(home), os.devnull)
    guard = Guard()
    pid = os.getpid()

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if os.getpid() != pid:
            os._exit(0)
        if event in BLOCKED_EVENTS:
            guard.refuse(f"{event} is not allowed in the sandbox ({BLOCKED_EVENTS[event]})")
        if event == "open":
            path, mode, flags = args
            writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
                isinstance(flags, int) and flags & WRITE_FLAGS
            )
            if writing:
                guard.refuse(f"writing {path!r} is not allowed in the sandbox")
            if (
                isinstance(path, (str, bytes))
                and not _inside(path, allowed)
                and os.fsdecode(path) != guard.own_file
            ):
                guard.refuse(f"reading {path!r} is not allowed in the sandbox")
        elif (
            event in ("os.listdir", "os.scandir")
            and args
            and not _inside(args[0] or ".", allowed)
            and os.path.realpath(os.fsdecode(args[0] or ".")) not in listable
        ):
            guard.refuse(f"listing {args[0]!r} is not allowed in the sandbox")

    sys.addaudithook(hook)
    return guard


def die_with_parent() -> None:
    """Ask the kernel to kill this process when its parent ends (Linux; bubblewrap's
    ``--die-with-parent`` does the same for sandboxed workers)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    if os.getppid() == 1:
        os._exit(0)


def _inside(path: Any, roots: tuple[str, ...]) -> bool:
    if isinstance(path, int):
        return True
    real = os.path.realpath(os.fsdecode(path))
    return any(real == root or real.startswith(root.rstrip("/") + "/") for root in roots)


def _address_space() -> int:
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[0]) * resource.getpagesize()
    except OSError:
        return 0
