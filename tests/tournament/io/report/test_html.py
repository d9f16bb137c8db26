"""report.html is one self-contained page with every section, its charts' data embedded and
the charting library inline; failures are named; the terminal panel shows the figures."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from rich.console import Console

from strategies import plain_strategy
from tournament import TournamentSpec, run_tournament
from tournament.core.record import failure_summary
from tournament.io.report.charts import chart_data
from tournament.io.report.html import TITLES, cooperation_panel, render_html, write_report
from tournament.io.report.plots import PLOTS
from tournament.stats.summary import analyse_results, summary_dict

FOUR = ["Cooperator", "Defector", "Tit For Tat", "Grudger"]
PNG = b"\x89PNG\r\n\x1a\n"


class Page(HTMLParser):
    """Collects every attribute that may point at another file, the headings, the charts, the
    scripts and the text."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, str]] = []
        self.headings: list[str] = []
        self.charts: list[str] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.text: list[str] = []
        self._heading = False
        self._script: dict[str, str | None] | None = None
        self._style = False

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if key in ("src", "href", "data", "srcset", "poster", "action"):
                self.links.append((tag, key, value or ""))
        if tag == "div" and dict(attrs).get("data-chart"):
            self.charts.append(dict(attrs)["data-chart"])
        self._script = dict(attrs) if tag == "script" else None
        self._style = tag == "style"
        self._heading = tag in ("h1", "h2")

    def handle_endtag(self, tag):
        if tag in ("h1", "h2"):
            self._heading = False
        self._script = None
        self._style = False

    def handle_data(self, data):
        if self._script is not None:
            self.scripts.append((self._script, data))
            return
        if self._style:
            return
        self.text.append(data)
        if self._heading:
            self.headings.append(data.strip())

    @property
    def words(self) -> str:
        return " ".join(" ".join(self.text).split())


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


@pytest.fixture(scope="module")
def fixed(tmp_path_factory):
    """Four classic players, 10 turns (fixed length), report with its charts."""
    analysis = analyse_results(run_tournament(TournamentSpec.build(FOUR, turns=10, repetitions=2, seed=1)))
    folder = tmp_path_factory.mktemp("fixed")
    phases: list[str] = []
    files = write_report(folder, analysis, progress=phases.append)
    return folder, files, analysis, phases


def test_report_files(fixed):
    folder, files, _, phases = fixed
    assert files.html == folder / "report.html" and files.html.is_file()
    assert files.summary == folder / "summary.json" and files.summary.is_file()
    # No PNG unless asked: the browser draws the charts.
    assert files.plots == {} and not (folder / "plots").exists()
    assert not [p for p in folder.rglob("*") if p.name.endswith(".tmp")]
    assert phases == ["Computing statistics", "Writing summary.json and statistics/", "Writing report.html"]


def test_report_is_self_contained(fixed):
    _, files, _, _ = fixed
    html = files.html.read_text(encoding="utf-8")
    page = parse(html)
    # Nothing is fetched: no src or href at all, the library and the script are inline.
    assert page.links == []
    assert "url(" not in re.sub(r"<script.*?</script>", "", html, flags=re.S)
    kinds = [attrs.get("type") for attrs, _ in page.scripts]
    assert kinds == ["application/json", None, None]
    library = page.scripts[1][1]
    assert 'version:"6.1.0"' in library and len(library) > 1_000_000
    assert "CHARTS[NAME]" in page.scripts[2][1]
    data = json.loads(page.scripts[0][1])
    assert data["names"] == FOUR


def test_report_sections(fixed):
    _, files, _, _ = fixed
    page = parse(files.html.read_text(encoding="utf-8"))
    assert page.headings[0] == "tournament"
    titles = list(TITLES.values())
    titles.insert(titles.index(TITLES["scores"]) + 1, "How sure is the ranking")
    assert page.headings[1:] == ["What the theory says", *titles]
    assert page.charts == ["scores", "intervals", *list(TITLES)[1:]]
    assert list(TITLES) == list(PLOTS)
    text = page.words
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
    # Nobody failed: no failure section, no warning.
    assert "Failures" not in page.headings and "forfeit" not in text


def test_leaderboard_rows_in_rank_order(fixed):
    _, files, _, _ = fixed
    html = files.html.read_text(encoding="utf-8")
    table = html[html.index("<h2>Leaderboard</h2>") :]
    table = table[: table.index("</table>")]
    positions = {name: table.index(f'<td class="name">{name}</td>') for name in FOUR}
    assert positions["Defector"] < positions["Tit For Tat"] < positions["Cooperator"]
    assert positions["Grudger"] < positions["Cooperator"]


def test_prob_end_report_says_which_thresholds_are_met(tmp_path):
    # delta = 0.7: grim (1/2) and TFT (2/3) met, WSLS (1) not.
    spec = TournamentSpec.build(
        ["Tit For Tat", "Defector"], prob_end=0.3, seed=2, name="<b>shadow</b></script>"
    )
    files = write_report(tmp_path, analyse_results(run_tournament(spec)))
    html = files.html.read_text(encoding="utf-8")
    assert html.count('<span class="met">met</span>') == 2
    assert html.count('<span class="unmet">not met</span>') == 1
    assert "<b>shadow</b>" not in html and "&lt;b&gt;shadow&lt;/b&gt;" in html
    # The name is user text: it cannot close the data's script element.
    assert html.count("</script>") == 3
    assert "backward induction" not in html


def test_no_plots_writes_no_html(tmp_path):
    analysis = analyse_results(run_tournament(TournamentSpec.build(FOUR, turns=5)))
    phases: list[str] = []
    files = write_report(tmp_path, analysis, plots=False, progress=phases.append)
    assert files.html is None and files.plots == {}
    assert not (tmp_path / "report.html").exists() and not (tmp_path / "plots").exists()
    assert json.loads((tmp_path / "summary.json").read_text())["winner"] == "Defector"
    assert files.statistics and all(
        p.parent == tmp_path / "statistics" and p.is_file() for p in files.statistics
    )
    assert phases == ["Computing statistics", "Writing summary.json and statistics/"]


@pytest.fixture(scope="module")
def forfeiting(tmp_path_factory):
    """Fragile raises on its fifth move when the opponent's last move was D: it forfeits its
    matches against Defector and Alternator, in each of the 2 repetitions."""

    @plain_strategy("Fragile")
    def fragile(me: str, them: str) -> str:
        if len(me) == 4 and them.endswith("D"):
            raise ValueError("cannot cope")
        return "C"

    players = [fragile(), "Defector", "Tit For Tat", "Alternator"]
    analysis = analyse_results(run_tournament(TournamentSpec.build(players, turns=10, repetitions=2, seed=1)))
    folder = tmp_path_factory.mktemp("forfeit")
    return write_report(folder, analysis), analysis


def test_failure_section_names_the_forfeiting_entry(forfeiting):
    files, _ = forfeiting
    html = files.html.read_text(encoding="utf-8")
    page = parse(html)
    assert page.headings.index("Failures") < page.headings.index("Leaderboard")
    section = html[html.index("<h2>Failures</h2>") : html.index("<h2>Leaderboard</h2>")]
    words = parse(section).words
    assert "Fragile failed in 4 matches, forfeited 4 matches." in words
    assert "raised ValueError: cannot cope on turn 5" in words
    assert "the entry marked ⚠" in words
    assert "1 entry forfeited matches (see Failures)" in page.words


def test_forfeiting_entry_cooperation_is_not_shown_as_behaviour(forfeiting):
    files, analysis = forfeiting
    html = files.html.read_text(encoding="utf-8")
    # Fragile played C after each forfeit: the figures would call it nice and cooperative.
    fragile = analysis.run.names.index("Fragile")
    assert analysis.reciprocity.set_index("player").loc[fragile, "nice"]
    board = html[html.index("<h2>Leaderboard</h2>") :]
    row = board[board.index("Fragile") :]
    row = parse(row[: row.index("</tr>")]).words
    assert row.startswith("Fragile ⚠")
    # Score and wins stay; cooperation, opens with C, nice, retaliatory, forgiving say forfeit.
    assert row.count("forfeit") == 5 and "yes" not in row
    recip = html[html.index("<h2>Reciprocity</h2>") :]
    row = recip[recip.index('<td class="name">Fragile') :]
    assert parse(row[: row.index("</tr>")]).words.count("forfeit") == 10
    # The charts mark it too.
    data = json.loads(parse(html).scripts[0][1])
    rank = analysis.results.ranking.index(fragile)
    assert data["forfeits"][rank] == 4 and sum(data["forfeits"]) == 4


def test_forfeiting_entry_is_not_called_zero_determinant(forfeiting):
    _, analysis = forfeiting
    summary = summary_dict(analysis)
    fair = {"chi": 1.0, "baseline": None, "kind": "fair"}
    summary["zero_determinant_players"] = [{"name": "Fragile", **fair}, {"name": "Tit For Tat", **fair}]
    failures = failure_summary(analysis.run.matches)
    html = render_html(analysis, summary, chart_data(analysis, failures), failures)
    theory = parse(html[html.index("What the theory says") : html.index("<h2>Failures</h2>")]).words
    assert "Tit For Tat (fair, chi = 1)" in theory and "Fragile" not in theory


def render(panel) -> str:
    console = Console(record=True, width=160, color_system=None)
    console.print(panel)
    return console.export_text()


def test_cooperation_panel_fixed_length(fixed):
    _, _, analysis, _ = fixed
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


@pytest.mark.slow
def test_png_plots_on_demand(tmp_path, fixed):
    _, _, analysis, _ = fixed
    phases: list[str] = []
    files = write_report(tmp_path, analysis, png=True, progress=phases.append)
    assert set(files.plots) == set(PLOTS)
    for name, path in files.plots.items():
        assert path == tmp_path / "plots" / f"{name}.png"
        assert path.read_bytes().startswith(PNG)
    assert sorted(p.name for p in (tmp_path / "plots").iterdir()) == sorted(f"{name}.png" for name in PLOTS)
    assert [p for p in phases if p.startswith("Drawing")] == [
        f"Drawing plots/{name}.png ({k}/{len(PLOTS)})" for k, name in enumerate(PLOTS, start=1)
    ]
    # The page still draws its own charts: it embeds no image.
    assert parse(files.html.read_text(encoding="utf-8")).links == []
