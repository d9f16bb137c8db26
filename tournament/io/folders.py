"""Results folders that never collide, and what a run keeps while it is under way.

A run writing the folder ``results/X`` first *claims* it: it creates its work folder
``results/.X.partial`` already holding ``.lock``, a file it keeps locked (``flock``) for as
long as it runs. The folder is made under a temporary name and renamed into place, so the
claim is atomic and a claimed work folder is never without its lock; two runs can never claim
the same name, and the kernel releases the lock when the process ends, however it ends
(``kill -9`` included). A work folder whose lock nobody holds is a *leftover* of a run that
was killed or interrupted.

Inside the work folder a run keeps ``run.json`` (what it is running: see :class:`Claim`),
``config.toml``, ``chunks/`` (one ``.npz`` file per finished chunk of play, written
atomically: a resumed run reads them back instead of playing them again) and ``staging/``,
where the results folder is assembled. :meth:`Claim.publish` renames ``staging/`` to ``X``, so
every file of ``X`` appears at once, then removes the work folder.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from tournament.core.record import ChunkRecords
from tournament.errors import UserError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: liveness from the process id instead
    fcntl = None  # type: ignore[assignment]

PARTIAL = ".partial"
LOCK = ".lock"
STATE = "run.json"
STALE_SECONDS = 60.0
"""Age after which an unlocked half-made claim (``.X.*.claim``) is removed."""


class FolderError(UserError):
    """A results folder that cannot be claimed, resumed or replaced; the message says why."""


def work_folder(folder: Path) -> Path:
    """Where the run writing ``folder`` works until it is complete: ``.NAME.partial`` beside it."""
    folder = Path(folder)
    return folder.parent / f".{folder.name}{PARTIAL}"


def target_of(work: Path) -> Path:
    """The results folder a work folder ``.NAME.partial`` is for."""
    return work.parent / work.name[1 : -len(PARTIAL)]


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write`` on a temporary path next to ``path``, then rename it into place."""
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        write(temporary)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


@dataclass
class Claim:
    """A results folder reserved by this process (see the module docstring).

    ``state`` is the content of ``run.json`` (what the run is: see :mod:`tournament.io.runs`);
    ``resumed`` says the work folder was a leftover taken over (its chunks are reused). The lock
    is held through ``lock``, an open descriptor of ``work/.lock`` (worker processes forked
    while it is open hold it too, and die with this process).
    """

    folder: Path
    work: Path
    lock: int
    state: dict[str, Any] = field(default_factory=dict)
    resumed: bool = False

    @property
    def chunks(self) -> ChunkFiles:
        """The finished chunks kept in the work folder."""
        return ChunkFiles(self.work / "chunks")

    @property
    def staging(self) -> Path:
        """The folder the results are assembled in (see :meth:`fresh_staging`)."""
        return self.work / "staging"

    def fresh_staging(self) -> Path:
        """An empty :attr:`staging` folder (what an interrupted writing left there is removed)."""
        shutil.rmtree(self.staging, ignore_errors=True)
        self.staging.mkdir()
        return self.staging

    def save_state(self, **values: Any) -> None:
        """Add ``values`` to ``run.json`` (written atomically)."""
        self.state.update(values)
        text = json.dumps(self.state, indent=2) + "\n"
        atomic_write(self.work / STATE, lambda path: path.write_text(text))

    def publish(self, replace: bool = False) -> Path:
        """Rename ``staging/`` to the results folder, remove the work folder, release the claim.

        An existing results folder is replaced only with ``replace`` and only when it holds a
        previous run (a ``manifest.json``); an empty one is always replaced.
        """
        _swap_in(self.staging, self.folder, replace)
        self.discard()
        return self.folder

    def release(self) -> None:
        """Stop holding the claim, keeping the work folder (a leftover another run may resume)."""
        if self.lock >= 0:
            os.close(self.lock)
            self.lock = -1

    def discard(self) -> None:
        """Remove the work folder and release the claim (the folder leaves its name while the
        claim is still held, so no other run can take it over half-removed)."""
        if self.work.exists():
            trash = Path(
                tempfile.mkdtemp(prefix=f".{self.folder.name}.", suffix=".old", dir=self.work.parent)
            )
            os.rename(self.work, trash / self.work.name)
            self.release()
            shutil.rmtree(trash, ignore_errors=True)
        self.release()


class ChunkFiles:
    """A run's finished chunks, one ``<key>.npz`` file each (a
    :class:`~tournament.round_robin.ChunkStore`)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def load(self, key: str) -> ChunkRecords | None:
        """The chunk saved under ``key``, or None."""
        path = self.folder / f"{key}.npz"
        if not path.is_file():
            return None
        with np.load(path, allow_pickle=False) as data:
            return ChunkRecords.from_arrays({name: data[name] for name in data.files})

    def save(self, key: str, chunk: ChunkRecords) -> None:
        """Write ``chunk`` under ``key`` atomically."""
        self.folder.mkdir(parents=True, exist_ok=True)
        arrays = chunk.arrays()

        def write(path: Path) -> None:
            with path.open("wb") as handle:
                np.savez(handle, **arrays)

        atomic_write(self.folder / f"{key}.npz", write)

    def layout(self, cells: int) -> int:
        """The seat-turns per chunk of this run: the first value given, kept in ``layout.json``."""
        path = self.folder / "layout.json"
        try:
            return int(json.loads(path.read_text())["batch_cells"])
        except (OSError, ValueError, KeyError, TypeError):
            self.folder.mkdir(parents=True, exist_ok=True)
            atomic_write(path, lambda target: target.write_text(json.dumps({"batch_cells": cells})))
            return cells

    def __len__(self) -> int:
        return len(list(self.folder.glob("*.npz"))) if self.folder.is_dir() else 0


def claim_new(base: Path, slug: str, now: datetime | None = None) -> Claim:
    """Claim a new results folder ``base/<slug>-<YYYYmmdd-HHMMSS>`` (``-2``, ``-3``... when that
    name is taken by a folder, a running run or a leftover)."""
    base = Path(base)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    with _creating(base):
        base.mkdir(parents=True, exist_ok=True)
        for counter in range(1, 10_000):
            folder = base / (f"{slug}-{stamp}" if counter == 1 else f"{slug}-{stamp}-{counter}")
            if folder.exists() or work_folder(folder).exists():
                continue
            claim = _claim(folder)
            if claim is None:
                continue
            if folder.exists():
                claim.discard()
                continue
            return claim
    raise FolderError(f"cannot find a free name for a results folder in {base}")


def place_path(place: Path | Claim) -> Path:
    """The results folder of ``place``: a path, or a claim of one."""
    return place.folder if isinstance(place, Claim) else Path(place)


@contextmanager
def run_place(base: Path, slug: str, given: Path | None = None) -> Iterator[Path | Claim]:
    """Where a run writes: ``given`` (``--out``) as is, else a new folder in ``base`` claimed
    now, before the run computes anything, so runs started in the same second never share a
    folder. The claim is dropped when the block ends (a published folder stays)."""
    if given is not None:
        yield Path(given)
        return
    claim = claim_new(base, slug)
    try:
        yield claim
    finally:
        claim.discard()


Written = TypeVar("Written")


def write_new(
    base: Path,
    slug: str,
    given: Path | None,
    write: Callable[[Path | Claim], Written],
    what: str = "the results",
) -> Written:
    """``write`` into the folder of :func:`run_place` and return what it returns; a disk that
    fails it is a :class:`FolderError` saying so (``cannot write the results: ...``)."""
    try:
        with run_place(base, slug, given) as place:
            return write(place)
    except OSError as error:
        raise FolderError(f"cannot write {what}: {error}") from None


def claim_folder(folder: Path) -> Claim:
    """Claim the results folder ``folder`` (``--out``): a fresh claim, or the leftover of a dead
    run there taken over (``resumed`` is then True). Raises :class:`FolderError` when another
    run is writing it."""
    folder = Path(folder)
    with _creating(folder):
        folder.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(100):
            claim = _claim(folder) or _take_over(work_folder(folder))
            if claim is not None:
                return claim
            holder = _holder(work_folder(folder))
            if holder is not None:
                raise FolderError(
                    f"{folder} is being written by another run (process {holder}); choose another folder"
                )
    raise FolderError(f"cannot claim {folder}: its work folder keeps changing")


@contextmanager
def _creating(folder: Path) -> Iterator[None]:
    """What the system refuses while ``folder`` is made and claimed (a parent that cannot hold
    folders, a read-only or full disk) as one :class:`FolderError` saying so."""
    try:
        yield
    except OSError as error:
        raise FolderError(f"cannot create the results folder {folder}: {error.strerror or error}") from None


def _claim(folder: Path) -> Claim | None:
    """A fresh claim of ``folder``, or None when its work folder exists."""
    work = work_folder(folder)
    if work.exists():
        return None
    made = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".claim", dir=folder.parent))
    lock = _lock(made / LOCK, create=True)
    assert lock is not None
    try:
        os.rename(made, work)
    except OSError:
        os.close(lock)
        shutil.rmtree(made, ignore_errors=True)
        return None
    return Claim(folder, work, lock)


def _take_over(work: Path) -> Claim | None:
    """The claim of a leftover work folder (its lock acquired), or None when it is not a
    leftover (missing, or its run still holds it)."""
    if not work.is_dir():
        return None
    lock = _lock(work / LOCK, create=True)
    if lock is None:
        return None
    return Claim(target_of(work), work, lock, _read_state(work), resumed=True)


def _read_state(work: Path) -> dict[str, Any]:
    """The ``run.json`` of a work folder ({} when missing or unreadable)."""
    try:
        state = json.loads((work / STATE).read_text())
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def _lock(path: Path, create: bool = False) -> int | None:
    """An open descriptor of ``path`` holding its exclusive lock (this process's id written in
    it), or None when another process holds it or the file is missing."""
    try:
        descriptor = os.open(path, os.O_RDWR | (os.O_CREAT if create else 0), 0o644)
    except OSError:
        return None
    if fcntl is not None:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(descriptor)
            return None
    elif _alive(_read_pid(descriptor)):
        os.close(descriptor)
        return None
    os.ftruncate(descriptor, 0)
    os.pwrite(descriptor, str(os.getpid()).encode(), 0)
    return descriptor


def _holder(work: Path) -> int | None:
    """The process id of the run holding ``work``, or None when nobody does."""
    descriptor = _lock(work / LOCK)
    if descriptor is not None:
        os.close(descriptor)
        return None
    try:
        return int((work / LOCK).read_text().strip() or 0) or None
    except (OSError, ValueError):
        return None


def _read_pid(descriptor: int) -> int | None:
    try:
        return int(os.pread(descriptor, 32, 0).decode().strip() or 0) or None
    except (OSError, ValueError):
        return None


def _alive(pid: int | None) -> bool:
    if pid is None or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


@dataclass(frozen=True)
class Leftover:
    """The work folder of a run that was killed or interrupted, and what it holds."""

    work: Path
    state: dict[str, Any]
    chunks: int

    @property
    def folder(self) -> Path:
        """The results folder the run was writing."""
        return target_of(self.work)


def leftovers(base: Path) -> Iterator[Leftover]:
    """The leftovers of dead runs in ``base`` (folders being written by live runs are skipped);
    half-made claims and old swap folders of dead runs are removed on the way."""
    base = Path(base)
    if not base.is_dir():
        return
    for path in sorted(base.iterdir()):
        if not path.name.startswith(".") or not path.is_dir():
            continue
        if path.name.endswith((".claim", ".old")):
            if time.time() - path.stat().st_mtime > STALE_SECONDS and _holder(path) is None:
                shutil.rmtree(path, ignore_errors=True)
            continue
        if not path.name.endswith(PARTIAL) or _holder(path) is not None:
            continue
        if not (path / LOCK).exists():
            if time.time() - path.stat().st_mtime > STALE_SECONDS:
                shutil.rmtree(path, ignore_errors=True)
            continue
        yield Leftover(path, _read_state(path), len(ChunkFiles(path / "chunks")))


def take_over(leftover: Leftover) -> Claim | None:
    """The claim of a leftover, or None when another run took it over meanwhile."""
    return _take_over(leftover.work)


def remove_leftover(leftover: Leftover) -> bool:
    """Remove a leftover unless a run took it over meanwhile; whether it was removed."""
    claim = take_over(leftover)
    if claim is None:
        return False
    claim.discard()
    return True


def _swap_in(staging: Path, folder: Path, replace: bool) -> None:
    """Rename ``staging`` to ``folder``; an existing ``folder`` is replaced only when it is empty,
    or with ``replace`` when it holds a previous run."""
    if not folder.exists():
        os.rename(staging, folder)
        return
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        os.rename(staging, folder)
        return
    if not (folder / "manifest.json").is_file():
        raise FileExistsError(f"{folder} is not empty and does not hold a previous run")
    if not replace:
        raise FileExistsError(f"{folder} already holds a run")
    old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".old", dir=folder.parent))
    os.replace(folder, old / folder.name)
    try:
        os.rename(staging, folder)
    except BaseException:
        os.replace(old / folder.name, folder)
        raise
    shutil.rmtree(old, ignore_errors=True)
