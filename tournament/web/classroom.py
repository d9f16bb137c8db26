"""A class: its join code, teacher token, students, submissions, tournament, evolution and games.

Everything a class holds lives in one :class:`Classroom` (guarded by its lock) and in its
folder: ``submissions/`` (one file per student, checked by :func:`tournament.check.check_path`
in sandbox workers, never imported here), ``class.toml`` (the tournament config: ``ipd run
class.toml`` replays the class's run) and ``results/`` (the usual results folder). Long work
(checks, the tournament, the evolution) runs on worker threads and reports through the class's
event log, which the projector follows (:mod:`tournament.web.events`).
"""

from __future__ import annotations

import io
import re
import secrets
import shutil
import tempfile
import threading
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tournament.errors import UserError
from tournament.web import builder
from tournament.web.events import EventLog
from tournament.web.human import PairGame, StrategyGame, draw_length

CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
"""Join-code letters: no 0/O or 1/I to misread from a projector."""
CODE_LENGTH = 5
MAX_STUDENTS = 200
MAX_SOURCE = 64_000
DEFAULT_CAST = ("Copycat", "Always Cheat", "Always Cooperate", "Grudger", "Detective")


class ClassError(UserError):
    """A request a class cannot take (shown to the user as one sentence)."""

    status = 400


class NotAllowed(ClassError):
    """A teacher's action without the teacher's token, or a student's without theirs."""

    status = 403


class NotFound(ClassError):
    """No class with that code (or no such student)."""

    status = 404


@dataclass
class Student:
    """One student: the name shown, a secret token, their file and their current game."""

    id: str
    name: str
    token: str
    slug: str
    submission: dict[str, Any] | None = None
    game: StrategyGame | PairGame | None = None
    side: int = 0
    games: int = 0

    def where(self) -> str:
        """Where the student is, for the teacher's monitor (oTree's habit)."""
        if isinstance(self.game, PairGame) and not self.game.done:
            return "waiting for the other player" if self.side in self.game.pending else "playing a classmate"
        if isinstance(self.game, StrategyGame) and not self.game.done:
            return f"playing a character (round {len(self.game.chosen) + 1})"
        if self.submission is None:
            return "joined"
        return {"checking": "submitted, being checked", "ok": "submitted, ok"}.get(
            self.submission["status"], "submitted, with problems"
        )


@dataclass
class Classroom:
    """One class, with its code, its teacher's token and everything in it."""

    code: str
    token: str
    name: str
    folder: Path
    settings: dict[str, Any] = field(default_factory=dict)
    students: dict[str, Student] = field(default_factory=dict)
    events: EventLog = field(default_factory=EventLog)
    status: str = "open"
    results: dict[str, Any] | None = None
    evolution: dict[str, Any] | None = None
    human_games: list[dict[str, Any]] = field(default_factory=list)
    waiting: str | None = None
    lock: threading.RLock = field(default_factory=threading.RLock)

    @property
    def submissions(self) -> Path:
        """The folder of the students' files."""
        return self.folder / "submissions"

    @property
    def run_folder(self) -> Path:
        """The results folder of the class's tournament."""
        return self.folder / "results"

    def teacher(self, token: str | None) -> None:
        """Refuse unless ``token`` is this class's teacher token."""
        if not token or not secrets.compare_digest(token, self.token):
            raise NotAllowed("this needs the teacher's token")

    def student(self, student_id: str, token: str | None) -> Student:
        """The student ``student_id``, if ``token`` is theirs."""
        found = self.students.get(student_id)
        if found is None:
            raise NotFound("no such student in this class")
        if not token or not secrets.compare_digest(token, found.token):
            raise NotAllowed("this needs the student's own token")
        return found

    def join(self, name: str) -> Student:
        """Add a student named ``name`` (unique in the class)."""
        name = " ".join(str(name).split())[:40]
        if not name:
            raise ClassError("type your name to join")
        slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "student"
        with self.lock:
            if any(s.name.casefold() == name.casefold() for s in self.students.values()):
                raise ClassError(f"someone called {name!r} is already in this class: pick another name")
            if len(self.students) >= MAX_STUDENTS:
                raise ClassError(f"this class is full ({MAX_STUDENTS} students)")
            taken = {s.slug for s in self.students.values()}
            base, k = slug, 2
            while slug in taken:
                slug, k = f"{base}_{k}", k + 1
            student = Student(secrets.token_hex(4), name, secrets.token_urlsafe(16), slug)
            self.students[student.id] = student
        self.events.emit("roster", self.roster())
        return student

    def roster(self) -> dict[str, Any]:
        """Who is in the class and how their submissions stand (public: no code, no tokens)."""
        with self.lock:
            return {
                "students": [
                    {
                        "name": s.name,
                        "status": s.submission["status"] if s.submission else None,
                        "strategies": s.submission.get("labels", []) if s.submission else [],
                    }
                    for s in self.students.values()
                ]
            }

    def monitor(self) -> list[dict[str, Any]]:
        """Each student, where they are and their check's verdict (the teacher's monitor)."""
        with self.lock:
            return [
                {
                    "name": s.name,
                    "where": s.where(),
                    "games": s.games,
                    "verdict": s.submission.get("verdict") if s.submission else None,
                }
                for s in self.students.values()
            ]

    def public(self) -> dict[str, Any]:
        """What anyone with the join code sees."""
        with self.lock:
            return {
                "code": self.code,
                "name": self.name,
                "status": self.status,
                "settings": self.settings,
                **self.roster(),
                "results": self.results,
                "evolution": self.evolution,
                "events": len(self.events),
            }

    def write_submission(self, student: Student, request: dict[str, Any]) -> Path:
        """Write ``student``'s entry (plain Python or a no-code declaration) as their one file."""
        kind = request.get("kind")
        if kind == "python":
            source = request.get("source")
            if not isinstance(source, str) or not source.strip():
                raise ClassError("paste your strategy's Python code")
            if len(source) > MAX_SOURCE:
                raise ClassError(f"the code is too long ({len(source):,} characters; at most {MAX_SOURCE:,})")
            text = f"{source.rstrip()}\n\nauthor = {student.name!r}  # set by the classroom\n"
            suffix = ".py"
        else:
            text = builder.declaration(kind, request.get("fields") or {}, student.name)
            suffix = ".toml"
        self.submissions.mkdir(parents=True, exist_ok=True)
        for old in self.submissions.glob(f"{student.slug}.*"):
            old.unlink()
        path = self.submissions / f"{student.slug}{suffix}"
        path.write_text(text, encoding="utf-8")
        with self.lock:
            student.submission = {"kind": kind, "file": path.name, "status": "checking", "verdict": []}
        self.events.emit("roster", self.roster())
        return path

    def record_game(self, row: dict[str, Any]) -> None:
        """Add a finished human game to the class's table."""
        with self.lock:
            self.human_games.append(row)
        self.events.emit("game", row)

    def zip_results(self) -> bytes:
        """The results folder, the class's config and its human games, as one zip."""
        if not self.run_folder.is_dir():
            raise ClassError("the tournament has not been played yet")
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(self.run_folder.rglob("*")):
                if path.is_file():
                    archive.write(path, f"results/{path.relative_to(self.run_folder).as_posix()}")
            archive.writestr("results/human_games.csv", human_games_csv(self.human_games))
            for path in sorted(self.submissions.glob("*")):
                archive.write(path, f"submissions/{path.name}")
            archive.write(self.folder / "class.toml", "class.toml")
        return buffer.getvalue()


HUMAN_COLUMNS = ("kind", "player_a", "player_b", "turns", "moves_a", "moves_b", "score_a", "score_b", "seed")


def human_games_csv(rows: list[dict[str, Any]]) -> str:
    """One row per human game (moves as C/D strings): the class's one export of decisions."""
    import csv

    out = io.StringIO()
    writer = csv.DictWriter(out, HUMAN_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


class Registry:
    """Every open class, by join code; the worker threads that check and play."""

    def __init__(self, folder: Path, *, reveal_seconds: float = 12.0, frame_seconds: float = 0.3) -> None:
        self.folder = Path(folder)
        self.classes: dict[str, Classroom] = {}
        self.lock = threading.Lock()
        self.checks = ThreadPoolExecutor(1, thread_name_prefix="ipd-check")
        self.jobs = ThreadPoolExecutor(2, thread_name_prefix="ipd-class")
        self.reveal_seconds = reveal_seconds
        self.frame_seconds = frame_seconds
        self.misses: dict[str, list[float]] = {}

    def open(self, name: str = "") -> Classroom:
        """A new class with a fresh join code and teacher token."""
        with self.lock:
            while True:
                code = "".join(secrets.choice(CODE_LETTERS) for _ in range(CODE_LENGTH))
                if code not in self.classes:
                    break
            classroom = Classroom(
                code,
                secrets.token_urlsafe(24),
                " ".join(str(name).split())[:60] or f"Class {code}",
                self.folder / code,
                settings={"cast": list(DEFAULT_CAST), "turns": 10, "repetitions": 5, "noise": 0.0},
            )
            classroom.submissions.mkdir(parents=True, exist_ok=True)
            self.classes[code] = classroom
        return classroom

    def get(self, code: str, client: str = "") -> Classroom:
        """The class with join ``code``; a client that guesses too many wrong codes is refused."""
        now = time.monotonic()
        recent = [t for t in self.misses.get(client, []) if now - t < 60]
        if len(recent) >= 20:
            raise NotAllowed("too many wrong class codes: wait a minute")
        found = self.classes.get(str(code).upper())
        if found is None:
            self.misses[client] = [*recent, now]
            raise NotFound("no class with this code: check the code on the projector")
        return found

    def check(self, classroom: Classroom, student: Student, path: Path) -> None:
        """Check ``path`` in the sandbox on the check thread; the verdict goes to the student."""

        def work() -> None:
            from tournament.check import check_path

            try:
                # alone in a folder: check_path loads a file's whole folder, the class's would grow with it
                with tempfile.TemporaryDirectory(prefix="ipd-check-") as alone:
                    checks = check_path(shutil.copy(path, alone))
                verdict = [{"strategy": c.strategy, "ok": c.ok, "problems": c.problems} for c in checks]
            except UserError as error:
                verdict = [{"strategy": "-", "ok": False, "problems": [str(error)]}]
            ok = bool(verdict) and all(v["ok"] for v in verdict)
            with classroom.lock:
                if student.submission and student.submission["file"] == path.name:
                    student.submission |= {
                        "status": "ok" if ok else "failed",
                        "verdict": verdict,
                        "labels": [v["strategy"] for v in verdict if v["strategy"] != "-"],
                    }
            classroom.events.emit("roster", classroom.roster())

        self.checks.submit(work)

    def start_game(self, classroom: Classroom, student: Student, opponent: str) -> None:
        """Start ``student``'s next game: against a character by name, or "classmate"."""
        seed = secrets.randbelow(2**63)
        game_settings = {"game": _game(classroom.settings)}
        with classroom.lock:
            if student.game is not None and not student.game.done:
                raise ClassError("finish your game first")
            if opponent != "classmate":
                student.game = StrategyGame.start(opponent, seed, **game_settings)
                return
            partner = classroom.students.get(classroom.waiting or "")
            if partner is None or partner is student or partner.game is None or partner.game.done:
                student.game = PairGame((student.name, "?"), draw_length(seed), **game_settings)
                student.side = 0
                classroom.waiting = student.id
                return
            game = partner.game
            assert isinstance(game, PairGame)
            game.players = (partner.name, student.name)
            student.game, student.side = game, 1
            classroom.waiting = None

    def move(self, classroom: Classroom, student: Student, move: str) -> None:
        """``student`` plays ``move`` in their game; a finished game joins the class's table."""
        with classroom.lock:
            game = student.game
            if game is None:
                raise ClassError("start a game first")
            if isinstance(game, PairGame):
                if game.players[1] == "?":
                    raise ClassError("wait for a classmate to join your game")
                game.play(student.side, move)
            else:
                game.play(move)
            finished = game.done
        if finished:
            self._finish(classroom, student, game)

    def _finish(self, classroom: Classroom, student: Student, game: StrategyGame | PairGame) -> None:
        with classroom.lock:
            if getattr(game, "recorded", False):
                return
            game.recorded = True  # type: ignore[union-attr]
            if isinstance(game, PairGame):
                a, b = game.scores()
                row = {"kind": "human", "player_a": game.players[0], "player_b": game.players[1]}
                row |= {"moves_a": game.moves[0], "moves_b": game.moves[1], "score_a": a, "score_b": b}
                row |= {"turns": game.length, "seed": ""}
                for s in classroom.students.values():
                    if s.game is game:
                        s.games += 1
            else:
                assert game.result is not None
                a, b = game.result.scores
                row = {"kind": "strategy", "player_a": student.name, "player_b": game.opponent}
                row |= {"moves_a": game.result.moves_a, "moves_b": game.result.moves_b}
                row |= {"score_a": a, "score_b": b, "turns": game.length, "seed": game.seed}
                student.games += 1
        classroom.record_game(row)

    def run(self, classroom: Classroom, settings: dict[str, Any]) -> None:
        """Play the class's tournament, then its evolution, on a worker thread."""
        from tournament.web import jobs

        with classroom.lock:
            if classroom.status in ("playing", "evolving"):
                raise ClassError("the tournament is already running")
            classroom.settings = jobs.check_settings(settings, classroom.settings)
            classroom.status = "playing"
            classroom.results = classroom.evolution = None
        self.jobs.submit(jobs.play_class, classroom, self.reveal_seconds, self.frame_seconds)

    def close(self) -> None:
        """Stop the worker threads (after the work they hold)."""
        self.checks.shutdown(wait=True, cancel_futures=True)
        self.jobs.shutdown(wait=True, cancel_futures=True)


def _game(settings: dict[str, Any]) -> Any:
    from tournament.settings import Game

    payoffs = settings.get("payoffs") or {"R": 2, "S": -1, "T": 3, "P": 0}
    return Game(**payoffs)
