"""Compile the compiled player once on this machine: ``python -m tournament.warm`` (``make
install`` runs it). Until then a run uses the numpy engine unless ``IPD_COMPILED=1`` asks for
the compiled player (see :mod:`tournament.core.compiled`)."""

from __future__ import annotations

import sys

from tournament.core import compiled


def warm() -> None:
    """Compile every step and the loop into numba's cache (a short round robin of every built-in
    with a step, through the compiled player), then mark the build ready."""
    from strategies.registry import strategy_classes
    from tournament.core import compiled_play
    from tournament.core import plan as planner
    from tournament.core.engine import Engine, compilable
    from tournament.core.observers import CooperationByTurn, Transitions
    from tournament.settings import MatchSettings

    players = [player for player in (cls() for cls in strategy_classes()) if compilable([player])]
    settings = MatchSettings(turns=4, noise=0.1)
    for _, batch in planner.batches(planner.round_robin(players, settings, 0, 1)):
        Engine(batch, settings, seed=0, observers=(Transitions, CooperationByTurn)).play(compiled=True)
    compiled_play.warm_lists()
    compiled.mark()


if __name__ == "__main__":
    if compiled.available() and not compiled.ready():
        print("Compiling the compiled player's steps (once per machine, ~20 s) ...", file=sys.stderr)
        warm()
