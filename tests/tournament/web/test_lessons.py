"""The lessons run real evolutions and tournaments and say what the run showed."""

from __future__ import annotations

import numpy as np
import pytest

from tournament.web.lessons import (
    EvolutionLesson,
    LessonError,
    evolution_words,
    run_evolution_lesson,
    run_tournament_lesson,
    sweep_condition,
    sweep_words,
    tournament_words,
)


def test_evolution_words_follow_the_numbers() -> None:
    history = np.array([[15, 5, 5], [10, 10, 5], [0, 12, 13], [0, 0, 25]])
    assert evolution_words(["A", "B", "C"], history) == [
        "C took over the whole population in generation 3.",
        "A died out in generation 2.",
        "B died out in generation 3 after rising from 5 to 12 (generation 2).",
    ]
    mixed = np.array([[5, 5], [6, 4]])
    assert evolution_words(["A", "B"], mixed) == ["After 1 generations the population is A 60%, B 40%."]


def test_the_evolution_lesson_is_the_engines_run() -> None:
    from tournament.evolution.eliminate import run_eliminate

    lesson = EvolutionLesson.from_request({"preset": "trust", "generations": 12, "seed": 4})
    run = run_evolution_lesson(lesson)
    expected = run_eliminate(lesson.population_object(), lesson.settings(), 5, 12, seed=4)
    assert run["frames"] == expected.tolist()
    assert run["names"] == ["Always Cooperate", "Always Cheat", "Copycat"]


@pytest.mark.parametrize(
    "request_, problem",
    [
        ({"population": {}}, "give a population"),
        ({"preset": "trust", "noise": 0.9}, "noise must be from 0 to 0.5"),
        ({"preset": "trust", "eliminate": 20}, "at most half"),
        ({"preset": "trust", "colour": 1}, "unknown setting 'colour'"),
        ({"preset": "nope"}, "unknown preset"),
    ],
)
def test_bad_lesson_settings_are_one_sentence(request_: dict, problem: str) -> None:
    with pytest.raises(LessonError, match=problem):
        EvolutionLesson.from_request(request_)


def test_sweep_words_find_where_the_outcome_turns() -> None:
    rows = [
        {"value": 1, "winner": "Cheat", "runs": 5},
        {"value": 2, "winner": "Cheat", "runs": 4},
        {"value": 3, "winner": "Copycat", "runs": 5},
    ]
    assert sweep_words("rounds", rows, 5) == [
        "With rounds from 1 to 2, Cheat took over (in at least 4 of 5 runs at each value).",
        "With rounds 3, Copycat took over (in at least 5 of 5 runs at each value).",
        "The outcome turns between rounds 2 and 3: from Cheat to Copycat.",
    ]


@pytest.mark.parametrize("condition", ["repetition", "payoffs", "noise"])
def test_each_condition_for_trust_turns_somewhere_on_its_slider(condition: str) -> None:
    """The engine finds a value where trust loses and one where it wins, on one slider."""
    result = sweep_condition(condition, seeds=3)
    winners = [row["winner"] for row in result["rows"]]
    assert "Always Cheat" in winners
    assert {"Copycat", "Copykitten"} & set(winners)
    assert any("The outcome turns between" in line for line in result["words"])


def test_the_tournament_lesson_steps_through_the_engines_matches() -> None:
    run = run_tournament_lesson(["Copycat", "Always Cheat", "Always Cooperate"], turns=5)
    assert len(run["matches"]) == 3
    first = run["matches"][0]
    assert (first["moves_a"], first["moves_b"]) == ("CDDDD", "DDDDD")
    assert run["totals"] == [
        sum(m["score_a"] for m in run["matches"] if m["a"] == k)
        + sum(m["score_b"] for m in run["matches"] if m["b"] == k)
        for k in range(3)
    ]
    with pytest.raises(LessonError):
        run_tournament_lesson(["Copycat"])


def test_tournament_words_name_the_match_winner_who_loses_the_tournament() -> None:
    words = tournament_words(["A", "B", "C"], np.array([10.0, 8.0, 2.0]), [0, 1, 2], {0: 0, 1: 2, 2: 0})
    assert words[0] == "A won with 10 points; C came last with 2."
    assert "B won the most single matches (2) yet finished 2nd of 3" in words[2]
