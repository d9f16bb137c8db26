"""Where a tournament is played: batch sizes from memory, local worker processes that die with
their parent, and the dask cluster's lifecycle.

:func:`batch_cells` sizes the engine's batches by the memory the batches in play may take (not
by the steps of a progress bar): as few batches as fit, at least one per worker. :func:`local_pool`
starts the worker processes of ``--workers`` (forked on Linux, so they start at once with
everything already imported) and makes each one die when its parent does, even after
``kill -9``. :func:`dask_cluster` connects to a dask.distributed scheduler (or starts a local
cluster) for as long as a block runs, so that ``run_tournament(..., backend="dask")`` finds
the active client.
"""

from __future__ import annotations

import math
import os
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tournament.errors import UserError
from tournament.settings import MatchSettings

PLAY_BYTES = 768 * 2**20
"""Memory the batches in play at one time may take together: one batch in a serial run, one
per worker with ``workers`` (each still given :data:`BATCH_BYTES`). Every batch pays the
strategies' per-turn calls again, so a serial run plays the built-ins' 10,000-turn round robin
in one batch (0.65 GB) rather than two or three, at the cost per game-turn of 200 turns."""
BATCH_BYTES = 384 * 2**20
"""Memory one engine batch may take while it plays, however many workers share
:data:`PLAY_BYTES` (so that many workers, or a cluster's threads, do not cut batches small)."""
CELL_BYTES = 2
"""Bytes per seat-turn of a batch: its two move histories of one byte (2.1 measured in the
peak RSS of the built-ins' round robin at 1,000 to 10,000 turns); a turn's temporaries are
per seat."""
SEAT_BYTES = 600
"""Bytes per seat of a batch, whatever its length: the kernels' per-game state, the turn's
temporaries and the batch's records (350-400 measured at 200 turns: the headroom keeps 200-turn
batches where they were)."""
SHORT_TURNS = 200
"""The match length the tests and the default sizes refer to."""


def max_cells(turns: float = SHORT_TURNS, workers: int = 1) -> int:
    """Seat-turns of one batch, among ``workers`` played at once, for games of ``turns`` turns:
    long games hold little per seat-turn beyond their histories, short ones mostly per-seat
    state."""
    budget = max(BATCH_BYTES, PLAY_BYTES // max(1, workers))
    return int(budget / (CELL_BYTES + SEAT_BYTES / max(turns, 1)))


MAX_BATCH_CELLS = max_cells()
MIN_BATCH_CELLS = 2**20
"""Below this many seat-turns a batch costs more in per-turn calls than it saves in memory."""


START_METHOD = "fork" if sys.platform.startswith("linux") else "spawn"
"""How worker processes start: forked on Linux (no import, no pickling), spawned elsewhere."""


class ClusterError(UserError):
    """A dask cluster that cannot be used: dask.distributed missing, or the scheduler out of reach."""


class WorkerDied(UserError):
    """A worker process ended without finishing its batch (killed, or out of memory)."""


AUTO_WORKERS = 4
"""At most this many worker processes when the number is left to the machine: each plays a
batch of up to :data:`BATCH_BYTES`, and every batch pays the strategies' per-turn calls again."""


def auto_workers() -> int:
    """Worker processes for a run that does not say: one per core this process may use, up to
    :data:`AUTO_WORKERS`, where workers are forked (a spawned worker imports everything again,
    which costs more than it saves in most runs: one process there). A plan of a single batch
    is played here whatever this says."""
    if START_METHOD != "fork":
        return 1
    return max(1, min(usable_cores(), AUTO_WORKERS))


def usable_cores() -> int:
    """The cores this process may run on (its affinity where the platform says, else all)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def turns_per_game(settings: MatchSettings) -> float:
    """Turns of one game: its fixed length, or the expected length 1 / prob_end."""
    return settings.turns if settings.turns is not None else 1 / settings.prob_end


def batch_cells(total_cells: int, workers: int = 1, turns: float = SHORT_TURNS) -> int:
    """Seat-turns per batch for a plan of ``total_cells`` in games of ``turns`` turns (on
    average): as few batches as fit in the memory budget (:func:`max_cells`), and a multiple of
    ``workers`` of them so that every worker gets as much to play (results never depend on it)."""
    workers = max(1, workers)
    n_batches = max(1, math.ceil(total_cells / max_cells(turns, workers)))
    n_batches = math.ceil(n_batches / workers) * workers
    return max(MIN_BATCH_CELLS, math.ceil(total_cells / n_batches))


def memory_bytes() -> int:
    """Memory this process may use: the machine's, or its control group's limit when lower."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        total = 8 * 2**30
    for path in ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"):
        try:
            with open(path) as handle:
                text = handle.read().strip()
        except OSError:
            continue
        if text.isdigit():
            total = min(total, int(text))
    return total


class LocalPool:
    """``workers`` processes that play batches (see :func:`local_pool`), each given ``context``
    once at its start (:func:`worker_context`), and one shared number per worker: how much of
    its current batch it has played (:func:`share_done`), so that the parent can show progress
    from inside the batches."""

    def __init__(self, workers: int, context: object = None) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        method = multiprocessing.get_context(START_METHOD)
        if START_METHOD != "fork":  # a spawned worker gets the context pickled, run-time classes too
            import cloudpickle

            context = _Pickled(cloudpickle.dumps(context))
        self.shares = method.RawArray("d", workers)
        self.slots = method.Value("i", 0)
        self.stopping = method.RawValue("b", 0)
        self.executor = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=method,
            initializer=_start_worker,
            initargs=(os.getpid(), self.shares, self.slots, context, self.stopping),
        )

    @property
    def under_way(self) -> float:
        """The sum of what every worker reported of the batch it is playing."""
        return float(sum(self.shares))

    def stop(self) -> None:
        """Stop soon: pending batches are cancelled and running ones give up at their next
        progress report (:func:`share_done`), so that the workers end cleanly; one still busy
        after :data:`STOP_SECONDS` is killed. (A worker killed while it sends a finished batch
        leaves half a message in the result pipe, and the pool's thread then blocks this
        process's exit for ever.) The workers are watched through their sentinels and reaped
        by the pool's own thread: two threads reaping one process can both see it still alive."""
        from multiprocessing.connection import wait

        self.stopping.value = 1
        busy = {p.sentinel: p for p in (getattr(self.executor, "_processes", None) or {}).values()}
        manager = getattr(self.executor, "_executor_manager_thread", None)
        self.executor.shutdown(wait=False, cancel_futures=True)
        deadline = time.monotonic() + STOP_SECONDS
        while busy and (left := deadline - time.monotonic()) > 0:
            for sentinel in wait(list(busy), timeout=left):
                del busy[sentinel]
        for process in busy.values():  # not yet ended, so not yet reaped: its pid is its own
            process.kill()
        if manager is not None:
            manager.join(timeout=STOP_SECONDS)


def local_pool(workers: int, context: object = None) -> LocalPool:
    """``workers`` processes that play batches: forked where the platform allows it (they start
    in milliseconds with every module already imported, and share ``context`` without pickling
    it), spawned elsewhere. Each one dies with this process, however it ends
    (:func:`die_with_parent`)."""
    return LocalPool(workers, context)


class _Pickled(bytes):
    """A worker context pickled by cloudpickle for a spawned worker."""


STOP_SECONDS = 5.0
"""How long a stopped pool waits for a busy worker to give up before killing it."""


class PoolStopped(Exception):
    """Raised in a worker at its next progress report once its pool is stopped."""


_worker: tuple[Any, int, object, Any] | None = None
"""In a worker process of a :class:`LocalPool`: its shared progress array, its index there, its
context and the pool's shared stop flag."""


def worker_context() -> object:
    """In a pool worker: the ``context`` its pool was made with (None elsewhere)."""
    return _worker[2] if _worker is not None else None


def share_done(value: float) -> None:
    """In a pool worker: tell the parent how much of the current batch is played (nothing
    elsewhere)."""
    if _worker is not None:
        shares, index, _, stopping = _worker
        if stopping.value:
            raise PoolStopped("the pool was stopped")
        shares[index] = value


def _start_worker(parent: int, shares: Any, slots: Any, context: object, stopping: Any) -> None:
    global _worker
    # A forked child may inherit a stream lock held by another thread of the parent (a progress
    # bar redrawing): give it streams of its own.
    sys.stdout = open(1, "w", closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", closefd=False)  # noqa: SIM115
    die_with_parent(parent)
    if isinstance(context, _Pickled):
        import pickle

        context = pickle.loads(context)
    with slots.get_lock():
        _worker = (shares, slots.value, context, stopping)
        slots.value += 1


def die_with_parent(parent: int) -> None:
    """End this process as soon as process ``parent`` ends, however it ends (``kill -9``
    included): the kernel's parent-death signal on Linux, a watchdog thread elsewhere."""
    if not _parent_death_signal():
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:
        os._exit(1)


def _parent_death_signal() -> bool:
    """Ask Linux to kill this process when its parent ends; False where that cannot be done."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        return libc.prctl(pr_set_pdeathsig, int(signal.SIGKILL), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


@contextmanager
def dask_cluster(address: str | None, workers: int) -> Iterator[int | None]:
    """Connect to the dask scheduler at ``address`` (or start a local cluster of ``workers``
    processes for "local") while the block runs; yield its number of worker threads, or None
    without ``address``. Raises :class:`ClusterError` when that cannot be done."""
    if address is None:
        yield None
        return
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError("--dask needs dask.distributed: pip install 'ipd-tournament[dask]'") from None
    if address == "local":
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None)
        with cluster, Client(cluster) as client:
            yield sum(client.nthreads().values())
        return
    try:
        client = Client(address, timeout="10s")
    except (OSError, TimeoutError, ValueError) as error:
        raise ClusterError(f"cannot reach the dask scheduler at {address}: {error}") from None
    with client:
        yield sum(client.nthreads().values())
