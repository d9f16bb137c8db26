"""Starting a sandbox worker process under the operating system's isolation.

Each worker is its own ``python -m strategies.user.sandbox.worker`` process, started with
:func:`launch`. Where bubblewrap (``bwrap``, the sandbox of Flatpak, a Debian/Fedora/Arch
package) can create namespaces, the worker runs inside a fresh set of them:

- its own PID namespace, as PID 1 (``--as-pid-1``): it sees and can signal no other
  process, and everything in it dies with it;
- no network (an empty network namespace), its own IPC and UTS namespaces;
- a file system made of read-only binds of the system libraries, the Python installation
  and the two packages of this project, an empty private ``/tmp`` (in memory, gone when the
  worker ends) holding its working folder, minimal ``/dev`` and ``/proc``: no home folder,
  no submissions folder, no results folder;
- the unprivileged user ``nobody`` in a user namespace, no capabilities, ``no_new_privs``;
- a new session (no terminal to push keys into) and ``--die-with-parent``: the worker is
  killed when the process that started it ends, however it ends.

Inside, the worker loads the system-call filter of :mod:`strategies.user.sandbox.seccomp`
(no processes, threads, sockets, ptrace, pidfds) before it reads any submitted code.

bubblewrap was chosen over nsjail (not packaged by Debian), firejail (setuid root, a larger
attack surface), systemd-run (needs a running systemd) and Landlock (file access only; its
Python bindings are young): it is small, maintained, unprivileged and installed by the
project's CI with ``apt-get install bubblewrap``. Where it is missing or the kernel refuses
it user namespaces, the worker runs as a plain child process with the filter (where
libseccomp exists) and the Python-level guard of :mod:`strategies.user.sandbox.guard`;
:func:`isolation` says which, and :func:`warn_if_degraded` says so once, loudly.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from dataclasses import dataclass
from pathlib import Path

from strategies.user.sandbox import seccomp

WORKER_MODULE = "strategies.user.sandbox.worker"
SYSTEM_DIRS = ("/usr", "/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32")
SYSTEM_FILES = ("/etc/ld.so.cache", "/etc/localtime")
NOBODY = 65534
SANDBOX_HOME = "/tmp/sandbox"
"""The worker's working folder inside bubblewrap (in its private, in-memory /tmp)."""
log = logging.getLogger("strategies.sandbox")


@dataclass(frozen=True)
class Isolation:
    """What isolates the sandbox workers on this machine."""

    bwrap: str | None
    """The bwrap program when it works here, else None."""
    seccomp: bool
    """Whether the system-call filter can be loaded."""
    problem: str = ""
    """Why bubblewrap cannot be used ("" when it can)."""

    @property
    def full(self) -> bool:
        """Namespaces and the filter: the isolation the sandbox is designed for."""
        return self.bwrap is not None and self.seccomp

    def describe(self) -> str:
        """One sentence for people."""
        if self.full:
            return "bubblewrap namespaces and a seccomp filter"
        filtered = "a seccomp filter and " if self.seccomp else ""
        return f"{filtered}Python-level guards only ({self.problem})"


@functools.cache
def isolation() -> Isolation:
    """Probe once per process whether bubblewrap and seccomp work here."""
    filtering = sys.platform.startswith("linux") and seccomp.available()
    program = shutil.which("bwrap")
    if program is None or not sys.platform.startswith("linux"):
        return Isolation(None, filtering, "bubblewrap (bwrap) is not installed")
    try:
        probe = subprocess.run(
            [program, *bwrap_arguments(), "--", "true"],
            capture_output=True,
            text=True,
            timeout=20,
            env={"PATH": "/usr/bin:/bin"},
        )
    except (OSError, subprocess.SubprocessError) as error:
        return Isolation(None, filtering, f"bwrap cannot be started: {error}")
    if probe.returncode != 0:
        reason = (probe.stderr.strip().splitlines() or [f"exit code {probe.returncode}"])[-1]
        return Isolation(None, filtering, f"bwrap does not work here: {reason.removeprefix('bwrap: ')}")
    return Isolation(program, filtering, "" if filtering else "libseccomp is not installed")


@functools.cache
def warn_if_degraded() -> None:
    """Log a warning, once per process, when the workers cannot be fully isolated."""
    found = isolation()
    if not found.full:
        log.warning(
            "WARNING: the sandbox cannot isolate submissions on this machine: %s. "
            "A hostile submission may read your files, use the network or start processes. "
            "On Linux, install bubblewrap (apt-get install bubblewrap) and allow user namespaces.",
            found.describe(),
        )


def readable_roots() -> tuple[str, ...]:
    """Folders the worker needs to read: the Python installation and this project's packages."""
    import strategies
    import tournament

    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, *sysconfig.get_paths().values()}
    paths |= {os.path.dirname(sys.executable)}
    paths |= {str(Path(m.__file__).parent) for m in (strategies, tournament)}
    roots: set[str] = set()
    for path in paths:
        if os.path.isdir(path):
            roots |= {os.path.abspath(path), os.path.realpath(path)}
    outer = sorted(roots, key=len)
    return tuple(r for r in outer if not any(r != o and r.startswith(o.rstrip("/") + "/") for o in outer))


def python_path() -> str:
    """``PYTHONPATH`` that finds this project's packages in the worker."""
    import strategies
    import tournament

    return os.pathsep.join(sorted({str(Path(m.__file__).parent.parent) for m in (strategies, tournament)}))


def bwrap_arguments() -> list[str]:
    """bubblewrap's options: namespaces, the read-only file system, no privileges."""
    args = ["--unshare-all", "--unshare-user", "--uid", str(NOBODY), "--gid", str(NOBODY)]
    args += ["--cap-drop", "ALL", "--die-with-parent", "--new-session", "--as-pid-1"]
    for path in SYSTEM_DIRS:
        if os.path.islink(path):
            args += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            args += ["--ro-bind", path, path]
    for path in SYSTEM_FILES:
        args += ["--ro-bind-try", path, path]
    # /tmp before the project's folders: a checkout or a venv under /tmp is bound over the
    # private /tmp, not hidden by it.
    args += ["--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp", "--dir", SANDBOX_HOME]
    for path in readable_roots():
        if not path.startswith(SYSTEM_DIRS):
            args += ["--ro-bind", os.path.realpath(path), path]
    return [*args, "--chdir", SANDBOX_HOME]


def environment() -> dict[str, str]:
    """The worker's whole environment: single-threaded libraries, a fixed hash seed."""
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": SANDBOX_HOME, "PYTHONPATH": python_path()}
    env |= {"PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1"}
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
        env[name] = "1"
    return env


@dataclass
class Launched:
    """A started worker: the process, and the folder to remove when it ends (fallback only)."""

    process: subprocess.Popen[bytes]
    folder: tempfile.TemporaryDirectory[str] | None = None

    def stop(self) -> None:
        """Kill the process (its sandbox goes with it) and remove its folder."""
        if self.process.poll() is None:
            self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(5)
        if self.folder is not None:
            self.folder.cleanup()
            self.folder = None


def launch(fds: tuple[int, ...]) -> Launched:
    """Start a worker serving on ``fds`` (requests in, answers out, progress), isolated as
    :func:`isolation` allows."""
    found = isolation()
    command = [sys.executable, "-s", "-m", WORKER_MODULE, *map(str, fds)]
    folder = None
    if found.bwrap is not None:
        command = [found.bwrap, *bwrap_arguments(), "--", *command]
        cwd = "/"
    else:
        folder = tempfile.TemporaryDirectory(prefix="ipd-sandbox-")
        cwd = folder.name
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        pass_fds=fds,
        cwd=cwd,
        env=environment(),
        start_new_session=found.bwrap is None,
    )
    return Launched(process, folder)
