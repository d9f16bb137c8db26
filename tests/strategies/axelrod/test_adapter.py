"""axelrod strategies through the histories-only adapter give axelrod's own match results."""

from __future__ import annotations

import pytest

from strategies import StrategyError, create
from strategies.axelrod.adapter import AxelrodStrategy, axelrod_names
from tests import oracle
from tournament import TournamentSpec, play_match, run_tournament

SAMPLE = [
    "Evolved ANN",
    "Evolved FSM 16",
    "EvolvedLookerUp2_2_2",
    "Second by Borufsen",
    "Second by Tester",
    "Adaptive Pavlov 2011",
    "Meta Hunter",
    "Tit For Tat",
    "Gradual",
    "BackStabber",
]
OPPONENTS = ["Alternator", "Tit For Tat", "Grudger", "Defector", "Cooperator"]


def test_shipped_names_are_axelrods(axl):
    assert set(axelrod_names()) == {cls.name for cls in axl.all_strategies}


@pytest.mark.parametrize("name", SAMPLE)
@pytest.mark.parametrize("turns", [200, 23])
def test_deterministic_axelrod_strategies_match_axelrod_exactly(axl, name, turns):
    ours = create(f"axelrod:{name}")
    for opponent in OPPONENTS:
        match = play_match(ours, opponent, turns=turns)
        expected = oracle.axelrod_moves(ours, create(opponent), turns=turns)
        assert (match.moves_a, match.moves_b) == expected, f"{name} vs {opponent}"


def test_stochastic_adapter_is_reproducible_and_seeded_per_game():
    first = play_match("axelrod:Random", "Cooperator", turns=300, seed=3)
    again = play_match("axelrod:Random", "Cooperator", turns=300, seed=3)
    other = play_match("axelrod:Random", "Cooperator", turns=300, seed=4)
    assert first.moves_a == again.moves_a != other.moves_a
    assert 100 < first.moves_a.count("C") < 200


def test_prefix_and_fallback_and_labels():
    assert isinstance(create("Evolved ANN"), AxelrodStrategy)
    assert create("Evolved ANN").label == "Evolved ANN"
    assert create("axelrod:Tit For Tat").label == "axelrod:Tit For Tat"
    assert not isinstance(create("Tit For Tat"), AxelrodStrategy)
    assert create("axelrod:Random(p=0.2)").label == "axelrod:Random(p=0.2)"


def test_bad_axelrod_names_and_parameters_are_clear_errors():
    with pytest.raises(StrategyError, match="did you mean 'Evolved ANN'"):
        create("axelrod:Evolved ANM")
    with pytest.raises(StrategyError, match="axelrod:Random"):
        create("axelrod:Random(q=3)")
    with pytest.raises(StrategyError, match="by name"):
        create("axelrod:Random(0.2)")


def test_adapter_strategies_mix_with_builtins_in_a_tournament(axl):
    spec = TournamentSpec.build(
        ["axelrod:Evolved FSM 4", "Tit For Tat", "Grudger", "Alternator"], turns=50, repetitions=2
    )
    results = run_tournament(spec)
    row = results.matches.query("player_a == 0 and player_b == 1 and repetition == 1").iloc[0]
    match = axl.Match((axl.EvolvedFSM4(), axl.TitForTat()), turns=50)
    match.play()
    assert (row.score_a, row.score_b) == tuple(match.final_score())


def test_the_wrapped_strategy_only_ever_sees_a_mirror():
    class Peeker:
        seen: list = []

    import axelrod as axl_module

    class Spy(axl_module.Player):
        name = "Spy for test"

        def strategy(self, opponent):
            Peeker.seen.append(type(opponent).__name__)
            with pytest.raises(StrategyError):
                opponent.strategy(self)
            return axl_module.Action.C

    from strategies.axelrod import adapter as axelrod_adapter

    axelrod_adapter._classes()["Spy for test"] = Spy
    try:
        player = AxelrodStrategy.__new__(AxelrodStrategy)
        player.name, player.kwargs, player._template = "Spy for test", {}, Spy()
        match = play_match(player, "Tit For Tat", turns=5)
    finally:
        del axelrod_adapter._classes()["Spy for test"]
    assert match.moves_a == "CCCCC"
    assert set(Peeker.seen) == {"Mirror"}


def test_every_deterministic_axelrod_strategy_plays_as_in_axelrod(axl):
    # Darwin (the one strategy that manipulates state) learns in a class attribute across
    # matches, so its moves depend on what was played before, in axelrod as here.
    names = [
        cls.name
        for cls in axl.all_strategies
        if not any(
            axl.Classifiers[key](cls()) for key in ("stochastic", "long_run_time", "manipulates_state")
        )
    ]
    assert len(names) > 100
    mismatches = []
    for name in names:
        ours = create(f"axelrod:{name}")
        for opponent in ("Alternator", "Tit For Tat", "Grudger"):
            match = play_match(ours, opponent, turns=60)
            if (match.moves_a, match.moves_b) != oracle.axelrod_moves(ours, create(opponent), turns=60):
                mismatches.append(f"{name} vs {opponent}")
    assert mismatches == []
