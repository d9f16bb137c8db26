"""A tournament run and a single match as plain JSON-ready data (what ``--json`` prints).

:func:`run_summary` describes a played and saved tournament: settings, counts, timings,
the ranked players, the statistics summary, what was left out and what failed;
:func:`match_summary` gives a match's moves, scores and outcome counts. Both hold only
JSON values (NaN becomes None in the players' rows, so strict JSON can hold them).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tournament.core.record import failure_summary
from tournament.io.config import RunConfig
from tournament.io.storage import settings_record
from tournament.match import MatchResult
from tournament.round_robin import TournamentResults
from tournament.stats.summary import Analysis, summary_dict


def run_summary(
    results: TournamentResults, config: RunConfig, folder: Path, analysis: Analysis
) -> dict[str, Any]:
    """What ``ipd run --json`` prints about ``results``, played from ``config`` and saved in ``folder``."""
    spec = results.spec
    players = results.players.astype(object).where(results.players.notna(), None)
    return {
        "name": spec.name,
        "seed": spec.seed,
        "seed_drawn": config.seed_drawn,
        "folder": str(folder),
        "settings": settings_record(spec),
        "counts": results.counts,
        "timings": results.timings,
        "players": [{k: _plain(v) for k, v in row.items()} for row in players.to_dict(orient="records")],
        "summary": summary_dict(analysis),
        "left_out": list(config.problems),
        "failures": failure_summary(results.matches).to_dict(orient="records"),
    }


def match_summary(result: MatchResult, seed: int, noise: float) -> dict[str, Any]:
    """What ``ipd match --json`` prints: players, settings, every move, scores and states."""
    return {
        "player_a": result.player_a,
        "player_b": result.player_b,
        "turns": result.turns,
        "noise": noise,
        "seed": seed,
        "game": {k: getattr(result.game, k) for k in "RSTP"},
        "moves_a": result.moves_a,
        "moves_b": result.moves_b,
        "scores": list(result.scores),
        "state_counts": result.state_counts,
    }


def _plain(value: Any) -> Any:
    return value.item() if hasattr(value, "item") else value
