"""report.html is one self-contained page with every section; the terminal panel shows the figures."""

from __future__ import annotations

import base64
import json
from html.parser import HTMLParser

import pytest
from rich.console import Console

from tournament import TournamentSpec, run_tournament
from tournament.io.report.html import TITLES, cooperation_panel, write_report
from tournament.io.report.plots import PLOTS
from tournament.stats.summary import analyse_results

FOUR = ["Cooperator", "Defector", "Tit For Tat", "Grudger"]
PNG = b"\x89PNG\r\n\x1a\n"


class Page(HTMLParser):
    """Collects every attribute that may point at another file, the headings and the text."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, str]] = []
        self.images: list[str] = []
        self.headings: list[str] = []
        self.text: list[str] = []
        self._heading = False

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if key in ("src", "href", "data", "srcset", "poster", "action"):
                self.links.append((tag, key, value or ""))
        if tag == "img":
            self.images.append(dict(attrs)["src"])
        self._heading = tag in ("h1", "h2")

    def handle_endtag(self, tag):
        if tag in ("h1", "h2"):
            self._heading = False

    def handle_data(self, data):
        self.text.append(data)
        if self._heading:
            self.headings.append(data.strip())


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


@pytest.fixture(scope="module")
def fixed(tmp_path_factory):
    """Four classic players, 10 turns (fixed length), report with plots."""
    analysis = analyse_results(run_tournament(TournamentSpec.build(FOUR, turns=10, repetitions=2, seed=1)))
    folder = tmp_path_factory.mktemp("fixed")
    files = write_report(folder, analysis)
    return folder, files, analysis


def test_report_files(fixed):
    folder, files, _ = fixed
    assert files.html == folder / "report.html" and files.html.is_file()
    assert files.summary == folder / "summary.json" and files.summary.is_file()
    assert set(files.plots) == set(PLOTS)
    for name, path in files.plots.items():
        assert path == folder / "plots" / f"{name}.png"
        assert path.read_bytes().startswith(PNG)
    assert sorted(p.name for p in (folder / "plots").iterdir()) == sorted(f"{name}.png" for name in PLOTS)
    assert not [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


def test_report_is_self_contained(fixed):
    folder, files, _ = fixed
    page = parse(files.html.read_text(encoding="utf-8"))
    assert page.links == [("img", "src", src) for src in page.images]
    assert len(page.images) == len(PLOTS)
    embedded = []
    for src in page.images:
        assert src.startswith("data:image/png;base64,")
        embedded.append(base64.b64decode(src.split(",", 1)[1], validate=True))
    # The embedded images are the saved PNGs, in the order of the plots.
    assert embedded == [(folder / "plots" / f"{name}.png").read_bytes() for name in PLOTS]
    assert "url(" not in files.html.read_text(encoding="utf-8")


def test_report_sections(fixed):
    _, files, _ = fixed
    page = parse(files.html.read_text(encoding="utf-8"))
    assert page.headings[0] == "tournament"
    assert page.headings[1:] == ["What the theory says"] + [TITLES[name] for name in PLOTS]
    assert "Leaderboard" in page.headings and "The folk theorem picture" in page.headings
    text = " ".join(" ".join(page.text).split())
    # Winner and leaderboard: Defector (2.6 per turn) first, Cooperator (2.0) last.
    assert "Winner: Defector" in text
    for name in FOUR:
        assert name in text
    # The folk-theorem summary in words and the thresholds table.
    assert "prisoner's dilemma" in text
    assert "backward induction predicts defection throughout" in text
    for strategy in ("Grim trigger", "Tit For Tat", "Win-Stay Lose-Shift"):
        assert f"{strategy} delta ≥" in text
    for value in ("0.5", "0.667", "1"):
        assert f" {value} " in text
    # The figure cards: 60% of moves C, 50% of turns CC, index 0.65, half of the pairs above minmax.
    assert "60.0% of all moves were cooperation" in text
    assert "50.0% of turns were mutual cooperation" in text
    assert "0.65 cooperation index" in text
    assert "50% of pairs earn at least the minmax payoff" in text


def test_leaderboard_rows_in_rank_order(fixed):
    _, files, _ = fixed
    html = files.html.read_text(encoding="utf-8")
    table = html[html.index("<h2>Leaderboard</h2>") :]
    table = table[: table.index("</table>")]
    positions = {name: table.index(f'<td class="name">{name}</td>') for name in FOUR}
    assert positions["Defector"] < positions["Tit For Tat"] < positions["Cooperator"]
    assert positions["Grudger"] < positions["Cooperator"]


def test_prob_end_report_says_which_thresholds_are_met(tmp_path):
    # delta = 0.7: grim (1/2) and TFT (2/3) met, WSLS (1) not.
    spec = TournamentSpec.build(["Tit For Tat", "Defector"], prob_end=0.3, seed=2, name="<b>shadow</b>")
    files = write_report(tmp_path, analyse_results(run_tournament(spec)))
    html = files.html.read_text(encoding="utf-8")
    assert html.count('<span class="met">met</span>') == 2
    assert html.count('<span class="unmet">not met</span>') == 1
    assert "<b>shadow</b>" not in html and "&lt;b&gt;shadow&lt;/b&gt;" in html
    assert "backward induction" not in html


def test_no_plots_writes_no_html(tmp_path):
    analysis = analyse_results(run_tournament(TournamentSpec.build(FOUR, turns=5)))
    files = write_report(tmp_path, analysis, plots=False)
    assert files.html is None and files.plots == {}
    assert not (tmp_path / "report.html").exists() and not (tmp_path / "plots").exists()
    assert json.loads((tmp_path / "summary.json").read_text())["winner"] == "Defector"
    assert files.statistics and all(
        p.parent == tmp_path / "statistics" and p.is_file() for p in files.statistics
    )


def render(panel) -> str:
    console = Console(record=True, width=160, color_system=None)
    console.print(panel)
    return console.export_text()


def test_cooperation_panel_fixed_length(fixed):
    _, _, analysis = fixed
    text = render(cooperation_panel(analysis))
    assert "Cooperation" in text
    assert "60.0%" in text  # 72 of 120 moves
    assert "mutual cooperation 50.0%" in text and "mutual defection 30.0%" in text
    assert "0.65" in text  # (0.5 + 0.8 + 0.65 + 0.65) / 4
    assert "strictly 50%, at (R, R) 50%" in text
    assert "backward induction predicts defection" in text
    assert "+0.000" in text and "last 1 turns" in text


def test_cooperation_panel_prob_end():
    spec = TournamentSpec.build(["Cooperator", "Tit For Tat"], prob_end=0.4, seed=1)
    text = render(cooperation_panel(analyse_results(run_tournament(spec))))
    # Everyone cooperates: 100%, index 1; delta 0.6 meets grim (1/2) only. No end game under prob_end.
    assert "100.0%" in text and "1.00" in text
    assert "delta = 0.6: Grim met (>= 0.5), TFT not met (>= 0.667), WSLS not met (>= 1)" in text
    assert "End-game" not in text
