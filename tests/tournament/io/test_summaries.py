"""What ``ipd run --json`` and ``ipd match --json`` print, as library functions."""

from __future__ import annotations

import json

from tournament.io.config import load_config
from tournament.io.summaries import match_summary, run_summary
from tournament.match import play_match
from tournament.round_robin import run_tournament
from tournament.settings import Game
from tournament.stats.summary import analyse_results


def test_match_summary():
    result = play_match("Copycat", "Always Cheat", turns=5, game=Game.from_values("2,-1,3,0"), seed=1)
    summary = match_summary(result, seed=1, noise=0.0)
    assert (summary["player_a"], summary["player_b"]) == ("Tit For Tat", "Defector")
    assert summary["moves_a"] == "CDDDD" and summary["scores"] == [-1.0, 3.0]
    assert summary["game"] == {"R": 2, "S": -1, "T": 3, "P": 0}
    assert summary["state_counts"] == {"CC": 0, "CD": 1, "DC": 0, "DD": 4}


def test_run_summary_is_strict_json(tmp_path):
    config = load_config(None, {"strategies": "tft,alld,Random", "turns": 5, "seed": 2})
    results = run_tournament(config.spec)
    summary = run_summary(results, config, tmp_path, analyse_results(results))
    text = json.dumps(summary, allow_nan=False)
    assert json.loads(text)["folder"] == str(tmp_path)
    assert summary["seed"] == 2 and summary["seed_drawn"] is False
    assert [p["rank"] for p in summary["players"]] == [1, 2, 3]
    assert summary["settings"]["turns"] == 5 and summary["failures"] == [] and summary["left_out"] == []
