"""Tit For Tat and relatives: hand-derived matches and move-for-move agreement with axelrod.

Also holds :class:`Pattern`, used by the other strategy test files: a fixed irregular
opponent whose axelrod twin is a Cycler (see ``tests.oracle.axelrod_player``).
"""

from __future__ import annotations

import numpy as np
import pytest

from strategies.base import Classifier, Param, Strategy, move_string
from strategies.families.titfortat import TitForTat
from strategies.registry import create, get_class
from tests import oracle
from tests.oracle import axelrod_moves, recording, replay_mismatch
from tournament.core.moves import moves_from_string
from tournament.errors import StrategyError
from tournament.match import play_match


class Pattern(Strategy):
    """Test opponent: repeats ``cycle`` (axelrod's Cycler)."""

    name = "Test Pattern"
    params = (Param("cycle", "CCD", "moves to repeat", move_string),)
    classifier = Classifier()

    def setup(self, view):
        self.moves = moves_from_string(self.cycle)

    def move(self, view):
        return np.full(view.n, self.moves[view.turn % len(self.moves)], dtype=np.uint8)


TFT_NAMES = [
    "Tit For Tat",
    "Tit For 2 Tats",
    "Two Tits For Tat",
    "Suspicious Tit For Tat",
    "Hard Tit For Tat",
    "Hard Tit For 2 Tats",
    "Anti Tit For Tat",
    "Bully",
    "Sneaky Tit For Tat",
    "Spiteful Tit For Tat",
    "Slow Tit For Two Tats 2",
    "Gradual",
    "Original Gradual",
    "Contrite Tit For Tat",
    "Adaptive Tit For Tat",
    "Omega TFT",
    "N Tit(s) For M Tat(s)",
    "Alexei",
    "EugineNier",
    "Dynamic Two Tits For Tat",
    "Random Tit for Tat",
    "Burn Both Ends",
    "Michaelos",
]
DETERMINISTIC = [get_class(name)() for name in TFT_NAMES if not get_class(name)().stochastic] + [
    create("Adaptive Tit For Tat(rate=0.2)"),
    create("Adaptive Tit For Tat(rate=0.9)"),
    create("Omega TFT(deadlock_threshold=1, randomness_threshold=3)"),
    create("N Tits For M Tats(N=1, M=3)"),
    create("N Tits For M Tats(N=2, M=0)"),
    create("N Tits For M Tats(N=0, M=1)"),
    create("Random Tit for Tat(p=0)"),
    create("Random Tit for Tat(p=1)"),
]
PANEL = [
    "Cooperator",
    "Defector",
    "Alternator",
    "Tit For Tat",
    "Suspicious Tit For Tat",
    "Gradual",
    "Omega TFT",
    "Bully",
    Pattern("CDDCCCDCDDDDCCDCCCCCDDC"),
    Pattern("DDDCCDDCCCCD"),
]
NOISY_PANEL = ["Random(p=0.3)", "Random(p=0.8)", "Alternator", "Tit For Tat", "Gradual"]


def moves_of(a: str | Strategy, b: str | Strategy, turns: int, **kwargs) -> str:
    return play_match(a, b, turns=turns, **kwargs).moves_a


@pytest.mark.parametrize(
    "player, opponent, expected",
    [
        ("Tit For 2 Tats", "Alternator", "CCCCCCCC"),
        ("Tit For 2 Tats", "Defector", "CCDDD"),
        ("tf2t", Pattern("CDDC"), "CCCDCCCD"),
        ("Two Tits For Tat", "Alternator", "CCDDDD"),
        ("Two Tits For Tat", Pattern("CDCCCC"), "CCDDCCCC"),
        ("Suspicious Tit For Tat", "Tit For Tat", "DCDCDC"),
        ("stft", "Cooperator", "DCCC"),
        ("Hard Tit For Tat", Pattern("CDCCCC"), "CCDDDCCC"),
        ("Hard Tit For 2 Tats", Pattern("CDDCCC"), "CCCDDCCCCD"),
        ("Hard Tit For 2 Tats", "Alternator", "CCCCCC"),
        ("Anti Tit For Tat", "Cooperator", "CDDD"),
        ("Anti Tit For Tat", "Defector", "CCCC"),
        ("Anti Tit For Tat", "Alternator", "CDCD"),
        ("Bully", "Cooperator", "DDDD"),
        ("Bully", "Defector", "DCCC"),
        ("Bully", "Tit For Tat", "DDCCDDCC"),
        ("Sneaky Tit For Tat", "Cooperator", "CCDDD"),
        ("Sneaky Tit For Tat", "Tit For Tat", "CCDDCCCC"),
        ("Spiteful Tit For Tat", Pattern("CDCDD"), "CCDCDDDDDD"),
        ("Slow Tit For Two Tats 2", "Alternator", "CCCCCC"),
        ("Slow Tit For Two Tats 2", "Defector", "CCDD"),
        ("Slow Tit For Two Tats 2", Pattern("CCDD"), "CCCCDDCC"),
        ("Gradual", "Defector", "CDCCDDDDCCD"),
        ("Original Gradual", "Defector", "CDCCDDCCDDDCCD"),
        ("Contrite Tit For Tat", "Alternator", "CCDCDCD"),
        ("Adaptive Tit For Tat", "Defector", "CDDD"),
        ("Adaptive Tit For Tat", "Alternator", "CCDCD"),
        ("Omega TFT", "Alternator", "CCDCDCCCDDD"),
        ("ntfmt", "Defector", "CCDDDD"),
        ("ntfmt", Pattern("DDCCCCCC"), "CCDDDCCC"),
        ("N Tits For M Tats(N=2, M=0)", "Cooperator", "DDDD"),
        ("N Tits For M Tats(N=0, M=1)", "Defector", "CCCC"),
        ("Alexei", "Cooperator", "CCCCD"),
        ("Alexei", "Defector", "CDDDD"),
        ("Alexei", "Cooperator", "D"),
        ("EugineNier", "Alternator", "CCDCDCDCDCDD"),
        ("Random Tit for Tat(p=0)", "Cooperator", "CCDCDCD"),
        ("Random Tit for Tat(p=1)", "Defector", "CDCDCDC"),
        ("Michaelos", "Cooperator", "CCCCCCD"),
        ("Dynamic Two Tits For Tat", "Defector", "CDDDD"),
        ("Burn Both Ends", "Defector", "CDDDD"),
    ],
)
def test_hand_derived_moves(player, opponent, expected):
    assert moves_of(player, opponent, len(expected)) == expected


def test_aliases_and_names():
    assert get_class("tf2t") is get_class("Copykitten") is get_class("Tit For Two Tats")
    assert get_class("Mistrust").name == "Suspicious Tit For Tat"
    assert get_class("Reverse Tit For Tat").name == "Bully"
    assert get_class("Eugine Nier").name == "EugineNier"
    assert create("N Tits For M Tats(1, 2)").parameters == {"N": 1, "M": 2}


def test_classifiers_follow_parameters():
    assert create("Random Tit for Tat").stochastic
    assert not create("Random Tit for Tat(p=0)").stochastic
    assert create("N Tits For M Tats(N=5, M=2)").classify().memory_depth == 5
    assert create("Alexei").classify().makes_use_of == {"length"}
    assert create("Michaelos").stochastic


def test_bad_parameters():
    with pytest.raises(StrategyError):
        create("N Tits For M Tats(N=-1)")
    with pytest.raises(StrategyError):
        create("Adaptive Tit For Tat(rate=2)")


def test_alexei_cooperates_to_the_end_when_the_length_is_unknown():
    moves = play_match("Alexei", "Cooperator", prob_end=0.05, seed=4).moves_a
    assert len(moves) > 1 and set(moves) == {"C"}


def test_contrite_tit_for_tat_accepts_punishment_after_noise():
    """Against Tit For Tat with noise, once a noise-made defection of ours (against a
    cooperation) is answered by a defection, we cooperate rather than retaliate."""
    player, log = recording(create("Contrite Tit For Tat"))
    result = play_match(player, TitForTat(), turns=300, noise=0.05, seed=2)
    a, b = result.moves_a, result.moves_b
    cases = [
        t
        for t in range(1, len(a) - 2)
        if log[t] == 0 and a[t] == "D" and b[t] == "C" and a[t + 1] == "C" and b[t + 1] == "D"
    ]
    assert cases
    assert all(log[t + 2] == 0 for t in cases)


def test_omega_tft_breaks_deadlock_with_suspicious_tit_for_tat():
    moves = moves_of("Omega TFT", "Suspicious Tit For Tat", 10)
    assert moves == "CDCDCCCCCC"


def test_stochastic_rates():
    bbe = play_match("Burn Both Ends", "Cooperator", turns=4000, seed=1).moves_a
    assert abs(bbe[1:].count("C") / 3999 - 0.9) < 0.02
    rtft = play_match("Random Tit for Tat(p=0.25)", "Cooperator", turns=4001, seed=1).moves_a
    assert set(rtft[1::2]) == {"C"} and abs(rtft[2::2].count("C") / 2000 - 0.25) < 0.04


def test_michaelos_gives_up_half_of_the_time():
    outcomes = [play_match("Michaelos", "Alternator", turns=6, seed=s).moves_a for s in range(400)]
    assert {m[:3] for m in outcomes} == {"CCD"}
    assert set(m[3] for m in outcomes) == {"C", "D"}
    defectors = [m for m in outcomes if m[3] == "D"]
    assert all(m[3:] == "DDD" for m in defectors)
    assert abs(len(defectors) / 400 - 0.5) < 0.1


@pytest.mark.parametrize("strategy", DETERMINISTIC, ids=lambda s: s.label)
@pytest.mark.parametrize("turns", [1, 2, 3, 9, 60])
def test_equals_axelrod_move_for_move(strategy, turns):
    for opponent in map(create, PANEL):
        result = play_match(strategy, opponent, turns=turns)
        expected = axelrod_moves(strategy, opponent, turns)
        assert (result.moves_a, result.moves_b) == expected, f"{strategy.label} vs {opponent.label}"


@pytest.mark.parametrize("strategy", DETERMINISTIC, ids=lambda s: s.label)
@pytest.mark.parametrize("noise", [0.0, 0.05, 0.3])
def test_replays_like_axelrod_with_noise(strategy, noise):
    for opponent in NOISY_PANEL:
        for seed in range(3):
            assert replay_mismatch(strategy, opponent, turns=150, noise=noise, seed=seed) is None


@pytest.mark.parametrize("strategy", [s for s in DETERMINISTIC if "length" in s.classify().makes_use_of])
def test_replays_like_axelrod_with_unknown_length(strategy):
    assert replay_mismatch(strategy, "Random(p=0.5)", turns=None, prob_end=0.02, seed=1) is None


@pytest.mark.parametrize("name", TFT_NAMES)
def test_classifier_is_axelrod_s(name):
    strategy = get_class(name)()
    player = oracle.twin(strategy)
    axl = oracle.axelrod()
    assert player.name == strategy.name
    assert player.classifier["memory_depth"] == strategy.classify().memory_depth
    assert axl.Classifiers["stochastic"](player) == strategy.stochastic
    assert set(axl.Classifiers["makes_use_of"](player)) == set(strategy.classify().makes_use_of)
