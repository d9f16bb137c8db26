"""Running an evolution: the outcome and the population by generation, nothing written."""

from __future__ import annotations

import numpy as np
import pytest

from tournament.evolution.moran import MoranSettings
from tournament.evolution.population import Population
from tournament.evolution.run import Evolution, run_evolution
from tournament.settings import MatchSettings


def evolution(dynamics: str, generations: int, **extra) -> Evolution:
    population = Population.parse("Tit For Tat:4, Defector:4")
    settings = MatchSettings(turns=20)
    return Evolution("test", population, settings, 3, dynamics, generations, **extra)


def test_replicator_run_reports_the_rest_points_of_two_strategies():
    result = run_evolution(evolution("replicator", 30))
    # Tit For Tat vs Defector over 20 turns: bistable, with an interior unstable point.
    assert [p["stability"] for p in result.outcome["rest_points"]] == ["stable", "unstable", "stable"]
    assert result.payoff_matrix == pytest.approx(np.array([[3.0, 19 / 20], [24 / 20, 1.0]]))
    assert result.final["share"].tolist() == pytest.approx([1.0, 0.0], abs=1e-3)


def test_moran_run_reports_the_winner_and_the_first_and_last_generations():
    result = run_evolution(evolution("moran", None, moran=MoranSettings(intensity=0.5)))
    outcome = result.outcome
    assert outcome["fixated"] and outcome["winner"] in result.names
    assert outcome["leader"] == outcome["winner"] and outcome["leader_share"] == 1.0
    assert result.initial["count"].tolist() == [4, 4]
    assert result.final["count"].max() == 8 and len(result.population) == 2 * (outcome["generations"] + 1)


def test_eliminate_run_is_reproducible_from_the_seed():
    first, second = (run_evolution(evolution("eliminate", 5, eliminate=2)) for _ in range(2))
    assert first.population.equals(second.population)
    assert first.outcome == second.outcome and first.payoff_matrix is None
