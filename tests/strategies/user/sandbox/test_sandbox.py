"""The sandbox: hostile submissions are contained, the tournament finishes, honest results stand."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest

from strategies.user.sandbox.parent import SandboxLimits
from strategies.user.submissions import load_folder
from tournament import TournamentSpec, run_tournament

LIMITS = SandboxLimits(move_seconds=0.2, match_seconds=2.0, load_seconds=2.0, memory_mb=128)
TURNS = 60

HONEST = {
    "honest.py": """
from strategies import PlainStrategy, plain_strategy

@plain_strategy("Copycat")
def copycat(me, them):
    return them[-1] if them else "C"

class Dice(PlainStrategy):
    name = "Dice"
    classifier = PlainStrategy.classifier.__class__(stochastic=True)
    def play(self, me, them):
        import random
        return "C" if random.random() < 0.7 else ("C" if self.random() < 0.5 else "D")
""",
}

HOSTILE = {
    "meddler.py": """
import sys
from strategies import plain_strategy

@plain_strategy("Meddler")
def meddler(me, them):
    frame = sys._getframe()
    while frame is not None:
        for value in list(frame.f_locals.values()):
            for name in ("opp_hist", "hist", "_games", "strategy", "play"):
                if hasattr(value, name):
                    try:
                        setattr(value, name, None)
                    except Exception:
                        pass
        frame = frame.f_back
    return "D"
""",
    "gcwalker.py": """
import gc
from strategies import plain_strategy

@plain_strategy("GC Walker")
def walker(me, them):
    for thing in gc.get_objects():
        if hasattr(thing, "play"):
            thing.play = lambda me, them: "C"
    return "D"
""",
    "peeker.py": """
import os
from strategies import plain_strategy

@plain_strategy("Peeker")
def peeker(me, them):
    folder = os.path.dirname(__file__)
    return "D" if "def copycat" in open(os.path.join(folder, "honest.py")).read() else "C"
""",
    "grudgeglobal.py": """
from strategies import plain_strategy

MATCHES = []

@plain_strategy("Globetrotter")
def globetrotter(me, them):
    if not me:
        MATCHES.append(1)
    return "D" if len(MATCHES) > 1 else "C"
""",
    "sleeper.py": """
import time
from strategies import plain_strategy

@plain_strategy("Sleeper")
def sleeper(me, them):
    if len(me) == 3:
        time.sleep(10**6)
    return "C"
""",
    "stubborn.py": """
from strategies import plain_strategy

@plain_strategy("Stubborn")
def stubborn(me, them):
    if len(me) == 2:
        while True:
            try:
                while True:
                    pass
            except BaseException:
                pass
    return "C"
""",
    "hog.py": """
from strategies import plain_strategy

@plain_strategy("Hog")
def hog(me, them):
    memory = []
    while True:
        memory.append(bytearray(2**24))
""",
    "raiser.py": """
from strategies import plain_strategy

@plain_strategy("Raiser")
def raiser(me, them):
    if len(me) == 56:
        return {}["boom"]
    return "C"
""",
    "xer.py": """
from strategies import plain_strategy

@plain_strategy("Xer")
def xer(me, them):
    return "X"
""",
    "quitter.py": """
import os, sys
from strategies import plain_strategy

@plain_strategy("Quitter")
def quitter(me, them):
    sys.exit(0)

@plain_strategy("Killer")
def killer(me, them):
    if len(me) == 1:
        os._exit(7)
    return "C"
""",
    "forker.py": """
import os
from strategies import plain_strategy

@plain_strategy("Forker")
def forker(me, them):
    if os.fork() == 0:
        return "C"
    return "D"
""",
    "forger.py": """
import os
import pickle
import sys
from strategies import plain_strategy

class Exploit:
    def __reduce__(self):
        return (os.system, ("touch " + RESULTS_FOLDER + "/pwned",))

@plain_strategy("Forger")
def forger(me, them):
    frame = sys._getframe()
    while frame is not None:
        worker = frame.f_locals.get("self")
        pipe = getattr(worker, "answers", None) or getattr(worker, "conn", None)
        if pipe is not None:
            pipe.send_bytes(b"\\x01" + pickle.dumps(Exploit()))
            pipe.send_bytes(pickle.dumps(Exploit()))
        frame = frame.f_back
    return "D"
""",
    "vandal.py": """
from strategies import plain_strategy

RESULTS = RESULTS_FOLDER

@plain_strategy("Vandal")
def vandal(me, them):
    with open(RESULTS + "/matches.csv", "w") as handle:
        handle.write("all mine")
    return "D"
""",
}

EXPECTED = {
    "gcwalker/GC Walker": r"was stopped on turn 1: gc.get_objects is not allowed",
    "peeker/Peeker": r"reading '.*honest.py' is not allowed|No such file or directory: '.*honest.py'",
    "sleeper/Sleeper": r"took more than 0.2 s on turn 4 \(the time limit\)",
    "stubborn/Stubborn": r"did not return within 0.9 s \(the worker was stopped\)",
    "hog/Hog": r"ran out of memory on turn 1 \(limit 128 MB\)",
    "raiser/Raiser": r"raised KeyError: 'boom' on turn 57 \(line 7\)",
    "xer/Xer": r"returned 'X' on turn 1; expected 'C' or 'D'",
    "quitter/Quitter": r"called sys.exit\(0\) on turn 1",
    "quitter/Killer": r"ended the worker \(exit code 7\)",
    "forker/Forker": r"was stopped on turn 1: os.fork is not allowed",
    "forger/Forger": r"sent a malformed reply to the engine on turn 1",
    "vandal/Vandal": r"was stopped on turn 1: writing '.*matches.csv' is not allowed",
}


def folder_with(tmp_path: Path, files: dict[str, str], name: str) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    results = tmp_path / "results"
    results.mkdir(exist_ok=True)
    for filename, text in files.items():
        (folder / filename).write_text(text.replace("RESULTS_FOLDER", repr(str(results))))
    return folder


def players(folder: Path, limits: SandboxLimits = LIMITS) -> list:
    reports = load_folder(folder, limits=limits)
    assert all(r.ok for r in reports), [r.error for r in reports]
    return [p for r in reports for p in r.players]


def play(field: list, seed: int = 5):
    spec = TournamentSpec.build([*field, "Tit For Tat", "Random"], turns=TURNS, repetitions=2, seed=seed)
    return run_tournament(spec).matches


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("sandbox")
    honest = play(players(folder_with(tmp_path, HONEST, "honest")))
    everyone = play(players(folder_with(tmp_path, {**HONEST, **HOSTILE}, "everyone")))
    return tmp_path, honest, everyone


HONEST_NAMES = {"honest/Copycat", "honest/Dice", "Tit For Tat", "Random"}


def between_honest(matches):
    rows = matches[matches.name_a.isin(HONEST_NAMES) & matches.name_b.isin(HONEST_NAMES)]
    return rows.drop(columns=["player_a", "player_b"]).reset_index(drop=True)


def test_honest_results_are_unchanged_by_hostile_submissions(runs):
    _, honest, everyone = runs
    assert len(between_honest(honest)) == 2 * 10
    assert between_honest(honest).equals(between_honest(everyone))
    assert (honest.failure_a == "").all() and (honest.failure_b == "").all()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_hostile_submission_forfeits_with_a_readable_reason(runs, name):
    _, _, matches = runs
    own = matches[(matches.name_a == name) & ~matches.self_play]
    assert len(own) > 0
    assert own.forfeit_a.all()
    assert all(re.search(EXPECTED[name], text) for text in own.failure_a), own.failure_a.iloc[0]
    assert (own.score_a == 0).all()
    assert (own[~own.forfeit_b].score_b == 5 * TURNS).all()
    assert (own[own.forfeit_b].score_b == 0).all()


def test_meddling_with_frames_harms_only_the_meddler(runs):
    _, _, matches = runs
    honest_a = matches[matches.name_a.isin(HONEST_NAMES)]
    honest_b = matches[matches.name_b.isin(HONEST_NAMES)]
    assert (honest_a.failure_a == "").all() and (honest_b.failure_b == "").all()
    meddler = matches[(matches.name_a == "meddler/Meddler") & matches.name_b.isin(HONEST_NAMES)]
    assert len(meddler) > 0 and meddler.forfeit_a.all()


def test_module_globals_do_not_carry_state_across_matches(runs):
    _, _, matches = runs
    rows = matches[
        (matches.name_a == "grudgeglobal/Globetrotter") | (matches.name_b == "grudgeglobal/Globetrotter")
    ]
    coop = [r.coop_a if r.name_a == "grudgeglobal/Globetrotter" else r.coop_b for r in rows.itertuples()]
    assert len(coop) > 10 and set(coop) == {TURNS}


def test_the_results_folder_is_untouched(runs):
    tmp_path, _, _ = runs
    assert list((tmp_path / "results").iterdir()) == []


def test_sandboxed_randomness_is_reproducible_from_the_seed(tmp_path):
    field = players(folder_with(tmp_path, HONEST, "honest"))
    again = players(folder_with(tmp_path, HONEST, "again"))
    first, second, other = play(field, seed=1), play(again, seed=1), play(field, seed=2)
    dice = (first.name_a == "honest/Dice") & ~first.self_play
    assert first.equals(second)
    assert not first[dice].coop_a.equals(other[dice].coop_a)


def test_cooperate_rule_counts_bad_moves_as_c(tmp_path):
    files = {
        "odd.py": """
from strategies import plain_strategy

@plain_strategy("Odd")
def odd(me, them):
    return "D" if len(me) % 2 else "maybe"
"""
    }
    field = players(
        folder_with(tmp_path, files, "odd"), SandboxLimits(move_seconds=0.2, on_failure="cooperate")
    )
    matches = run_tournament(TournamentSpec.build([*field, "Defector"], turns=10, seed=1)).matches
    row = matches[matches.name_b == "Defector"].iloc[0]
    assert not row.forfeit_a
    assert row.coop_a == 5 and row.score_a == 5 * 1 + 5 * 0
    assert (
        row.failure_a == "returned 'maybe' on turn 1; expected 'C' or 'D' (4 more bad move(s) counted as C)"
    )


def test_limits_are_checked():
    with pytest.raises(ValueError, match="on_failure must be one of 'forfeit', 'cooperate'"):
        SandboxLimits(on_failure="ignore")
    with pytest.raises(ValueError, match="move_seconds must be a number of seconds above 0"):
        SandboxLimits(move_seconds=0)


NAME_AWARE = {
    "aware.py": """
from strategies import PlainStrategy

class Aware(PlainStrategy):
    name = "Aware"
    def play(self, me, them):
        return "D" if self.opponent == "Cooperator" else "C"
""",
}


@pytest.mark.parametrize("trusted", [False, True])
def test_the_opponent_is_named_only_when_the_tournament_reveals_it(tmp_path, trusted):
    aware = load_folder(folder_with(tmp_path, NAME_AWARE, "aware"), limits=LIMITS, trusted=trusted)[0].players
    for reveal, expected in ((False, 0), (True, 10)):
        spec = TournamentSpec.build(
            [*aware, "Cooperator", "Defector"], turns=10, seed=1, reveal_opponent=reveal
        )
        matches = run_tournament(spec).matches.set_index(["name_a", "name_b"])
        assert matches.loc[("aware/Aware", "Cooperator")].coop_a == 10 - expected
        assert matches.loc[("aware/Aware", "Defector")].coop_a == 10


def test_without_bubblewrap_the_fallback_says_so_and_still_contains(tmp_path, monkeypatch, caplog):
    from strategies.user.sandbox import isolation, process

    monkeypatch.setattr(isolation, "isolation", lambda: isolation.Isolation(None, True, "bwrap is missing"))
    isolation.warn_if_degraded.cache_clear()
    limits = SandboxLimits(move_seconds=0.2, match_seconds=2.0, load_seconds=2.0, memory_mb=129)
    files = {**HONEST, "forker.py": HOSTILE["forker.py"], "vandal.py": HOSTILE["vandal.py"]}
    temp = Path(tempfile.gettempdir())
    before = set(temp.glob("ipd-sandbox-*"))
    with caplog.at_level("WARNING", logger="strategies.sandbox"):
        field = players(folder_with(tmp_path, files, "fallback"), limits)
    assert "bwrap is missing" in caplog.text and "WARNING: the sandbox cannot isolate" in caplog.text
    matches = play(field)
    for name in ("forker/Forker", "vandal/Vandal"):
        own = matches[(matches.name_a == name) & ~matches.self_play]
        assert own.forfeit_a.all() and re.search(EXPECTED[name], own.failure_a.iloc[0])
    honest = players(folder_with(tmp_path, HONEST, "h2"), limits)
    assert between_honest(matches).equals(between_honest(play(honest)))
    for player in field + honest:
        player.close()
    process.stop_shared()
    assert set(temp.glob("ipd-sandbox-*")) <= before
    isolation.warn_if_degraded.cache_clear()


def test_a_project_under_tmp_is_visible_inside_the_private_tmp(monkeypatch, tmp_path):
    """A checkout or venv under /tmp (tmp_path is) is bound over the sandbox's private /tmp,
    not hidden by it: the worker reads the project's files, but nothing else of the host's /tmp."""
    import subprocess

    from strategies.user.sandbox import isolation

    found = isolation.isolation()
    if found.bwrap is None:
        pytest.skip(f"needs bubblewrap ({found.problem})")
    project = tmp_path / "project"
    project.mkdir()
    (project / "module.py").write_text("VISIBLE = True\n")
    (tmp_path / "private.txt").write_text("host /tmp")
    monkeypatch.setattr(isolation, "readable_roots", lambda: (str(project),))
    seen = subprocess.run(
        [
            found.bwrap,
            *isolation.bwrap_arguments(),
            "--",
            "/bin/sh",
            "-c",
            f"cat {project}/module.py; ls {tmp_path}",
        ],
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert seen.returncode == 0, seen.stderr
    assert seen.stdout.split() == ["VISIBLE", "=", "True", "project"]
