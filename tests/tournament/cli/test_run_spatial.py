"""``ipd run`` with a network: the results folder, the report's network chart, readable errors."""

from __future__ import annotations

import json
import re

import pandas as pd

from tests.tournament.cli.test_app import assert_user_error, invoke

PLAYERS = "Tit For Tat,Grudger,Cooperator,Defector,Alternator,Random"


def test_run_on_a_cycle_writes_the_network(tmp_path):
    out = tmp_path / "run"
    invoke(
        "run",
        "--players",
        PLAYERS,
        "--network",
        "cycle",
        "--turns",
        "20",
        "--seed",
        "4",
        "--out",
        str(out),
        "-q",
    )
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["network"]["description"] == "cycle, 6 edges"
    assert manifest["network"]["degree"] == [2] * 6
    matches = pd.read_parquet(out / "matches.parquet")
    pairs = sorted(set(zip(matches.player_a, matches.player_b)))
    assert pairs == [(0, 1), (0, 5), (1, 2), (2, 3), (3, 4), (4, 5)]
    assert len(matches) == 6 * manifest["settings"]["repetitions"]
    summary = json.loads((out / "summary.json").read_text())
    assert summary["tournament"]["network"]["edges"] == [list(p) for p in pairs]
    page = (out / "report.html").read_text()
    assert 'data-chart="network"' in page and "spatial: cycle, 6 edges" in page
    data = json.loads(re.search(r'id="report-data">(.*?)</script>', page, re.S).group(1))
    assert data["network"]["edges"] == [list(p) for p in pairs]
    assert len(data["network"]["positions"]) == 6  # placed once, in Python, as in the PNG
    config = (out / "config.toml").read_text()
    assert "edges = [[0, 1], [0, 5], [1, 2], [2, 3], [3, 4], [4, 5]]" in config


def test_bad_networks_give_one_error_line(tmp_path):
    out = str(tmp_path / "run")
    assert_user_error(
        invoke("run", "--players", PLAYERS, "--edges", "0-1,1-2", "--out", out, code=1),
        "--edges: every player needs an opponent; no edge joins 3 (Defector), 4 (Alternator), 5 (Random)",
    )
    assert_user_error(
        invoke(
            "run", "--players", PLAYERS, "--network-file", str(tmp_path / "none.txt"), "--out", out, code=1
        ),
        "--network-file: no such file",
    )
