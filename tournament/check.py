"""Check submissions before a tournament: load, play a small reference field, report.

:func:`check_path` loads each file in isolation (Python files in sandbox workers, TOML
declarations without running code), then plays each strategy it defines against
Cooperator, Defector, Tit For Tat, Random and itself, twice with different seeds, under
the sandbox's limits. The result is one :class:`StrategyCheck` per strategy (or per broken
file): ``ok``, or exactly what is wrong: a syntax error with its line, an exception with the
turn and line where it happened, a wrong return value, a move over the time limit with
the measured time, or different moves with another seed from a strategy that says it is
deterministic. The measured time per move is reported for every sandboxed strategy.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from strategies.base import Strategy
from strategies.registry import create
from strategies.user.sandbox.parent import SandboxedStrategy, SandboxLimits
from strategies.user.submissions import load_folder
from tournament.core import plan as planner
from tournament.core.engine import Engine
from tournament.errors import StrategyError
from tournament.settings import MatchSettings

REFERENCE_FIELD = ("Cooperator", "Defector", "Tit For Tat", "Random")
DETERMINISTIC_FIELD = ("Cooperator", "Defector", "Tit For Tat", "itself")


@dataclass
class StrategyCheck:
    """The verdict on one strategy (or on a file that defines none)."""

    file: str
    strategy: str
    ok: bool
    problems: list[str] = field(default_factory=list)
    seconds_per_move: float | None = None
    slowest_move: float | None = None

    def as_dict(self) -> dict[str, object]:
        """Plain data for ``--json``."""
        return asdict(self)


def check_path(
    path: str | Path, *, limits: SandboxLimits | None = None, turns: int = 60
) -> list[StrategyCheck]:
    """Check one file or every submission of a folder (see the module docstring)."""
    path = Path(path)
    limits = limits or SandboxLimits()
    if path.is_file():
        if path.suffix not in (".py", ".toml"):
            raise StrategyError(f"{path}: a submission is a .py or .toml file")
        reports = [r for r in load_folder(path.parent, limits=limits) if r.path.name == path.name]
    else:
        reports = load_folder(path, limits=limits)
    checks = []
    for report in reports:
        if report.error:
            checks.append(StrategyCheck(report.path.name, "-", False, [report.error]))
            continue
        for player in report.players:
            checks.append(check_strategy(player, report.path.name, turns))
            if isinstance(player, SandboxedStrategy):
                player.close()
    return checks


def check_strategy(player: Strategy, file: str, turns: int) -> StrategyCheck:
    """Play ``player`` against the reference field and itself, twice, and judge it."""
    first, timings = _play(player, turns, seed=1)
    second, _ = _play(player, turns, seed=2)
    where: dict[str, list[str]] = {}
    for opponent, failure in first["failures"].items():
        where.setdefault(failure, []).append(opponent)
    problems = [f"{failure} (against {', '.join(opponents)})" for failure, opponents in where.items()]
    if not player.stochastic and not first["failures"] and not second["failures"]:
        for opponent in DETERMINISTIC_FIELD:
            a, b = first["moves"][opponent], second["moves"][opponent]
            if a != b:
                turn = next(k for k, (x, y) in enumerate(zip(a, b)) if x != y) + 1
                problems.append(
                    f"claims to be deterministic but played differently against {opponent} "
                    f"with another seed (from turn {turn}); declare stochastic=True"
                )
                break
    check = StrategyCheck(file, player.label, not problems, problems)
    if timings:
        moves = sum(m for m, _, _ in timings)
        check.seconds_per_move = sum(s for _, s, _ in timings) / max(moves, 1)
        check.slowest_move = max(w for _, _, w in timings)
    return check


def _play(player: Strategy, turns: int, seed: int) -> tuple[dict[str, dict[str, str]], list]:
    """One batch: player vs each of the reference field and vs itself."""
    field_players = [player, *(create(name) for name in REFERENCE_FIELD)]
    opponents = [*REFERENCE_FIELD, "itself"]
    n = len(opponents)
    settings = MatchSettings(turns=turns)
    plan = planner.matches(field_players, np.zeros(n), np.array([1, 2, 3, 4, 0]), np.zeros(n), settings, seed)
    ((_, batch),) = planner.batches(plan)
    engine = Engine(batch, settings, seed=seed, keep_moves=True)
    outcome = engine.play()
    failures = {}
    if outcome.failures is not None:
        for k, opponent in enumerate(opponents):
            if outcome.failures["failure_a"][k]:
                failures[opponent] = outcome.failures["failure_a"][k]
    timings = [t for kernel, *_ in engine.blocks for t in getattr(kernel, "timings", [])]
    return {"moves": dict(zip(opponents, outcome.moves_a)), "failures": failures}, timings
