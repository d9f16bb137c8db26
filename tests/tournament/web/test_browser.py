"""The classroom in a real headless browser (Debian's chromium through selenium), against a
real uvicorn server: a teacher opens a class, three students join and submit (one broken), the
projector's leaderboard updates live, the evolution animates, a person plays a whole game, the
download equals ``ipd run`` of the same entries; and every lesson's screenshot at projector and
phone size goes to results/screenshots/."""

from __future__ import annotations

import io
import shutil
import socket
import tempfile
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from tests.tournament.web.conftest import ROOT, SUBMISSIONS, wait

pytestmark = pytest.mark.slow
CHROMIUM, DRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
SCREENSHOTS = ROOT / "results" / "screenshots"
SIZES = ((1920, 1080), (390, 844))
LESSONS = {
    "index": "/",
    "one-game": "/lessons/one-game",
    "repeated": "/lessons/repeated",
    "tournament": "/lessons/tournament",
    "evolution": "/lessons/evolution",
    "conditions": "/lessons/conditions",
}

if not (CHROMIUM.exists() and DRIVER.exists()):
    pytest.skip("needs chromium and chromium-driver (CI installs them)", allow_module_level=True)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from tournament.web.app import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(tmp_path_factory.mktemp("classes"), reveal_seconds=3.0, frame_seconds=0.25)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    wait(lambda: running.started, 20)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(10)


def browser() -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tempfile.mkdtemp(prefix="ipd-chromium-")
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    driver.profile = profile
    resize(driver, 1280, 900)
    return driver


def resize(driver: Any, width: int, height: int) -> None:
    """The page's viewport exactly (a window size would include the browser's frame)."""
    metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)


@pytest.fixture
def drivers() -> Iterator[list[Any]]:
    made: list[Any] = []
    yield made
    for driver in made:
        driver.quit()
        shutil.rmtree(driver.profile, ignore_errors=True)


def click(driver: Any, css: str) -> None:
    from selenium.webdriver.common.by import By

    element = wait(lambda: (e := driver.find_element(By.CSS_SELECTOR, css)).is_enabled() and e, 20)
    driver.execute_script("arguments[0].click()", element)


def text(driver: Any, css: str) -> str:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, css).text


def test_a_class_from_opening_to_download(server: str, drivers: list[Any], tmp_path: Path) -> None:
    import httpx
    from click.testing import CliRunner
    from selenium.webdriver.common.by import By

    from tournament.cli.app import main

    teacher = browser()
    drivers.append(teacher)
    teacher.get(server + "/")
    teacher.find_element(By.ID, "class-name").send_keys("Browser class")
    click(teacher, "#open")
    wait(lambda: "/teach/" in teacher.current_url and text(teacher, "#code"), 20)
    code = text(teacher, "#code")
    token = teacher.execute_script(f"return localStorage.getItem('teacher:{code}')")
    assert token and token not in teacher.current_url  # the token leaves the address bar

    projector = browser()
    drivers.append(projector)
    projector.get(f"{server}/projector/{code}")

    # three students: two on their phones in the browser, one bot; one submission is broken
    students = []
    for name, source in (("Bob", "bob_grudge.py"), ("Dave", "dave_broken.py")):
        phone = browser()
        drivers.append(phone)
        resize(phone, 390, 844)
        phone.get(f"{server}/room/{code}")
        phone.find_element(By.ID, "name").send_keys(name)
        click(phone, "#join")
        wait(lambda p=phone: p.find_element(By.ID, "inside").is_displayed(), 20)
        phone.execute_script(
            "document.getElementById('source').value = arguments[0]", (SUBMISSIONS / source).read_text()
        )
        click(phone, "#submit")
        students.append(phone)
    bot = httpx.Client(base_url=server)
    joined = bot.post(f"/api/classes/{code}/students", json={"name": "Carol"}).json()
    built = {
        "kind": "fsm",
        "fields": {
            "name": "Grim",
            "states": [
                {"name": "nice", "move": "C", "C": "nice", "D": "angry"},
                {"name": "angry", "move": "D", "C": "angry", "D": "angry"},
            ],
        },
    }
    bot.post(
        f"/api/classes/{code}/students/{joined['id']}/submission",
        json=built,
        headers={"X-Token": joined["token"]},
    )
    bob, dave = students
    wait(lambda: "ready to play" in text(bob, "#verdict"), 60)
    wait(lambda: "IndexError" in text(dave, "#verdict"), 60)
    wait(
        lambda: (
            text(projector, "#roster").count("\n") >= 2
            or len(projector.find_elements(By.CSS_SELECTOR, "#roster .chip")) == 3
        ),
        20,
    )

    # a person plays a whole game against a character on the phone
    Select = __import__("selenium.webdriver.support.select", fromlist=["Select"]).Select
    Select(bob.find_element(By.ID, "opponent")).select_by_visible_text("Grudger")
    click(bob, "#play")
    for _ in range(20):
        if "You played" in text(bob, "#summary"):
            break
        click(bob, "#cooperate")
        time.sleep(0.3)
    assert "You played Grudger (Grudger)." in text(bob, "#summary")
    assert "The game lasted" in text(bob, "#summary")

    # the teacher plays the tournament; the projector's standings change live, then evolve
    wait(lambda: "Bob" in text(teacher, "#monitor") and "problems" in text(teacher, "#monitor"), 20)
    click(teacher, "#run")
    seen_standings, seen_generations = set(), set()

    def finished() -> bool:
        rows = projector.find_elements(By.CSS_SELECTOR, "#standings .bar")
        if rows:
            seen_standings.add(text(projector, "#progress"))
        if projector.find_element(By.ID, "evolution").is_displayed():
            seen_generations.add(text(projector, "#generation"))
        return bool(projector.find_elements(By.CSS_SELECTOR, "#words .words"))

    wait(finished, 120)
    assert len(seen_standings) >= 3, seen_standings
    assert len(seen_generations) >= 5, seen_generations
    board = text(projector, "#leaderboard")
    assert "Bob/Two Strikes" in board and "Dave/Echo" in board and "Carol/Grim" in board
    assert "Copycat (Tit For Tat)" in board
    assert "generation" in text(projector, "#words")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for driver, name in ((projector, "projector"), (teacher, "teacher"), (bob, "student")):
        driver.save_screenshot(str(SCREENSHOTS / f"class-{name}.png"))

    # the download (as the teacher's link fetches it) equals ipd run of the same entries
    wait(lambda: teacher.find_element(By.ID, "download").is_displayed(), 20)
    link = teacher.find_element(By.ID, "download").get_attribute("href")
    archive = zipfile.ZipFile(io.BytesIO(httpx.get(link).content))
    folder = tmp_path / "download"
    archive.extractall(folder)
    replay = tmp_path / "replay"
    result = CliRunner().invoke(
        main, ["run", str(folder / "class.toml"), "--out", str(replay), "--no-report"]
    )
    assert result.exit_code == 0, result.output
    for table in ("matches.parquet", "players.parquet", "cooperation_by_turn.parquet"):
        pd.testing.assert_frame_equal(
            pd.read_parquet(folder / "results" / table), pd.read_parquet(replay / table)
        )
    assert "Bob,Grudger" in (folder / "results" / "human_games.csv").read_text()


def test_screenshots_of_every_lesson(server: str, drivers: list[Any]) -> None:
    """Each lesson, played a little, at projector and phone size, for a person to look at."""
    driver = browser()
    drivers.append(driver)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in SIZES:
        resize(driver, width, height)
        for name, path in LESSONS.items():
            driver.get(server + path)
            wait(lambda: driver.execute_script("return document.readyState") == "complete")
            if name in ("one-game", "repeated"):
                click(driver, "#start")
                for _ in range(3 if name == "repeated" else 1):
                    time.sleep(0.3)
                    click(driver, "#cooperate" if name == "repeated" else "#cheat")
                wait(lambda: text(driver, "#you"), 10)
            elif name == "tournament":
                click(driver, "#bets .chip")
                click(driver, "#start")
                click(driver, "#all")
                wait(lambda: "won with" in text(driver, "#summary"), 20)
            elif name == "evolution":
                click(driver, "#run")
                wait(lambda: "generation" in text(driver, "#summary"), 30)
            elif name == "conditions":
                for card in ("repetition", "noise"):
                    click(driver, f"#condition-{card} .sweep")
                wait(lambda: text(driver, "#condition-noise .sweep-result").count("turns between") >= 1, 60)
            driver.execute_script("window.scrollTo(0, 0)")
            driver.save_screenshot(str(SCREENSHOTS / f"{name}-{width}x{height}.png"))
            problems = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
            assert not problems, problems
