"""Two independent pieces of writing on two cores: one in a forked child, one here.

Writing a results folder is several independent files (the statistics tables, the report,
Parquet copies of the records), each computed from data already in memory. On Linux a
forked child starts in milliseconds with all of it, so :func:`side_by_side` runs one piece
there while this process runs the other, and the whole process ends sooner on a machine with
a second core. Each file is written by exactly one process, so the folder is the same byte
for byte as when the pieces run one after the other (as they do where ``fork`` is missing,
with ``IPD_SIDE_BY_SIDE=0``, or on one core). An error in the child is raised here, as the
same kind of error with the same message, after this process's piece is done.
"""

from __future__ import annotations

import os
import pickle
import threading
import warnings
from collections.abc import Callable

from tournament.parallel import die_with_parent, usable_cores


class ChildFailed(RuntimeError):
    """The child failed with an error that cannot be rebuilt here (its text is the message), or
    died without saying why (killed, or out of memory)."""


def side_by_side(there: Callable[[], object], here: Callable[[], object]) -> None:
    """Run ``there`` in a forked child while ``here`` runs in this process; return when both are
    done, raising the child's error (as its own type when it can be rebuilt) if it failed."""
    if not _forking():
        there()
        here()
        return
    reader, writer = os.pipe()
    parent = os.getpid()
    with warnings.catch_warnings():  # Python 3.12 warns of fork with threads: see _forking
        warnings.simplefilter("ignore", DeprecationWarning)
        child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child, whose exit code and pipe are checked
        os.close(reader)
        _child(there, writer, parent)
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        try:
            here()
            report = pipe.read()
            _, status = os.waitpid(child, 0)
        except BaseException:
            _stop(child)
            raise
    if os.waitstatus_to_exitcode(status) != 0 or report:
        raise _error(report, status)


def _forking() -> bool:
    """Whether to fork: on a platform with ``fork``, more than one core, not switched off, and
    from the main thread. The child runs only the given piece (files from data in memory, no
    console, no locks of other threads: a progress bar's refresh thread is left alone) and
    ends with ``os._exit``; a server's worker thread does not fork at all."""
    if os.environ.get("IPD_SIDE_BY_SIDE") == "0" or not hasattr(os, "fork"):
        return False
    if threading.current_thread() is not threading.main_thread():
        return False
    return usable_cores() > 1


def _child(there: Callable[[], object], writer: int, parent: int) -> None:  # pragma: no cover
    """Run ``there``; on failure send the pickled error (or its text) down the pipe; never return."""
    code = 0
    try:
        die_with_parent(parent)
        there()
    except BaseException as error:  # noqa: BLE001 - every failure is handed to the parent
        code = 1
        try:
            data = pickle.dumps(error)
            pickle.loads(data)  # an error that cannot be rebuilt in the parent goes as its text
        except Exception:  # noqa: BLE001
            data = pickle.dumps(ChildFailed(f"{type(error).__name__}: {error}"))
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(data)
    finally:
        os._exit(code)


def _stop(child: int) -> None:
    """Kill the child and reap it (this process's piece failed or was interrupted)."""
    import signal

    try:
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


def _error(report: bytes, status: int) -> BaseException:
    """The child's error from its pickled report, or why it died."""
    if report:
        try:
            error = pickle.loads(report)
        except Exception:  # noqa: BLE001 - a report that cannot be read still says the child failed
            error = None
        if isinstance(error, BaseException):
            return error
    return ChildFailed(f"the process writing part of the results ended with status {status}")
