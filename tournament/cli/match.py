"""``ipd match``: play one match and show every move."""

from __future__ import annotations

import json

import click

from tournament.cli import render
from tournament.cli.options import (
    check_one_length,
    game_option,
    json_option,
    noise_option,
    prob_end_option,
    seed_option,
    seed_or_drawn,
    turns_option,
)


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
@turns_option("Number of turns (200 unless --prob-end).")
@prob_end_option("Chance each turn is the last.")
@noise_option(default=0.0)
@seed_option()
@game_option("2,-1,3,0")
@json_option("Print JSON for scripts.")
def match_command(
    a: str,
    b: str,
    turns: int | None,
    prob_end: float | None,
    noise: float,
    seed: int | None,
    game: str | None,
    as_json: bool,
) -> None:
    """Play one match between strategies A and B and show every move."""
    from tournament.io.summaries import match_summary
    from tournament.match import play_match
    from tournament.settings import Game

    seed, seed_drawn = seed_or_drawn(seed)
    check_one_length(turns, prob_end)
    payoffs = Game.from_values(game) if game else Game()
    result = play_match(a, b, turns=turns, prob_end=prob_end, noise=noise, game=payoffs, seed=seed)
    if as_json:
        click.echo(json.dumps(match_summary(result, seed, noise), indent=2))
        return
    out = render.console()
    render.print_all(out, render.match_view(result, (a, b), seed, seed_drawn, noise, out.width))
