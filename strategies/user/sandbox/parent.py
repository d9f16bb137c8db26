"""The sandbox: untrusted strategies play from worker processes, one per strategy.

A submitted file is never run in the engine's process. Its strategies become
:class:`SandboxedStrategy` players; in each batch, such a player's games are played by a
worker process of its own (:mod:`strategies.user.sandbox.worker`, forked from a pre-loaded
forkserver), which holds one fresh copy of the submission's module and one fresh instance
per game (per match), so nothing, not even a module global, carries over from one match or
repetition to the next. The worker sees copies of the moves only: each turn, one message
carries the vector of last moves of all its games in, and one carries the vector of moves
out (plus any failures). It never sees the opponent's object or name, the engine or
another submission. A strategy's random draws (``self.random()`` or ``import random``) come
from its own generator, seeded per match from a one-way hash of the engine's key for that
game: reproducible from the tournament seed, and no window on the engine's streams (such as
the noise about to flip its move).

Limits (:class:`SandboxLimits`): a time budget per move and per match, and a memory cap per
worker (``RLIMIT_AS``). A strategy that exceeds them, raises, returns something other than
``"C"``/``"D"``, calls ``sys.exit``, or tries a forbidden operation (fork, subprocess,
sockets, writing files, ...) fails that match; a worker that hangs or dies is killed and
replaced, the other games it held are restored by replaying their moves, and the
tournament goes on. What a failure costs is the rule ``on_failure``:

``"forfeit"`` (the default)
    The offender loses the match by forfeit. Its remaining moves are played as C (so the
    recorded moves and state counts are as played), but the match is scored as the worst
    possible one for the offender and the best possible one for its opponent: the
    offender gets the lowest payoff of the game (S in a prisoner's dilemma) on every turn,
    the opponent the highest (T). Forfeiting never pays, and every opponent of a failing
    strategy is credited alike, whatever its own strategy. When both players forfeit,
    both get the lowest payoff.
``"cooperate"``
    The bad move counts as a C and the match goes on (a strategy whose worker had to be
    killed, or that ran over its match time budget, plays C for the rest of the match).

Either way the matches table names what happened (columns ``failure_a``/``failure_b``,
``forfeit_a``/``forfeit_b``) and ``ipd run`` prints it. See the README for what the sandbox
does not protect against.
"""

from __future__ import annotations

import copy
import functools
import json
import multiprocessing
import pickle
import struct
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from strategies.base import Classifier, Strategy
from strategies.user.files import FileReport, StrategyInfo
from strategies.user.sandbox import worker as sandbox_worker
from tournament.core.moves import MOVE_DTYPE
from tournament.settings import SANDBOX

MAX_RESTARTS = 3
"""Worker restarts allowed per batch before the strategy's remaining games all fail."""


@dataclass(frozen=True)
class SandboxLimits:
    """Budgets of a sandboxed strategy and the rule applied when it breaks them."""

    move_seconds: float = SANDBOX["move_seconds"].default
    """Longest time one move may take."""
    match_seconds: float = SANDBOX["match_seconds"].default
    """Total thinking time of a strategy in one match."""
    memory_mb: int = SANDBOX["memory_mb"].default
    """Memory a worker may allocate beyond its start-up size."""
    load_seconds: float = SANDBOX["load_seconds"].default
    """Longest time loading a file (running its top level) may take."""
    on_failure: str = SANDBOX["on_failure"].default
    """``"forfeit"`` or ``"cooperate"`` (see the module docstring)."""

    def __post_init__(self) -> None:
        for setting in SANDBOX.settings:
            object.__setattr__(self, setting.key, setting.convert(getattr(self, setting.key)))

    def watchdog(self, loading: bool = False) -> float:
        """Seconds without progress after which a worker is declared hung and killed."""
        return 2 * (self.load_seconds if loading else self.move_seconds) + 0.5


@functools.cache
def _context() -> Any:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["strategies.user.sandbox.worker"])
    return context


class WorkerProcess:
    """The parent's handle on one worker: a pipe, the process and its progress counters."""

    def __init__(self, limits: SandboxLimits) -> None:
        context = _context()
        self.progress = context.RawArray("q", 2)
        self.progress[0] = -1
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=sandbox_worker.main, args=(child, limits, self.progress), daemon=True, name="ipd-sandbox"
        )
        self.process.start()
        child.close()
        self.limits = limits
        self.problem = ""
        self.blamed = -1
        self.waited = 0.0

    def request(self, message: bytes, loading: bool = False) -> bytes | None:
        """Send one request and wait for the answer; None when the worker hung or died.

        Then ``blamed`` is the game it was playing (-1 if none) and ``problem`` says what
        happened; the worker is stopped.
        """
        try:
            self.conn.send_bytes(message)
        except OSError:
            return self._lost("died")
        seen = (self.progress[0], self.progress[1])
        self.waited = self.limits.watchdog(loading)
        while True:
            if self.conn.poll(self.waited):
                try:
                    return self.conn.recv_bytes()
                except (EOFError, OSError):
                    return self._lost("died")
            now = (self.progress[0], self.progress[1])
            if now == seen:
                return self._lost("hung")
            seen = now

    def _lost(self, how: str) -> None:
        self.blamed = int(self.progress[0])
        self.process.join(0.2)
        code = self.process.exitcode
        self.stop()
        if how == "hung":
            self.problem = f"did not return within {self.waited:g} s (the worker was stopped)"
        elif code is not None and code < 0:
            self.problem = f"crashed the worker (signal {-code})"
        else:
            self.problem = f"ended the worker (exit code {code})"
        return None

    def stop(self) -> None:
        """Close the pipe and end the process."""
        self.conn.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)

    @property
    def alive(self) -> bool:
        """Whether the process is still running."""
        return self.process.is_alive() and not self.conn.closed


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
        return WorkerProcess(self.limits)

    def release(self, worker: WorkerProcess) -> None:
        """Give a healthy worker back for the next batch."""
        if worker.alive:
            self.idle.append(worker)

    def close(self) -> None:
        """Stop every idle worker."""
        _stop_all(self.idle)


def _stop_all(workers: list[WorkerProcess]) -> None:
    while workers:
        workers.pop().stop()


def inspect_file(path: Path, source: str, limits: SandboxLimits | None = None) -> FileReport:
    """Load a file in a throw-away worker: its report, with sandboxed players when it is fine."""
    limits = limits or SandboxLimits()
    worker = WorkerProcess(limits)
    try:
        answer = worker.request(b"I" + pickle.dumps((path, source)), loading=True)
    finally:
        if worker.alive:
            worker.stop()
    if answer is None:
        return FileReport(path, path.stem, error=f"{worker.problem} while being loaded")
    try:
        report = _report(path, json.loads(answer))
    except (ValueError, TypeError, KeyError):
        return FileReport(path, path.stem, error="sent a malformed description of itself while being loaded")
    if report.ok:
        report.players = [
            SandboxedStrategy(path, source, info, report.author, limits) for info in report.strategies
        ]
    return report


def _report(path: Path, data: dict[str, Any]) -> FileReport:
    """Rebuild a worker's file description, checking every field (the worker is not trusted)."""
    author, error = data["author"], data["error"]
    if not isinstance(author, str) or not (error is None or isinstance(error, str)):
        raise TypeError("bad report")
    infos = []
    for item in data["strategies"]:
        info = StrategyInfo(
            attribute=str(item["attribute"]),
            name=str(item["name"]),
            description=str(item["description"]),
            memory_depth=float(item["memory_depth"]),
            stochastic=bool(item["stochastic"]),
            makes_use_of=tuple(str(x) for x in item["makes_use_of"]),
        )
        if not info.attribute.isidentifier() or not info.memory_depth >= 0:
            raise ValueError("bad strategy description")
        infos.append(info)
    return FileReport(path, author, strategies=infos, error=error)


def _failures(data: bytes, n: int) -> list[tuple[int, str, bool]]:
    """Check a worker's failure list: ``[[game, message, dead], ...]``."""
    out = []
    for index, message, dead in json.loads(data):
        if not (
            isinstance(index, int) and 0 <= index < n and isinstance(message, str) and isinstance(dead, bool)
        ):
            raise ValueError("bad failure")
        out.append((index, message[:500], dead))
    return out


class SandboxedStrategy(Strategy):
    """A submitted plain strategy played from sandbox workers (see the module docstring)."""

    reference = "A submitted strategy."

    def __init__(
        self, path: Path, source: str, info: StrategyInfo, author: str, limits: SandboxLimits
    ) -> None:
        super().__init__()
        self.name = f"{author}/{info.name}"
        self.path = Path(path)
        self.source = source
        self.info = info
        self.author = author
        self.limits = limits
        self._pool = WorkerPool(limits)
        self.timings: list[tuple[int, float, float]] = []

    @property
    def spec(self) -> str:
        return f"submission:{self.name}"

    def classify(self) -> Classifier:
        info = self.info
        return Classifier(info.memory_depth, info.stochastic, frozenset(info.makes_use_of))

    def description(self) -> str:  # type: ignore[override]
        return self.info.description

    def close(self) -> None:
        """Stop this strategy's idle workers (they also stop when it is garbage collected)."""
        self._pool.close()

    def __getstate__(self) -> dict[str, Any]:
        state = {k: v for k, v in self.__dict__.items() if not k.startswith("_")}
        state["timings"] = []
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._pool = WorkerPool(self.limits)

    def spawn(self) -> Strategy:
        kernel = copy.copy(self)
        kernel.timings = []
        return kernel

    def setup(self, view: Any) -> None:
        self._view = view
        self._keys = [sandbox_worker.derived_key(k) for k in view.keys.tolist()]
        self._failures: dict[int, list[Any]] = {}
        self._dead: set[int] = set()
        self._restarts = 0
        self._worker: WorkerProcess | None = None
        self._start(0)

    def _start(self, turn: int) -> None:
        """A worker with fresh instances of every live game, replayed up to ``turn``."""
        while True:
            worker = self._pool.acquire()
            self._worker = worker
            request = {
                "path": self.path,
                "source": self.source,
                "attribute": self.info.attribute,
                "keys": self._keys,
                "dead": set(self._dead),
                "length": self._view.length,
                "opponents": self._view.opponents,
                "game": tuple(getattr(self._view.game, k) for k in "RSTP"),
            }
            answer = worker.request(b"S" + pickle.dumps(request), loading=True)
            if answer is not None and self._accept(worker, answer, turn):
                if turn == 0:
                    return
                own = np.ascontiguousarray(self._view.own_history[:turn]).tobytes()
                opp = np.ascontiguousarray(self._view.opp_history[:turn]).tobytes()
                answer = worker.request(b"R" + pickle.dumps((turn, own, opp)))
                if answer is not None and self._accept(worker, answer, turn):
                    return
            if answer is None:
                self._lost(worker, turn)

    def _accept(self, worker: WorkerProcess, data: bytes, turn: int) -> bool:
        """Record a worker's failure list; a malformed one fails every live game."""
        try:
            self._record(_failures(data, len(self._keys)), turn)
        except (ValueError, TypeError):
            self._broken(worker, turn)
            return False
        return True

    def _broken(self, worker: WorkerProcess, turn: int) -> None:
        worker.stop()
        alive = [i for i in range(len(self._keys)) if i not in self._dead]
        message = f"sent a malformed reply to the engine on turn {turn + 1} (the worker was stopped)"
        self._record([(i, message, True) for i in alive], turn)

    def _lost(self, worker: WorkerProcess, turn: int) -> None:
        """A worker hung or died: blame its game, or give up after too many restarts."""
        self._restarts += 1
        if worker.blamed >= 0:
            self._record([(worker.blamed, f"{worker.problem} on turn {turn + 1}", True)], turn)
        if self._restarts > MAX_RESTARTS or worker.blamed < 0 and self._restarts > 2:
            alive = [i for i in range(len(self._keys)) if i not in self._dead]
            self._record(
                [(i, f"{worker.problem}; the sandbox gave up on turn {turn + 1}", True) for i in alive], turn
            )

    def _record(self, failures: list[tuple[int, str, bool]], turn: int) -> None:
        for index, message, dead in failures:
            if dead:
                self._dead.add(index)
            if index in self._failures:
                self._failures[index][2] += 1
            else:
                self._failures[index] = [turn, message, 1]

    def move(self, view: Any) -> np.ndarray:
        turn = view.turn
        n = view.n
        message = b"T" + struct.pack("<i", turn)
        if turn > 0:
            message += view.own_last.tobytes() + view.opp_last.tobytes()
        while len(self._dead) < n:
            answer = self._worker.request(message)
            if answer is not None:
                break
            self._lost(self._worker, turn)
            if len(self._dead) < n:
                self._start(turn)
        else:
            return np.zeros(n, dtype=MOVE_DTYPE)
        kind = answer[0]
        if len(answer) < n + 1 or kind not in (0, 1) or (kind == 0 and len(answer) != n + 1):
            self._broken(self._worker, turn)
            return np.zeros(n, dtype=MOVE_DTYPE)
        if kind == 1 and not self._accept(self._worker, answer[n + 1 :], turn):
            return np.zeros(n, dtype=MOVE_DTYPE)
        return (np.frombuffer(answer, dtype=MOVE_DTYPE, count=n, offset=1) != 0).view(MOVE_DTYPE)

    def finish(self) -> dict[int, tuple[int, str, bool]]:
        """After the batch's last turn: collect timings, free the worker, report failures.

        Returns ``{game: (turn, message, forfeit)}`` for the engine (see
        :meth:`tournament.core.engine.Engine.play`).
        """
        worker = self._worker
        if worker is not None and worker.alive:
            answer = worker.request(b"Q" + pickle.dumps(None))
            try:
                self.timings = [(int(m), float(s), float(w)) for m, s, w in json.loads(answer or b"null")]
            except (ValueError, TypeError):
                worker.stop()
            else:
                self._pool.release(worker)
        self._worker = None
        forfeit = self.limits.on_failure == "forfeit"
        out = {}
        for index, (turn, message, count) in self._failures.items():
            extra = f" ({count - 1} more bad move(s) counted as C)" if count > 1 and not forfeit else ""
            out[index] = (turn, message + extra, forfeit)
        return out
