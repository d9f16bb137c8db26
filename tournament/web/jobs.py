"""The class's long work, on a worker thread: the tournament, its live reveal, the evolution.

The tournament is exactly ``ipd run class.toml``: the class's config is written to
``class.toml`` (the cast, the students' folder, the settings, a seed drawn once and kept), read
by :func:`tournament.io.config.load_config`, played by :func:`tournament.round_robin.run_tournament`
and saved by :func:`tournament.io.storage.write_run`, so the downloaded folder equals what the
command line gives for the same entries. While it plays the projector gets the progress; then
the finished matches are revealed in their order with a running leaderboard, and the official
ranking (the results folder's) closes it. The evolution of the class's strategies follows,
one generation per frame.
"""

from __future__ import annotations

import json
import secrets
import time
import traceback
from pathlib import Path
from typing import Any

import numpy as np

from tournament.characters import display_name, short_name
from tournament.errors import UserError
from tournament.web.lessons import CAST, LessonError, _number, _whole, evolution_words

COPIES = 4
"""Individuals of each entry in the class's evolution."""


def check_settings(given: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
    """The teacher's tournament settings, checked (anything left out keeps its value)."""
    settings = {**current, **{k: v for k, v in given.items() if v is not None}}
    unknown = sorted(
        set(settings) - {"cast", "turns", "repetitions", "noise", "payoffs", "seed", "generations"}
    )
    if unknown:
        raise LessonError(f"unknown setting {unknown[0]!r}")
    cast = settings.get("cast", [])
    if not isinstance(cast, list) or any(name not in CAST for name in cast):
        raise LessonError(f"the cast is a list of characters among {', '.join(CAST)}")
    settings["turns"] = _whole(settings.get("turns", 10), "rounds per match", 1, 500)
    settings["repetitions"] = _whole(settings.get("repetitions", 5), "repetitions", 1, 50)
    settings["noise"] = _number(settings.get("noise", 0.0), "noise", 0.0, 0.5)
    settings["generations"] = _whole(settings.get("generations", 25), "generations", 1, 200)
    payoffs = settings.get("payoffs") or {"R": 2, "S": -1, "T": 3, "P": 0}
    settings["payoffs"] = {k: _number(payoffs.get(k), k, -10, 10) for k in "RSTP"}
    if "seed" in settings and settings["seed"] is not None:
        settings["seed"] = _whole(settings["seed"], "seed", 0, 2**63 - 1)
    return settings


def class_toml(name: str, settings: dict[str, Any], seed: int) -> str:
    """The class's tournament config (``ipd run class.toml`` replays the class's run)."""
    payoffs = settings["payoffs"]
    lines = [
        "# A class tournament of ipd serve: the cast and every file of submissions/.",
        "[tournament]",
        f"name = {json.dumps(name)}",
        f"seed = {seed}",
        f"repetitions = {settings['repetitions']}",
        "",
        "[match]",
        f"turns = {settings['turns']}",
        f"noise = {settings['noise']!r}",
        "",
        "[game]",
        *(f"{k} = {payoffs[k]!r}" for k in "RSTP"),
        "",
        "[players]",
        f"strategies = {json.dumps(list(settings['cast']))}",
        'submissions = "submissions"',
        "trusted = false",
        "",
        "[output]",
        'names = "trust"',
        "",
    ]
    return "\n".join(lines)


def play_class(classroom: Any, reveal_seconds: float, frame_seconds: float) -> None:
    """The tournament, its reveal, then the evolution (see the module docstring); a failure
    is shown on the projector, never lost."""
    try:
        players, forfeited = _tournament(classroom, reveal_seconds)
        classroom.status = "evolving"
        _evolution(classroom, players, forfeited, frame_seconds)
        classroom.status = "done"
        classroom.events.emit("status", {"status": "done"})
    except Exception as error:  # noqa: BLE001 - a worker thread must report, not die silently
        message = str(error) if isinstance(error, UserError) else f"{type(error).__name__}: {error}"
        if not isinstance(error, UserError):
            traceback.print_exc()
        classroom.status = "failed"
        classroom.events.emit("status", {"status": "failed", "error": message})


def _tournament(classroom: Any, reveal_seconds: float) -> tuple[list[Any], list[str]]:
    """Play and save the class's tournament; return the players for the evolution and those
    left out of it because they forfeited (a broken strategy forfeits in a tournament, but
    would play on as a cooperator in the evolution's matches)."""
    from tournament.core.record import failure_summary
    from tournament.io.config import load_config
    from tournament.io.report.html import write_report
    from tournament.io.storage import write_run
    from tournament.round_robin import run_tournament
    from tournament.stats.summary import analyse_results

    settings = classroom.settings
    seed = settings.get("seed")
    seed = secrets.randbelow(2**63) if seed is None else seed
    config_path = Path(classroom.folder) / "class.toml"
    config_path.write_text(class_toml(classroom.name, settings, seed), encoding="utf-8")
    config = load_config(config_path, {"out": classroom.run_folder})
    spec = config.spec
    if len(spec.players) < 2:
        raise LessonError("a tournament needs at least 2 players: add characters or wait for submissions")
    labels = [p.label for p in spec.players]
    classroom.events.emit(
        "started", {"players": [short_name(x, "trust") for x in labels], "left_out": list(config.problems)}
    )
    started = time.perf_counter()
    results = run_tournament(
        spec, progress=lambda done, total: classroom.events.emit("progress", {"done": done, "total": total})
    )
    analysis = analyse_results(results)
    write_run(
        results,
        config,
        classroom.run_folder,
        command=["ipd", "run", "class.toml"],
        wall_seconds=time.perf_counter() - started,
        extras=lambda staging: write_report(staging, analysis, plots=True),
    )
    _reveal(classroom, results, labels, reveal_seconds)
    board = leaderboard_rows(results.players)
    classroom.results = {"leaderboard": board, "seed": seed, "left_out": list(config.problems)}
    classroom.events.emit("leaderboard", classroom.results)
    forfeited = set(failure_summary(results.matches)["player"]) if "failure_a" in results.matches else set()
    return [p for p in spec.players if p.label not in forfeited], sorted(forfeited)


def _reveal(classroom: Any, results: Any, labels: list[str], seconds: float) -> None:
    """The finished matches in their order, in about ``seconds``, each chunk with the running
    score per turn of every player (self-play left out, as in the ranking)."""
    matches = results.matches[~results.matches["self_play"]]
    n = len(labels)
    totals, turns = np.zeros(n), np.zeros(n)
    chunks = max(1, min(40, len(matches)))
    names = [short_name(x, "trust") for x in labels]
    for chunk in np.array_split(np.arange(len(matches)), chunks):
        part = matches.iloc[chunk]
        np.add.at(totals, part["player_a"].to_numpy(), part["score_a"].to_numpy())
        np.add.at(totals, part["player_b"].to_numpy(), part["score_b"].to_numpy())
        np.add.at(turns, part["player_a"].to_numpy(), part["turns"].to_numpy())
        np.add.at(turns, part["player_b"].to_numpy(), part["turns"].to_numpy())
        per_turn = np.divide(totals, turns, out=np.zeros(n), where=turns > 0)
        order = np.argsort(-per_turn, kind="stable")
        classroom.events.emit(
            "standings",
            {
                "played": int(chunk[-1]) + 1 if len(chunk) else 0,
                "matches": len(matches),
                "rows": [{"name": names[k], "score": round(float(per_turn[k]), 4)} for k in order],
            },
        )
        time.sleep(seconds / chunks)


def _evolution(classroom: Any, players: list[Any], forfeited: list[str], frame_seconds: float) -> None:
    from tournament.evolution.eliminate import run_eliminate
    from tournament.evolution.population import Population
    from tournament.settings import Game, MatchSettings

    settings = classroom.settings
    distinct = {p.label: p for p in players}
    population = Population.from_counts([(p, COPIES) for p in distinct.values()])
    names = [short_name(x, "trust") for x in population.names]
    eliminate = max(1, population.size // 5)
    classroom.events.emit(
        "evolution",
        {
            "names": names,
            "counts": list(population.counts),
            "eliminate": eliminate,
            "left_out": [f"{short_name(x, 'trust')} (it forfeited its matches)" for x in forfeited],
        },
    )
    last = time.perf_counter()

    def frame(generation: int, counts: np.ndarray) -> None:
        nonlocal last
        time.sleep(max(0.0, frame_seconds - (time.perf_counter() - last)))
        last = time.perf_counter()
        classroom.events.emit("generation", {"generation": generation, "counts": counts.tolist()})

    match = MatchSettings.build(
        turns=settings["turns"], noise=settings["noise"], game=Game(**settings["payoffs"])
    )
    history = run_eliminate(
        population, match, eliminate, settings["generations"], seed=classroom.results["seed"], progress=frame
    )
    classroom.evolution = {
        "names": names,
        "frames": history.tolist(),
        "words": evolution_words(names, history),
    }
    classroom.events.emit("evolved", classroom.evolution)


def leaderboard_rows(players: Any, naming: str = "trust") -> list[dict[str, Any]]:
    """A results folder's ranking as rows for the pages (names through the character layer)."""
    return [
        {
            "rank": int(row.rank),
            "name": display_name(row.name, naming),
            "score": None if row.median_score != row.median_score else round(float(row.median_score), 4),
            "wins": float(row.wins),
            "cooperation": float(row.cooperation_rate),
        }
        for row in players.itertuples()
    ]
