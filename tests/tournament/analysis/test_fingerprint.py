"""Fingerprints: axelrod's grid, probes and picture layout, its values exactly where the play is
deterministic and within sampling error everywhere else; one batched plan."""

from __future__ import annotations

import numpy as np
import pytest

from strategies.registry import create
from tests import oracle
from tests.strategies.transformers import twins
from tournament.analysis import fingerprint as fp
from tournament.core import engine
from tournament.errors import SpecError


@pytest.mark.parametrize("step", [1, 0.5, 0.1, 0.03, 0.01])
def test_grid_is_axelrods(step):
    from axelrod.fingerprint import _create_points

    assert fp.grid(step).tolist() == [list(p) for p in _create_points(step, progress_bar=False)]


def _described(player) -> tuple[str, list[tuple[float, ...]]]:
    """An axelrod player's name and the arguments of its transformers."""
    classes = [c for c in type(player).__mro__ if "decorator" in vars(c)]
    return player.name, [tuple(float(v) for v in c.decorator.args[0]) for c in classes if c.decorator.args]


def test_probes_are_axelrods_joss_ann_and_dual():
    from axelrod.fingerprint import _create_jossann, _create_points

    tft = create("Tit For Tat")
    for point in _create_points(0.1, progress_bar=False):
        ours = twins.axelrod_player(fp.ashlock_probe(tft, *point))
        assert _described(ours) == _described(_create_jossann(point, oracle.axelrod().TitForTat)), point


def test_image_is_laid_out_as_axelrods_plot():
    from axelrod.fingerprint import _create_points, _reshape_data

    result = fp.ashlock("Win-Stay Lose-Shift", step=0.25, turns=10, repetitions=2, seed=1)
    points = _create_points(0.25, progress_bar=False)
    data = dict(zip(points, result.scores))
    assert np.array_equal(result.image(), _reshape_data(data, points, 5))


def _axelrod_ashlock(name: str, step: float, turns: int, repetitions: int, seed: int):
    """axelrod's fingerprint and its per-match scores, by point."""
    from axelrod.interaction_utils import compute_final_score_per_turn

    axl = oracle.axelrod()
    print_free = axl.AshlockFingerprint(oracle.axelrod_classes()[name], axl.TitForTat)
    data = print_free.fingerprint(
        turns=turns, repetitions=repetitions, step=step, progress_bar=False, seed=seed
    )
    edges = [(0, k + 1) for k in range(len(print_free.points))]
    scores = [
        np.array([compute_final_score_per_turn(match)[0] for match in print_free.interactions[edge]])
        for edge in edges
    ]
    return data, scores


@pytest.mark.parametrize("name", ["Grudger", "Tit For Tat", "Win-Stay Lose-Shift"])
def test_deterministic_corners_equal_axelrods(name):
    """On the four corners the probes are Tit For Tat, its dual, Cooperator and Defector."""
    data, _ = _axelrod_ashlock(name, step=1, turns=50, repetitions=2, seed=1)
    ours = fp.ashlock(name, step=1, turns=50, repetitions=2, seed=1)
    assert ours.scores.tolist() == list(data.values())
    assert ours.stdevs.tolist() == [0, 0, 0, 0]


def _z_scores(ours: fp.AshlockFingerprint, theirs: list[np.ndarray]) -> np.ndarray:
    out = []
    for k, other in enumerate(theirs):
        mine_mean, mine_sd = ours.scores[k], ours.stdevs[k]
        diff = abs(mine_mean - other.mean())
        se = np.sqrt(mine_sd**2 / ours.repetitions + other.var(ddof=1) / len(other))
        out.append(0.0 if diff < 1e-9 else diff / se if se > 0 else np.inf)
    return np.array(out)


@pytest.fixture(scope="module")
def axelrod_wsls():
    return _axelrod_ashlock("Win-Stay Lose-Shift", step=0.1, turns=40, repetitions=40, seed=2)


def test_ashlock_fingerprint_within_sampling_error_of_axelrods(axelrod_wsls):
    """Over the 121 points of a 0.1 grid: every |z| < 4.5 and the mean z^2 near 1."""
    _, theirs = axelrod_wsls
    ours = fp.ashlock("Win-Stay Lose-Shift", step=0.1, turns=40, repetitions=400, seed=3)
    z = _z_scores(ours, theirs)
    assert z.max() < 4.5, (z.argmax(), z.max())
    assert np.mean(z**2) < 1.6


def test_the_ashlock_comparison_tells_another_fingerprint_apart(axelrod_wsls):
    """The same bounds fail for another strategy's fingerprint (so the comparison can fail)."""
    _, theirs = axelrod_wsls
    other = fp.ashlock("Tit For Tat", step=0.1, turns=40, repetitions=400, seed=3)
    z = _z_scores(other, theirs)
    assert z.max() > 4.5 and np.mean(z**2) > 1.6


def _transitive_z(ours: fp.TransitiveFingerprint, theirs: np.ndarray, n_theirs: int) -> np.ndarray:
    pooled = (ours.cooperation * ours.repetitions + theirs * n_theirs) / (ours.repetitions + n_theirs)
    se = np.sqrt(pooled * (1 - pooled) * (1 / ours.repetitions + 1 / n_theirs))
    diff = np.abs(ours.cooperation - theirs)
    return np.where(diff < 1e-12, 0.0, diff / np.where(se > 0, se, 1e-300))


def _axelrod_transitive(number: int, turns: int, repetitions: int, noise: float) -> np.ndarray:
    """axelrod's transitive fingerprint of WSLS (its definition: mean cooperation per opponent
    and turn; its own reader of the interactions file fails with numpy 2, so matches are
    played here)."""
    axl = oracle.axelrod()
    out = np.zeros((number, turns))
    for i, p in enumerate(np.linspace(0, 1, number)):
        for rep in range(repetitions):
            match = axl.Match(
                (axl.WinStayLoseShift(), axl.Random(p)), turns=turns, noise=noise, seed=1000 * i + rep
            )
            out[i] += [a == axl.Action.C for a, _ in match.play()]
    return out / repetitions


@pytest.mark.parametrize("noise", [0.0, 0.05])
def test_transitive_fingerprint_within_sampling_error_of_axelrods(noise):
    theirs = _axelrod_transitive(6, 20, 300, noise)
    ours = fp.transitive(
        "Win-Stay Lose-Shift", number_of_opponents=6, turns=20, repetitions=2000, noise=noise, seed=1
    )
    assert ours.cooperation.shape == theirs.shape == (6, 20)
    z = _transitive_z(ours, theirs, 300)
    assert z.max() < 4.5
    wrong = fp.transitive("Grudger", number_of_opponents=6, turns=20, repetitions=2000, noise=noise, seed=1)
    assert _transitive_z(wrong, theirs, 300).max() > 4.5


def test_transitive_fingerprint_against_a_panel():
    result = fp.transitive("Tit For Tat", ["Cooperator", "Defector", "Alternator"], turns=6, repetitions=3)
    assert result.opponents == ("Cooperator", "Defector", "Alternator")
    assert result.cooperation.tolist() == [[1] * 6, [1] + [0] * 5, [1, 1, 0, 1, 0, 1]]


def test_the_whole_grid_is_one_plan_played_in_one_batch(monkeypatch):
    built = []
    original = engine.Engine.__init__

    def counting(self, batch, *args, **kwargs):
        built.append(len(batch.game_a))
        original(self, batch, *args, **kwargs)

    monkeypatch.setattr(engine.Engine, "__init__", counting)
    result = fp.ashlock("Grudger", step=0.05, turns=20, repetitions=5, seed=1)
    assert len(result.points) == 441
    assert len(built) == 1 and built[0] <= 441 * 5


def test_same_seed_same_fingerprint():
    a = fp.ashlock("Random", step=0.5, turns=10, repetitions=3, seed=4)
    b = fp.ashlock("Random", step=0.5, turns=10, repetitions=3, seed=4)
    c = fp.ashlock("Random", step=0.5, turns=10, repetitions=3, seed=5)
    assert np.array_equal(a.scores, b.scores) and not np.array_equal(a.scores, c.scores)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: fp.ashlock("tft", step=0), "step must be a number above 0 and at most 1"),
        (lambda: fp.ashlock("tft", repetitions=0), "repetitions must be a whole number >= 1"),
        (lambda: fp.ashlock("tft", turns=0), "turns"),
        (lambda: fp.transitive("tft", []), "the panel of opponents is empty"),
        (lambda: fp.transitive("tft", number_of_opponents=0), "opponents must be a whole number >= 1"),
    ],
)
def test_bad_settings_say_what_is_wrong(call, message):
    with pytest.raises(SpecError, match=message):
        call()
