"""The sandbox worker: the only process that runs an untrusted strategy's code.

:func:`main` is the process body started by :mod:`strategies.user.sandbox.parent`. It confines itself
(memory cap, no file writes, a private temporary working directory, no forks or
subprocesses, no sockets, no garbage-collector walks: see :func:`confine`), then serves
requests on its pipe: load a file and describe its strategies (``I``), set up one fresh
module and instance per game of a batch (``S``), replay games after a restart (``R``),
play one turn of every game (``T``) and report timings (``Q``). A turn is one message
each way: the vector of last moves in, the vector of moves (and any failures) out.

Failures are caught per game and described in one line: an exception (with the line of
the submission), a return value that is not ``"C"``/``"D"``, ``sys.exit``, running out of
memory, a move slower than the per-move budget or a match over its time budget. A move
that never returns is caught by a timer signal; one that even ignores that is left to the
parent's watchdog, which kills and replaces the worker.
"""

from __future__ import annotations

import builtins
import contextlib
import dataclasses
import hashlib
import json
import linecache
import os
import pickle
import random
import resource
import signal
import struct
import sys
import tempfile
import time
import traceback
import types
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from strategies.user import files
from strategies.user.plain import bad_answer, raised
from tournament.settings import Game

BLOCKED_EVENTS = {
    "os.fork": "forking",
    "os.forkpty": "forking",
    "os.system": "running commands",
    "os.exec": "running programs",
    "os.posix_spawn": "running programs",
    "os.spawn": "running programs",
    "subprocess.Popen": "running programs",
    "os.kill": "sending signals",
    "os.killpg": "sending signals",
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


class MoveTimeout(BaseException):
    """Raised by the timer signal into a strategy that overran its time budget."""


@dataclass
class _Game:
    """One match's strategy instance and what it has seen so far."""

    instance: Any = None
    me: str = ""
    them: str = ""
    dead: bool = False
    seconds: float = 0.0
    thinking: float = 0.0
    slowest: float = 0.0
    moves: int = 0


def main(conn: Any, limits: Any, progress: Any) -> None:
    """Process body: confine this process, then serve requests until the pipe closes."""
    confine(limits, readable_roots())
    Worker(conn, limits, progress).serve()


def readable_roots() -> tuple[str, ...]:
    """Folders a strategy may read from: the Python installation and this package."""
    import sysconfig

    import strategies
    import tournament

    roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, sysconfig.get_paths()["purelib"]}
    roots |= {str(Path(m.__file__).parent) for m in (strategies, tournament)}
    return tuple(sorted(os.path.realpath(r) for r in roots))


def confine(limits: Any, roots: tuple[str, ...]) -> None:
    """Limit what this process can do (best effort, see the README's sandbox section)."""
    home = tempfile.mkdtemp(prefix="ipd-sandbox-")
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
        cap = baseline + limits.memory_mb * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    allowed = (*roots, os.path.realpath(home), os.devnull)
    pid = os.getpid()

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if os.getpid() != pid:
            os._exit(0)
        if event in BLOCKED_EVENTS:
            raise SandboxViolation(f"{event} is not allowed in the sandbox ({BLOCKED_EVENTS[event]})")
        if event == "open":
            path, mode, flags = args
            writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
                isinstance(flags, int) and flags & WRITE_FLAGS
            )
            if writing:
                raise SandboxViolation(f"writing {path!r} is not allowed in the sandbox")
            if isinstance(path, (str, bytes)) and not _inside(path, allowed):
                raise SandboxViolation(f"reading {path!r} is not allowed in the sandbox")
        elif event in ("os.listdir", "os.scandir") and args and not _inside(args[0] or ".", allowed):
            raise SandboxViolation(f"listing {args[0]!r} is not allowed in the sandbox")

    sys.addaudithook(hook)


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


def strategy_random(key: int) -> types.ModuleType:
    """A private ``random`` module for one match: the same API, its own seeded generator."""
    generator = random.Random(key)
    module = types.ModuleType("random", random.__doc__)
    for name in random.__all__:
        value = getattr(random, name)
        bound = getattr(value, "__self__", None) is random._inst  # type: ignore[attr-defined]
        setattr(module, name, getattr(generator, name) if bound else value)
    return module


def fresh_builtins(key: int) -> dict[str, Any]:
    """Builtins for one match's module copy: ``import random`` gives that match's generator."""
    table = dict(builtins.__dict__)
    private = strategy_random(key)
    real_import = builtins.__import__

    def importer(
        name: str, globals: Any = None, locals: Any = None, fromlist: Any = (), level: int = 0
    ) -> Any:
        if name == "random" and level == 0:
            return private
        return real_import(name, globals, locals, fromlist, level)

    table["__import__"] = importer
    return table


class Worker:
    """The request loop and the per-game bookkeeping of one worker process."""

    def __init__(self, conn: Any, limits: Any, progress: Any) -> None:
        self.conn = conn
        self.limits = limits
        self.progress = progress
        self.games: list[_Game] = []
        self.path = Path()
        self.started = 0.0
        self.budget = limits.move_seconds
        self.calling = False
        signal.signal(signal.SIGALRM, self._alarm)

    def _alarm(self, signum: int, frame: Any) -> None:
        if self.calling and time.perf_counter() - self.started > self.budget:
            raise MoveTimeout

    def serve(self) -> None:
        """Answer requests until the parent closes the pipe."""
        handlers = {ord("I"): self.inspect, ord("S"): self.setup, ord("R"): self.replay, ord("Q"): self.stats}
        while True:
            try:
                message = self.conn.recv_bytes()
            except (EOFError, OSError):
                return
            if message[0] == ord("T"):
                self.conn.send_bytes(self.turn(message))
            else:
                self.conn.send_bytes(json.dumps(handlers[message[0]](pickle.loads(message[1:]))).encode())

    def _call(
        self, index: int, budget: float, function: Any, *args: Any
    ) -> tuple[Any, BaseException | None, float]:
        """Run ``function`` for game ``index``; return (result, error, seconds).

        Call it inside :meth:`_ticking`, whose timer stops a call that overruns ``budget``.
        """
        self.progress[0] = index
        self.progress[1] += 1
        self.budget = budget
        self.started = time.perf_counter()
        result, error = None, None
        try:
            self.calling = True
            try:
                result = function(*args)
            finally:
                self.calling = False
        except BaseException as caught:  # noqa: BLE001 - anything a strategy raises is its failure
            error = caught
        seconds = time.perf_counter() - self.started
        self.progress[0] = -1
        return result, error, seconds

    @contextlib.contextmanager
    def _ticking(self, budget: float) -> Iterator[None]:
        """An interval timer for a whole request (one per turn, not one per call)."""
        interval = max(budget / 4, 0.005)
        signal.setitimer(signal.ITIMER_REAL, interval, interval)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)

    def _describe(self, error: BaseException, budget: float, what: str) -> str:
        if isinstance(error, MoveTimeout):
            return f"took more than {budget:g} s {what} (the time limit) and was stopped"
        if isinstance(error, SystemExit):
            return f"called sys.exit({'' if error.code is None else repr(error.code)}) {what}"
        if isinstance(error, MemoryError):
            return f"ran out of memory {what} (limit {self.limits.memory_mb} MB)"
        if isinstance(error, SandboxViolation):
            return f"was stopped {what}: {error}"
        frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == str(self.path)]
        return raised(error, what, f" (line {frames[-1].lineno})" if frames else "")

    def inspect(self, request: tuple[Path, str]) -> dict[str, Any]:
        """Load a file once and describe it as plain data (players are built in the parent)."""
        path, source = request
        self.path = path
        self._cache_lines(path, source)
        with self._ticking(self.limits.load_seconds):
            report, error, _ = self._call(-1, self.limits.load_seconds, files.inspect_source, path, source)
        if error is not None:
            report = files.FileReport(
                path, path.stem, error=self._describe(error, self.limits.load_seconds, "at import")
            )
        return {
            "author": report.author,
            "error": report.error,
            "strategies": [dataclasses.asdict(info) for info in report.strategies],
        }

    def _cache_lines(self, path: Path, source: str) -> None:
        linecache.cache[str(path)] = (len(source), None, source.splitlines(True), str(path))

    def setup(self, request: dict[str, Any]) -> list[tuple[int, str, bool]]:
        """Create one fresh module copy and instance per game; return setup failures."""
        self.path = request["path"]
        self._cache_lines(self.path, request["source"])
        code = files.compile_source(self.path, request["source"])
        game = Game(*request["game"])
        self.games = []
        failures = []
        for index, key in enumerate(request["keys"]):
            state = _Game(dead=index in request["dead"])
            self.games.append(state)
            if state.dead:
                continue
            with self._ticking(self.limits.load_seconds):
                instance, error, seconds = self._call(
                    index, self.limits.load_seconds, self._instance, request, code, key, game, index
                )
            state.seconds += seconds
            if error is not None:
                state.dead = True
                failures.append(
                    (
                        index,
                        self._describe(error, self.limits.load_seconds, "when loaded for the match"),
                        True,
                    )
                )
            else:
                state.instance = instance
        return failures

    def _instance(
        self, request: dict[str, Any], code: types.CodeType, key: int, game: Game, index: int
    ) -> Any:
        module = files.load_module(self.path, request["source"], code, fresh_builtins(key))
        instance = getattr(module, request["attribute"])()
        instance._key = key
        instance._draw = 0
        instance.turn = 0
        instance.length = request["length"]
        instance.game = game
        instance.opponent = request["opponents"][index] if request["opponents"] else None
        instance.reset()
        return instance

    def replay(self, request: tuple[int, bytes, bytes]) -> list[tuple[int, str, bool]]:
        """Bring fresh instances back to turn ``turn`` by replaying their games' history.

        Problems during the replay were reported when they first happened and are ignored;
        a game that hangs is caught by the parent's watchdog again. The match time budget
        restarts from zero.
        """
        turn, own, opp = request
        n = len(self.games)
        for index, state in enumerate(self.games):
            if state.dead:
                continue
            for k in range(turn):
                if k > 0:
                    state.me += "CD"[own[(k - 1) * n + index]]
                    state.them += "CD"[opp[(k - 1) * n + index]]
                with self._ticking(self.limits.move_seconds):
                    self._play(index, state, k)
            state.seconds = 0.0
        return []

    def _play(self, index: int, state: _Game, turn: int) -> tuple[int, str | None]:
        """One move of one game: (move, problem or None)."""
        instance = state.instance
        instance.turn = turn
        instance._draw = 0
        answer, error, seconds = self._call(
            index, self.limits.move_seconds, instance.play, state.me, state.them
        )
        state.seconds += seconds
        state.thinking += seconds
        state.slowest = max(state.slowest, seconds)
        state.moves += 1
        what = f"on turn {turn + 1}"
        if error is not None:
            return 0, self._describe(error, self.limits.move_seconds, what)
        if seconds > self.limits.move_seconds:
            return 0, f"took {seconds:.3g} s {what} (limit {self.limits.move_seconds:g} s per move)"
        if state.seconds > self.limits.match_seconds:
            state.dead = True
            return (
                0,
                f"used {state.seconds:.3g} s of thinking by turn {turn + 1} (limit {self.limits.match_seconds:g} s per match)",
            )
        if answer == "C":
            return 0, None
        if answer == "D":
            return 1, None
        return 0, bad_answer(answer, what)

    def turn(self, message: bytes) -> bytes:
        """Play one turn of every game: last moves in, this turn's moves out."""
        (turn,) = struct.unpack_from("<i", message, 1)
        n = len(self.games)
        own, opp = message[5 : 5 + n], message[5 + n : 5 + 2 * n]
        moves = bytearray(n)
        failures = []
        forfeit = self.limits.on_failure == "forfeit"
        with self._ticking(self.limits.move_seconds):
            for index, state in enumerate(self.games):
                if turn > 0:
                    state.me += "CD"[own[index]]
                    state.them += "CD"[opp[index]]
                if state.dead:
                    continue
                move, problem = self._play(index, state, turn)
                moves[index] = move
                if problem is not None:
                    state.dead = state.dead or forfeit
                    failures.append((index, problem, state.dead))
        if not failures:
            return b"\x00" + bytes(moves)
        return b"\x01" + bytes(moves) + json.dumps(failures).encode()

    def stats(self, request: Any) -> list[tuple[int, float, float]]:
        """Per game: moves played, seconds spent deciding them, slowest move."""
        return [(g.moves, g.thinking, g.slowest) for g in self.games]


def derived_key(seat_key: int) -> int:
    """The strategy's own random key for a game: a one-way hash of the engine's seat key, so
    the strategy cannot recover the engine's streams (e.g. predict the noise on its moves)."""
    digest = hashlib.blake2b(seat_key.to_bytes(8, "little"), digest_size=8, person=b"ipd-sandbox")
    return int.from_bytes(digest.digest(), "little")
