"""The sandbox worker: the only process that runs an untrusted strategy's code.

Started by :mod:`strategies.user.sandbox.process` as ``python -m
strategies.user.sandbox.worker IN OUT PROGRESS`` (the numbers of its request pipe, answer
pipe and shared progress counters), inside bubblewrap where it works
(:mod:`strategies.user.sandbox.isolation`). :func:`main` reads its limits, asks to die with
its parent, loads the system-call filter (:mod:`strategies.user.sandbox.seccomp`), confines
itself (:mod:`strategies.user.sandbox.guard`), says ``ready``, then serves requests: load a
file and describe its strategies (``I``), set up one fresh module and instance per game of a
batch (``S``), replay games after a restart (``R``), play one turn of every game (``T``)
and report timings (``Q``). A turn is one message each way: the vector of last moves in,
the vector of moves (and any failures) out.

Failures are caught per game and described in one line: an exception (with the line of
the submission), a return value that is not ``"C"``/``"D"``, ``sys.exit``, running out of
memory, a forbidden operation (even one the strategy caught), a move slower than the
per-move budget or a match over its time budget. A move that never returns is caught by a
timer signal when it can be; otherwise by the parent's clock, which kills the worker:
nothing here is trusted to stop a strategy.
"""

from __future__ import annotations

import builtins
import contextlib
import dataclasses
import hashlib
import json
import linecache
import mmap
import os
import pickle
import random
import signal
import struct
import sys
import time
import traceback
import types
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from strategies.user import files
from strategies.user.plain import bad_answer, raised
from strategies.user.sandbox import guard as sandbox_guard
from strategies.user.sandbox import seccomp
from strategies.user.sandbox.guard import Guard, SandboxViolation
from tournament.settings import Game

MESSAGE_CHARACTERS = 500
"""Longest failure message sent to the parent."""


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


def main(arguments: list[str]) -> None:
    """Process body: set up the limits, confine this process, then serve until the pipe closes."""
    request_fd, answer_fd, progress_fd = map(int, arguments)
    requests = Connection(request_fd, writable=False)
    answers = Connection(answer_fd, readable=False)
    progress = memoryview(mmap.mmap(progress_fd, 16)).cast("q")
    os.close(progress_fd)
    limits, roots, listable, filtered, bwrapped = pickle.loads(requests.recv_bytes())
    if not bwrapped:
        sandbox_guard.die_with_parent()
    if filtered:
        problem = seccomp.install()
        if problem is not None:
            raise SystemExit(f"cannot load the system-call filter: {problem}")
    guard = sandbox_guard.confine(limits.memory_mb, roots, os.getcwd(), listable)
    answers.send_bytes(b"ready")
    Worker(requests, answers, limits, progress, guard).serve()


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

    def __init__(
        self, requests: Connection, answers: Connection, limits: Any, progress: Any, guard: Guard
    ) -> None:
        self.requests = requests
        self.answers = answers
        self.limits = limits
        self.progress = progress
        self.guard = guard
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
                message = self.requests.recv_bytes()
            except (EOFError, OSError):
                return
            if message[0] == ord("T"):
                self.answers.send_bytes(self.turn(message))
            else:
                self.answers.send_bytes(json.dumps(handlers[message[0]](pickle.loads(message[1:]))).encode())

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
        self.guard.clear()
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
        if self.guard.violation is not None and not isinstance(error, MoveTimeout):
            error = SandboxViolation(self.guard.violation)
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
        text = raised(error, what, f" (line {frames[-1].lineno})" if frames else "")
        return text if len(text) <= MESSAGE_CHARACTERS else text[: MESSAGE_CHARACTERS - 3] + "..."

    def inspect(self, request: tuple[Path, str]) -> dict[str, Any]:
        """Load a file once and describe it as plain data (players are built in the parent)."""
        path, source = request
        self.path = path
        self.guard.own_file = str(path)
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
        self.guard.own_file = str(self.path)
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


if __name__ == "__main__":
    main(sys.argv[1:])
