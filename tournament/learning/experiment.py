"""A learning experiment from its settings to its results: curves, final policies, sentences.

:class:`Experiment` is what an ``ipd learn`` config describes (built by
:mod:`tournament.io.learn_config`); :func:`run_experiment` runs its method and returns a
:class:`LearningResult`, the same shape for every method: a long table of curves (one row
per step and agent), a table of final policies (one row per seed and agent, or per trained
candidate), a JSON-ready summary and the sentences that say what the run showed, all
computed from the run. Nothing is written here (:mod:`tournament.io.learn_storage` does).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from strategies.base import Strategy
from strategies.registry import create
from tournament.errors import StrategyError
from tournament.learning.curves import STATE_COLUMNS, play_seeds
from tournament.learning.exact import Agent, ExactRun, ExactSetup, run_exact
from tournament.learning.settings import LEARN
from tournament.learning.training import Training, TrainingRun, representation, train
from tournament.settings import Game, MatchSettings

FIXED_POLICIES: dict[str, tuple[float, float, float, float, float]] = {
    "Tit For Tat": (1, 1, 0, 1, 0),
    "Suspicious Tit For Tat": (0, 1, 0, 1, 0),
    "Cooperator": (1, 1, 1, 1, 1),
    "Defector": (0, 0, 0, 0, 0),
}
"""Memory-one classics that are not written as four-vectors (first move, CC, CD, DC, DD)."""


@dataclass(frozen=True)
class Experiment:
    """What ``ipd learn`` runs: the method, its ``[learn]`` values, the game and match
    settings, the seed; ``agents`` (exact), ``players`` (match) or ``panel`` (train)."""

    name: str
    method: str
    seed: int
    settings: MatchSettings
    values: Mapping[str, Any]
    repetitions: int = 1
    agents: tuple[Agent, ...] = ()
    players: tuple[Strategy, ...] = ()
    panel: tuple[Strategy, ...] = ()

    def value(self, key: str) -> Any:
        """The ``[learn]`` value of ``key`` (its default when the config leaves it out)."""
        return self.values.get(key, LEARN[key].default)


@dataclass
class LearningResult:
    """The results of an experiment; ``step`` names the curves' first column (update, turn
    or generation) and ``winners`` holds the trained strategies' declarative tables."""

    experiment: Experiment
    step: str
    curves: pd.DataFrame
    final: pd.DataFrame
    summary: dict[str, Any]
    sentences: list[str]
    seconds: float
    winners: list[dict[str, Any]] = field(default_factory=list)


def exact_agent(text: str, game: Game) -> Agent:
    """An exact-learning agent from its text: "LOLA", "Naive" or a memory-one strategy."""
    kind = text.strip().casefold()
    if kind in ("lola", "naive"):
        return Agent("LOLA" if kind == "lola" else "Naive", kind)
    player = create(text)
    policy = _memory_one_policy(player, game)
    if policy is None:
        raise StrategyError(
            f"{player.label} is not a memory-one strategy: exact learning needs LOLA, Naive or a "
            "memory-one opponent (Tit For Tat, Defector, Memory One(...), GTFT, Win-Stay Lose-Shift, ...)"
        )
    return Agent(player.label, "fixed", policy)


def _memory_one_policy(player: Strategy, game: Game) -> tuple[float, float, float, float, float] | None:
    from strategies.families.basic import Random
    from strategies.families.memory_one import MemoryOnePlayer

    if isinstance(player, MemoryOnePlayer):
        return (player.first_cooperation(), *player.probabilities(game))
    if isinstance(player, Random):
        return (player.p,) * 5
    return FIXED_POLICIES.get(player.label)


def run_experiment(experiment: Experiment) -> LearningResult:
    """Run the experiment's method."""
    if experiment.method == "exact":
        return _exact(experiment)
    if experiment.method == "match":
        return _match(experiment)
    return _train(experiment)


def _exact(experiment: Experiment) -> LearningResult:
    value = experiment.value
    setup = ExactSetup(
        agents=experiment.agents,
        payoffs=tuple(experiment.settings.game.payoff_vector().tolist()),  # type: ignore[arg-type]
        seeds=value("seeds"),
        updates=value("updates"),
        learning_rate=value("learning_rate"),
        lookahead=value("lookahead"),
        discount=value("discount"),
        init_std=value("init_std"),
        seed=experiment.seed,
    )
    run = run_exact(setup)
    curves = exact_curves(run)
    final = exact_final(run)
    summary = {"agents": _final_summary(final, "update", setup.updates)}
    sentences = exact_sentences(run, summary["agents"], experiment.settings.game)
    return LearningResult(experiment, "update", curves, final, summary, sentences, run.seconds)


def exact_curves(run: ExactRun) -> pd.DataFrame:
    """One row per (update, agent): reward spread over seeds and the mean policy."""
    frames = []
    for k, label in enumerate(run.labels):
        rewards = run.rewards[:, :, k]
        low, mid, high = np.percentile(rewards, [10, 50, 90], axis=1)
        frame = pd.DataFrame(
            {
                "update": np.arange(rewards.shape[0]),
                "agent": label,
                "reward_mean": rewards.mean(axis=1),
                "reward_std": rewards.std(axis=1),
                "reward_p10": low,
                "reward_p50": mid,
                "reward_p90": high,
            }
        )
        policy = run.policies[:, :, k].mean(axis=1)
        for j, column in enumerate(STATE_COLUMNS):
            frame[column] = policy[:, j]
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def exact_final(run: ExactRun) -> pd.DataFrame:
    """One row per (seed, agent): the final average reward per step and policy."""
    seeds, agents = run.rewards.shape[1:]
    frame = pd.DataFrame(
        {
            "seed": np.repeat(np.arange(seeds), agents),
            "agent": np.tile(run.labels, seeds),
            "reward": run.rewards[-1].ravel(),
        }
    )
    for j, column in enumerate(STATE_COLUMNS):
        frame[column] = run.policies[-1, :, :, j].ravel()
    return frame


def tit_for_tat_like(final: pd.DataFrame) -> pd.Series:
    """Whether each final policy cooperates after mutual cooperation and defects after
    being exploited (P(C|CC) > 0.5 and P(C|CD) < 0.5)."""
    return (final["coop_CC"] > 0.5) & (final["coop_CD"] < 0.5)


def _final_summary(final: pd.DataFrame, step: str, last: int) -> list[dict[str, Any]]:
    """Per agent: the final reward's spread over seeds, the mean policy, how many seeds end
    tit-for-tat-like."""
    out = []
    for label, group in final.groupby("agent", sort=False):
        rewards = group["reward"].dropna().to_numpy()
        low, mid, high = np.percentile(rewards, [10, 50, 90]) if rewards.size else (np.nan,) * 3
        out.append(
            {
                "agent": label,
                step: last,
                "seeds": int(len(group)),
                "reward_mean": float(rewards.mean()) if rewards.size else None,
                "reward_std": float(rewards.std()) if rewards.size else None,
                "reward_p10": float(low),
                "reward_p50": float(mid),
                "reward_p90": float(high),
                "policy": {c: _plain(group[c].mean()) for c in STATE_COLUMNS},
                "tit_for_tat_like": int(tit_for_tat_like(group).sum()),
                "seen_cc_and_cd": int((group["coop_CC"].notna() & group["coop_CD"].notna()).sum()),
            }
        )
    return out


def exact_sentences(run: ExactRun, agents: list[dict[str, Any]], game: Game) -> list[str]:
    """What the run showed, from its numbers."""
    setup = run.setup
    names = " vs ".join(run.labels)
    lookahead = f", lookahead {setup.lookahead:g}" if any(a.kind == "lola" for a in setup.agents) else ""
    sentences = [
        f"{names}: {setup.seeds} seeds, {setup.updates} exact updates (learning rate {setup.learning_rate:g}"
        f"{lookahead}, discount {setup.discount:g}); mutual cooperation pays {game.R:g} per step, "
        f"mutual defection {game.P:g}."
    ]
    for info in agents:
        sentences.append(_reward_sentence(info) + " " + _policy_sentence(info))
    return sentences


def _reward_sentence(info: dict[str, Any]) -> str:
    return (
        f"{info['agent']} ends with {info['reward_mean']:.3f} per step on average "
        f"(sd {info['reward_std']:.3f}; 10-90% of seeds: {info['reward_p10']:.3f} to {info['reward_p90']:.3f})."
    )


def _policy_sentence(info: dict[str, Any]) -> str:
    policy = info["policy"]
    parts = ", ".join(
        f"{label} {policy[c]:.2f}"
        for label, c in zip(("first", "after CC", "CD", "DC", "DD"), STATE_COLUMNS)
        if policy[c] is not None
    )
    seen = info["seen_cc_and_cd"]
    where = "seeds" if seen == info["seeds"] else "seeds that met both CC and CD"
    return (
        f"Mean P(C): {parts}; tit-for-tat-like (C after CC, D after being exploited) in "
        f"{info['tit_for_tat_like']} of {seen} {where}."
    )


def _match(experiment: Experiment) -> LearningResult:
    window = experiment.value("window")
    seeds = experiment.value("seeds")
    run = play_seeds(experiment.players, experiment.settings, experiment.seed, seeds, window)
    curves = run.table()
    final = run.final()
    length = run.own.shape[0]
    agents = _final_summary(final, "turn", int(curves["turn"].max()))
    sentences = [
        f"{' vs '.join(run.labels)}: {seeds} matches ({experiment.settings.describe()}), curves per {window} turns."
    ]
    for info in agents:
        own = curves[curves["agent"] == info["agent"]]
        first, last = own.iloc[0], own.iloc[-1]
        sentences.append(
            f"{info['agent']} cooperated {first['cooperation']:.0%} of turns 1-{min(window, length)} "
            f"and {last['cooperation']:.0%} from turn {int(last['turn'])}; reward per step "
            f"{first['reward_mean']:.3f} -> {last['reward_mean']:.3f}. " + _policy_sentence(info)
        )
    summary = {"agents": agents}
    return LearningResult(experiment, "turn", curves, final, summary, sentences, run.seconds)


def _train(experiment: Experiment) -> LearningResult:
    value = experiment.value
    shape = representation(value("representation"), value("states"), value("memory"), value("depths"))
    training = Training(
        representation=shape,
        panel=experiment.panel,
        settings=experiment.settings,
        seed=experiment.seed,
        population=value("population"),
        generations=value("generations"),
        mutation=value("mutation"),
        repetitions=experiment.repetitions,
        keep=value("keep"),
        author=value("author"),
    )
    run: TrainingRun = train(training)
    curves = run.curves
    first, last = curves.iloc[0], curves.iloc[-1]
    against = f"a panel of {len(experiment.panel)}" if experiment.panel else "each other"
    sentences = [
        f"Trained a {shape.describe()} against {against}: {training.population} candidates, "
        f"{training.generations} generations ({experiment.settings.describe()}).",
        f"Best fitness {first['best']:.3f} per turn in generation 0, {last['best']:.3f} in generation "
        f"{int(last['generation'])}; mean fitness {first['mean']:.3f} -> {last['mean']:.3f}.",
        f"Saved {len(run.winners)} winner(s) as strategy files: "
        + ", ".join(f"{w['author']}/{w['name']}" for w in run.winners)
        + ".",
    ]
    summary = {
        "representation": shape.describe(),
        "first_generation": {k: _plain(v) for k, v in first.items()},
        "last_generation": {k: _plain(v) for k, v in last.items()},
        "winners": [f"{w['author']}/{w['name']}" for w in run.winners],
    }
    return LearningResult(
        experiment, "generation", curves, run.final, summary, sentences, run.seconds, run.winners
    )


def _plain(value: Any) -> Any:
    """A JSON-ready number (None for NaN)."""
    if isinstance(value, (np.floating, float)):
        return None if not np.isfinite(value) else float(value)
    if isinstance(value, np.integer):
        return int(value)
    return value
