"""Reciprocity measured from play, and the theory of memory-one strategies.

From the transition counts (self-play left out;
:attr:`~tournament.stats.results.Results.transition_counts`), each player's
**empirical memory-one four-vector** p = (P(C | CC), P(C | CD), P(C | DC), P(C | DD)),
states from the player's side (own move first), pooled over opponents and repetitions;
NaN for a state never visited. For a memory-one strategy it estimates its own vector
whatever the opponents; for others it is the memory-one summary of how they played.

Measures of reciprocity, from that vector:

- ``reciprocity`` = P(C | opponent cooperated) - P(C | opponent defected): 1 for Tit For
  Tat, 0 for unconditional players, -1 for Anti Tit For Tat;
- ``retaliation_rate`` = P(D | CD): how often the player defects right after being
  exploited (it cooperated, the opponent defected);
- ``forgiveness_rate`` = P(C | DC): how often it returns to cooperation when the opponent
  cooperates after the player's own defection (Axelrod's forgiveness: TFT 1, Grudger 0).

Axelrod's properties measured from play:

- nice: never the first to defect (a simultaneous first defection counts as first). With
  the interactions table this is read off the moves. Without it, it is derived exactly
  where the counts allow: a player that never defected is nice; one that opened with D is
  not; one that opened with C against an opening D is. When both opened with C and both
  defected later, the first defection came right after mutual cooperation, so the
  player is nice if it never defected right after CC, and not nice if the opponent never
  did; when both did, the match is undetermined. A player is nice when it was in every
  match, not nice when it was not in some match, else undetermined (None);
- retaliatory: retaliation rate >= 1/2; forgiving: forgiveness rate >= 1/2 (None when the
  state never occurred).

Theory of memory-one vectors (also applied to the empirical vectors):

- zero-determinant (Press & Dyson 2012): p - (1, 1, 0, 0) = alpha S_X + beta S_Y + gamma with
  S_X = (R, S, T, P), S_Y = (R, T, S, P); then every opponent's long-run payoffs satisfy
  alpha s_X + beta s_Y + gamma = 0, i.e. s_X - kappa = chi (s_Y - kappa) with slope
  chi = -beta / alpha and baseline kappa = -gamma / (alpha + beta). Extort-2 has chi = 2, kappa = P;
  generous ZD strategies kappa = R; equalizers (alpha = 0) fix the opponent's payoff at -gamma / beta;
- partner (Akin's "good" strategies; Hilbe, Traulsen & Sigmund 2015): p_CC = 1,
  (T - R)/(R - S) p_DC < 1 - p_CD and (T - R)/(R - P) p_DD < 1 - p_CD: mutual cooperation is
  reached with itself, and an opponent who gets more than R pays for it; with the weak
  inequalities the strategy is of "Nash type";
- rival (competitive): never earns less than its opponent, whatever the opponent does:
  p_DD = 0 and p_CD + p_DC <= 1 (since s_X - s_Y = (T - S)(v_DC - v_CD) and the stationary
  distribution v satisfies v . (p - (1, 1, 0, 0)) = 0).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from tournament.core.record import STATES
from tournament.settings import Game
from tournament.stats.grouping import rate
from tournament.stats.results import Results

RETALIATORY = 0.5
FORGIVING = 0.5
ZD_TOLERANCE = 1e-6
"""Largest |residual| of the ZD fit accepted for an exact four-vector."""
ZD_TOLERANCE_PLAY = 0.03
"""Largest |residual| accepted for a four-vector estimated from play (sampling error)."""
KIND_TOLERANCE_PLAY = 0.1
"""Relative tolerance of the ZD kind (chi = 1, baseline = P or R) for vectors estimated from play."""


def _conditional(counts: np.ndarray, states: list[int]) -> np.ndarray:
    return rate(counts[:, states, 0].sum(axis=1), counts[:, states, :].sum(axis=(1, 2)))


def reciprocity(counts: np.ndarray) -> np.ndarray:
    """P(C | opponent's last move C) - P(C | opponent's last move D), per player."""
    return _conditional(counts, [0, 2]) - _conditional(counts, [1, 3])


def nice_matches(matches: pd.DataFrame, interactions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per non-self match: whether each side was nice (never first to defect); pd.NA when undetermined.

    Exact from the first-defection turns of the matches table (or from stored interactions);
    tables without either (older runs) fall back to what the counts alone can settle.
    """
    keep = ~matches["self_play"].to_numpy(bool)
    if "first_defection_a" in matches:  # the tables of today: read as arrays, nothing else copied
        first = tuple(
            _never_is_max(matches[f"first_defection_{side}"].to_numpy(np.int64)[keep]) for side in "ab"
        )
        others = {name: matches[name].to_numpy()[keep] for name in ("repetition", "player_a", "player_b")}
    else:  # only the columns read below, so that the filter does not copy the whole table
        wanted = ["repetition", "player_a", "player_b", "turns", "first_a", "first_b"]
        wanted += [f"coop_{side}" for side in "ab"] + [f"{side}_CC_to_D" for side in "ab"]
        columns = [name for name in wanted if name in matches]
        others = matches.loc[keep, columns].reset_index(drop=True)
        first = _first_defections(others, interactions)
    if first is not None:
        first_a, first_b = first
        nice_a = pd.array((first_a > first_b) | (first_a == NEVER), dtype="boolean")
        nice_b = pd.array((first_b > first_a) | (first_b == NEVER), dtype="boolean")
    else:
        nice_a = _nice_from_counts(others, "a", "b")
        nice_b = _nice_from_counts(others, "b", "a")
    return pd.DataFrame(
        {
            "repetition": others["repetition"],
            "player_a": others["player_a"],
            "player_b": others["player_b"],
            "nice_a": nice_a,
            "nice_b": nice_b,
        }
    )


NEVER = np.iinfo(np.int64).max
"""First-defection turn of a player that never defected (orders after every real turn)."""


def _first_defections(
    others: pd.DataFrame, interactions: pd.DataFrame | None
) -> tuple[np.ndarray, np.ndarray] | None:
    """Each side's first-defection turn per match of a table without first-defection columns
    (NEVER when none), from the interactions; None when unknown."""
    if interactions is None:
        return None
    moves = others[["repetition", "player_a", "player_b"]].merge(
        interactions, on=["repetition", "player_a", "player_b"], how="left", validate="one_to_one"
    )
    return _first_defection(moves["moves_a"]), _first_defection(moves["moves_b"])


def _first_defection(moves: pd.Series) -> np.ndarray:
    """Index of the first D in each move string (int64 max when there is none)."""
    return _never_is_max(moves.str.find("D").to_numpy(np.int64))


def _never_is_max(index: np.ndarray) -> np.ndarray:
    """Turns of first defections with "never" (-1) as int64 max, so that comparisons order them."""
    return np.where(index < 0, NEVER, index)


def _nice_from_counts(matches: pd.DataFrame, own: str, other: str) -> pd.arrays.BooleanArray:
    turns = matches["turns"].to_numpy()
    never_own = matches[f"coop_{own}"].to_numpy() == turns
    never_other = matches[f"coop_{other}"].to_numpy() == turns
    opens_d = matches[f"first_{own}"].to_numpy() == "D"
    other_opens_d = matches[f"first_{other}"].to_numpy() == "D"
    own_cc_d = matches[f"{own}_CC_to_D"].to_numpy() > 0
    other_cc_d = matches[f"{other}_CC_to_D"].to_numpy() > 0
    both_open_c = ~opens_d & ~other_opens_d
    result = pd.array(np.full(len(matches), pd.NA), dtype="boolean")
    result[both_open_c & ~own_cc_d] = True
    result[both_open_c & never_other] = False
    result[both_open_c & own_cc_d & ~other_cc_d] = False
    result[~opens_d & other_opens_d] = True
    result[opens_d] = False
    result[never_own] = True
    return result


def nice_players(per_match: pd.DataFrame, n_players: int) -> tuple[list[bool | None], np.ndarray]:
    """Per player: nice in every match (True), not nice in some (False), else None; and the
    share of its determined matches in which it was nice."""
    player = np.concatenate(
        [per_match["player_a"].to_numpy(np.int64), per_match["player_b"].to_numpy(np.int64)]
    )
    nice = pd.concat([per_match["nice_a"], per_match["nice_b"]], ignore_index=True)
    # each side's verdict as 0 (not nice), 1 (undetermined) or 2 (nice): one count per player and verdict
    verdict_code = np.where(nice.isna().to_numpy(bool), 1, 2 * nice.to_numpy(bool, na_value=False))
    tally = np.bincount(player * 3 + verdict_code, minlength=3 * n_players).reshape(n_players, 3)
    any_false, any_unknown = tally[:, 0] > 0, tally[:, 1] > 0
    determined = tally[:, 0] + tally[:, 2]
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(determined > 0, tally[:, 2] / determined, np.nan)
    verdict: list[bool | None] = [
        False if any_false[i] else (None if any_unknown[i] else True) for i in range(n_players)
    ]
    return verdict, share


@dataclass(frozen=True)
class ZeroDeterminant:
    """A zero-determinant fit p - (1, 1, 0, 0) = alpha S_X + beta S_Y + gamma (see the module docstring)."""

    alpha: float
    beta: float
    gamma: float
    residual: float

    @property
    def _scale(self) -> float:
        return max(abs(self.alpha), abs(self.beta), abs(self.gamma))

    @property
    def chi(self) -> float:
        """Slope of the enforced relation s_X - kappa = chi (s_Y - kappa) (inf for an equalizer)."""
        return -self.beta / self.alpha if abs(self.alpha) > 1e-12 * self._scale else float("inf")

    @property
    def baseline(self) -> float:
        """kappa = -gamma / (alpha + beta), the payoff both get when they are equal.

        NaN when alpha + beta = 0: a fair strategy (chi = 1, like Tit For Tat) enforces
        equal payoffs at any level.
        """
        total = self.alpha + self.beta
        return -self.gamma / total if abs(total) > 1e-12 * self._scale else float("nan")

    def kind(self, game: Game, tol: float = 1e-6) -> str:
        """extortionate (kappa = P, chi > 1), generous (kappa = R, chi > 1), equalizer, fair (chi = 1) or other.

        ``tol`` is relative: to 1 for chi, to R - P for the baseline.
        """
        if math.isinf(self.chi):
            return "equalizer"
        if abs(self.chi - 1) <= tol:
            return "fair"
        spread = abs(game.R - game.P) or 1.0
        if self.chi > 1 and abs(self.baseline - game.P) <= tol * spread:
            return "extortionate"
        if self.chi > 1 and abs(self.baseline - game.R) <= tol * spread:
            return "generous"
        return "other"


def zero_determinant(p: np.ndarray, game: Game, tol: float = ZD_TOLERANCE) -> ZeroDeterminant | None:
    """Fit ``p`` as a zero-determinant strategy; the fit when its largest residual is <= tol, else None.

    A vector with a NaN entry, or whose fit is all zeros (alpha = beta = 0: only the
    "Repeat" strategy (1, 1, 0, 0)), is not zero-determinant.
    """
    p = np.asarray(p, dtype=np.float64)
    if p.shape != (4,) or np.isnan(p).any():
        return None
    target = p - np.array([1.0, 1.0, 0.0, 0.0])
    design = np.column_stack([game.payoff_vector(), game.payoff_vector()[[0, 2, 1, 3]], np.ones(4)])
    solution, *_ = np.linalg.lstsq(design, target, rcond=None)
    residual = float(np.max(np.abs(design @ solution - target)))
    alpha, beta, gamma = (float(x) for x in solution)
    if residual > tol or max(abs(alpha), abs(beta)) <= tol:
        return None
    return ZeroDeterminant(alpha, beta, gamma, residual)


def is_partner(p: np.ndarray, game: Game, *, nash: bool = False, tol: float = 1e-9) -> bool | None:
    """Akin's good (partner) strategy test; ``nash=True`` for the weak ("Nash type") version.

    None for a vector with NaN entries or a game that is not a prisoner's dilemma.
    """
    p = np.asarray(p, dtype=np.float64)
    if np.isnan(p).any() or not game.is_prisoners_dilemma:
        return None
    R, S, T, P = game.R, game.S, game.T, game.P
    slack = 1 - p[1]
    left = ((T - R) / (R - S) * p[2], (T - R) / (R - P) * p[3])
    if abs(p[0] - 1) > tol:
        return False
    if nash:
        return all(x <= slack + tol for x in left)
    return all(x < slack - tol for x in left)


def is_rival(p: np.ndarray, tol: float = 1e-9) -> bool | None:
    """Competitive (rival) test: p_DD = 0 and p_CD + p_DC <= 1. None for a vector with NaN entries."""
    p = np.asarray(p, dtype=np.float64)
    if np.isnan(p).any():
        return None
    return bool(abs(p[3]) <= tol and p[1] + p[2] <= 1 + tol)


def reciprocity_table(
    results: Results,
    game: Game,
    interactions: pd.DataFrame | None = None,
    zd_tol: float = ZD_TOLERANCE_PLAY,
) -> pd.DataFrame:
    """Per player (input order): four-vector, reciprocity measures, Axelrod's properties, ZD fit, partner/rival.

    ``interactions`` (the moves) settle who defected first in tables without first-defection
    turns (see :func:`nice_matches`).
    """
    n = results.n_players
    counts, vectors = results.transition_counts, results.four_vectors
    retaliation = 1 - vectors[:, 1]
    forgiveness = vectors[:, 2]
    nice, nice_share = nice_players(nice_matches(results.matches, interactions), n)
    fits = [zero_determinant(v, game, zd_tol) for v in vectors]
    partner_tol = 1e-9
    return pd.DataFrame(
        {
            "player": np.arange(n),
            "name": results.names,
            **{f"p_{s}": vectors[:, k] for k, s in enumerate(STATES)},
            **{f"visits_{s}": counts[:, k].sum(axis=1) for k, s in enumerate(STATES)},
            "reciprocity": reciprocity(counts),
            "retaliation_rate": retaliation,
            "forgiveness_rate": forgiveness,
            "nice": pd.array(nice, dtype="boolean"),
            "nice_match_share": nice_share,
            "retaliatory": _flag(retaliation, RETALIATORY),
            "forgiving": _flag(forgiveness, FORGIVING),
            "zero_determinant": [f is not None for f in fits],
            "zd_chi": [f.chi if f else np.nan for f in fits],
            "zd_baseline": [f.baseline if f else np.nan for f in fits],
            "zd_kind": [f.kind(game, tol=KIND_TOLERANCE_PLAY) if f else None for f in fits],
            "partner": pd.array([is_partner(v, game, tol=partner_tol) for v in vectors], dtype="boolean"),
            "rival": pd.array([is_rival(v, tol=partner_tol) for v in vectors], dtype="boolean"),
        }
    )


def _flag(rates: np.ndarray, threshold: float) -> pd.arrays.BooleanArray:
    out = pd.array(rates >= threshold, dtype="boolean")
    out[np.isnan(rates)] = pd.NA
    return out
