"""The engine's side of one sandbox worker: its pipes, its clock and its pool.

A :class:`WorkerProcess` starts a worker (:func:`strategies.user.sandbox.isolation.launch`)
and talks to it through two pipes (requests in, answers out). Every limit that matters is
enforced here, in the engine's process, where the submission cannot reach it:

- **per call**: a request declares how many calls into the strategy it holds (one per live
  game for a turn). Whenever :meth:`SandboxLimits.watchdog` seconds pass without an answer,
  the worker must have finished at least one more call (a counter it bumps in shared
  memory), else the call is hung: the worker is killed and that game is blamed. Whatever
  the counter says, the whole request may take no more than ``calls * move_seconds * 1.5``
  plus one window, which no honest strategy needs (each of its calls is stopped at
  ``move_seconds``): past that the worker is killed and all its games of the batch fail.
  No code in the worker can extend its time.
- **per match**: the wall-clock and CPU time (read by the kernel, ``/proc``) a worker spends
  on a batch's turns may not exceed ``match_seconds`` per game of the batch.
- **memory**: ``RLIMIT_AS``, set before the submission's code is read; the kernel refuses
  more. Processes and threads are denied by the seccomp filter, so CPU time never runs
  ahead of the wall clock unseen.

A worker that breaks a limit, dies or sends a malformed answer is killed (with its
sandbox) and replaced by the strategy (:class:`~strategies.user.sandbox.parent.SandboxedStrategy`).
"""

from __future__ import annotations

import contextlib
import mmap
import os
import pickle
import signal
import subprocess
import tempfile
import time
import weakref
from multiprocessing.connection import Connection
from typing import Any

from strategies.user.sandbox import isolation
from strategies.user.sandbox.limits import SandboxLimits

BOOT_SECONDS = 60.0
"""Longest time a worker may take to start (Python and numpy load; no submitted code yet)."""
MAX_ANSWER = 2**24
"""Largest answer accepted from a worker, in bytes."""
OVERRUN = 1.5
"""A request of ``calls`` moves may take ``calls * move_seconds * OVERRUN`` seconds plus one
watchdog window; past that the worker is stopped whatever its progress counter says."""
CPU_SLACK = 1.0
"""CPU seconds a batch may use beyond its games' budgets (start-up, replays, rounding)."""


def _shared_counter() -> tuple[int, mmap.mmap]:
    """A 16-byte shared memory file (two counters) and its mapping in this process."""
    if hasattr(os, "memfd_create"):
        fd = os.memfd_create("ipd-sandbox-progress")
    else:
        with tempfile.TemporaryFile() as handle:
            fd = os.dup(handle.fileno())
    os.ftruncate(fd, 16)
    return fd, mmap.mmap(fd, 16)


class WorkerProcess:
    """The parent's handle on one worker: pipes, process, progress counters, clock."""

    def __init__(self, limits: SandboxLimits) -> None:
        self.limits = limits
        request_in, request_out = os.pipe()
        answer_in, answer_out = os.pipe()
        shared, self._map = _shared_counter()
        found = isolation.isolation()
        try:
            self.launched = isolation.launch((request_in, answer_out, shared))
        finally:
            for fd in (request_in, answer_out, shared):
                os.close(fd)
        self.requests = Connection(request_out, readable=False)
        self.answers = Connection(answer_in, writable=False)
        self.progress = memoryview(self._map).cast("q")
        self.progress[0] = -1
        self.problem = ""
        self.blamed = -1
        self.waited = 0.0
        self.overran = False
        self.booted = False
        self._cpu_start = 0.0
        self.finalizer = weakref.finalize(self, _release, self.launched, self.requests, self.answers)
        listable = tuple(os.path.realpath(p) for p in isolation.python_path().split(os.pathsep))
        boot = (limits, isolation.readable_roots(), listable, found.seccomp, found.bwrap is not None)
        self._send(pickle.dumps(boot))

    def _send(self, message: bytes) -> bool:
        """Write one request (False when the worker is gone)."""
        try:
            self.requests.send_bytes(message)
        except OSError:
            return False
        return True

    def request(self, message: bytes, loading: bool = False, calls: int = 1) -> bytes | None:
        """Send one request holding ``calls`` calls into the strategy and wait for the answer;
        None when the worker hung, died or answered too much (see :meth:`collect`)."""
        if not self._send(message):
            return self._lost("died")
        return self.collect(loading, calls)

    def collect(self, loading: bool = False, calls: int = 1) -> bytes | None:
        """Wait for the answer to the request sent last (see the module docstring).

        None when the worker hung, died or answered too much: then ``blamed`` is the game it
        claimed to be playing (-1 if none), ``problem`` says what happened, and the worker
        is stopped.
        """
        if not self.booted:
            if not self.answers.poll(BOOT_SECONDS) or self._receive() != b"ready":
                return self._lost("boot")
            self.booted = True
        limit = self.limits.load_seconds if loading else self.limits.move_seconds
        return self._wait(
            self.limits.watchdog(loading), calls * limit * OVERRUN + self.limits.watchdog(loading)
        )

    def _wait(self, window: float, budget: float) -> bytes | None:
        self.waited, self.overran = window, False
        started = last = time.monotonic()
        seen = self.progress[1]
        while True:
            now = time.monotonic()
            if self.answers.poll(max(0.0, min(window / 4, started + budget - now))):
                return self._receive()
            now = time.monotonic()
            if now >= started + budget:
                self.waited, self.overran = budget, True
                return self._lost("hung")
            if self.progress[1] != seen:
                seen, last = self.progress[1], now
            elif now - last >= window:
                return self._lost("hung")

    def _receive(self) -> bytes | None:
        try:
            return self.answers.recv_bytes(MAX_ANSWER)
        except (EOFError, OSError):
            return self._lost("died")

    def _lost(self, how: str) -> None:
        self.blamed = int(self.progress[0])
        process = self.launched.process
        code = None
        if how != "hung":
            with contextlib.suppress(subprocess.TimeoutExpired):
                code = process.wait(1.0)
        self.stop()
        if how == "hung" and self.overran:
            self.problem = (
                f"took more than {self.waited:.3g} s for one turn of its games (the worker was stopped)"
            )
        elif how == "hung":
            self.problem = f"did not return within {self.waited:g} s (the worker was stopped)"
        elif how == "boot":
            self.problem = f"the sandbox worker did not start (exit code {code})"
        elif code is not None and -code == signal.SIGSYS or code == 128 + signal.SIGSYS:
            self.problem = (
                "tried a forbidden system call (a process, thread, socket or trace) and was stopped"
            )
        elif code is not None and code < 0:
            self.problem = f"crashed the worker (signal {-code})"
        elif code is not None and code > 128:
            self.problem = f"crashed the worker (signal {code - 128})"
        else:
            self.problem = f"ended the worker (exit code {code})"
        return None

    def cpu_seconds(self) -> float:
        """CPU time used by the worker's processes so far, as counted by the kernel (0 where
        ``/proc`` is missing)."""
        total = 0.0
        ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
        for pid in _tree(self.launched.process.pid):
            try:
                with open(f"/proc/{pid}/stat") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            total += (int(fields[11]) + int(fields[12])) / ticks
        return total

    def start_clock(self) -> None:
        """Remember the CPU time at the start of a batch."""
        self._cpu_start = self.cpu_seconds()

    def cpu_since_start(self) -> float:
        """CPU seconds used since :meth:`start_clock`."""
        return self.cpu_seconds() - self._cpu_start

    def stop(self) -> None:
        """Close the pipes and end the process and its sandbox."""
        self.finalizer()

    @property
    def alive(self) -> bool:
        """Whether the process is still running and its pipes open."""
        return self.finalizer.alive and self.launched.process.poll() is None


def _release(launched: isolation.Launched, *connections: Connection) -> None:
    for connection in connections:
        connection.close()
    launched.stop()


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (bubblewrap's child is the worker)."""
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        try:
            with open(f"/proc/{current}/task/{current}/children") as handle:
                queue.extend(int(p) for p in handle.read().split())
        except OSError:
            continue
    return found


class WorkerPool:
    """Idle workers of one strategy, reused from batch to batch; all stopped when dropped."""

    def __init__(self, limits: SandboxLimits) -> None:
        self.limits = limits
        self.idle: list[WorkerProcess] = []
        weakref.finalize(self, _stop_all, self.idle)

    def acquire(self) -> WorkerProcess:
        """An idle worker, or a new one."""
        while self.idle:
            worker = self.idle.pop()
            if worker.alive:
                return worker
            worker.stop()
        return fresh_worker(self.limits)

    def release(self, worker: WorkerProcess) -> None:
        """Give a healthy worker back for the next batch."""
        if worker.alive:
            self.idle.append(worker)
        else:
            worker.stop()

    def close(self) -> None:
        """Stop every idle worker."""
        _stop_all(self.idle)


def _stop_all(workers: list[WorkerProcess]) -> None:
    while workers:
        workers.pop().stop()


SPARES = 2
"""Fresh workers kept started per set of limits, so that a replacement is ready at once."""
_SPARES: dict[SandboxLimits, list[WorkerProcess]] = {}


def fresh_worker(limits: SandboxLimits) -> WorkerProcess:
    """A worker that has run no submitted code yet: a spare one started earlier if there is
    one (then another spare starts booting), else a new one."""
    spares = _SPARES.setdefault(limits, [])
    worker = None
    while spares and worker is None:
        worker = spares.pop(0)
        if not worker.alive:
            worker.stop()
            worker = None
    while len(spares) < SPARES:
        spares.append(WorkerProcess(limits))
    return worker or WorkerProcess(limits)


_SHARED: dict[Any, WorkerPool] = {}
"""Pools of the strategies unpickled in this process (a joblib or dask worker), by strategy:
each task carries a fresh copy of the strategy, the workers outlive it for the next task."""


def shared_pool(key: Any, limits: SandboxLimits) -> WorkerPool:
    """This process's pool for the strategy identified by ``key``."""
    if key not in _SHARED:
        _SHARED[key] = WorkerPool(limits)
    return _SHARED[key]


def stop_shared() -> None:
    """Stop the spare workers and the workers of every shared pool of this process."""
    while _SHARED:
        _SHARED.popitem()[1].close()
    while _SPARES:
        _stop_all(_SPARES.popitem()[1])
