"""A run's figures in one place: load the stored tables, compute every statistic, write them out.

:class:`RunData` holds what the statistics need (tables and settings), from a fresh
:class:`~tournament.round_robin.TournamentResults` or from a stored results folder;
:func:`analyse` gives its :class:`Analysis`: the figures of play (one
:class:`~tournament.stats.results.Results`) and, each computed on first use from them,
axelrod's ResultSet figures, cooperation, reciprocity and the folk-theorem analysis;
:func:`summary_dict` gives the tournament-level figures under the stable keys of
``summary.json`` (documented in :data:`SUMMARY_KEYS`); :func:`statistics_tables` the CSV
tables written to ``statistics/`` in the run folder.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from tournament.core.record import STATES
from tournament.csv_writer import write_csv
from tournament.settings import TOURNAMENT, Game, MatchSettings
from tournament.stats import folk
from tournament.stats.cooperation import CooperationStats
from tournament.stats.folk import FolkAnalysis
from tournament.stats.reciprocity import reciprocity_table
from tournament.stats.results import Results
from tournament.stats.resultset import ResultSet
from tournament.stats.spatial import met_pairs, network_record, unmet_as_nan
from tournament.stats.uncertainty import RankUncertainty, bootstrap_ranking, no_estimate

SCHEMA_VERSION = 1

SUMMARY_KEYS: dict[str, str] = {
    "schema_version": "Version of this layout; a key's meaning never changes within a version.",
    "tournament": "Settings: name, players (labels, input order), repetitions, every match setting "
    "(turns: null under prob_end; prob_end: null for a fixed length; noise; ...), game {R, S, T, P}, seed; "
    "in a spatial tournament only, network: who met whom {description, edges: [[a, b], ...] (player "
    "numbers), degree: opponents per player}.",
    "winner": "Label of the first-ranked player (highest median normalised score).",
    "ranking": "Player labels from first to last.",
    "cooperation_rate": "Cooperations / moves over all matches, self-play left out.",
    "mutual_cooperation_rate": "Share of turns in which both players cooperated (CC).",
    "mutual_defection_rate": "Share of turns in which both defected (DD).",
    "asymmetric_rate": "Share of turns in which exactly one cooperated (CD or DC).",
    "initial_cooperation_rate": "Share of first moves (one per player per match) that were C.",
    "mean_cooperation_index": "Mean over players of (u - P) / (R - P), u the player's payoff per turn: "
    "0 = mutual defection's payoff, 1 = mutual cooperation's.",
    "individually_rational_pair_share": "Share of pairs of distinct players whose average payoffs per "
    "turn are both >= the minmax payoff (P in a prisoner's dilemma).",
    "strictly_individually_rational_pair_share": "Share of pairs whose payoffs are both > the minmax payoff.",
    "cooperative_pair_share": "Share of pairs who both got R per turn: full mutual cooperation.",
    "pairs_in_feasible_region": "True when every pair's average payoffs lie in the feasible region "
    "(the convex hull of (R,R), (S,T), (T,S), (P,P)).",
    "end_game_window": "Turns in the end-game window (a tenth of the match, 1 to 10); null under prob_end.",
    "end_game_drop": "Cooperation rate over the window before the last one minus the rate over the "
    "last window; positive when players defect as the known end nears; null under prob_end.",
    "is_prisoners_dilemma": "T > R > P > S and 2R > T + S.",
    "minmax_payoff": "The least payoff per turn a player can be held to (mixed minmax; P in a PD).",
    "continuation_probability": "delta = 1 - prob_end, the chance of another turn; null for a fixed length.",
    "backward_induction_defection": "True for a fixed, known length in a PD: backward induction "
    "predicts defection throughout.",
    "thresholds": "For grim_trigger, tit_for_tat, win_stay_lose_shift: {formula, critical_delta "
    "(null if never reached), met (delta >= critical_delta; null for a fixed length)}.",
    "nice_players": "Labels of players never first to defect in any match (measured from play).",
    "zero_determinant_players": "Labels of players whose empirical four-vector fits a zero-determinant "
    "strategy, with chi and baseline: [{name, chi, baseline, kind}].",
    "partner_players": "Labels of players whose empirical four-vector is a partner (Akin's good) strategy.",
    "rival_players": "Labels of players whose empirical four-vector is a rival (competitive) strategy.",
    "uncertainty": "Bootstrap over the repetitions (tournament.stats.uncertainty): {resamples, repetitions, "
    "level, sentence, players: [{player, name, rank, mean_score, mean_score_low, mean_score_high, p_first, "
    "rank_low, rank_high}] in rank order}; players is empty (and sentence says why) with one repetition "
    "or bootstrap = 0.",
}
"""Every key of ``summary.json`` and what it holds. Rates are in [0, 1]; NaN becomes null."""


@dataclass(frozen=True)
class RunData:
    """A run's tables and settings: all the statistics need; ``network`` is a spatial
    tournament's :func:`~tournament.stats.spatial.network_record` (None for a round robin)."""

    name: str
    names: list[str]
    repetitions: int
    settings: MatchSettings
    seed: int | None
    matches: pd.DataFrame
    players: pd.DataFrame
    cooperation_by_turn: pd.DataFrame | None = None
    interactions: pd.DataFrame | None = None
    bootstrap: int = TOURNAMENT["bootstrap"].default
    """Resamples of the repetitions for the ranking's uncertainty (0: none)."""
    network: dict[str, Any] | None = None

    @property
    def game(self) -> Game:
        """The payoffs."""
        return self.settings.game

    @property
    def turns(self) -> int | None:
        """The fixed match length (None under prob_end)."""
        return self.settings.turns

    @property
    def prob_end(self) -> float | None:
        """The chance each turn is the last (None for a fixed length)."""
        return self.settings.prob_end

    @property
    def noise(self) -> float:
        """The chance each move is flipped."""
        return self.settings.noise

    @classmethod
    def from_results(cls, results: Any) -> RunData:
        """From a :class:`~tournament.round_robin.TournamentResults`."""
        spec = results.spec
        return cls(
            name=spec.name,
            names=results.names,
            repetitions=spec.repetitions,
            settings=spec.settings,
            seed=spec.seed,
            matches=results.matches,
            players=results.players,
            cooperation_by_turn=results.cooperation_by_turn,
            interactions=results.interactions,
            network=network_record(spec.edges, spec.network, len(spec.players)),
            bootstrap=spec.bootstrap,
        )

    @classmethod
    def from_folder(cls, folder: str | Path) -> RunData:
        """From a results folder written by ``ipd run`` (manifest.json and the table files).

        Raises
        ------
        FileNotFoundError
            When the folder lacks manifest.json or the matches / players tables.
        """
        folder = Path(folder)
        manifest_path = folder / "manifest.json"
        if not manifest_path.is_file():
            raise FileNotFoundError(f"{folder} is not a results folder: it has no manifest.json")
        manifest = json.loads(manifest_path.read_text())
        settings = manifest["settings"]
        matches = _read_table(folder, "matches", required=True)
        players = _read_table(folder, "players", required=True)
        names = list(players.sort_values("player")["name"])
        return cls(
            name=manifest.get("name", folder.name),
            names=names,
            repetitions=int(settings["repetitions"]),
            settings=MatchSettings.from_record(settings),
            seed=manifest.get("seed"),
            matches=matches,
            players=players,
            cooperation_by_turn=_read_table(folder, "cooperation_by_turn"),
            interactions=_read_table(folder, "interactions"),
            network=manifest.get("network"),
            bootstrap=int(settings.get("bootstrap", cls.bootstrap)),
        )


def _read_table(folder: Path, name: str, required: bool = False) -> pd.DataFrame | None:
    parquet, csv = folder / f"{name}.parquet", folder / f"{name}.csv"
    if parquet.is_file():
        return pd.read_parquet(parquet)
    if csv.is_file():
        return pd.read_csv(csv, keep_default_na=False, na_values=[""])
    if required:
        raise FileNotFoundError(f"{folder} has neither {parquet.name} nor {csv.name}")
    return None


@dataclass(frozen=True)
class Analysis:
    """Every statistic of a run, each computed on first use from the figures of play."""

    run: RunData
    results: Results

    @cached_property
    def resultset(self) -> ResultSet:
        """axelrod's statistics."""
        return ResultSet.of(self.results)

    @cached_property
    def cooperation(self) -> CooperationStats:
        """Cooperation rates, outcome rates, pairs against the folk theorem, the end game."""
        run = self.run
        return CooperationStats.of(
            self.results,
            run.game,
            cooperation_by_turn=run.cooperation_by_turn,
            turns=run.turns if run.prob_end is None else None,
        )

    @cached_property
    def reciprocity(self) -> pd.DataFrame:
        """Per player: four-vector, reciprocity, Axelrod's properties, zero-determinant fit."""
        return reciprocity_table(self.results, self.run.game, self.run.interactions)

    @cached_property
    def folk(self) -> FolkAnalysis:
        """What repeated-game theory says about the settings."""
        run = self.run
        return folk.analyse(run.settings)

    @cached_property
    def uncertainty(self) -> RankUncertainty | None:
        """The bootstrap of the ranking over the repetitions (None with one repetition or B = 0)."""
        run = self.run
        scores = self.results.table_normalised_scores
        return bootstrap_ranking(scores, run.names, run.bootstrap, run.seed or 0)

    def uncertainty_record(self) -> dict[str, Any]:
        """``summary.json``'s ``uncertainty``: the bootstrap's figures, or why there are none."""
        if self.uncertainty is not None:
            return self.uncertainty.record()
        run = self.run
        sentence = no_estimate(run.repetitions, run.bootstrap)
        keys = {"resamples": run.bootstrap, "repetitions": run.repetitions, "level": None}
        return {**keys, "sentence": sentence, "players": []}


def analyse(run: RunData) -> Analysis:
    """Every statistic of ``run``, from its stored tables (nothing is re-played)."""
    return Analysis(run, Results(run.matches, run.names, run.repetitions))


def _clean(value: Any) -> Any:
    """JSON-safe: numpy scalars to Python, NaN / inf / pd.NA to None."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, (np.integer, int)):
        return int(value)
    if isinstance(value, (np.floating, float)):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value


def summary_dict(analysis: Analysis) -> dict[str, Any]:
    """The tournament-level figures under the keys of :data:`SUMMARY_KEYS` (JSON-safe)."""
    run, theory, results = analysis.run, analysis.folk, analysis.results
    overall = analysis.cooperation.overall()
    met = theory.met()
    recip = analysis.reciprocity
    firsts = results.initial_cooperation_count.sum()
    opened = results.interactions_count.sum()
    zd = recip[recip["zero_determinant"]]
    out = {
        "schema_version": SCHEMA_VERSION,
        "tournament": {
            "name": run.name,
            "players": list(run.names),
            "repetitions": run.repetitions,
            **run.settings.record(),
            "seed": run.seed,
            **({"network": run.network} if run.network is not None else {}),
        },
        "winner": results.ranked_names[0] if results.ranked_names else None,
        "ranking": results.ranked_names,
        "cooperation_rate": overall["cooperation_rate"],
        "mutual_cooperation_rate": overall["mutual_cooperation_rate"],
        "mutual_defection_rate": overall["mutual_defection_rate"],
        "asymmetric_rate": overall["asymmetric_rate"],
        "initial_cooperation_rate": firsts / opened if opened else None,
        "mean_cooperation_index": overall["mean_cooperation_index"],
        "individually_rational_pair_share": overall["individually_rational_pair_share"],
        "strictly_individually_rational_pair_share": overall["strictly_individually_rational_pair_share"],
        "cooperative_pair_share": overall["cooperative_pair_share"],
        "pairs_in_feasible_region": overall["pairs_in_feasible_region"],
        "end_game_window": overall["end_game_window"],
        "end_game_drop": overall["end_game_drop"],
        "is_prisoners_dilemma": theory.is_prisoners_dilemma,
        "minmax_payoff": theory.minmax.mixed,
        "continuation_probability": theory.delta,
        "backward_induction_defection": theory.backward_induction,
        "thresholds": {
            t.key: {"formula": t.formula, "critical_delta": t.value, "met": met[t.key]}
            for t in theory.thresholds
        },
        "nice_players": list(recip.loc[recip["nice"].fillna(False).astype(bool), "name"]),
        "zero_determinant_players": [
            {"name": row.name, "chi": row.zd_chi, "baseline": row.zd_baseline, "kind": row.zd_kind}
            for row in zd.itertuples()
        ],
        "partner_players": list(recip.loc[recip["partner"].fillna(False).astype(bool), "name"]),
        "rival_players": list(recip.loc[recip["rival"].fillna(False).astype(bool), "name"]),
        "uncertainty": analysis.uncertainty_record(),
    }
    return _clean(out)


def _matrix(values: np.ndarray, names: list[str]) -> pd.DataFrame:
    return pd.DataFrame(values, index=pd.Index(names, name="player"), columns=names)


def statistics_tables(analysis: Analysis) -> dict[str, pd.DataFrame]:
    """File stem -> table of every statistic written to the run folder's ``statistics/``."""
    rs, names = analysis.resultset, analysis.run.names
    met = met_pairs(analysis.results)  # a spatial tournament's pairs that never met stay empty
    n, reps = len(names), analysis.run.repetitions
    ratings = pd.DataFrame(
        {
            "player": np.arange(n),
            "name": names,
            "rank": np.argsort(analysis.results.ranking) + 1,
            "cooperating_rating": rs.cooperating_rating,
            "good_partner_rating": rs.good_partner_rating,
            "initial_cooperation_count": rs.initial_cooperation_count,
            "initial_cooperation_rate": rs.initial_cooperation_rate,
            "eigenjesus_rating": rs.eigenjesus_rating,
            "eigenmoses_rating": rs.eigenmoses_rating,
        }
    )
    per_rep = {
        f"{stat}": pd.DataFrame(
            getattr(rs, stat),
            index=pd.Index(names, name="player"),
            columns=[f"repetition_{r}" for r in range(reps)],
        )
        for stat in ("normalised_scores", "scores", "wins")
    }
    distribution = rs.state_distribution
    pairs_i, pairs_j = np.nonzero(~np.eye(n, dtype=bool) & met)
    states = pd.DataFrame(
        {
            "player": np.array(names, dtype=object)[pairs_i],
            "opponent": np.array(names, dtype=object)[pairs_j],
            **{s: distribution[pairs_i, pairs_j, k] for k, s in enumerate(STATES)},
            **{
                f"{s}_to_{m}": rs.state_to_action_distribution[pairs_i, pairs_j, k, a]
                for k, s in enumerate(STATES)
                for a, m in enumerate("CD")
            },
        }
    )
    tables = {
        "axelrod_summary": rs.summarise(),
        "axelrod_summary_pooled": rs.summarise(pooled=True),
        "ratings": ratings,
        **per_rep,
        "payoff_matrix": _matrix(unmet_as_nan(rs.payoff_matrix, met), names),
        "payoff_stddevs": _matrix(unmet_as_nan(rs.payoff_stddevs, met), names),
        "payoff_diffs_means": _matrix(unmet_as_nan(rs.payoff_diffs_means, met), names),
        "cooperation_matrix": _matrix(unmet_as_nan(rs.normalised_cooperation, met), names),
        "good_partner_matrix": _matrix(_good_partners(rs.good_partner_matrix, met), names),
        "state_distribution": states,
        "cooperation_players": analysis.cooperation.players,
        "cooperation_pairs": analysis.cooperation.pairs,
        "reciprocity": analysis.reciprocity,
    }
    if analysis.cooperation.profile is not None:
        tables["cooperation_by_turn"] = analysis.cooperation.profile
    if analysis.uncertainty is not None:
        tables["uncertainty"] = analysis.uncertainty.table()
    return tables


def _good_partners(matrix: np.ndarray, met: np.ndarray) -> np.ndarray:
    """axelrod's good-partner counts, NaN for pairs that never met; whole numbers in a round robin
    (every pair meets), so its CSV is unchanged."""
    return matrix if met.all() else unmet_as_nan(matrix, met)


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` as indented JSON through a temporary file (never a half-written file)."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(json.dumps(data, indent=2) + "\n")
    os.replace(temporary, path)


def write_statistics(
    folder: str | Path, analysis: Analysis, summary: dict[str, Any] | None = None
) -> list[Path]:
    """Write ``summary.json`` (``summary`` when the caller has already made it, else
    :func:`summary_dict`) and ``statistics/*.csv`` into ``folder``; return the paths written."""
    folder = Path(folder)
    target = folder / "statistics"
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for stem, table in statistics_tables(analysis).items():
        path = target / f"{stem}.csv"
        temporary = path.with_name(f".{path.name}.tmp")
        matrix_like = table.index.name == "player"
        write_csv(table, temporary, index=matrix_like)
        os.replace(temporary, path)
        written.append(path)
    summary_path = folder / "summary.json"
    write_json(summary_path, summary if summary is not None else summary_dict(analysis))
    written.append(summary_path)
    return written


def analyse_results(results: Any) -> Analysis:
    """Every statistic of a freshly played :class:`~tournament.round_robin.TournamentResults`,
    from the figures it already holds."""
    return Analysis(RunData.from_results(results), results.stats)
