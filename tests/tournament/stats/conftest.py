"""Shared tournaments of the statistics tests."""

from __future__ import annotations

import pytest

from tournament import TournamentSpec, run_tournament
from tournament.round_robin import TournamentResults


@pytest.fixture(scope="session")
def noisy_lengths() -> TournamentResults:
    """A round robin whose every figure is a float of many digits: noise 0.1, random lengths
    (prob_end 0.13), a random player; 5 players, 6 repetitions."""
    spec = TournamentSpec.build(
        ["Random", "Tit For Tat", "Grudger", "Alternator", "Defector"],
        prob_end=0.13,
        repetitions=6,
        noise=0.1,
        seed=4,
    )
    return run_tournament(spec)
