"""``ipd play``: a person against a strategy in the terminal, for a number of rounds kept hidden."""

from __future__ import annotations

from typing import Any

import click

from tournament.cli import render
from tournament.cli.options import seed_option, seed_or_drawn, setting_option
from tournament.settings import MATCH, PAYOFFS


@click.command(
    "play",
    short_help="Play a strategy yourself: hidden length, scores revealed at the end.",
    epilog="""\b
Examples:
  ipd play Copycat                 # The Evolution of Trust's coins, 5 to 12 rounds
  ipd play Detective --noise 0.05  # with mistakes: 5% of moves are flipped
  ipd play "Random(p=0.8)" --game 3,0,5,1 --seed 4
""",
)
@click.argument("strategy")
@setting_option(MATCH["noise"])
@setting_option(PAYOFFS, "Payoffs R,S,T,P (default The Evolution of Trust's 2,-1,3,0).")
@seed_option("Seed of the hidden length, the strategy's draws and the mistakes (default: drawn).")
@click.option(
    "--names",
    type=click.Choice(["trust", "strategies"]),
    default="trust",
    show_default=True,
    help="Reveal the opponent by its character's name (trust) or only its strategy's.",
)
def play_command(strategy: str, noise: float | None, game: Any, seed: int | None, names: str) -> None:
    """Play STRATEGY yourself, typing C (cooperate) or D (cheat) each round.

    Neither you nor STRATEGY knows how many rounds there are (5 to 12, drawn from the seed).
    You see each round's moves; the scores and who you played come at the end.
    """
    from rich.text import Text

    from tournament.characters import display_name
    from tournament.web.human import TRUST_GAME, MoveError, StrategyGame

    seed, drawn = seed_or_drawn(seed)
    played = StrategyGame.start(strategy, seed, noise=noise or 0.0, game=game or TRUST_GAME)
    out = render.console()
    g = played.game
    out.print(
        f"You against a mystery strategy. Each round: [bold]C[/] to cooperate, [bold]D[/] to cheat.\n"
        f"Both cooperate: {g.R:g} each; you cheat, they cooperate: {g.T:g} for you, {g.S:g} for them; "
        f"both cheat: {g.P:g} each." + (f" {noise:.0%} of moves are flipped by mistake." if noise else "")
    )
    while not played.done:
        answer = click.prompt(f"Round {len(played.chosen) + 1}", prompt_suffix=" > ")
        try:
            result = played.play(answer)
        except MoveError as error:
            out.print(Text(str(error), style="bold red"))
            continue
        line = Text("  you ")
        line.append(result.moves_a[-1], style=render.MOVE_STYLES[result.moves_a[-1]])
        line.append("  them ")
        line.append(result.moves_b[-1], style=render.MOVE_STYLES[result.moves_b[-1]])
        out.print(line)
    shown = dict(played.state())
    label = display_name(played.opponent, names)
    out.print(Text.assemble("\nThat was the last round. You played ", (label, "bold"), "."))
    for sentence in shown["summary"]:
        out.print(sentence)
    if drawn:
        out.print(render.SEED_HINT.format(seed=seed).replace("this run", "this game"))
