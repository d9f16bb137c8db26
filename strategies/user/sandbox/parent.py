"""The sandbox: untrusted strategies play from worker processes, one per strategy.

A submitted file is never run in the engine's process. Its strategies become
:class:`SandboxedStrategy` players; in each batch, such a player's games are played by a
worker process of its own (:mod:`strategies.user.sandbox.worker`), isolated by the
operating system (:mod:`strategies.user.sandbox.isolation`: bubblewrap namespaces and a
seccomp filter) and started by whichever process plays the batch (the engine's, a joblib
worker's or a dask worker's). The worker holds one fresh copy of the submission's module
and one fresh instance per game (per match), so nothing, not even a module global, carries
over from one match or repetition to the next. The worker sees copies of the moves only: each turn, one message
carries the vector of last moves of all its games in, and one carries the vector of moves
out (plus any failures). It never sees the opponent's object or name, the engine or
another submission. A strategy's random draws (``self.random()`` or ``import random``) come
from its own generator, seeded per match from a one-way hash of the engine's key for that
game: reproducible from the tournament seed, and no window on the engine's streams (such as
the noise about to flip its move).

Limits (:class:`SandboxLimits`): a time budget per move and per match, and a memory cap per
worker (``RLIMIT_AS``), enforced from this process (:mod:`strategies.user.sandbox.process`).
A strategy that exceeds them, raises, returns something other than ``"C"``/``"D"``, calls
``sys.exit``, or tries a forbidden operation (fork, subprocess, sockets, writing files, ...)
fails that match; a worker that hangs or dies is killed and replaced, the other games it
held are restored by replaying their moves, and the tournament goes on. What a failure costs is the rule ``on_failure``:

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
import hashlib
import json
import os
import pickle
import struct
import time
from pathlib import Path
from typing import Any

import numpy as np

from strategies.base import Classifier, Strategy
from strategies.user.files import FileReport, StrategyInfo
from strategies.user.sandbox import isolation
from strategies.user.sandbox import worker as sandbox_worker
from strategies.user.sandbox.limits import SandboxLimits
from strategies.user.sandbox.process import CPU_SLACK, WorkerPool, WorkerProcess, fresh_worker, shared_pool
from tournament.core.moves import MOVE_DTYPE

__all__ = ["SandboxLimits", "SandboxedStrategy", "inspect_files"]

MAX_RESTARTS = 3
"""Worker restarts allowed per batch before the strategy's remaining games all fail."""


def inspect_files(
    files: list[tuple[Path, str]], limits: SandboxLimits | None = None
) -> list[tuple[FileReport, WorkerProcess | None]]:
    """Load each file (path, text) in a worker of its own: its report (strategies, no players
    yet) and the worker, still running, when the file is fine (it can play the file's first
    strategy). Workers start a few at a time, in parallel."""
    limits = limits or SandboxLimits()
    isolation.warn_if_degraded()
    out: list[tuple[FileReport, WorkerProcess | None]] = []
    step = 2 * (os.cpu_count() or 1)
    for first in range(0, len(files), step):
        chunk = files[first : first + step]
        workers = [fresh_worker(limits) for _ in chunk]
        for worker, (path, source) in zip(workers, chunk):
            worker._send(b"I" + pickle.dumps((path, source)))
        out += [_inspected(worker, path) for worker, (path, _) in zip(workers, chunk)]
    return out


def _inspected(worker: WorkerProcess, path: Path) -> tuple[FileReport, WorkerProcess | None]:
    answer = worker.collect(loading=True, calls=1)
    if answer is None:
        return FileReport(path, path.stem, error=f"{worker.problem} while being loaded"), None
    try:
        report = _report(path, json.loads(answer))
    except (ValueError, TypeError, KeyError):
        worker.stop()
        return FileReport(
            path, path.stem, error="sent a malformed description of itself while being loaded"
        ), None
    if not report.ok:
        worker.stop()
        return report, None
    return report, worker


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
    """A submitted plain strategy played from sandbox workers (see the module docstring).

    ``worker``, when given, is a running worker that loaded the file: it plays first.
    """

    reference = "A submitted strategy."

    def __init__(
        self,
        path: Path,
        source: str,
        info: StrategyInfo,
        author: str,
        limits: SandboxLimits,
        worker: WorkerProcess | None = None,
    ) -> None:
        super().__init__()
        self.name = f"{author}/{info.name}"
        self.path = Path(path)
        self.source = source
        self.info = info
        self.author = author
        self.limits = limits
        self._pool = WorkerPool(limits)
        if worker is not None:
            self._pool.release(worker)
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
        digest = hashlib.blake2b(self.source.encode(), digest_size=16).hexdigest()
        self._pool = shared_pool((self.name, str(self.path), digest, self.info, self.limits), self.limits)

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
        self._spent = 0.0
        self._worker: WorkerProcess | None = None
        self._start(0)
        if self._worker is not None and self._worker.alive:
            self._worker.start_clock()

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
            answer = worker.request(b"S" + pickle.dumps(request), loading=True, calls=self._alive())
            if answer is not None and self._accept(worker, answer, turn):
                if turn == 0:
                    return
                own = np.ascontiguousarray(self._view.own_history[:turn]).tobytes()
                opp = np.ascontiguousarray(self._view.opp_history[:turn]).tobytes()
                answer = worker.request(b"R" + pickle.dumps((turn, own, opp)), calls=self._alive() * turn)
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

    def _alive(self) -> int:
        return len(self._keys) - len(self._dead)

    def _fail_all(self, message: str, turn: int) -> None:
        alive = [i for i in range(len(self._keys)) if i not in self._dead]
        self._record([(i, message, True) for i in alive], turn)

    def _broken(self, worker: WorkerProcess, turn: int) -> None:
        worker.stop()
        self._fail_all(
            f"sent a malformed reply to the engine on turn {turn + 1} (the worker was stopped)", turn
        )

    def _lost(self, worker: WorkerProcess, turn: int) -> None:
        """A worker hung or died: blame its game, or give up after too many restarts."""
        self._restarts += 1
        blamed = worker.blamed if 0 <= worker.blamed < len(self._keys) else -1
        if worker.overran:
            self._fail_all(f"{worker.problem} on turn {turn + 1}", turn)
        elif blamed >= 0:
            self._record([(blamed, f"{worker.problem} on turn {turn + 1}", True)], turn)
        if self._restarts > MAX_RESTARTS or blamed < 0 and self._restarts > 2:
            self._fail_all(f"{worker.problem} on turn {turn + 1}", turn)

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
            started = time.perf_counter()
            answer = self._worker.request(message, calls=self._alive())
            self._spent += time.perf_counter() - started
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
        moves = (np.frombuffer(answer, dtype=MOVE_DTYPE, count=n, offset=1) != 0).view(MOVE_DTYPE)
        if self._spent > n * self.limits.match_seconds + self.limits.watchdog():
            self._over_budget(f"{self._spent:.3g} s", turn)
        if self._dead:
            moves[list(self._dead)] = 0
        return moves

    def _over_budget(self, used: str, turn: int) -> None:
        """The batch's games used more time than their matches allow together: stop the worker."""
        if self._worker is not None:
            self._worker.stop()
        limit = self.limits.match_seconds
        self._fail_all(
            f"used {used} of thinking in {len(self._keys)} matches by turn {turn + 1} (limit {limit:g} s per match; the worker was stopped)",
            turn,
        )

    def finish(self) -> dict[int, tuple[int, str, bool]]:
        """After the batch's last turn: collect timings, free the worker, report failures.

        Returns ``{game: (turn, message, forfeit)}`` for the engine (see
        :meth:`tournament.core.engine.Engine.play`).
        """
        worker = self._worker
        if worker is not None and worker.alive:
            cpu = worker.cpu_since_start()
            if cpu > len(self._keys) * self.limits.match_seconds + CPU_SLACK:
                self._over_budget(f"{cpu:.3g} s of CPU", self._view.turn)
        if worker is not None and worker.alive:
            answer = worker.request(b"Q" + pickle.dumps(None), calls=0)
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
