"""The batched engine's bookkeeping: scores, state counts, self-play, shared games."""

from __future__ import annotations

import numpy as np
import pytest

from strategies import PlainStrategy, plain_strategy
from tournament import Game, TournamentSpec, play_match, run_tournament
from tournament.core.engine import StrategyFailure


def test_scores_are_payoffs_of_state_counts():
    game = Game(R=2, S=-1, T=3, P=0)
    spec = TournamentSpec.build(
        ["Tit For Tat", "Random", "Alternator", "Grudger"],
        turns=37,
        game=game,
        noise=0.1,
        repetitions=3,
        seed=1,
    )
    m = run_tournament(spec).matches
    assert (m.cc + m.cd + m.dc + m.dd == m.turns).all()
    np.testing.assert_array_equal(m.score_a, 2 * m.cc - 1 * m.cd + 3 * m.dc)
    np.testing.assert_array_equal(m.score_b, 2 * m.cc + 3 * m.cd - 1 * m.dc)
    assert (
        (
            m.a_CC_to_C
            + m.a_CC_to_D
            + m.a_CD_to_C
            + m.a_CD_to_D
            + m.a_DC_to_C
            + m.a_DC_to_D
            + m.a_DD_to_C
            + m.a_DD_to_D
        )
        == m.turns - 1
    ).all()


def test_deterministic_pairs_are_played_once():
    spec = TournamentSpec.build(["Tit For Tat", "Grudger", "Defector", "Random"], turns=10, repetitions=5)
    results = run_tournament(spec)
    deterministic_pairs, stochastic_pairs = 6, 4
    assert results.counts["games_played"] == deterministic_pairs + 5 * stochastic_pairs
    assert results.counts["matches"] == 10 * 5


def test_self_play_is_recorded_but_excluded_from_scores():
    spec = TournamentSpec.build(["Cooperator", "Defector"], turns=10)
    results = run_tournament(spec)
    assert results.matches.self_play.sum() == 2
    players = results.players.set_index("name")
    assert players.loc["Cooperator", "median_score"] == 0.0
    assert players.loc["Defector", "median_score"] == 5.0
    assert players.loc["Defector", "wins"] == 1
    assert list(results.players.name) == ["Defector", "Cooperator"]


def test_ranking_ties_keep_input_order():
    spec = TournamentSpec.build(["Grudger", "Tit For Tat", "Cooperator"], turns=10)
    assert list(run_tournament(spec).players.name) == ["Grudger", "Tit For Tat", "Cooperator"]


def test_plain_strategies_run_in_the_engine_like_builtins():
    @plain_strategy("Tit For Tat")
    def plain_tft(me: str, them: str) -> str:
        return them[-1] if them else "C"

    # Same name, same identity, so the noise and the opponent's draws are the same streams.

    for opponent in ["Alternator", "Grudger", "Random"]:
        plain = play_match(plain_tft(), opponent, turns=60, noise=0.1, seed=4)
        builtin = play_match("Tit For Tat", opponent, turns=60, noise=0.1, seed=4)
        assert (plain.moves_a, plain.moves_b) == (builtin.moves_a, builtin.moves_b)


def test_plain_strategy_state_is_per_match_and_random_is_reproducible():
    class Counter(PlainStrategy):
        name = "Counter"

        def reset(self) -> None:
            self.seen = 0

        def play(self, me: str, them: str) -> str:
            self.seen += 1
            assert self.seen == len(me) + 1
            return "C" if self.random() < 0.5 else "D"

    first = play_match(Counter(), "Cooperator", turns=50, seed=3)
    again = play_match(Counter(), "Cooperator", turns=50, seed=3)
    assert first.moves_a == again.moves_a
    assert 0 < first.moves_a.count("C") < 50


def test_a_bad_return_value_names_the_strategy_and_turn():
    @plain_strategy("Bad")
    def bad(me: str, them: str) -> str:
        return "X" if len(me) == 3 else "C"

    with pytest.raises(ValueError, match="Bad returned 'X' on turn 4"):
        play_match(bad(), "Cooperator", turns=10)


def test_wrong_shape_from_a_vectorised_strategy_is_reported():
    from strategies.base import Strategy

    class Broken(Strategy):
        name = "Broken"

        def move(self, view):
            return np.zeros(view.n + 1, dtype=np.uint8)

    with pytest.raises(StrategyFailure, match="Broken returned"):
        play_match(Broken(), "Cooperator", turns=3)


@pytest.mark.parametrize("noise, prob_end", [(0.0, 0.05), (0.1, None)])
def test_counts_and_transitions_agree_with_the_moves(noise, prob_end):
    spec = TournamentSpec.build(
        ["Tit For Tat", "Random", "Alternator", "Grudger", "Defector"],
        turns=None if prob_end else 30,
        prob_end=prob_end,
        noise=noise,
        repetitions=4,
        seed=9,
    )
    results = run_tournament(spec, interactions=True)
    for match, moves in zip(results.matches.itertuples(), results.interactions.itertuples()):
        a, b = moves.moves_a, moves.moves_b
        assert len(a) == len(b) == match.turns
        states = [x + y for x, y in zip(a, b)]
        assert [match.cc, match.cd, match.dc, match.dd] == [states.count(s) for s in ("CC", "CD", "DC", "DD")]
        assert (match.first_a, match.first_b) == (a[0], b[0])
        for side, own, opp in (("a", a, b), ("b", b, a)):
            pairs = [(own[t] + opp[t], own[t + 1]) for t in range(len(own) - 1)]
            for state in ("CC", "CD", "DC", "DD"):
                for move in "CD":
                    assert getattr(match, f"{side}_{state}_to_{move}") == pairs.count((state, move))


def test_interactions_can_stream_to_a_sink_batch_by_batch():
    spec = TournamentSpec.build(
        ["Tit For Tat", "Random", "Alternator"], turns=20, noise=0.1, repetitions=3, seed=2
    )
    whole = run_tournament(spec, interactions=True).interactions
    chunks = []
    streamed = run_tournament(spec, interactions=True, interactions_sink=chunks.append, max_cells=100)
    assert streamed.interactions is None
    assert len(chunks) > 1
    import pandas as pd

    together = pd.concat(chunks).sort_values(["repetition", "player_a", "player_b"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(together, whole)


@pytest.mark.parametrize("settings", [{"turns": 30, "noise": 0.01}, {"prob_end": 0.05, "noise": 0.01}])
def test_first_defection_turns_are_the_first_d_of_each_match(settings):
    players = ["Tit For Tat", "Grudger", "Cooperator", "Random(p=0.9)", "First by Davis", "Alternator"]
    spec = TournamentSpec.build(players, repetitions=3, seed=4, **settings)
    results = run_tournament(spec, interactions=True, max_cells=500)
    table = results.matches.merge(results.interactions, on=["repetition", "player_a", "player_b"])
    assert len(table) == len(results.matches)
    for side in "ab":
        expected = table[f"moves_{side}"].str.find("D")
        assert table[f"first_defection_{side}"].tolist() == expected.tolist()
    turns = table[["first_defection_a", "first_defection_b"]].to_numpy()
    assert (turns == -1).any() and (turns > 0).any()


def test_a_plain_strategy_that_raises_forfeits_its_matches_and_the_rest_goes_on():
    @plain_strategy("Fragile")
    def fragile(me: str, them: str) -> str:
        if len(me) == 4 and them.endswith("D"):
            raise ValueError("cannot cope")
        return "C"

    @plain_strategy("Shouter")
    def shouter(me: str, them: str) -> str:
        return "c"

    spec = TournamentSpec.build([fragile(), shouter(), "Tit For Tat", "Alternator"], turns=10, seed=1)
    matches = run_tournament(spec).matches.set_index(["name_a", "name_b"])
    game = spec.settings.game
    lost = matches.loc[("Fragile", "Alternator")]
    assert lost.forfeit_a and not lost.forfeit_b
    assert lost.failure_a.startswith("raised ValueError: cannot cope on turn 5")
    assert (lost.score_a, lost.score_b) == (10 * game.S, 10 * game.T)
    kept = matches.loc[("Fragile", "Tit For Tat")]
    assert not kept.forfeit_a and kept.score_a == kept.score_b == 10 * game.R
    assert matches.loc[("Shouter", "Tit For Tat")].failure_a == "returned 'c' on turn 1; expected 'C' or 'D'"
    honest = matches.loc[("Tit For Tat", "Alternator")]
    assert (honest.score_a, honest.score_b) == play_match("Tit For Tat", "Alternator", turns=10).scores


def test_a_played_batch_is_freed_as_soon_as_it_is_dropped() -> None:
    """Views hold their engine weakly: without the cyclic collector, dropping an engine that
    played every built-in frees its move histories at once."""
    import gc
    import weakref

    from strategies.registry import strategy_classes
    from tournament.core import plan as planner
    from tournament.core.engine import Engine

    players = [cls() for cls in strategy_classes() if not getattr(cls, "learns", False)]
    spec = TournamentSpec.build(players, turns=30, repetitions=1, seed=4)
    plan = planner.round_robin(spec.players, spec.settings, spec.seed, spec.repetitions, spec.edges)
    ((_, batch),) = list(planner.batches(plan, 10**9))
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        engine = Engine(batch, spec.settings, seed=spec.seed)
        engine.play()
        alive = weakref.ref(engine)
        del engine
        assert alive() is None
    finally:
        if was_enabled:
            gc.enable()
