"""Transformers: hand-computed matches, the text forms, any kind of wrapped strategy, and play
that does not depend on how players are grouped into kernels."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from strategies import PlainStrategy, StrategyError, create
from strategies.families.memory_one import WinStayLoseShift
from strategies.transformers import TRANSFORMERS, Dual, Flip, JossAnn, Noisy, find
from strategies.user.declarative import from_table
from tournament import TournamentSpec, play_match, run_tournament
from tournament.io.config import parse_config_text, to_toml


def moves(player, opponent, turns=10, **settings) -> str:
    return play_match(player, opponent, turns=turns, **settings).moves_a


@pytest.mark.parametrize(
    ("player", "opponent", "expected"),
    [
        ("Dual(Tit For Tat)", "Alternator", "DDCDCDCDCD"),  # TFT's moves, mirrored
        ("Flip(Alternator)", "Cooperator", "DDDDDDDDDD"),  # Alternator sees its flipped moves
        ("Final(Grudger, DD)", "Cooperator", "CCCCCCCCDD"),
        ("Initial(Tit For Tat, DDC)", "Cooperator", "DDCCCCCCCC"),
        ("JossAnn(Tit For Tat, 1, 0)", "Defector", "CCCCCCCCCC"),
        ("JossAnn(Tit For Tat, 0, 1)", "Cooperator", "DDDDDDDDDD"),
        ("Nice(Suspicious Tit For Tat)", "Cooperator", "CCCCCCCCCC"),
        ("Grudge(Cooperator, 1)", "Alternator", "CCCCDDDDDD"),
        ("Retaliation(Cooperator, 3)", "Cycler(cycle='CDCCCCCCCC')", "CCDDDCCCCC"),
        ("RetaliateUntilApology(Cooperator)", "Cycler(cycle='CDDCCCCCCC')", "CCDDCCCCCC"),
        ("Apology(Defector, D, C)", "Cooperator", "DCDCDCDCDC"),
        ("DeadlockBreaking(Tit For Tat)", "Suspicious Tit For Tat", "CDCCCCCCCC"),
        ("Mixed(Cooperator, 1, Defector)", "Cooperator", "DDDDDDDDDD"),
        ("Flip(Dual(Grudger))", "Alternator", "CCDDDDDDDD"),  # Grudger ignores its own moves
    ],
)
def test_hand_computed_matches(player, opponent, expected):
    assert moves(player, opponent) == expected


def test_final_needs_a_known_length():
    assert moves("Final(Cooperator, DD)", "Cooperator", turns=6) == "CCCCDD"
    unknown = play_match("Final(Cooperator, DD)", "Cooperator", prob_end=0.01, seed=1).moves_a
    assert set(unknown) == {"C"}


@pytest.mark.parametrize(
    "text",
    [
        "Dual(Tit For Tat)",
        "Final(Grudger, DD)",
        "JossAnn(Cooperator, 0.1, 0.2)",
        "Flip(Dual(Grudger))",
        "Noisy(Random(p=0.2), 0.1)",
        "Mixed(Tit For Tat, (0.2, 0.1), (Defector, Random(p=0.3)))",
        "Dual(N Tit(s) For M Tat(s))",  # a name with parentheses inside a transformer
        "Dual(N Tit(s) For M Tat(s)(N=2, M=1))",
        "Grudge(axelrod:Adaptive, 2)",
    ],
)
def test_text_forms_round_trip_through_the_label(text):
    player = create(text)
    assert player.label == text
    assert create(player.label) == player


def test_names_and_aliases():
    assert find("Joss-Ann") is JossAnn and find("joss ann") is JossAnn and find("dual") is Dual
    assert create("Flipped(tft)") == create("Flip(Tit For Tat)")
    assert create("Noisy(tft, noise=0.2)") == create("Noisy(tft, 0.2)")
    assert create("N Tit(s) For M Tat(s)").label == "N Tit(s) For M Tat(s)"  # untouched
    assert create("Forgiver").name == "Forgiver"  # the strategy; the transformer is Forgiving
    assert all(create(cls.example).name == cls.name for cls in TRANSFORMERS)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Dual()", "write Dual around a strategy, e.g. Dual(Tit For Tat)"),
        ("Final(Grudger)", "Final needs seq, e.g. Final(Grudger, DD)"),
        ("Final(Grudger, DX)", "must be a non-empty string of C and D"),
        ("Duall(Tit For Tat)", "unknown strategy 'Duall'; did you mean 'Dual'"),
        ("Dual(Tit For Tatt)", "unknown strategy 'Tit For Tatt'"),
        ("Mixed(tft, (0.1, 0.2), alld)", "give one probability per strategy, got 2 for 1"),
        ("Apology(tft, DD, C)", "myseq and opseq must have the same length"),
        ("JossAnn(tft, 1.2, 0)", "c=1.2: must be a number from 0 to 1"),
        ("Noisy(tft, 0.1, 0.2)", "Noisy takes at most 1 parameter"),
    ],
)
def test_bad_forms_say_what_is_wrong(text, message):
    with pytest.raises(StrategyError, match=message.replace("(", r"\(").replace(")", r"\)")):
        create(text)


class _AloneWSLS(WinStayLoseShift):
    """WSLS playing its own kernel (it overrides move), so its transformers wrap a kernel."""

    def move(self, view):
        return super().move(view)


@pytest.mark.parametrize(
    "form",
    [
        "Dual({})",
        "Flip({})",
        "Noisy({}, 1)",
        "Forgiving({}, 1)",
        "JossAnn({}, 0, 0)",
        "Apology({}, D, D)",
        "RetaliateUntilApology({})",
        "Mixed({}, 1, Random(p=1))",
    ],
)
def test_memory_one_rules_play_like_the_wrapped_kernel(form):
    """A transformed memory-one player joins the memory-one family; the same transformer around
    a kernel of its own plays the same moves."""
    family = create(form.format("Win-Stay Lose-Shift"))
    assert family.kernel_group() is WinStayLoseShift.family
    wrapped = type(family)(_AloneWSLS(), **family.parameters)
    assert wrapped.kernel_group() is None
    for opponent in ("Alternator", "Cycler(cycle='CCDDCD')", "Grudger", "Tit For 2 Tats"):
        assert moves(family, opponent, 40) == moves(wrapped, opponent, 40), opponent


def test_play_does_not_depend_on_the_grouping_of_players():
    """Many transformed players share one kernel in a tournament; each match equals the same
    match played alone (keyed random draws, vectorised transformers). Self-matches are keyed
    apart from a match of two equal players, so they are left out."""
    players = [
        "JossAnn(Tit For Tat, 0.1, 0.2)",
        "JossAnn(Tit For Tat, 0.3, 0.1)",
        "Dual(JossAnn(Tit For Tat, 0.2, 0.2))",
        "Dual(JossAnn(Tit For Tat, 0.4, 0.1))",
        "Noisy(Grudger, 0.1)",
        "Noisy(Grudger, 0.2)",
        "Retaliation(Tit For Tat, 2)",
        "Retaliation(Tit For Tat, 3)",
        "Mixed(Grudger, 0.3, Alternator)",
    ]
    spec = TournamentSpec.build(players, turns=30, seed=5)
    table = run_tournament(spec, interactions=True).interactions
    for row in table[table.player_a != table.player_b].itertuples():
        a, b = players[row.player_a], players[row.player_b]
        alone = play_match(a, b, turns=30, seed=5)
        assert (row.moves_a, row.moves_b) == (alone.moves_a, alone.moves_b), (a, b)


class Copycat(PlainStrategy):
    name = "Plain Copycat"

    def play(self, me: str, them: str) -> str:
        return them[-1] if them else "C"


class Broken(PlainStrategy):
    name = "Broken"

    def play(self, me: str, them: str) -> str:
        return "C" if len(me) < 3 else "X"


GRIM = {
    "name": "Grim",
    "type": "fsm",
    "start": "nice",
    "states": {
        "nice": {"move": "C", "C": "nice", "D": "angry"},
        "angry": {"move": "D", "C": "angry", "D": "angry"},
    },
}


@pytest.mark.parametrize(
    ("made", "builtin"),
    [
        (Copycat(), "Tit For Tat"),  # plain Python
        (from_table(GRIM, "carol"), "Grudger"),  # declarative
        (create("axelrod:Grudger"), "Grudger"),  # axelrod's, through the adapter
    ],
)
@pytest.mark.parametrize(
    "form", ["Dual", "Flip", "Initial(DC)", "Final(DD)", "Noisy(1)", "JossAnn(0, 0)", "Grudge(1)"]
)
def test_any_kind_of_strategy_transforms_like_its_builtin_twin(made, builtin, form):
    name, _, rest = form.partition("(")
    cls = find(name)
    args = create(f"{name}(Cooperator{', ' + rest if rest else ')'}").parameters
    for opponent in ("Alternator", "Cycler(cycle='CCDDCD')", "Grudger"):
        assert moves(cls(made, **args), opponent, 30) == moves(cls(create(builtin), **args), opponent, 30)


def test_a_stochastic_transformer_of_a_plain_strategy_draws():
    rate = moves(Noisy(Copycat(), 0.5), "Cooperator", 400).count("C") / 400
    assert 0.4 < rate < 0.6


def test_a_failing_wrapped_strategy_forfeits_and_is_reported():
    with pytest.raises(StrategyError, match="Flip\\(Broken\\) returned 'X' on turn 4"):
        play_match(Flip(Broken()), "Cooperator", turns=5)


CONFIG = """
[tournament]
name = "transformed"
seed = 4
[match]
turns = 20
[players]
strategies = ["Dual(Tit For Tat)", "Final(Grudger, DD)", "JossAnn(Cooperator, 0.1, 0.2)", "Flip(Dual(Grudger))"]
"""


def test_transformers_in_a_config_and_its_replay():
    config = parse_config_text(CONFIG)
    labels = [p.label for p in config.spec.players]
    assert labels == [
        "Dual(Tit For Tat)",
        "Final(Grudger, DD)",
        "JossAnn(Cooperator, 0.1, 0.2)",
        "Flip(Dual(Grudger))",
    ]
    assert parse_config_text(to_toml(config)).spec == config.spec
    assert len(run_tournament(config.spec).matches) == 10


def test_transformers_on_the_command_line(tmp_path):
    from tournament.cli.app import main

    args = ["run", "--players", "Dual(Tit For Tat),Final(Grudger, DD),Flip(Dual(Grudger))", "--turns", "10"]
    result = CliRunner().invoke(main, [*args, "--out", str(tmp_path / "run"), "--json"])
    assert result.exit_code == 0, result.output
    assert "Final(Grudger, DD)" in result.output
    bad = CliRunner().invoke(
        main, ["run", "--players", "Dual(Tit For Tatt),Grudger", "--out", str(tmp_path / "x")]
    )
    assert bad.exit_code == 1 and "Error:" in bad.output and "Tit For Tatt" in bad.output
