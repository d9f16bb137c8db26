"""Tournament settings are validated before anything runs."""

from __future__ import annotations

import pytest

from strategies import StrategyError
from tournament import MatchSettings, SpecError, TournamentSpec


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"turns": 0}, "turns must be a whole number"),
        ({"turns": 2.5}, "turns must be a whole number"),
        (
            {"turns": None, "prob_end": None},
            "give turns \\(a fixed length\\), prob_end \\(a random length\\) or both",
        ),
        ({"turns": 10, "prob_end": 0}, "never end"),
        ({"turns": None, "prob_end": 1.5}, "prob_end must be a number above 0 and at most 1"),
        ({"turns": None, "prob_end": 0}, "never end"),
        ({"noise": -0.1}, "noise must be a number from 0 to 1"),
        ({"noise": "x"}, "noise must be a number"),
    ],
)
def test_bad_match_settings(kwargs, message):
    with pytest.raises(SpecError, match=message):
        MatchSettings(**kwargs)


def test_bad_tournament_settings():
    with pytest.raises(SpecError, match="empty"):
        TournamentSpec.build([])
    with pytest.raises(SpecError, match="repetitions"):
        TournamentSpec.build(["Cooperator"], repetitions=0)
    with pytest.raises(SpecError, match="seed"):
        TournamentSpec.build(["Cooperator"], seed=-1)
    with pytest.raises(StrategyError, match="did you mean"):
        TournamentSpec.build(["Grudgr"])


def test_known_length_only_when_fixed():
    assert MatchSettings(turns=10).known_length == 10
    assert MatchSettings(turns=None, prob_end=0.1).known_length is None
