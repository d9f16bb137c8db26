"""The lessons' computations: real tournaments and evolutions on the engine, told in words
computed from each run.

Nothing here knows about the web: each function takes plain settings, runs the engine and
returns plain data (JSON-ready) with the sentences that say what the run showed. The three
conditions for trust (repetition, a non-zero-sum game, little noise) are found by
:func:`sweep_condition`, which moves one setting over its values and several seeds and
reports where the outcome turns; no threshold is written down in advance.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from tournament.characters import character_of, short_name
from tournament.errors import UserError
from tournament.evolution.eliminate import run_eliminate
from tournament.evolution.population import Population
from tournament.round_robin import run_tournament
from tournament.settings import Game, MatchSettings
from tournament.spec import TournamentSpec

TRUST_PAYOFFS = {"R": 2.0, "S": -1.0, "T": 3.0, "P": 0.0}
CAST = (
    "Copycat",
    "Always Cheat",
    "Always Cooperate",
    "Grudger",
    "Detective",
    "Copykitten",
    "Simpleton",
    "Random",
)
"""The characters a lesson can put on stage, in the game's order."""
PRESETS: dict[str, dict[str, Any]] = {
    "trust": {
        "title": "Chapter 4: 15 Always Cooperate, 5 Always Cheat, 5 Copycat",
        "population": {"Always Cooperate": 15, "Always Cheat": 5, "Copycat": 5},
        "noise": 0.0,
    },
    "mistakes": {
        "title": "Chapter 6: mistakes among cheaters (13 Always Cheat)",
        "population": {"Copykitten": 3, "Simpleton": 3, "Random": 3, "Copycat": 3, "Always Cheat": 13},
        "noise": 0.05,
    },
    "mistakes_naive": {
        "title": "Chapter 6: mistakes among the naive (13 Always Cooperate)",
        "population": {"Copykitten": 3, "Simpleton": 3, "Random": 3, "Copycat": 3, "Always Cooperate": 13},
        "noise": 0.05,
    },
}
"""Starting populations of The Evolution of Trust's evolution chapters (eliminate and clone 5,
10 rounds per match)."""
CONDITIONS: dict[str, dict[str, Any]] = {
    "repetition": {
        "label": "rounds per match",
        "setting": "turns",
        "values": [1, 2, 3, 4, 5, 6, 8, 10],
        "preset": "trust",
    },
    "payoffs": {
        "label": "reward when both cooperate (R)",
        "setting": "R",
        "values": [0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0],
        "preset": "trust",
    },
    "noise": {
        "label": "chance of a mistake",
        "setting": "noise",
        "values": [0.0, 0.01, 0.02, 0.05, 0.08, 0.1, 0.15, 0.2, 0.3],
        "preset": "mistakes",
    },
}
"""The three conditions for trust, each one setting moved over a range of values."""


class LessonError(UserError):
    """Settings a lesson cannot run with (shown to the user as one sentence)."""


@dataclass(frozen=True)
class EvolutionLesson:
    """An eliminate-and-clone evolution as the lesson's sliders set it."""

    population: dict[str, int]
    turns: int = 10
    noise: float = 0.0
    payoffs: dict[str, float] = field(default_factory=lambda: dict(TRUST_PAYOFFS))
    eliminate: int = 5
    generations: int = 30
    seed: int = 1

    @classmethod
    def from_request(cls, data: dict[str, Any]) -> EvolutionLesson:
        """Checked settings from a page's JSON (unknown keys refused, numbers checked)."""
        known = {"population", "turns", "noise", "payoffs", "eliminate", "generations", "seed", "preset"}
        unknown = sorted(set(data) - known)
        if unknown:
            raise LessonError(f"unknown setting {unknown[0]!r}")
        values = dict(data)
        preset = values.pop("preset", None)
        if preset is not None:
            if preset not in PRESETS:
                raise LessonError(f"unknown preset {preset!r}; presets: {', '.join(PRESETS)}")
            values.setdefault("population", PRESETS[preset]["population"])
            values.setdefault("noise", PRESETS[preset]["noise"])
        population = values.get("population")
        if not isinstance(population, dict) or not population:
            raise LessonError("give a population: a count for each character")
        lesson = cls(
            population={str(k): _whole(v, f"count of {k}", 0, 100) for k, v in population.items()},
            turns=_whole(values.get("turns", 10), "rounds per match", 1, 200),
            noise=_number(values.get("noise", 0.0), "noise", 0.0, 0.5),
            payoffs={k: _number(values.get("payoffs", TRUST_PAYOFFS).get(k), k, -10, 10) for k in "RSTP"},
            eliminate=_whole(values.get("eliminate", 5), "eliminated each generation", 1, 50),
            generations=_whole(values.get("generations", 30), "generations", 1, 200),
            seed=_whole(values.get("seed", 1), "seed", 0, 2**63 - 1),
        )
        if sum(lesson.population.values()) < 2:
            raise LessonError("the population needs at least 2 individuals")
        if 2 * lesson.eliminate > sum(lesson.population.values()):
            raise LessonError(
                f"cannot eliminate {lesson.eliminate} of {sum(lesson.population.values())}: at most half"
            )
        return lesson

    def settings(self) -> MatchSettings:
        """The engine's match settings."""
        return MatchSettings.build(turns=self.turns, noise=self.noise, game=Game(**self.payoffs))

    def population_object(self) -> Population:
        """The starting population (characters with a count of 0 are left out)."""
        return Population.from_counts([(name, n) for name, n in self.population.items() if n > 0])


def _whole(value: Any, what: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
        raise LessonError(f"{what} must be a whole number, got {value!r}")
    if not low <= value <= high:
        raise LessonError(f"{what} must be from {low} to {high}, got {value!r}")
    return int(value)


def _number(value: Any, what: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise LessonError(f"{what} must be a number, got {value!r}")
    if not low <= value <= high:
        raise LessonError(f"{what} must be from {low:g} to {high:g}, got {value!r}")
    return float(value)


def cast() -> list[dict[str, str]]:
    """The characters with their strategies, colours and descriptions, for the pages."""
    out = []
    for name in CAST:
        found = character_of(name)
        assert found is not None
        out.append(
            {"name": found.name, "strategy": found.strategy, "colour": found.colour, "blurb": found.blurb}
        )
    return out


def run_evolution_lesson(
    lesson: EvolutionLesson, progress: Callable[[int, np.ndarray], None] | None = None
) -> dict[str, Any]:
    """Run the evolution and return every generation's counts and what the run showed."""
    population = lesson.population_object()
    history = run_eliminate(
        population,
        lesson.settings(),
        lesson.eliminate,
        lesson.generations,
        seed=lesson.seed,
        progress=progress,
    )
    names = [short_name(label, "trust") for label in population.names]
    return {
        "names": names,
        "strategies": population.names,
        "colours": [_colour(label) for label in population.names],
        "frames": history.tolist(),
        "words": evolution_words(names, history),
        "outcome": outcome(names, history),
    }


def _colour(label: str) -> str:
    found = character_of(label)
    return found.colour if found else "#555555"


def outcome(names: Sequence[str], history: np.ndarray) -> str:
    """The last generation's leader when it holds more than half of the population, else "mixed"."""
    last = np.asarray(history[-1])
    best = int(np.argmax(last))
    return names[best] if last[best] * 2 > last.sum() else "mixed"


def evolution_words(names: Sequence[str], history: np.ndarray) -> list[str]:
    """Sentences that describe a population history (rows: generations, columns: types)."""
    history = np.asarray(history)
    size = int(history[0].sum())
    generations = len(history) - 1
    last = history[-1]
    order = np.argsort(-last, kind="stable")
    leader = int(order[0])
    lines = []
    full = np.flatnonzero(history[:, leader] == size)
    if full.size:
        lines.append(f"{names[leader]} took over the whole population in generation {int(full[0])}.")
    else:
        shares = ", ".join(f"{names[k]} {last[k] / size:.0%}" for k in order if last[k] > 0)
        lines.append(f"After {generations} generations the population is {shares}.")
    for k in range(len(names)):
        gone = np.flatnonzero(history[:, k] == 0)
        if history[0, k] > 0 and gone.size:
            peak = int(np.argmax(history[:, k]))
            rise = (
                f" after rising from {int(history[0, k])} to {int(history[peak, k])} (generation {peak})"
                if history[peak, k] > history[0, k]
                else ""
            )
            lines.append(f"{names[k]} died out in generation {int(gone[0])}{rise}.")
    return lines


def sweep_condition(
    condition: str, base: EvolutionLesson | None = None, seeds: int = 5, values: Sequence[float] | None = None
) -> dict[str, Any]:
    """Move one setting of ``condition`` over its values, run the evolution with ``seeds`` seeds
    at each, and say which character ends on top where, and where the outcome turns."""
    if condition not in CONDITIONS:
        raise LessonError(f"unknown condition {condition!r}; conditions: {', '.join(CONDITIONS)}")
    spec = CONDITIONS[condition]
    preset = PRESETS[spec["preset"]]
    base = base or EvolutionLesson(population=dict(preset["population"]), noise=preset["noise"])
    rows = []
    for value in values or spec["values"]:
        lesson = _with(base, spec["setting"], value)
        outcomes = Counter(
            run_evolution_lesson(replace(lesson, seed=seed))["outcome"] for seed in range(1, seeds + 1)
        )
        winner, count = outcomes.most_common(1)[0]
        rows.append({"value": value, "winner": winner, "runs": count, "outcomes": dict(outcomes)})
    return {
        "condition": condition,
        "label": spec["label"],
        "seeds": seeds,
        "rows": rows,
        "words": sweep_words(spec["label"], rows, seeds),
    }


def _with(lesson: EvolutionLesson, setting: str, value: float) -> EvolutionLesson:
    if setting in "RSTP":
        return replace(lesson, payoffs={**lesson.payoffs, setting: float(value)})
    return replace(lesson, **{setting: value})


def sweep_words(label: str, rows: Sequence[dict[str, Any]], seeds: int) -> list[str]:
    """One sentence per stretch of values with the same usual winner, then where it turns."""
    stretches: list[list[dict[str, Any]]] = []
    for row in rows:
        if stretches and stretches[-1][-1]["winner"] == row["winner"]:
            stretches[-1].append(row)
        else:
            stretches.append([row])
    lines = []
    for stretch in stretches:
        low, high = stretch[0]["value"], stretch[-1]["value"]
        where = f"{label} {low:g}" if low == high else f"{label} from {low:g} to {high:g}"
        winner = stretch[0]["winner"]
        least = min(r["runs"] for r in stretch)
        who = "no character held a majority" if winner == "mixed" else f"{winner} took over"
        lines.append(f"With {where}, {who} (in at least {least} of {seeds} runs at each value).")
    for before, after in zip(stretches, stretches[1:]):
        lines.append(
            f"The outcome turns between {label} {before[-1]['value']:g} and {after[0]['value']:g}: "
            f"from {before[0]['winner']} to {after[0]['winner']}."
        )
    return lines


def run_tournament_lesson(
    players: Sequence[str],
    turns: int = 10,
    noise: float = 0.0,
    payoffs: dict[str, float] | None = None,
    seed: int = 1,
) -> dict[str, Any]:
    """One round robin (no self-play shown) with every match's moves, for stepping match by
    match, and the ranking with what it showed."""
    if not 2 <= len(players) <= 12:
        raise LessonError(f"a lesson tournament needs 2 to 12 players, got {len(players)}")
    game = Game(**(payoffs or TRUST_PAYOFFS))
    spec = TournamentSpec.build(list(players), seed=seed, name="lesson", turns=turns, noise=noise, game=game)
    results = run_tournament(spec, interactions=True)
    names = [short_name(label, "trust") for label in results.names]
    moves = results.interactions.set_index(["player_a", "player_b"])
    matches = []
    totals = np.zeros(len(names))
    for row in results.matches[~results.matches["self_play"]].itertuples():
        played = moves.loc[(row.player_a, row.player_b)]
        matches.append(
            {
                "a": int(row.player_a),
                "b": int(row.player_b),
                "moves_a": str(played["moves_a"]),
                "moves_b": str(played["moves_b"]),
                "score_a": float(row.score_a),
                "score_b": float(row.score_b),
            }
        )
        totals[row.player_a] += row.score_a
        totals[row.player_b] += row.score_b
    ranking = [int(i) for i in results.players["player"]]
    wins = results.players.set_index("player")["total_wins"]
    return {
        "names": names,
        "colours": [_colour(label) for label in results.names],
        "matches": matches,
        "totals": totals.tolist(),
        "ranking": ranking,
        "words": tournament_words(names, totals, ranking, wins.to_dict()),
    }


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, ..., 11th, 12th, 13th, 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def tournament_words(
    names: Sequence[str], totals: np.ndarray, ranking: Sequence[int], wins: dict[int, float]
) -> list[str]:
    """What a round robin showed: the winner, its single-match wins, the best match-winner."""
    first = ranking[0]
    lines = [
        f"{names[first]} won with {totals[first]:g} points; {names[ranking[-1]]} came last "
        f"with {totals[ranking[-1]]:g}."
    ]
    most = max(wins, key=lambda k: (wins[k], -ranking.index(k)))
    lines.append(f"{names[first]} beat its opponent in {wins[first]:g} of its {len(names) - 1} matches.")
    if most != first and wins[most] > wins[first]:
        lines.append(
            f"{names[most]} won the most single matches ({wins[most]:g}) yet finished "
            f"{ordinal(ranking.index(most) + 1)} of {len(names)}: winning a match is not winning the tournament."
        )
    return lines
