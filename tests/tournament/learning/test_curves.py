"""Learning curves from long matches, checked by hand on deterministic pairs."""

from __future__ import annotations

import numpy as np
import pytest

from strategies.registry import create
from tournament.learning.curves import play_seeds
from tournament.match import play_match
from tournament.settings import MatchSettings


def test_tit_for_tat_against_suspicious_tit_for_tat_by_hand():
    """They alternate: TFT plays C, D, C, D, ... and Suspicious TFT D, C, D, C, ...; TFT's
    states are CD, DC, CD, ...: it cooperates after DC and defects after CD, every time."""
    run = play_seeds(
        (create("Tit For Tat"), create("Suspicious Tit For Tat")), MatchSettings(turns=20), 3, 4, 10
    )
    table = run.table()
    assert list(table.turn) == [1, 11, 1, 11] and list(table.agent[:2]) == ["Tit For Tat"] * 2
    tft = table.iloc[0]
    assert tft.reward_mean == pytest.approx(2.5) and tft.reward_std == 0  # S, T, S, T, ...
    assert tft.cooperation == 0.5 and tft.coop_first == 1.0
    assert tft.coop_CD == 0.0 and tft.coop_DC == 1.0 and np.isnan(tft.coop_CC) and np.isnan(tft.coop_DD)
    suspicious = table.iloc[2]
    assert suspicious.coop_first == 0.0 and suspicious.coop_CD == 0.0 and suspicious.coop_DC == 1.0
    assert np.isnan(table.iloc[1].coop_first)
    final = run.final()
    assert len(final) == 8 and (final[final.agent == "Tit For Tat"].reward == 2.5).all()


def test_a_seed_is_the_repetition_of_a_tournament_and_prob_end_lengths_are_masked():
    settings = MatchSettings(turns=None, prob_end=0.05, noise=0.1)
    run = play_seeds((create("Q Learner"), create("Random")), settings, 9, 6, 25)
    lengths = (run.own >= 0).sum(axis=0)
    assert len(set(lengths.tolist())) > 1 and ((run.own >= 0) == (run.other >= 0)).all()
    rewards = run.rewards(0)
    assert np.isnan(rewards[lengths.min() :, lengths.argmin()]).all()
    table = run.table()
    assert table.reward_mean.notna().all() and table.cooperation.between(0, 1).all()
    # seed 0 is repetition 0 of the pair: the match ipd match plays with the same seed
    alone = play_match(create("Q Learner"), create("Random"), seed=9, turns=None, prob_end=0.05, noise=0.1)
    assert "".join("CD"[m] for m in run.own[: lengths[0], 0]) == alone.moves_a
