"""The folders of ``ipd evolve`` and ``ipd fixation``: files, manifests, replays and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tournament.evolution.fixation import fixation_analysis
from tournament.evolution.moran import MoranSettings
from tournament.evolution.run import run_evolution
from tournament.io.evolution_config import load_evolution_config
from tournament.io.evolution_storage import (
    evolution_summary,
    fixation_slug,
    fixation_summary,
    to_json,
    write_evolution,
    write_fixation,
)
from tournament.settings import MatchSettings

CONFIGS = Path(__file__).resolve().parents[3] / "configs"


@pytest.mark.parametrize(
    "name", ["trust_evolution", "trust_evolution_noisy", "moran_tft_alld", "ecological_1984"]
)
def test_shipped_configs_run_and_replay_from_their_resolved_config(name, tmp_path):
    config = load_evolution_config(CONFIGS / f"{name}.toml", {"generations": 5})
    result = run_evolution(config.evolution)
    folder = write_evolution(result, config, tmp_path / "run")
    files = {p.name for p in folder.iterdir()}
    assert {"config.toml", "manifest.json", "population.parquet", "population.csv", "population.png"} <= files
    report = (folder / "report.html").read_text()
    assert "<h2>Evolution: " + config.evolution.dynamics in report and "data:image/png;base64," in report
    saved = pd.read_parquet(folder / "population.parquet")
    assert list(saved.columns) == ["generation", "strategy", "count", "share"]
    replay = run_evolution(load_evolution_config(folder / "config.toml").evolution)
    pd.testing.assert_frame_equal(replay.population, result.population)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["dynamics"] == config.evolution.dynamics and manifest["seed"] == config.evolution.seed


def test_evolution_summary_is_the_manifest_with_the_first_and_last_generations(tmp_path):
    config = load_evolution_config(CONFIGS / "trust_evolution.toml", {"generations": 3})
    result = run_evolution(config.evolution)
    summary = evolution_summary(result, config, tmp_path / "run")
    assert "created" not in summary and "command" not in summary
    assert summary["folder"] == str(tmp_path / "run") and summary["kind"] == "evolution"
    assert summary["initial"] == [
        {"strategy": "Cooperator", "count": 15, "share": 0.6},
        {"strategy": "Defector", "count": 5, "share": 0.2},
        {"strategy": "Tit For Tat", "count": 5, "share": 0.2},
    ]
    assert sum(row["count"] for row in summary["final"]) == 25
    assert json.loads(to_json(summary)) == json.loads(json.dumps(summary))


def test_fixation_summary_and_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings, moran = MatchSettings(turns=10), MoranSettings()
    rows, table = fixation_analysis("tft", "alld", 4, 20, settings, moran, seed=1)
    summary = fixation_summary(rows, table, settings, moran, seed=1, seed_drawn=False, seconds=0.5)
    assert summary["settings"]["turns"] == 10 and summary["settings"]["mode"] == "bd"
    assert summary["payoffs_per_turn"]["Tit For Tat"]["Tit For Tat"] == 3.0
    assert [i["mutant"] for i in summary["invasions"]] == ["Tit For Tat", "Defector"]
    assert fixation_slug(rows[0].mutant, rows[0].resident) == "fixation-Tit-For-Tat-Defector"
    folder = write_fixation(summary, Path("results") / "f", command=["ipd", "fixation"])
    csv = pd.read_csv(folder / "fixation.csv")
    assert list(csv["mutant"]) == ["Tit For Tat", "Defector"]
    assert np.allclose(csv["ci95_low"], [i["ci95"][0] for i in summary["invasions"]])
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest == {**json.loads(to_json(summary)), "command": ["ipd", "fixation"]}
