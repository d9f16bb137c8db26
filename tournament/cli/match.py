"""``ipd match``: play one match and show every move."""

from __future__ import annotations

import json
from typing import Any

import click

from tournament.cli import render
from tournament.cli.options import json_option, match_settings, overrides, seed_option, seed_or_drawn


@click.command(
    "match",
    epilog="""\b
Examples:
  ipd match "Tit For Tat" Defector --turns 20
  ipd match Copycat Copykitten --turns 10 --game 2,-1,3,0 --noise 0.05 --seed 3
  ipd match "Random(p=0.8)" Grudger --prob-end 0.1
""",
)
@click.argument("a")
@click.argument("b")
@match_settings(
    {"turns": "Number of turns (200 unless --prob-end).", "prob_end": "Chance each turn is the last."}
)
@seed_option()
@json_option("Print JSON for scripts.")
def match_command(a: str, b: str, seed: int | None, as_json: bool, **settings: Any) -> None:
    """Play one match between strategies A and B and show every move."""
    from tournament.io.summaries import match_summary
    from tournament.match import play_match

    seed, seed_drawn = seed_or_drawn(seed)
    given = overrides(settings)
    result = play_match(a, b, seed=seed, **given)
    noise = given.get("noise", 0.0)
    if as_json:
        click.echo(json.dumps(match_summary(result, seed, noise), indent=2))
        return
    out = render.console()
    render.print_all(out, render.match_view(result, (a, b), seed, seed_drawn, noise, out.width))
