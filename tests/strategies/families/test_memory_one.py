"""Memory-one strategies and their shared family kernel.

Besides hand-derived games, stochastic strategies are checked against the exact Markov
chain of a memory-one match: the distribution of the turn-t state is the first-turn
distribution times the t-1st power of the 4x4 transition matrix, which gives the exact
expected score that the mean over many seeded repetitions must approach.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from strategies.axelrod.twins import axelrod_twin
from strategies.families import memory_one
from strategies.families.memory_one import MemoryOneKernel, MemoryOnePlayer
from strategies.registry import create, get_class
from tests import oracle
from tournament import TournamentSpec, run_tournament
from tournament.errors import StrategyError
from tournament.match import play_match
from tournament.settings import Game

OURS = [
    "Win-Stay Lose-Shift",
    "Win-Shift Lose-Stay",
    "GTFT",
    "Stochastic WSLS",
    "Firm But Fair",
    "Soft Joss",
    "Stochastic Cooperator",
    "ALLCorALLD",
    "Desperate",
    "Hopeless",
    "Willing",
    "Negation",
]


# --- exact expectations of memory-one matches --------------------------------------


def transition_matrix(p: np.ndarray, q: np.ndarray, noise: float = 0.0) -> np.ndarray:
    """4x4 chain over states CC, CD, DC, DD (a's side) for four-vectors p (a) and q (b).

    b sees state (x, y) of a as (y, x); noise flips each realised move independently.
    """
    matrix = np.zeros((4, 4))
    for state in range(4):
        x, y = divmod(state, 2)
        coop_a = _noisy(p[state], noise)
        coop_b = _noisy(q[2 * y + x], noise)
        matrix[state] = np.outer([coop_a, 1 - coop_a], [coop_b, 1 - coop_b]).reshape(-1)
    return matrix


def _noisy(p: float, noise: float) -> float:
    return p * (1 - noise) + (1 - p) * noise


def expected_scores(a, b, game: Game, turns: int, noise: float = 0.0) -> tuple[float, float]:
    """Exact expected per-turn scores of memory-one players a and b in a match of ``turns``."""
    p, q = np.array(a.probabilities(game)), np.array(b.probabilities(game))
    first_a = _noisy(a.first_cooperation(), noise)
    first_b = _noisy(b.first_cooperation(), noise)
    state = np.outer([first_a, 1 - first_a], [first_b, 1 - first_b]).reshape(-1)
    matrix = transition_matrix(p, q, noise)
    visits = np.zeros(4)
    for _ in range(turns):
        visits += state
        state = state @ matrix
    payoff = game.payoff_vector()
    return float(visits @ payoff) / turns, float(visits @ payoff[[0, 2, 1, 3]]) / turns


def check_against_markov_chain(names, *, game=None, noise=0.0, turns=200, repetitions=400, seed=7, bound=4.5):
    """Mean per-turn scores of every pair of a round robin versus the exact expectation."""
    spec = TournamentSpec.build(
        names, turns=turns, repetitions=repetitions, seed=seed, noise=noise, game=game
    )
    players, matches = spec.players, run_tournament(spec).matches
    checked = 0
    for (i, j), rows in matches.groupby(["player_a", "player_b"]):
        exact = expected_scores(players[i], players[j], spec.settings.game, turns, noise)
        for side, value in zip("ab", exact):
            sample = (rows[f"score_{side}"] / rows.turns).to_numpy()
            se = sample.std(ddof=1) / math.sqrt(len(sample))
            label = f"{players[i].label} vs {players[j].label} ({side}): mean {sample.mean():.5f}, exact {value:.5f}"
            if se < 1e-12:
                assert sample.mean() == pytest.approx(value, abs=1e-9), label
            else:
                assert abs(sample.mean() - value) / se < bound, label
            checked += 1
    return checked


def test_markov_chain_helper_gives_hand_values():
    game = Game()
    tft, alld = create("Memory One(1, 0, 1, 0)"), create("Memory One(four_vector=(0, 0, 0, 0), initial='D')")
    assert expected_scores(tft, alld, game, 10) == pytest.approx((0.9, 1.4))
    coin = create("Memory One(0.5, 0.5, 0.5, 0.5)")
    assert expected_scores(coin, coin, game, 5) == pytest.approx((2.4, 2.4))  # CC, then uniform


def test_memory_one_round_robin_matches_exact_expectations():
    names = [
        "Memory One(0.9, 0.1, 0.8, 0.2)",
        "GTFT",
        "Stochastic WSLS",
        "Firm But Fair",
        "Soft Joss",
        "Stochastic Cooperator",
        "ALLCorALLD",
        "Desperate",
        "Negation",
        "Win-Stay Lose-Shift",
        "ZD-Extort-2",
        "ZD-GEN-2",
    ]
    assert check_against_markov_chain(names) == 2 * 78


def test_exact_expectations_with_noise_and_other_payoffs():
    names = [
        "GTFT",
        "Stochastic Cooperator",
        "Hopeless",
        "Willing",
        "Win-Shift Lose-Stay",
        "Soft Joss(q=0.5)",
    ]
    assert check_against_markov_chain(names, noise=0.05, game=(4, 0, 6, 1), turns=50, seed=3) == 2 * 21


# --- hand-derived games -------------------------------------------------------------


@pytest.mark.parametrize(
    ("player", "opponent", "moves"),
    [
        ("wsls", "Defector", "CD" * 10),
        ("wsls", "Alternator", "CCDD" * 5),
        ("Pavlov", "Cooperator", "C" * 20),
        ("Win-Shift Lose-Stay", "Cooperator", "DC" * 10),
        ("Win-Shift Lose-Stay(initial='C')", "Cooperator", "CD" * 10),
        ("Win-Shift Lose-Stay", "Defector", "D" * 20),
        ("Firm But Fair", "Alternator", "CC" + "DC" * 9),
        ("Firm But Fair", "Cooperator", "C" * 20),
        ("GTFT(p=0)", "Alternator", "CCDCDCDCDCDCDCDCDCDC"),
        ("GTFT", "Cooperator", "C" * 20),
        ("Soft Joss(q=1)", "Defector", "C" + "D" * 19),
        ("Soft Joss(q=0)", "Defector", "C" * 20),
        ("Stochastic WSLS(ep=0)", "Alternator", "CCDD" * 5),
        ("Stochastic Cooperator", "Cooperator", None),
        ("Memory One(1, 0, 1, 0)", "Alternator", "CCDCDCDCDCDCDCDCDCDC"),
        ("Memory One(four_vector=(0, 0, 0, 0), initial='D')", "Cooperator", "D" * 20),
        ("Memory One(four_vector=(1, 1, 1, 1), initial='D')", "Defector", "D" + "C" * 19),
        ("m1", "Defector", "CD" * 10),
    ],
)
def test_plays_hand_derived_moves(player, opponent, moves):
    result = play_match(player, opponent, turns=20, seed=1)
    if moves is None:
        assert result.moves_a[0] == "C"
    else:
        assert result.moves_a == moves


@pytest.mark.parametrize("seed", range(6))
def test_random_start_then_deterministic_rules(seed):
    desperate = play_match("Desperate", "Defector", turns=30, seed=seed).moves_a
    assert all(x != y for x, y in zip(desperate, desperate[1:]))
    hopeless = play_match("Hopeless", "Cooperator", turns=30, seed=seed).moves_a
    assert all(x != y for x, y in zip(hopeless, hopeless[1:]))
    willing = play_match("Willing", "Defector", turns=30, seed=seed).moves_a
    assert willing in ("C" * 30, "D" * 30)
    negation = play_match("Negation", "Alternator", turns=30, seed=seed).moves_a
    assert negation[1:] == "DC" * 14 + "D"
    repeat = play_match("ALLCorALLD", "Alternator", turns=30, seed=seed).moves_a
    assert repeat in ("C" * 30, "D" * 30)


@pytest.mark.parametrize(("name", "p"), [("ALLCorALLD", 0.6), ("Desperate", 0.5), ("Negation", 0.5)])
def test_first_move_probability(name, p):
    spec = TournamentSpec.build([name, "Cooperator"], turns=1, repetitions=4000, seed=2)
    matches = run_tournament(spec).matches
    first = matches[(matches.player_a == 0) & (matches.player_b == 1)].first_a
    share = (first == "C").mean()
    assert abs(share - p) / math.sqrt(p * (1 - p) / len(first)) < 4


def test_gtft_default_forgiveness_comes_from_the_payoffs_played():
    gtft = create("GTFT")
    assert gtft.probabilities(Game()) == (1, 0.33333333333333337, 1, 0.33333333333333337)
    assert gtft.probabilities(Game(3, 0, 4, 1)) == pytest.approx((1, 2 / 3, 1, 2 / 3))
    assert create("GTFT(0.1)").probabilities(Game(3, 0, 4, 1)) == (1, 0.1, 1, 0.1)
    with pytest.raises(StrategyError, match="no default p"):
        play_match("GTFT", "Cooperator", game=(1, 1, 1, 1))


def test_probabilities_outside_unit_interval_are_reported_when_play_starts():
    with pytest.raises(StrategyError, match="not made of probabilities"):
        play_match("GTFT", "Cooperator", game=(3, 0, 7, 1))


# --- names, parameters, classification ----------------------------------------------


def test_memory_one_from_text():
    player = create("Memory One(0.9,0.1,0.8,0.2)")
    assert player.four_vector == (0.9, 0.1, 0.8, 0.2)
    assert player.label == "Memory One(four_vector=(0.9, 0.1, 0.8, 0.2))"
    assert create("m1").label == "Memory One"
    assert create("memory one").four_vector == (1, 0, 0, 1)
    assert create("Memory One(initial='d')").initial == "D"
    with pytest.raises(StrategyError):
        create("Memory One(1, 2, 0, 0)")
    with pytest.raises(StrategyError):
        create("Memory One(0.5, 0.5, 0.5)")
    with pytest.raises(StrategyError):
        create("Memory One(initial='X')")
    with pytest.raises(StrategyError):
        create("GTFT(p=1.5)")


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("wsls", "Win-Stay Lose-Shift"),
        ("Pavlov", "Win-Stay Lose-Shift"),
        ("simpleton", "Win-Stay Lose-Shift"),
        ("gtft", "GTFT"),
        ("Generous Tit For Tat", "GTFT"),
        ("Generic Memory One Player", "Memory One"),
        ("Reverse Pavlov", "Win-Shift Lose-Stay"),
        ("swsls", "Stochastic WSLS"),
        ("Repeat", "ALLCorALLD"),
    ],
)
def test_aliases(alias, name):
    assert get_class(alias).name == name


def axelrod_player(strategy):
    """The axelrod twin, including the generic player that axelrod does not list."""
    name, kwargs = axelrod_twin(strategy)
    if name == "Generic Memory One Player":
        return oracle.axelrod().MemoryOnePlayer(**kwargs)
    return oracle.axelrod_classes()[name](**kwargs)


VARIANTS = [
    *OURS,
    "Memory One",
    "Memory One(0.9, 0.1, 0.8, 0.2)",
    "Memory One(1, 0, 1, 0)",
    "Memory One(four_vector=(0, 0, 0, 0), initial='D')",
    "Memory One(1, 1, 1, 1)",
    "Win-Shift Lose-Stay(initial='C')",
    "Stochastic WSLS(ep=0)",
    "Stochastic WSLS(ep=0.2)",
    "Soft Joss(q=0)",
    "Soft Joss(q=1)",
    "Soft Joss(q=0.5)",
    "GTFT(p=0)",
    "GTFT(p=1)",
    "GTFT(p=0.2)",
]


@pytest.mark.parametrize("text", VARIANTS)
def test_classification_and_four_vector_equal_axelrod(axl, text):
    ours = create(text)
    twin = axelrod_player(ours)
    assert axl.Classifiers["stochastic"](twin) == ours.stochastic
    assert axl.Classifiers["memory_depth"](twin) == ours.classify().memory_depth
    uses = set(axl.Classifiers["makes_use_of"](twin)) & {"length", "game"}
    assert uses == set(ours.classify().makes_use_of)
    if hasattr(twin, "_four_vector"):  # ordered CC, CD, DC, DD
        assert ours.probabilities(Game()) == tuple(twin._four_vector.values())


DETERMINISTIC_PANEL = ["Cooperator", "Defector", "Tit For Tat", "Alternator", "Grudger"]


@pytest.mark.parametrize(
    "text",
    [
        "Memory One",
        "Memory One(1, 0, 1, 0)",
        "Memory One(four_vector=(0, 1, 1, 0), initial='D')",
        "Win-Shift Lose-Stay(initial='C')",
    ],
)
def test_deterministic_variants_equal_axelrod_move_for_move(axl, text):
    ours = create(text)
    for opponent in DETERMINISTIC_PANEL:
        match = axl.Match((axelrod_player(ours), oracle.twin(create(opponent))), turns=60)
        match.play()
        expected = "".join(str(x) for x, _ in match.result)
        assert play_match(ours, opponent, turns=60).moves_a == expected, opponent


def test_generic_stochastic_memory_one_agrees_with_axelrod_in_distribution(axl):
    ours = create("Memory One(0.9, 0.1, 0.8, 0.2)")
    spec = TournamentSpec.build([ours, *DETERMINISTIC_PANEL], turns=100, repetitions=300, seed=11)
    matches = run_tournament(spec).matches
    for k, opponent in enumerate(DETERMINISTIC_PANEL, start=1):
        mine = (matches[(matches.player_a == 0) & (matches.player_b == k)].score_a / 100).to_numpy()
        theirs = []
        for rep in range(60):
            match = axl.Match((axelrod_player(ours), oracle.twin(create(opponent))), turns=100, seed=5 + rep)
            match.play()
            theirs.append(match.final_score_per_turn()[0])
        assert oracle.z_score(mine, np.array(theirs)) < 4.5, opponent


# --- the family kernel --------------------------------------------------------------

FAMILY_TOURNAMENT = [
    "Tit For Tat",
    *OURS,
    "Memory One(0.9, 0.1, 0.8, 0.2)",
    "Defector",
    "ZD-Extort-2",
    "ZD-GTFT-2",
    "ZD-SET-2",
    "Grudger",
]


def test_family_members_are_memory_one_players():
    for text in FAMILY_TOURNAMENT:
        player = create(text)
        assert (player.kernel_group() is MemoryOnePlayer.family) == isinstance(player, MemoryOnePlayer)
    assert all(create(text).kernel_group() is MemoryOnePlayer.family for text in OURS)


def _play(names, noise):
    spec = TournamentSpec.build(names, turns=40, repetitions=3, seed=9, noise=noise)
    return run_tournament(spec, interactions=True)


@pytest.mark.parametrize("noise", [0.0, 0.1])
def test_one_kernel_call_per_turn_and_same_results_as_unmerged(monkeypatch, noise):
    monkeypatch.setenv("IPD_COMPILED", "0")  # counts the numpy kernel's calls
    kernels, turns = [], []
    setup, move = MemoryOneKernel.setup, MemoryOneKernel.move

    def counting_setup(self, view):
        kernels.append([m.label for m, _ in self.members])
        setup(self, view)

    def counting_move(self, view):
        turns.append(view.turn)
        return move(self, view)

    with monkeypatch.context() as patch:
        patch.setattr(MemoryOneKernel, "setup", counting_setup)
        patch.setattr(MemoryOneKernel, "move", counting_move)
        merged = _play(FAMILY_TOURNAMENT, noise)
    members = [
        create(t).label for t in FAMILY_TOURNAMENT if create(t).kernel_group() is MemoryOnePlayer.family
    ]
    assert kernels == [members]
    assert turns == list(range(40))

    monkeypatch.setattr(MemoryOnePlayer, "kernel_group", lambda self: None)
    alone = _play(FAMILY_TOURNAMENT, noise)
    pd.testing.assert_frame_equal(merged.interactions, alone.interactions)
    pd.testing.assert_frame_equal(merged.matches, alone.matches)


def test_tournament_matches_equal_single_matches():
    names = ["Stochastic Cooperator", "GTFT", "Negation", "ZD-Extort-2", "Tit For Tat", "Soft Joss"]
    spec = TournamentSpec.build(names, turns=50, repetitions=2, seed=21)
    table = run_tournament(spec, interactions=True).interactions
    first = table[(table.repetition == 0) & (table.player_a < table.player_b)]
    for row in first.itertuples():
        alone = play_match(names[row.player_a], names[row.player_b], turns=50, seed=21)
        assert (alone.moves_a, alone.moves_b) == (row.moves_a, row.moves_b)


def test_kernel_mixes_deterministic_and_stochastic_members():
    wsls, coin = create("wsls"), create("Memory One(0.5, 0.5, 0.5, 0.5)")
    spec = TournamentSpec.build([wsls, coin, "Defector"], turns=30, repetitions=5, seed=4)
    table = run_tournament(spec, interactions=True).interactions
    wsls_vs_alld = table[(table.player_a == 0) & (table.player_b == 2)]
    assert set(wsls_vs_alld.moves_a) == {"CD" * 15}
    coin_vs_alld = table[(table.player_a == 1) & (table.player_b == 2)]
    assert len(set(coin_vs_alld.moves_a)) == 5


def test_module_exports_only_memory_one_players():
    classes = [c for c in vars(memory_one).values() if isinstance(c, type) and issubclass(c, MemoryOnePlayer)]
    registered = {c.name for c in classes if c.name}
    assert set(OURS) | {"Memory One"} == registered
