"""Failing strategies are visible in an evolution: counted, forfeits scored, reported."""

from __future__ import annotations

import pytest

from strategies import PlainStrategy
from tournament.evolution.population import Population
from tournament.evolution.run import Evolution, run_evolution
from tournament.io.report.evolution import outcome_sentences
from tournament.settings import MatchSettings


class Fragile(PlainStrategy):
    name = "Fragile"

    def play(self, me: str, them: str) -> str:
        if self.turn == 3:
            raise ValueError("broken on purpose")
        return "C"


@pytest.mark.parametrize("dynamics", ["eliminate", "moran", "ecological"])
def test_failures_are_counted_and_reported(dynamics):
    population = Population.from_counts([(Fragile(), 3), ("Tit For Tat", 3), ("Defector", 2)])
    evolution = Evolution(
        "fragile", population, MatchSettings(turns=10), seed=1, dynamics=dynamics, generations=3, eliminate=2
    )
    result = run_evolution(evolution)
    failures = result.failures
    assert list(failures["player"]) == ["Fragile"]
    assert failures["problem"].iloc[0].startswith("raised ValueError")
    assert failures["matches"].iloc[0] > 0 and failures["forfeits"].iloc[0] == failures["matches"].iloc[0]
    assert any(s.startswith("Fragile failed") and "forfeited" in s for s in outcome_sentences(result))


def test_a_forfeiter_is_driven_out_by_the_eliminate_rule():
    population = Population.from_counts([(Fragile(), 4), ("Cooperator", 4)])
    evolution = Evolution(
        "fragile",
        population,
        MatchSettings(turns=10),
        seed=1,
        dynamics="eliminate",
        generations=2,
        eliminate=4,
    )
    final = run_evolution(evolution).final.set_index("strategy")["count"]
    assert final["Fragile"] == 0
