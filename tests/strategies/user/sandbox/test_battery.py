"""The hostile battery: every attack of attacks/ played by ``ipd run``, serial, with
``--workers 2`` and with ``--dask local``.

For each attack: the tournament completes, the attacker is reported in every match it
played, honest pairs' results equal a run without attackers, nothing outside the run
folder changes (files, an unrelated process, a listening port) and no process outlives
the run. The attacks run in two groups (those that hang or exhaust a limit, and the
others) to keep each tournament small.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import socket
import subprocess
import sys
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

pytestmark = pytest.mark.slow

ATTACKS = Path(__file__).parent / "attacks"
SLOW = ("sleeper", "stubborn", "timer_switch", "recursion_bomb", "memory_hog", "numpy_hog", "rlimit_raiser")
GROUPS = {
    "slow": sorted(p.stem for p in ATTACKS.glob("*.py") if p.stem in SLOW),
    "fast": sorted(p.stem for p in ATTACKS.glob("*.py") if p.stem not in SLOW),
}
MODES = {"serial": [], "workers": ["--workers", "2"], "dask": ["--dask", "local", "--workers", "2"]}
HONEST = {"Tit For Tat", "Random", "honest/Copycat", "honest/Dice"}
"""Players whose matches among themselves must not change."""
BYSTANDERS = {
    "globals_carrier/Globetrotter",
    "a_label_squatter.py/Grudger",
    "victim.py/Grudger",
    "Victim Smith/Grudger",
}
"""Submissions that must play without failing: module globals do not carry over, and a
squatter and its victim both play, each under its file name."""
CONFIG = """
[tournament]
name = "Battery"
seed = 5
repetitions = 1

[match]
turns = 60

[players]
strategies = ["Tit For Tat", "Random"]
submissions = {folder!r}

[sandbox]
move_seconds = 0.15
match_seconds = 2
load_seconds = 3
memory_mb = 128
"""


def test_the_battery_has_at_least_25_attacks():
    assert len(GROUPS["slow"]) + len(GROUPS["fast"]) >= 25


@dataclass
class World:
    """Everything outside the runs that the attackers aim at."""

    root: Path
    outside: Path
    canary: subprocess.Popen
    listener: socket.socket
    token: str

    def substitutions(self, results: Path) -> dict[str, str]:
        return {
            "__OUTSIDE__": str(self.outside),
            "__RESULTS__": str(results),
            "__CANARY__": str(self.canary.pid),
            "__PORT__": str(self.listener.getsockname()[1]),
            "__TOKEN__": self.token,
        }

    def prepare(self, name: str, attacks: list[str]) -> tuple[Path, Path]:
        """Write the submissions and a config; return the config and the results folder."""
        folder, out = self.root / f"{name}-submissions", self.root / f"{name}-results"
        folder.mkdir()
        files = [ATTACKS / f"{a}.py" for a in attacks] + sorted((ATTACKS / "honest").glob("*.py"))
        for path in files:
            text = path.read_text()
            for key, value in self.substitutions(out).items():
                text = text.replace(key, value)
            (folder / path.name).write_text(text)
        config = self.root / f"{name}.toml"
        config.write_text(CONFIG.format(folder=str(folder)))
        return config, out

    def run(self, config: Path, out: Path, options: list[str]) -> pd.DataFrame:
        """``ipd run CONFIG --out OUT`` in a process of its own; its matches."""
        command = "import sys; from tournament.cli.app import main; sys.argv[0] = 'ipd'; main()"
        done = subprocess.run(
            [sys.executable, "-c", command, "run", str(config), "--out", str(out), "--no-report", "--quiet"]
            + options,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        assert "Traceback" not in done.stderr, done.stderr[-3000:]
        return pd.read_parquet(out / "matches.parquet")


def _become_subreaper() -> None:
    """Orphaned descendants of the runs become this process's children, where we can see them."""
    ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER


def live_children() -> set[int]:
    """This process's children that are still running (not zombies)."""
    pid = os.getpid()
    found = set()
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            children = Path(f"/proc/{pid}/task/{task}/children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            try:
                state = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if state != "Z":
                found.add(child)
    return found


def snapshot(root: Path) -> dict[str, str]:
    """Every file and folder under ``root`` except the runs' results, with a hash of its content."""
    out = {}
    for path in sorted(root.rglob("*")):
        if any(part.endswith("-results") for part in path.relative_to(root).parts):
            continue
        out[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
    return out


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    if not sys.platform.startswith("linux"):
        pytest.skip("the battery checks processes through /proc")
    _become_subreaper()
    root = tmp_path_factory.mktemp("battery")
    outside = root / "outside"
    outside.mkdir()
    (outside / "canary.txt").write_text("the canary")
    canary = subprocess.Popen(["sleep", "900"])
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.setblocking(False)
    try:
        yield World(root, outside, canary, listener, uuid.uuid4().hex)
    finally:
        canary.kill()
        canary.wait()
        listener.close()


@pytest.fixture(scope="module")
def reference(world):
    return world.run(*world.prepare("reference", []), [])


def between(matches: pd.DataFrame, names: set[str]) -> pd.DataFrame:
    rows = matches[matches.name_a.isin(names) & matches.name_b.isin(names)]
    rows = rows.drop(columns=["player_a", "player_b"]).sort_values(["repetition", "name_a", "name_b"])
    return rows.reset_index(drop=True)


@pytest.mark.parametrize("group", sorted(GROUPS))
@pytest.mark.parametrize("mode", list(MODES))
def test_attacks_are_contained_and_reported(world, reference, mode, group):
    config, out = world.prepare(f"{mode}-{group}", GROUPS[group])
    before = snapshot(world.root)
    children = live_children()
    temp_folders = set(Path(tempfile.gettempdir()).glob("ipd-sandbox-*"))

    matches = world.run(config, out, MODES[mode])

    names = set(matches.name_a) | set(matches.name_b)
    attackers = names - HONEST - BYSTANDERS
    assert len(attackers) >= len(GROUPS[group])
    n = len(names)
    assert len(matches) == n * (n + 1) // 2, "the results folder is incomplete"
    for attacker in sorted(attackers):
        for side in ("a", "b"):
            own = matches[(matches[f"name_{side}"] == attacker) & ~matches.self_play]
            assert (own[f"failure_{side}"] != "").all(), (attacker, own[f"failure_{side}"].tolist()[:3])
            assert own[f"forfeit_{side}"].all(), attacker
    honest = between(matches, HONEST | BYSTANDERS)
    assert (honest.failure_a == "").all() and (honest.failure_b == "").all()
    assert between(matches, HONEST).equals(between(reference, HONEST))
    if group == "fast":
        carrier = matches[matches.name_a == "globals_carrier/Globetrotter"]
        assert len(carrier) > 10 and (carrier.coop_a == 60).all()
        assert {"a_label_squatter.py/Grudger", "victim.py/Grudger"} <= names
        victim = matches[(matches.name_a == "victim.py/Grudger") & (matches.name_b == "honest/Copycat")]
        assert (victim.coop_a == 60).all()

    assert snapshot(world.root) == before, "a file outside the run folder changed"
    assert not Path(f"/tmp/ipd-battery-{world.token}").exists()
    assert not Path(f"~/ipd-battery-{world.token}").expanduser().exists()
    assert world.canary.poll() is None, "an unrelated process was killed"
    with pytest.raises(BlockingIOError):
        world.listener.accept()
    assert live_children() - children <= set(), "a process outlived the run"
    assert set(Path(tempfile.gettempdir()).glob("ipd-sandbox-*")) <= temp_folders
    assert out.is_dir()
