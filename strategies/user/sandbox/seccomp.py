"""The sandbox worker's system-call filter, built with libseccomp (the library behind the
filters of systemd, Docker, Flatpak and bubblewrap), loaded through ctypes.

:func:`install` loads a filter into the calling process that kills it (``SIGSYS``) at the
first attempt to create a process or a thread, run a program, trace or signal another
process through a pidfd, open a socket, or reach a kernel surface a strategy has no use for
(namespaces, mounts, BPF, io_uring, keys, modules). The kernel enforces the filter and it
cannot be removed; it also sets ``no_new_privs``. System calls of another ABI (32-bit or
x32 calls on a 64-bit kernel) kill the process too (libseccomp's default for a foreign
architecture). Killing rather than failing the call means a strategy cannot catch the error
and carry on: the parent sees the worker die by ``SIGSYS`` and reports it.
"""

from __future__ import annotations

import ctypes

KILL_SIGNAL = 31
"""``SIGSYS``: how a process killed by the filter dies."""

DENIED = (
    # processes, threads and programs
    "fork",
    "vfork",
    "clone",
    "clone3",
    "execve",
    "execveat",
    # other processes
    "ptrace",
    "process_vm_readv",
    "process_vm_writev",
    "pidfd_open",
    "pidfd_getfd",
    "pidfd_send_signal",
    "kcmp",
    # the network
    "socket",
    "socketpair",
    # namespaces, mounts and privileges
    "unshare",
    "setns",
    "mount",
    "umount2",
    "pivot_root",
    "chroot",
    "open_tree",
    "move_mount",
    "fsopen",
    "fsmount",
    "fspick",
    "mount_setattr",
    # kernel surfaces
    "bpf",
    "perf_event_open",
    "userfaultfd",
    "io_uring_setup",
    "io_uring_enter",
    "io_uring_register",
    "keyctl",
    "add_key",
    "request_key",
    "init_module",
    "finit_module",
    "delete_module",
    "kexec_load",
    "kexec_file_load",
    "reboot",
    "swapon",
    "swapoff",
    "acct",
    "syslog",
    "iopl",
    "ioperm",
)
"""System calls that kill the worker."""

_ALLOW = 0x7FFF0000
_KILL_PROCESS = 0x80000000


def _library() -> ctypes.CDLL | None:
    """libseccomp, or None when this system has none (e.g. macOS)."""
    for name in ("libseccomp.so.2", "libseccomp.so"):
        try:
            lib = ctypes.CDLL(name, use_errno=True)
        except OSError:
            continue
        lib.seccomp_init.restype = ctypes.c_void_p
        lib.seccomp_init.argtypes = [ctypes.c_uint32]
        lib.seccomp_syscall_resolve_name.argtypes = [ctypes.c_char_p]
        lib.seccomp_rule_add.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_int, ctypes.c_uint]
        lib.seccomp_load.argtypes = [ctypes.c_void_p]
        lib.seccomp_release.argtypes = [ctypes.c_void_p]
        return lib
    return None


def available() -> bool:
    """Whether libseccomp can be loaded here."""
    return _library() is not None


def install() -> str | None:
    """Load the filter into this process; None when done, else why it could not be."""
    lib = _library()
    if lib is None:
        return "libseccomp is not installed"
    context = lib.seccomp_init(_ALLOW)
    if not context:
        return "seccomp_init failed"
    try:
        for name in DENIED:
            number = lib.seccomp_syscall_resolve_name(name.encode())
            if number >= 0 and lib.seccomp_rule_add(context, _KILL_PROCESS, number, 0) != 0:
                return f"cannot add the rule for {name}"
        code = lib.seccomp_load(context)
        return None if code == 0 else f"seccomp_load failed (error {-code})"
    finally:
        lib.seccomp_release(context)
