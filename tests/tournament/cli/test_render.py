"""Rendering: views are lists of rich renderables built from results and plain data."""

from __future__ import annotations

import io

from rich.console import Console

from tournament.cli.render import match_view, print_all, shown_name, sweep_line
from tournament.match import play_match


def text_of(renderables, width: int = 80) -> str:
    console = Console(width=width, record=True, file=io.StringIO(), highlight=False)
    print_all(console, renderables)
    return console.export_text()


def test_shown_name_keeps_the_name_the_class_typed():
    assert shown_name("Copycat", "Tit For Tat") == "Copycat (Tit For Tat)"
    assert shown_name("tft", "Tit For Tat") == "Tit For Tat"
    assert shown_name("Random(p=0.3)", "Random(p=0.3)") == "Random(p=0.3)"


def test_match_view_wraps_the_strips_to_the_width():
    result = play_match("tft", "Cooperator", turns=100, seed=1)
    narrow = text_of(match_view(result, ("tft", "Cooperator"), 1, False, 0.0, 40), 40)
    wide = text_of(match_view(result, ("tft", "Cooperator"), 1, False, 0.0, 120), 120)
    assert narrow.count("turn ") > wide.count("turn ") >= 1
    assert "A draw." in wide and "seed 1," in wide and "(random)" not in wide


def test_sweep_line():
    row = {"prob_end": 0.1, "turns": None, "noise": 0.0, "cooperation_rate": 0.5, "winner": "Grudger"}
    assert sweep_line(2, 4, row) == "[2/4] prob_end 0.1, noise 0: cooperation 50.0%, winner Grudger"
