"""A class through the API: codes, tokens, submissions checked in the sandbox, the tournament
(equal to ``ipd run`` of the same entries), the evolution and human games."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner

from tests.tournament.web.conftest import SUBMISSIONS, Bot, open_class, wait

BROKEN = (SUBMISSIONS / "dave_broken.py").read_text()
GOOD = (SUBMISSIONS / "bob_grudge.py").read_text()


def test_a_class_needs_its_code_and_the_teachers_controls_need_the_token(client: Any) -> None:
    code, token = open_class(client)
    assert len(code) == 5
    assert client.get("/api/classes/ZZZZ9").status_code == 404
    assert client.post(f"/api/classes/{code}/run", json={}).status_code == 403
    assert client.post(f"/api/classes/{code}/run", json={}, headers={"X-Token": "guess"}).status_code == 403
    assert client.get(f"/api/classes/{code}/monitor").status_code == 403
    assert client.get(f"/api/classes/{code}/results.zip").status_code == 403
    public = client.get(f"/api/classes/{code}").json()
    assert token not in str(public)
    ann = Bot(client, code, "Ann")
    assert client.get(ann.base, headers={"X-Token": "nope"}).status_code == 403
    assert (
        client.post(f"/api/classes/{code}/students", json={"name": "ann"})
        .json()["error"]
        .startswith("someone called")
    )


def test_guessing_codes_is_cut_off(client: Any) -> None:
    for _ in range(20):
        assert client.get("/api/classes/AAAAA").status_code == 404
    assert client.get("/api/classes/AAAAA").status_code == 403


def test_verdicts_come_from_the_check_and_a_hostile_file_is_contained(client: Any, tmp_path: Path) -> None:
    code, _ = open_class(client)
    assert Bot(client, code, "Bob").submit(kind="python", source=GOOD)["status"] == "ok"
    broken = Bot(client, code, "Dave").submit(kind="python", source=BROKEN)
    assert broken["status"] == "failed"
    assert "IndexError" in broken["verdict"][0]["problems"][0]
    marker = tmp_path / "escaped"
    hostile = f"open({str(marker)!r}, 'w').write('x')\nfrom strategies import plain_strategy\n\n@plain_strategy('X')\ndef x(me, them):\n    return 'C'\n"
    verdict = Bot(client, code, "Mallory").submit(kind="python", source=hostile)
    assert verdict["status"] == "failed" and "not allowed in the sandbox" in str(verdict["verdict"])
    assert not marker.exists()
    assert client.post(f"/api/classes/{code}/students", json={"name": "Eve"}).status_code == 200


@pytest.mark.parametrize(
    "kind, fields",
    [
        ("memory_one", {"name": "Generous", "four_vector": [1, 0.3, 1, 0.3], "initial": "C"}),
        ("lookup", {"name": "Two Tits", "pattern": "CDDD", "initial_actions": "CC"}),
        (
            "fsm",
            {
                "name": "Grim",
                "states": [
                    {"name": "nice", "move": "C", "C": "nice", "D": "angry"},
                    {"name": "angry", "move": "D", "C": "angry", "D": "angry"},
                ],
            },
        ),
    ],
)
def test_the_no_code_builder_makes_declarations_that_check(client: Any, kind: str, fields: dict) -> None:
    code, _ = open_class(client)
    verdict = Bot(client, code, "Nia").submit(kind=kind, fields=fields)
    assert verdict["status"] == "ok", verdict
    assert verdict["labels"] == [f"Nia/{fields['name']}"]


def test_builder_mistakes_are_one_sentence(client: Any) -> None:
    code, _ = open_class(client)
    bot = Bot(client, code, "Ola")
    answer = bot.post(
        "/submission", {"kind": "memory_one", "fields": {"name": "x", "four_vector": [2, 0, 0, 0]}}
    )
    assert answer.status_code == 400 and "from 0 to 1" in answer.json()["error"]


def play_class(client: Any, code: str, token: str) -> dict[str, Any]:
    started = client.post(
        f"/api/classes/{code}/run",
        json={"turns": 10, "repetitions": 2, "seed": 7, "generations": 4},
        headers={"X-Token": token},
    )
    assert started.status_code == 200, started.text
    return wait(
        lambda: (s := client.get(f"/api/classes/{code}").json())["status"] in ("done", "failed") and s
    )


def test_the_download_equals_ipd_run_of_the_same_entries(client: Any, tmp_path: Path) -> None:
    from tournament.cli.app import main

    code, token = open_class(client)
    Bot(client, code, "Bob").submit(kind="python", source=GOOD)
    Bot(client, code, "Dave").submit(kind="python", source=BROKEN)
    ann = Bot(client, code, "Ann")
    ann.submit(kind="memory_one", fields={"name": "Generous", "four_vector": [1, 0.3, 1, 0.3]})
    ann.post("/game", {"opponent": "Grudger"})
    while not (game := ann.state()["game"])["done"]:
        ann.post("/move", {"move": "C"})
    state = play_class(client, code, token)
    assert state["status"] == "done", state
    names = [row["name"] for row in state["results"]["leaderboard"]]
    assert "Copycat (Tit For Tat)" in names and "Bob/Two Strikes" in names and "Dave/Echo" in names
    # Dave's Echo forfeits every match: it is left out of the evolution (it would cooperate there)
    assert "Echo" not in str(state["evolution"]["names"])
    assert state["evolution"]["frames"][0] == [4] * 7 and len(state["evolution"]["frames"]) == 5

    download = client.get(f"/api/classes/{code}/results.zip", headers={"X-Token": token})
    assert download.status_code == 200
    folder = tmp_path / "download"
    zipfile.ZipFile(io.BytesIO(download.content)).extractall(folder)
    replay = tmp_path / "replay"
    result = CliRunner().invoke(
        main, ["run", str(folder / "class.toml"), "--out", str(replay), "--no-report"]
    )
    assert result.exit_code == 0, result.output
    for table in ("matches.parquet", "players.parquet", "cooperation_by_turn.parquet"):
        pd.testing.assert_frame_equal(
            pd.read_parquet(folder / "results" / table), pd.read_parquet(replay / table)
        )
    games = list(csv.DictReader((folder / "results" / "human_games.csv").open()))
    assert games == [
        {
            "kind": "strategy",
            "player_a": "Ann",
            "player_b": "Grudger",
            "turns": str(game["length"]),
            "moves_a": game["you"],
            "moves_b": game["them"],
            "score_a": str(game["score"]),
            "score_b": str(game["their_score"]),
            "seed": games[0]["seed"],
        }
    ]


def test_the_event_stream_tells_the_projector_everything(client: Any) -> None:
    code, token = open_class(client)
    Bot(client, code, "Bob").submit(kind="python", source=GOOD)
    play_class(client, code, token)
    text = client.get(f"/api/classes/{code}/events?once=1").text
    kinds = [line.removeprefix("event: ") for line in text.splitlines() if line.startswith("event: ")]
    for kind in (
        "roster",
        "started",
        "progress",
        "standings",
        "leaderboard",
        "evolution",
        "generation",
        "evolved",
    ):
        assert kind in kinds
    assert kinds.count("generation") == 4
    later = client.get(
        f"/api/classes/{code}/events?once=1", headers={"Last-Event-ID": str(len(kinds) - 1)}
    ).text
    assert later.count("event: ") == 1


def test_two_students_are_paired_and_wait_for_each_other(client: Any) -> None:
    code, token = open_class(client)
    ann, ben = Bot(client, code, "Ann"), Bot(client, code, "Ben")
    assert ann.post("/game", {"opponent": "classmate"}).json()["waiting_for_partner"]
    assert ann.post("/move", {"move": "C"}).status_code == 400
    ben.post("/game", {"opponent": "classmate"})
    rounds = 0
    while not ann.state()["game"]["done"]:
        first = ann.post("/move", {"move": "C"}).json()
        assert first["waiting"]
        assert ann.post("/move", {"move": "C"}).status_code == 400  # one move per round
        ben.post("/move", {"move": "D"})
        rounds += 1
    end = ann.state()["game"]
    assert end["opponent"] == "Ben" and end["you"] == "C" * rounds and end["them"] == "D" * rounds
    assert end["score"] == -rounds and end["length"] == rounds
    monitor = client.get(f"/api/classes/{code}/monitor", headers={"X-Token": token}).json()
    assert monitor["games"][0]["player_a"] == "Ann" and monitor["games"][0]["kind"] == "human"


def test_student_code_is_never_imported_by_the_server(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The server process never loads a submitted file as a module: checks and the tournament
    go through the sandbox."""
    from strategies.user import files, submissions

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a student's file was imported in the server process")

    monkeypatch.setattr(files, "load_module", refuse)
    monkeypatch.setattr(submissions, "load_module", refuse)
    code, token = open_class(client)
    assert Bot(client, code, "Bob").submit(kind="python", source=GOOD)["status"] == "ok"
    assert play_class(client, code, token)["status"] == "done"
