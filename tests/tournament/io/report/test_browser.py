"""A real browser draws every chart of report.html, offline, without a script error."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from strategies import plain_strategy
from strategies.registry import strategy_classes
from tournament import TournamentSpec, run_tournament
from tournament.io.report.html import TITLES, write_report
from tournament.stats.summary import analyse_results

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="needs headless chromium"),
]


def drawn_dom(page, tmp_path) -> str:
    """The page's DOM once its scripts ran, from headless chromium with no network."""
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--proxy-server=127.0.0.1:9",  # any fetch would fail: the page must need none
        f"--user-data-dir={tmp_path / 'profile'}",
        "--window-size=1400,3000",
        "--virtual-time-budget=20000",
        "--dump-dom",
        page.as_uri(),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True).stdout


def charts(dom: str) -> dict[str, str]:
    """Each chart's name and what the script made of it (``data-drawn``)."""
    found = {}
    markup = re.sub(r"<script.*?</script>", "", dom, flags=re.S)
    for tag in re.findall(r"<div[^>]*data-chart=[^>]*>", markup):
        name = re.search(r'data-chart="([^"]+)"', tag).group(1)
        state = re.search(r'data-drawn="([^"]+)"', tag)
        found[name] = state.group(1) if state else "not drawn"
    return found


def test_every_chart_is_drawn(tmp_path):
    spec = TournamentSpec.build(["Cooperator", "Defector", "Tit For Tat", "Grudger"], turns=20, seed=1)
    files = write_report(tmp_path, analyse_results(run_tournament(spec)))
    dom = drawn_dom(files.html, tmp_path)
    assert '<body data-charts="drawn"' in dom
    assert charts(dom) == dict.fromkeys(TITLES, "yes")
    assert dom.count("<canvas") >= len(TITLES)


def test_repetitions_draw_the_rankings_intervals(tmp_path):
    spec = TournamentSpec.build(
        ["Cooperator", "Defector", "Tit For Tat", "Random"], turns=20, repetitions=5, seed=1
    )
    files = write_report(tmp_path, analyse_results(run_tournament(spec)))
    dom = drawn_dom(files.html, tmp_path)
    assert '<body data-charts="drawn"' in dom
    assert charts(dom) == dict.fromkeys([*TITLES, "intervals"], "yes")


def test_a_spatial_tournament_draws_its_network(tmp_path):
    players = ["Cooperator", "Defector", "Tit For Tat", "Grudger", "Random", "Alternator"]
    spec = TournamentSpec.build(players, turns=20, seed=1, network="cycle")
    files = write_report(tmp_path, analyse_results(run_tournament(spec)))
    dom = drawn_dom(files.html, tmp_path)
    assert '<body data-charts="drawn"' in dom
    assert charts(dom) == dict.fromkeys(["scores", "network", *list(TITLES)[1:]], "yes")


def test_many_players_prob_end_and_a_forfeit(tmp_path):
    """45 players (zoomable heatmaps), no fixed length (no end-game window), a forfeiting entry."""

    @plain_strategy("Fragile")
    def fragile(me: str, them: str) -> str:
        if len(me) == 2 and them.endswith("D"):
            raise ValueError("cannot cope")
        return "C"

    players = [fragile(), *(cls.name for cls in strategy_classes()[:44])]
    spec = TournamentSpec.build(players, prob_end=0.1, seed=5, repetitions=2)
    files = write_report(tmp_path, analyse_results(run_tournament(spec)))
    dom = drawn_dom(files.html, tmp_path)
    assert '<body data-charts="drawn"' in dom
    assert charts(dom) == dict.fromkeys([*TITLES, "intervals"], "yes")


def on_a_phone(page, tmp_path, width: int, script: str) -> object:
    """What ``script`` returns on ``page`` once its charts are drawn, on a phone ``width`` pixels
    wide (chromium through selenium, the device metrics of a phone)."""
    driver_path = shutil.which("chromedriver")
    if driver_path is None:
        pytest.skip("needs chromium-driver (CI installs it)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.support.ui import WebDriverWait

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'phone'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    try:
        metrics = {"width": width, "height": 844, "deviceScaleFactor": 1, "mobile": True}
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
        driver.get(page.as_uri())
        WebDriverWait(driver, 60).until(lambda d: d.execute_script("return document.body.dataset.charts"))
        return driver.execute_script(script)
    finally:
        driver.quit()


PAGE_WIDTH = "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
PLOTS = """return Array.from(document.querySelectorAll('[data-chart]')).map((element) => {
  const grid = echarts.getInstanceByDom(element).getModel().getComponent('grid', 0);
  const rect = grid ? grid.coordinateSystem.getRect() : null;
  return [element.dataset.chart, element.clientWidth, rect && [rect.x, rect.width]];
})"""
"""Each chart: its name, its width and where its (first) plot lies across it (None: no axes)."""


def test_the_report_fits_a_phone(tmp_path):
    """On a phone the page does not scroll sideways: a table wider than the screen (long names,
    many columns) scrolls in its own box, the ranking's intervals table too."""
    players = [cls.name for cls in strategy_classes() if cls.name.startswith("First by")][:6]
    spec = TournamentSpec.build(players, turns=20, repetitions=3, seed=1)
    files = write_report(tmp_path, analyse_results(run_tournament(spec)))
    assert "intervals" in files.html.read_text()
    scrolled, viewport = on_a_phone(files.html, tmp_path, 390, PAGE_WIDTH)
    assert viewport == 390
    assert scrolled <= viewport


def test_every_chart_keeps_room_to_plot_on_a_phone(tmp_path):
    """On a phone, long player names are cut to leave each chart's plot at least a third of its
    width, inside the chart (they took all but ~20 pixels of the leaderboard's before)."""
    players = [cls.name for cls in strategy_classes() if cls.name.startswith("First by")][:6]
    spec = TournamentSpec.build([*players, "Tit For Tat"], turns=20, repetitions=3, seed=1)
    files = write_report(tmp_path, analyse_results(run_tournament(spec)))
    plots = on_a_phone(files.html, tmp_path, 390, PLOTS)
    assert {name for name, _, _ in plots} == {*TITLES, "intervals"}
    for name, width, (left, plot) in plots:
        assert plot >= width / 3, (name, width, left, plot)
        assert left + plot <= width, (name, width, left, plot)
