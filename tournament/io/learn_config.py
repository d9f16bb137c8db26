"""Learning configs for ``ipd learn``: ``[learn]`` plus the tournament sections it reads.

Schema (see :mod:`tournament.learning.settings` for every ``[learn]`` key)::

    [tournament]  name = "..."  seed = 1  repetitions = 1   (train: matches per pair)
    [game]        R = -1  S = -3  T = 0  P = -2              (the paper's game; default Axelrod's)
    [match]       turns = 1000  noise = 0.0                  (match and train only)
    [learn]       method = "exact" | "match" | "train"  ...
    [output]      folder = "results"  formats = ["parquet", "csv"]

Every key goes through its declaration: errors name the file (or the option), the section
and the key, e.g. ``configs/learn_lola.toml: [learn] seeds: must be a whole number >= 1, got 0``.
A key of ``[learn]`` that the method does not read is an error, unless the method itself came
from the command line (then the file's other keys are dropped).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from strategies.registry import create
from tournament.errors import StrategyError
from tournament.fields import Seed
from tournament.io import config as base
from tournament.io.config import OutputOptions
from tournament.io.schema import OUTPUT
from tournament.learning.exact import numbered
from tournament.learning.experiment import Experiment, exact_agent
from tournament.learning.settings import LEARN, USED_BY
from tournament.settings import GAME, MATCH, PAYOFFS, TOURNAMENT

SECTIONS = (TOURNAMENT, MATCH, GAME, LEARN, OUTPUT)
"""The sections a learning config may hold."""
OVERRIDABLE = (
    *(s for section in (TOURNAMENT, MATCH) for s in section.settings if s.flags),
    PAYOFFS,
    *(s for s in LEARN.settings if s.flags),
)
"""Every setting ``ipd learn`` may override from the command line."""
DEFAULT_TURNS = {"match": 1000, "train": 200}


@dataclass(frozen=True)
class LearnConfig:
    """A checked learning config: the experiment, where results go, where it came from."""

    experiment: Experiment
    output: OutputOptions
    source: Path | None = None
    seed_drawn: bool = False

    @property
    def slug(self) -> str:
        """Short name for result folders: the config file's stem, else the experiment's name."""
        text = self.source.stem if self.source is not None else self.experiment.name
        return "".join(c if c.isalnum() or c in "_.-" else "-" for c in text).strip("-.") or "learn"


def load_learn_config(
    path: str | Path | None = None, overrides: Mapping[str, Any] | None = None
) -> LearnConfig:
    """Read ``path`` (or only the overrides), apply command-line overrides, check everything.

    ``overrides`` maps setting keys (``seed``, ``turns``, ``method``, ``seeds``, ...), ``game``
    (all payoffs) and ``out`` (the exact results folder) to values; None values are ignored.
    """
    overrides = {k: v for k, v in (overrides or {}).items() if v is not None}
    if path is None:
        source, where = None, "command line"
        raw: dict[str, Any] = {"tournament": {"name": "learn"}}
    else:
        source = Path(path)
        where = str(source)
        raw = base.read_named(source)
    return _resolve(raw, where, source, overrides)


def parse_learn_text(text: str, where: str = "<config>") -> LearnConfig:
    """Check a learning config given as TOML text (for tests and notebooks)."""
    raw = base.parse_toml(text, where)
    raw.setdefault("tournament", {}).setdefault("name", "learn")
    return _resolve(raw, where, None, {})


def _resolve(raw: dict[str, Any], where: str, source: Path | None, overrides: dict[str, Any]) -> LearnConfig:
    checker = base.Checker(where, SECTIONS)
    checker.check_keys(raw)
    checker.apply_overrides(raw, overrides)
    method = checker.value(raw, LEARN, "method")
    table = raw.setdefault("learn", {})
    switched = ("learn", "method") in checker.origins
    for key in list(table):
        if method in USED_BY[key]:
            continue
        if switched and ("learn", key) not in checker.origins:
            del table[key]
            continue
        raise checker.fail(
            "learn", key, f"is not used by the {method} method (only by {', '.join(USED_BY[key])})"
        )
    values = {key: checker.value(raw, LEARN, key) for key in LEARN.keys if method in USED_BY[key]}
    if method == "exact" and raw.get("match"):
        raise checker.fail(
            "match",
            "",
            "is not used by the exact method: it plays the infinitely repeated game (set [learn] discount)",
        )
    if method != "exact" and not {"turns", "prob_end"} & set(raw.get("match", {})):
        raw.setdefault("match", {})["turns"] = DEFAULT_TURNS[method]
    settings = checker.match_settings(raw) if method != "exact" else _game_only(checker, raw)
    seed = checker.value(raw, TOURNAMENT, "seed")
    seed_drawn = seed is None
    if seed_drawn:
        seed = Seed.draw()
    experiment = Experiment(
        name=checker.value(raw, TOURNAMENT, "name"),
        method=method,
        seed=seed,
        settings=settings,
        values=values,
        repetitions=checker.value(raw, TOURNAMENT, "repetitions"),
        **_players(checker, method, values, settings.game),
    )
    return LearnConfig(experiment, checker.output(raw, overrides.get("out")), source, seed_drawn)


def _game_only(checker: base.Checker, raw: dict[str, Any]) -> Any:
    from tournament.settings import MatchSettings

    return MatchSettings(turns=1, game=checker.game(raw.get("game")))


def _players(checker: base.Checker, method: str, values: dict[str, Any], game: Any) -> dict[str, Any]:
    """The agents (exact), the two players (match) or the panel (train), checked."""
    try:
        if method == "exact":
            agents = numbered(tuple(exact_agent(text, game) for text in values["agents"]))
            if len(agents) < 2:
                raise checker.fail("learn", "agents", "give at least two agents (a pair, or a population)")
            if not any(agent.learns for agent in agents):
                raise checker.fail("learn", "agents", 'nobody learns: give at least one "LOLA" or "Naive"')
            return {"agents": agents}
        if method == "match":
            if len(values["agents"]) != 2:
                raise checker.fail(
                    "learn", "agents", f"give exactly two strategies, got {len(values['agents'])}"
                )
            return {"players": tuple(create(text) for text in values["agents"])}
        return {"panel": tuple(create(text) for text in values["panel"] or ())}
    except StrategyError as error:
        key = "agents" if method != "train" else "panel"
        raise checker.fail("learn", key, str(error)) from None


def learn_toml(config: LearnConfig) -> str:
    """The resolved config as TOML, every setting explicit: ``ipd learn config.toml`` replays it."""
    experiment = config.experiment
    settings = experiment.settings
    sections: dict[str, dict[str, Any]] = {
        "tournament": {
            "name": experiment.name,
            "seed": experiment.seed,
            "repetitions": experiment.repetitions,
        },
        "game": settings.game.as_dict(),
    }
    if experiment.method != "exact":
        match = {s.key: getattr(settings, s.key) for s in MATCH.settings}
        match = {k: v for k, v in match.items() if v is not None or k not in ("turns", "prob_end")}
        sections["match"] = match
    learn = {"method": experiment.method}
    learn.update(
        {k: (list(v) if isinstance(v, tuple) else v) for k, v in experiment.values.items() if v is not None}
    )
    sections["learn"] = learn
    output = config.output
    sections["output"] = {"folder": output.folder.as_posix(), "formats": list(output.formats)}
    lines = []
    for section, values in sections.items():
        lines.append(f"[{section}]")
        lines.extend(f"{key} = {json.dumps(value)}" for key, value in values.items())
        lines.append("")
    return "\n".join(lines)
