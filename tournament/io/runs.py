"""Where a run writes, and whether it continues an interrupted one.

:func:`start_run` claims the results folder of a new run (:mod:`tournament.io.folders`): the
``--out`` folder, or a fresh ``<slug>-<timestamp>`` one. Before that it looks at what killed or
interrupted runs left in the results folder: the leftover of the *same* run (same resolved
config and version; same but for the seed when neither seed was chosen) is continued from its
finished chunks, empty ones are removed, and the others are named in a note with the command
that resumes them. :func:`resume_run` continues the interrupted run of a given folder
(``--resume``). A run's identity is kept in its work folder's ``run.json``, its resolved config
beside it.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tournament import __version__
from tournament.io.config import RunConfig, load_config, to_toml
from tournament.io.folders import (
    PARTIAL,
    Claim,
    FolderError,
    atomic_write,
    claim_folder,
    claim_new,
    leftovers,
    remove_leftover,
    take_over,
    target_of,
    work_folder,
)


@dataclass
class RunPlace:
    """A claimed results folder and the config to run there (a leftover's seed adopted when
    it is continued); ``done`` counts the finished chunks found, ``notes`` says what was found
    and done about leftovers."""

    claim: Claim
    config: RunConfig
    done: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def folder(self) -> Path:
        return self.claim.folder


def identity(config: RunConfig, with_seed: bool = True) -> str:
    """What must be equal for two runs to give the same results: the version, the resolved
    config (without the seed line when not ``with_seed``), every player and the content of the
    submitted files."""
    lines = to_toml(config).splitlines()
    if not with_seed:
        lines = [line for line in lines if not line.startswith("seed = ")]
    digest = hashlib.sha256("\n".join([__version__, *lines, *(p.spec for p in config.spec.players)]).encode())
    if config.submissions is not None:
        for path in sorted(config.submissions.rglob("*")):
            if path.is_file() and path.suffix in (".py", ".toml"):
                digest.update(path.relative_to(config.submissions).as_posix().encode())
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def start_run(config: RunConfig, *, overwrite: bool = False) -> RunPlace:
    """Claim the folder of a new run of ``config`` (see the module docstring). An existing
    ``--out`` run folder is replaced only with ``overwrite``; so is the leftover of another
    config there."""
    out = config.output.run_folder
    if out is not None:
        return _start_in(out, config, overwrite)
    notes: list[str] = []
    for leftover in leftovers(config.output.folder):
        if leftover.folder.exists() or (leftover.chunks == 0 and not _same(leftover.state, config)):
            remove_leftover(leftover)
        elif _same(leftover.state, config):
            claim = take_over(leftover)
            if claim is not None:
                return _continue(claim, config, notes)
        else:
            notes.append(
                f"{leftover.work} holds an interrupted run ({_chunks(leftover.chunks)} done); "
                f"continue it with: ipd run --resume {leftover.folder}"
            )
    return _begin(claim_new(config.output.folder, config.slug), config, notes)


def resume_run(folder: Path, requested: RunConfig | None = None) -> RunPlace:
    """Continue the interrupted run that was writing ``folder`` (or whose work folder is
    ``folder``), with its own config; a ``requested`` config must be the same run."""
    folder = Path(folder)
    if folder.name.startswith(".") and folder.name.endswith(PARTIAL):
        folder = target_of(folder)
    work = work_folder(folder)
    if not work.is_dir():
        if (folder / "manifest.json").is_file():
            raise FolderError(f"--resume: {folder} holds a finished run; there is nothing to resume")
        raise FolderError(f"--resume: there is no interrupted run of {folder}")
    claim = claim_folder(folder)
    if not claim.resumed or "identity" not in claim.state or not (work / "config.toml").is_file():
        claim.discard()
        raise FolderError(f"--resume: {folder} was interrupted before its run was recorded; start it again")
    if claim.state.get("version") != __version__:
        claim.release()
        raise FolderError(
            f"--resume: {folder} was started by ipd-tournament {claim.state.get('version')}, this is "
            f"{__version__}; results could differ, so start it again"
        )
    saved = load_config(work / "config.toml", {"out": folder})
    saved = dataclasses.replace(saved, seed_drawn=bool(claim.state.get("seed_drawn")))
    if claim.state.get("source"):
        saved = dataclasses.replace(saved, source=Path(claim.state["source"]))
    if requested is not None and not _same(claim.state, requested, any_seed=True):
        claim.release()
        raise FolderError(
            f"--resume: {folder} was started with another config; give only --resume to continue it as it was"
        )
    return _continue(claim, saved, [])


def stopped(place: RunPlace) -> str | None:
    """Let go of the run of ``place`` after it stopped before its end: its work folder is kept
    when chunks of play were finished (and the note returned says how to continue), else removed."""
    done = len(place.claim.chunks)
    if done == 0:
        place.claim.discard()
        return None
    place.claim.release()
    return f"Stopped with {_chunks(done)} of play kept; continue with: ipd run --resume {place.folder}"


def _start_in(out: Path, config: RunConfig, overwrite: bool) -> RunPlace:
    if (out / "manifest.json").is_file() and not overwrite:
        raise FolderError(
            f"--out: {out} already holds a run; pass --overwrite to replace it, or choose another folder"
        )
    claim = claim_folder(out)
    if claim.resumed:
        if _same(claim.state, config):
            return _continue(claim, config, [])
        if not overwrite and "identity" in claim.state and len(claim.chunks) > 0:
            claim.release()
            raise FolderError(
                f"--out: {out} holds the interrupted run of another config ({_chunks(len(claim.chunks))} "
                f"done); continue it with: ipd run --resume {out}; or pass --overwrite to start afresh"
            )
        claim.discard()
        claim = claim_folder(out)
    return _begin(claim, config, [])


def _begin(claim: Claim, config: RunConfig, notes: list[str]) -> RunPlace:
    """Record the run in its fresh claim: its identity, version, and resolved config."""
    text = to_toml(config)
    atomic_write(claim.work / "config.toml", lambda path: path.write_text(text))
    claim.save_state(
        identity=identity(config),
        loose_identity=identity(config, with_seed=False),
        seed=config.spec.seed,
        seed_drawn=config.seed_drawn,
        version=__version__,
        source=str(config.source) if config.source is not None else None,
    )
    return RunPlace(claim, config, 0, notes)


def _continue(claim: Claim, config: RunConfig, notes: list[str]) -> RunPlace:
    """The run of a taken-over leftover, its seed adopted when this one was drawn."""
    seed = claim.state.get("seed")
    if config.seed_drawn and isinstance(seed, int) and seed != config.spec.seed:
        config = dataclasses.replace(config, spec=dataclasses.replace(config.spec, seed=seed))
    done = len(claim.chunks)
    notes.append(f"Continuing the interrupted run in {claim.folder} ({_chunks(done)} already done)")
    return RunPlace(claim, config, done, notes)


def _same(state: dict[str, Any], config: RunConfig, any_seed: bool = False) -> bool:
    """Whether the run recorded in ``state`` is the run of ``config``: any seed when neither
    chose one, or with ``any_seed`` when ``config`` did not."""
    if state.get("identity") == identity(config):
        return True
    loose = config.seed_drawn and (any_seed or state.get("seed_drawn"))
    return bool(loose) and state.get("loose_identity") == identity(config, with_seed=False)


def _chunks(n: int) -> str:
    return f"{n} chunk{'s' if n != 1 else ''}"
