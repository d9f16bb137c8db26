"""The check every shared family kernel passes: a batch mixing all the family's members, some
parameter variants and user subclasses plays each game exactly as the members did alone.

The former per-class ``move`` (and ``setup``) of each member is kept in its family's test file
as an oracle (``Former...``), mixed in front of the member's class: the oracle keeps the class's
name, parameters and random streams but plays alone. The same round robins are played once
with the members (one family kernel) and once with the oracles, under noise, random match
lengths and other payoffs, and every move of every game must agree.
"""

from __future__ import annotations

from collections.abc import Callable

from strategies.base import Strategy
from strategies.registry import create
from tournament import TournamentSpec, run_tournament

PANEL = [
    "Random(p=0.7)",
    "Tit For Tat",
    "Win-Stay Lose-Shift",
    "Cycler(cycle='CCDDD')",
    "Alternator",
    "Gradual",
    "Evolved FSM 16",
    "ThueMorse",
    "Average Copier",
]
"""Opponents of every kind: stochastic, memory-one, machines, sequences, plain Python."""

SETTINGS = {
    "noise": {"turns": 70, "noise": 0.1, "repetitions": 2, "seed": 3},
    "prob_end": {"prob_end": 0.04, "noise": 0.03, "repetitions": 2, "seed": 5},
    "payoffs": {"turns": 50, "noise": 0.05, "repetitions": 1, "seed": 7, "game": (2, -1, 3, 0)},
    "known length": {"turns": 45, "repetitions": 1, "seed": 9},
}


def former(player: Strategy, oracle: type) -> Strategy:
    """``player`` on its former ``move``: same name, parameters and random streams, alone."""
    cls = type(f"Former{type(player).__name__}", (oracle, type(player)), {})
    return cls(**player.parameters)


def assert_plays_as_former(
    members: list[Strategy],
    oracle_of: Callable[[Strategy], type | None],
    setting: str,
    *,
    panel: list[str] = PANEL,
    settings: dict[str, dict] = SETTINGS,
    min_games: int | None = None,
) -> None:
    """Every game of ``members`` (merged where their family admits them) equals the game of
    their oracles (``oracle_of(player)``; None keeps the player as it is, e.g. a subclass that
    plays alone), against each other and ``panel``, move for move, in ``settings[setting]``;
    more than ``min_games`` games (by default ten per member)."""
    opponents = [create(text) for text in panel]
    oracles = [p if oracle_of(p) is None else former(p, oracle_of(p)) for p in members]
    assert all(p.kernel_group() is None for p in oracles)
    runs = []
    for players in (members, oracles):
        spec = TournamentSpec.build([*players, *opponents], **settings[setting])
        table = run_tournament(spec, interactions=True).interactions
        runs.append(table.sort_values(["repetition", "player_a", "player_b"]).reset_index(drop=True))
    new, old = runs
    assert len(new) == len(old) > (10 * len(members) if min_games is None else min_games)
    differ = new[(new.moves_a != old.moves_a) | (new.moves_b != old.moves_b)]
    names = [p.label for p in [*members, *opponents]]
    assert differ.empty, [(names[a], names[b]) for a, b in zip(differ.player_a, differ.player_b)][:10]
