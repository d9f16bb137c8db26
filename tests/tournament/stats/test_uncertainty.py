"""The bootstrap of the ranking: a case worked by hand, and the properties every run has."""

from __future__ import annotations

import numpy as np
import pytest

from tournament import TournamentSpec, run_tournament
from tournament.stats import uncertainty
from tournament.stats.summary import analyse_results
from tournament.stats.uncertainty import bootstrap_ranking, percent, resample_indices, resampled_medians

NOISY = ["Tit For Tat", "Grudger", "Win-Stay Lose-Shift", "Random", "Defector", "Tit For 2 Tats"]


def test_two_players_two_repetitions_by_hand():
    # A scores 1 then 3, B 2 twice. A resample draws (0,0), (1,1) or a mix, with chances
    # 1/4, 1/4, 1/2: A's median is 1, 3 or 2 and B's always 2. A ties B on 2 and keeps
    # first place (input order), so A is first unless both draws are repetition 0.
    scores = np.array([[1.0, 3.0], [2.0, 2.0]])
    picks = resample_indices(5, 4000, 2)
    both_zero = float(np.mean((picks == 0).all(axis=1)))
    spread = bootstrap_ranking(scores, ["A", "B"], 4000, seed=5)
    assert spread.p_first.tolist() == [1 - both_zero, both_zero]
    assert abs(both_zero - 0.25) < 4 * np.sqrt(0.25 * 0.75 / 4000)  # the draws are fair
    assert spread.mean.tolist() == [2.0, 2.0]
    assert spread.mean_low.tolist() == [1.0, 2.0]
    assert spread.mean_high.tolist() == [3.0, 2.0]
    assert spread.rank.tolist() == [1, 2]
    assert spread.rank_low.tolist() == [1, 1]
    assert spread.rank_high.tolist() == [2, 2]


def test_draws_cover_every_repetition_evenly():
    picks = resample_indices(11, 2000, 7)
    counts = np.bincount(picks.ravel(), minlength=7)
    expected = picks.size / 7
    assert picks.min() == 0 and picks.max() == 6
    assert np.all(np.abs(counts - expected) < 4 * np.sqrt(expected * (1 - 1 / 7)))


@pytest.mark.parametrize("repetitions", [1, 2, 3, 6, 7, 30])
def test_resampled_medians_are_numpys_medians_to_the_last_bit(repetitions):
    # ties (scores on a 0.5 grid), negative scores, a player without opponents (all NaN) and
    # one with a single NaN repetition: numpy's median is the reference, bit for bit
    generator = np.random.default_rng(repetitions)
    scores = np.round(generator.uniform(-2, 5, size=(12, repetitions)) * 2) / 2
    scores[3] = np.nan
    scores[8, -1] = np.nan
    picks = resample_indices(repetitions, 400, repetitions)
    drawn = scores[:, picks]
    fast = resampled_medians(scores, drawn, picks)
    assert fast.tobytes() == np.median(drawn, axis=2).tobytes()
    assert np.isnan(fast[3]).all() and not np.isnan(fast[0]).any()


def test_resampled_medians_count_draws_past_what_16_bits_hold():
    # 40,000 repetitions: a resample's running count of draws passes 32,767
    scores = np.round(np.random.default_rng(1).uniform(-2, 5, size=(3, 40_000)) * 2) / 2
    picks = resample_indices(3, 4, 40_000)
    drawn = scores[:, picks]
    assert resampled_medians(scores, drawn, picks).tobytes() == np.median(drawn, axis=2).tobytes()


@pytest.fixture(scope="module")
def noisy():
    """A noisy tournament: the repetitions differ."""
    spec = TournamentSpec.build(NOISY, turns=30, repetitions=8, noise=0.05, seed=3)
    return run_tournament(spec)


def test_properties_of_a_noisy_run(noisy):
    stats = noisy.stats
    spread = bootstrap_ranking(stats.table_normalised_scores, noisy.names, 500, seed=3)
    assert spread.p_first.sum() == pytest.approx(1.0)
    assert np.all(spread.mean_low <= spread.mean) and np.all(spread.mean <= spread.mean_high)
    assert np.all(spread.rank_low <= spread.rank) and np.all(spread.rank <= spread.rank_high)
    assert (spread.mean_high - spread.mean_low).max() > 0
    assert list(np.argsort(spread.rank)) == stats.ranking
    assert spread.mean == pytest.approx(stats.mean_scores)


def test_reproducible_from_the_seed_and_independent_of_chunking(noisy, monkeypatch):
    scores = noisy.stats.table_normalised_scores
    first = bootstrap_ranking(scores, noisy.names, 300, seed=9)
    monkeypatch.setattr(uncertainty, "CHUNK_CELLS", 50)
    again = bootstrap_ranking(scores, noisy.names, 300, seed=9)
    other = bootstrap_ranking(scores, noisy.names, 300, seed=10)
    assert first.table().equals(again.table())
    assert not first.table().equals(other.table())


def test_deterministic_players_without_noise_have_no_spread():
    spec = TournamentSpec.build(["Defector", "Tit For Tat", "Grudger", "Cooperator"], turns=20, repetitions=5)
    results = run_tournament(spec)
    spread = analyse_results(results).uncertainty
    assert spread.mean_low.tolist() == spread.mean.tolist() == spread.mean_high.tolist()
    assert spread.rank_low.tolist() == spread.rank.tolist() == spread.rank_high.tolist()
    assert spread.p_first.tolist() == [1.0, 0.0, 0.0, 0.0]
    assert spread.sentence().startswith("Defector ranks first in every one of 1,000 resamples")


def test_no_estimate_with_one_repetition_or_none_asked():
    one = analyse_results(run_tournament(TournamentSpec.build(NOISY, turns=10, repetitions=1)))
    off = analyse_results(run_tournament(TournamentSpec.build(NOISY, turns=10, repetitions=3, bootstrap=0)))
    assert one.uncertainty is None and off.uncertainty is None
    assert (
        one.uncertainty_record()["players"] == [] and "1 repetition " in one.uncertainty_record()["sentence"]
    )
    assert "bootstrap = 0" in off.uncertainty_record()["sentence"]


def test_sentence_names_the_challengers():
    scores = np.array([[1.0, 3.0], [2.0, 2.0]])
    spread = bootstrap_ranking(scores, ["A", "B"], 1000, seed=5)
    share = spread.p_first
    assert spread.sentence() == (
        f"A ranks first in {percent(share[0])} of 1,000 resamples of the 2 repetitions; "
        f"first otherwise: B {percent(share[1])}: the winner is not clear."
    )


def test_percent_never_rounds_to_certainty():
    assert [percent(x) for x in (0.0, 1.0, 0.5, 0.996, 0.0004, 0.99999)] == [
        "0%",
        "100%",
        "50%",
        "99.6%",
        "<0.1%",
        ">99.9%",
    ]


def test_report_section_says_whether_the_winner_is_clear(noisy):
    from tournament.io.report.uncertainty import uncertainty_section

    analysis = analyse_results(noisy)
    section = uncertainty_section(analysis)
    assert analysis.uncertainty.sentence().replace("'", "&#x27;") in section
    assert section.count("<tr>") == len(NOISY) + 1
