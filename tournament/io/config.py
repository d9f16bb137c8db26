"""Tournament configs: read a TOML file, check every field, resolve it into a spec to run.

The data flow is config -> :class:`~tournament.spec.TournamentSpec` -> schedule -> engine.
Everything is checked here before anything runs; a problem raises :class:`ConfigError`
with one readable message naming the file, the field and what is wrong, e.g.
``configs/demo.toml: [match] turns: must be a whole number >= 1, got 0``.

Schema (every section optional except the players and one of turns/prob_end)::

    [tournament]   name = "..."  seed = 1  repetitions = 5
    [match]        turns = 200 | prob_end = 0.005   noise = 0.0   reveal_opponent = false
    [game]         R = 3  S = 0  T = 5  P = 1
    [players]      strategies = ["Tit For Tat", {name = "Random(p=0.3)", count = 2}] | "all"
                   exclude = [...]                       (only with strategies = "all")
                   submissions = "folder"   trusted = false   (submitted files, relative to the config)
    [sandbox]      move_seconds = 0.5  match_seconds = 10  memory_mb = 256  load_seconds = 5  on_failure = "forfeit"
    [output]       folder = "results"  interactions = false  formats = ["parquet", "csv"]

Command-line options are applied on top of the file (see :func:`load_config`) and checked
the same way; their errors name the option instead of the field.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import math
import os
import re
import secrets
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from strategies.base import Strategy
from strategies.registry import create, get_class, parse, strategy_classes
from tournament.errors import ConfigError, GameError, SpecError, StrategyError
from tournament.settings import Game, MatchSettings
from tournament.spec import TournamentSpec

SCHEMA: dict[str, tuple[str, ...]] = {
    "tournament": ("name", "seed", "repetitions"),
    "match": ("turns", "prob_end", "noise", "reveal_opponent"),
    "game": ("R", "S", "T", "P"),
    "players": ("strategies", "exclude", "submissions", "trusted"),
    "sandbox": ("move_seconds", "match_seconds", "memory_mb", "load_seconds", "on_failure"),
    "output": ("folder", "interactions", "formats"),
}
"""Every section of a config and the keys it may hold."""

OTHER_COMMANDS: dict[str, str] = {"evolution": "ipd evolve"}
"""Sections that belong to configs of other commands -> the command that reads them."""

FORMATS = ("parquet", "csv")
DEFAULT_PLAYERS = (
    "Tit For Tat",
    "Grudger",
    "Cooperator",
    "Defector",
    "Random",
    "Alternator",
    "Tit For 2 Tats",
    "Win-Stay Lose-Shift",
)
DEFAULT_TOURNAMENT: dict[str, dict[str, Any]] = {
    "tournament": {"name": "default", "repetitions": 5},
    "match": {"turns": 200, "noise": 0.0},
    "players": {"strategies": list(DEFAULT_PLAYERS)},
}
"""What ``ipd run`` plays with neither a config nor ``--players``."""

OPTION_FIELDS: dict[str, tuple[str, str]] = {
    "players": ("players", "strategies"),
    "turns": ("match", "turns"),
    "prob_end": ("match", "prob_end"),
    "noise": ("match", "noise"),
    "repetitions": ("tournament", "repetitions"),
    "seed": ("tournament", "seed"),
    "game": ("game", ""),
    "interactions": ("output", "interactions"),
    "submissions": ("players", "submissions"),
    "trusted": ("players", "trusted"),
}
"""Command-line override -> the config field it replaces."""


@dataclass(frozen=True)
class OutputOptions:
    """Where and what to write: ``folder`` holds one sub-folder per run unless ``run_folder`` is set."""

    folder: Path = Path("results")
    interactions: bool = False
    formats: tuple[str, ...] = FORMATS
    run_folder: Path | None = None


@dataclass(frozen=True)
class RunConfig:
    """A checked config: the tournament to play, where results go, and where it came from."""

    spec: TournamentSpec
    output: OutputOptions = field(default_factory=OutputOptions)
    source: Path | None = None
    seed_drawn: bool = False
    """True when no seed was given and a fresh one was drawn (it is recorded with the results)."""
    problems: tuple[str, ...] = ()
    """Submitted files and plugins that could not be loaded (they are left out of the run)."""
    submissions: Path | None = None
    """The folder of submitted strategies, if any."""
    trusted: bool = False
    """Whether submitted files run in the engine's process instead of the sandbox."""
    submitted: tuple[str, ...] = ()
    """Labels of the players loaded from the submissions folder."""
    limits: Any = None
    """The sandbox's :class:`~tournament.sandbox.SandboxLimits` when there are submissions."""

    @property
    def slug(self) -> str:
        """Short name for result folders: the config file's stem, else the tournament name."""
        text = self.source.stem if self.source is not None else self.spec.name
        return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-.") or "tournament"


def load_config(path: str | Path | None = None, overrides: Mapping[str, Any] | None = None) -> RunConfig:
    """Read ``path`` (or the default tournament when None), apply overrides, check everything.

    ``overrides`` maps command-line option names to values: ``players`` (comma-separated
    text, a list, or ``"all"``), ``turns``, ``prob_end``, ``noise``, ``repetitions``, ``seed``,
    ``game`` (``"R,S,T,P"``), ``interactions`` and ``out`` (the exact run folder).
    None values are ignored. ``turns`` replaces the file's ``prob_end`` and vice versa.
    """
    overrides = {k: v for k, v in (overrides or {}).items() if v is not None}
    if path is None:
        source, where = None, "default tournament"
        raw = json.loads(json.dumps(DEFAULT_TOURNAMENT))
        if "players" in overrides:
            raw["tournament"]["name"] = "tournament"
    else:
        source = Path(path)
        where = str(source)
        raw = _read_toml(source)
        raw.setdefault("tournament", {}).setdefault("name", source.stem)
    origins: dict[tuple[str, str], str] = {}
    checker = _Checker(where, origins)
    checker.check_keys(raw)
    _apply_overrides(raw, overrides, origins, checker)
    return checker.resolve(raw, source, overrides.get("out"))


def parse_config_text(text: str, where: str = "<config>") -> RunConfig:
    """Check a config given as TOML text (for tests and notebooks)."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{where}: not valid TOML: {error}") from None
    checker = _Checker(where, {})
    checker.check_keys(raw)
    return checker.resolve(raw, None, None)


def split_players(text: str) -> list[str]:
    """Split ``"Tit For Tat, Random(p=0.3), Memory One(1, 0, 1, 0)"`` at top-level commas."""
    parts, depth, current = [], 0, []
    for char in text:
        if char == "," and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        current.append(char)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def to_toml(config: RunConfig) -> str:
    """The resolved config as TOML: every setting explicit, ``ipd run`` reproduces the run."""
    spec, settings, output = config.spec, config.spec.settings, config.output
    match = {"turns": settings.turns} if settings.turns is not None else {"prob_end": settings.prob_end}
    listed = tuple(p for p in spec.players if p.label not in config.submitted)
    players: dict[str, Any] = {"strategies": _grouped_players(listed)}
    if config.submissions is not None:
        players |= {"submissions": config.submissions.resolve().as_posix(), "trusted": config.trusted}
    sections: dict[str, dict[str, Any]] = {
        "tournament": {"name": spec.name, "seed": spec.seed, "repetitions": spec.repetitions},
        "match": {**match, "noise": settings.noise, "reveal_opponent": settings.reveal_opponent},
        "game": {k: getattr(settings.game, k) for k in "RSTP"},
        "players": players,
        **({"sandbox": dataclasses.asdict(config.limits)} if config.limits is not None else {}),
        "output": {
            "folder": output.folder.as_posix(),
            "interactions": output.interactions,
            "formats": list(output.formats),
        },
    }
    lines = []
    for section, values in sections.items():
        lines.append(f"[{section}]")
        for key, value in values.items():
            if key == "strategies":
                lines.append("strategies = [")
                lines.extend(f"    {_toml_value(v)}," for v in value)
                lines.append("]")
            else:
                lines.append(f"{key} = {_toml_value(value)}")
        lines.append("")
    return "\n".join(lines)


def _grouped_players(players: tuple[Strategy, ...]) -> list[Any]:
    grouped: list[list[Any]] = []
    for player in players:
        if grouped and grouped[-1][0] == player.label:
            grouped[-1][1] += 1
        else:
            grouped.append([player.label, 1])
    return [name if count == 1 else {"name": name, "count": count} for name, count in grouped]


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {value!r} as TOML")


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such config file") from None
    except IsADirectoryError:
        raise ConfigError(f"{path}: is a folder, not a config file") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read the config file ({error.strerror})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not valid TOML: the file is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None


def _apply_overrides(
    raw: dict[str, Any], overrides: dict[str, Any], origins: dict[tuple[str, str], str], checker: _Checker
) -> None:
    unknown = set(overrides) - set(OPTION_FIELDS) - {"out"}
    if unknown:
        raise ValueError(f"unknown overrides: {', '.join(sorted(unknown))}")
    if "turns" in overrides and "prob_end" in overrides:
        raise ConfigError("--turns and --prob-end: give only one of them")
    for option, value in overrides.items():
        if option == "out":
            continue
        section, key = OPTION_FIELDS[option]
        flag = "--" + option.replace("_", "-")
        table = raw.setdefault(section, {})
        if option == "submissions":
            value = str(Path(value).expanduser().resolve())
        if option == "players":
            table.pop("exclude", None)
            if isinstance(value, str):
                value = "all" if value.strip().casefold() == "all" else split_players(value)
        elif option == "game":
            raw["game"] = _parse_game_option(value, checker)
            for k in "RSTP":
                origins[("game", k)] = flag
            continue
        elif option in ("turns", "prob_end"):
            table.pop("prob_end" if option == "turns" else "turns", None)
        table[key] = value
        origins[(section, key)] = flag


def _parse_game_option(value: Any, checker: _Checker) -> dict[str, Any]:
    if isinstance(value, Mapping):
        return dict(value)
    try:
        game = Game.from_values(value)
    except GameError as error:
        raise ConfigError(f"--game: {error}") from None
    return {k: getattr(game, k) for k in "RSTP"}


class _Checker:
    """Checks raw config values; every error message names the file (or option) and field."""

    def __init__(self, where: str, origins: dict[tuple[str, str], str]) -> None:
        self.where = where
        self.origins = origins

    def fail(self, section: str, key: str, problem: str) -> ConfigError:
        origin = self.origins.get((section, key))
        if origin is not None:
            return ConfigError(f"{origin}: {problem}")
        label = f"[{section}] {key}" if key else f"[{section}]"
        return ConfigError(f"{self.where}: {label}: {problem}")

    def check_keys(self, raw: dict[str, Any]) -> None:
        for section, table in raw.items():
            if section not in SCHEMA:
                home = [s for s, keys in SCHEMA.items() if section in keys]
                if section in OTHER_COMMANDS:
                    hint = f"; this is a config for `{OTHER_COMMANDS[section]}`"
                elif home:
                    hint = f"; it belongs in the [{home[0]}] section"
                else:
                    hint = _suggest(section, list(SCHEMA), "[{}]")
                raise ConfigError(f"{self.where}: unknown section [{section}]{hint}")
            if not isinstance(table, dict):
                raise ConfigError(f"{self.where}: [{section}] must be a section (a table), got {table!r}")
            for key in table:
                if key not in SCHEMA[section]:
                    home = [s for s, keys in SCHEMA.items() if key in keys and s != section]
                    if home:
                        hint = f"; it belongs in the [{home[0]}] section"
                    else:
                        hint = _suggest(key, list(SCHEMA[section]), "'{}'")
                    raise ConfigError(f"{self.where}: [{section}]: unknown key '{key}'{hint}")

    def resolve(self, raw: dict[str, Any], source: Path | None, out: Any) -> RunConfig:
        tournament = raw.get("tournament", {})
        name = tournament.get("name", "tournament")
        if not isinstance(name, str) or not name.strip():
            raise self.fail("tournament", "name", f"must be a non-empty text, got {name!r}")
        seed = tournament.get("seed")
        seed_drawn = seed is None
        if seed_drawn:
            seed = secrets.randbelow(2**32)
        elif isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**64:
            raise self.fail("tournament", "seed", f"must be a whole number from 0 to 2**64 - 1, got {seed!r}")
        repetitions = self.positive_int("tournament", "repetitions", tournament.get("repetitions", 1))
        settings = self.settings(raw.get("match", {}), raw.get("game"))
        table = raw.get("players") or {}
        folder, trusted = self.submissions(table, source)
        problems: list[str] = []
        players = self.players(table, folder is not None, problems)
        submitted, limits = [], None
        if folder is not None:
            limits = self.sandbox(raw.get("sandbox", {}))
            submitted = self.submitted(folder, trusted, limits, problems)
        output = self.output(raw.get("output", {}), out)
        try:
            spec = TournamentSpec(tuple(players + submitted), settings, repetitions, seed, name.strip())
        except SpecError as error:
            raise ConfigError(f"{self.where}: {error}") from None
        labels = tuple(p.label for p in submitted)
        return RunConfig(spec, output, source, seed_drawn, tuple(problems), folder, trusted, labels, limits)

    def positive_int(self, section: str, key: str, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise self.fail(section, key, f"must be a whole number >= 1, got {value!r}")
        return value

    def probability(self, section: str, key: str, value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
            raise self.fail(section, key, f"must be a number from 0 to 1, got {value!r}")
        if not 0 <= value <= 1:
            raise self.fail(section, key, f"must be from 0 to 1, got {value!r}")
        return float(value)

    def settings(self, match: dict[str, Any], game: Any) -> MatchSettings:
        has_turns, has_prob_end = "turns" in match, "prob_end" in match
        if has_turns == has_prob_end:
            problem = "give only one of" if has_turns else "give one of"
            raise self.fail("match", "", f"{problem} turns (a fixed length) and prob_end (a random length)")
        turns = prob_end = None
        if has_turns:
            turns = self.positive_int("match", "turns", match["turns"])
        else:
            prob_end = self.probability("match", "prob_end", match["prob_end"])
            if prob_end == 0:
                raise self.fail("match", "prob_end", "must be above 0 (with 0 the matches never end)")
        noise = self.probability("match", "noise", match.get("noise", 0.0))
        reveal = match.get("reveal_opponent", False)
        if not isinstance(reveal, bool):
            raise self.fail("match", "reveal_opponent", f"must be true or false, got {reveal!r}")
        return MatchSettings(
            turns=turns, prob_end=prob_end, noise=noise, game=self.game(game), reveal_opponent=reveal
        )

    def game(self, game: Any) -> Game:
        if game is None:
            return Game()
        missing = [k for k in "RSTP" if k not in game]
        if missing:
            raise self.fail("game", "", f"give all four payoffs R, S, T, P; missing {', '.join(missing)}")
        for key in "RSTP":
            value = game[key]
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                raise self.fail("game", key, f"the payoff must be a number, got {value!r}")
        return Game(**{k: game[k] for k in "RSTP"})

    def submissions(self, table: dict[str, Any], source: Path | None) -> tuple[Path | None, bool]:
        trusted = table.get("trusted", False)
        if not isinstance(trusted, bool):
            raise self.fail("players", "trusted", f"must be true or false, got {trusted!r}")
        folder = table.get("submissions")
        if folder is None:
            return None, trusted
        if not isinstance(folder, str) or not folder.strip():
            raise self.fail("players", "submissions", f"must be a folder path (text), got {folder!r}")
        path = Path(folder).expanduser()
        if not path.is_absolute() and source is not None and ("players", "submissions") not in self.origins:
            path = source.parent / path
        if not path.is_dir():
            raise self.fail("players", "submissions", f"{path} is not a folder")
        return path, trusted

    def sandbox(self, table: dict[str, Any]) -> Any:
        from strategies.user.sandbox.parent import SandboxLimits

        try:
            return SandboxLimits(**table)
        except ValueError as error:
            key = str(error).split(" ", 1)[0]
            raise self.fail("sandbox", key, str(error).removeprefix(f"{key} ")) from None

    def submitted(self, folder: Path, trusted: bool, limits: Any, problems: list[str]) -> list[Strategy]:
        from strategies.user.submissions import load_folder

        players = []
        for report in load_folder(folder, trusted=trusted, limits=limits):
            if report.error:
                problems.append(f"{report.path}: {report.error}")
            players.extend(report.players)
        return players

    def players(
        self, table: Any, optional: bool = False, problems: list[str] | None = None
    ) -> list[Strategy]:
        from strategies.user import plugins

        plugins.load_plugins()
        if problems is not None:
            problems.extend(plugins.problems())
        if optional and "strategies" not in table:
            return []
        if table is None or "strategies" not in table:
            raise self.fail("players", "strategies", "missing: list the strategies to play")
        entries = table["strategies"]
        exclude = table.get("exclude", [])
        if isinstance(entries, str) and entries.strip().casefold() == "all":
            excluded = {self.strategy_class("exclude", text) for text in self.text_list("exclude", exclude)}
            return [cls() for cls in strategy_classes() if cls not in excluded]
        if exclude:
            raise self.fail("players", "exclude", 'only works with strategies = "all"')
        if not isinstance(entries, list):
            raise self.fail(
                "players", "strategies", f'must be a list of strategy names or "all", got {entries!r}'
            )
        if not entries and not optional:
            raise self.fail("players", "strategies", "the list is empty: give at least one strategy")
        players, wrong = [], []
        for entry in entries:
            text, count = self.entry(entry)
            try:
                players.extend(create(text) for _ in range(count))
            except StrategyError as error:
                message = str(error)
                wrong.append(message if text in message else f"{text!r}: {message}")
        if wrong:
            raise self.fail("players", "strategies", "; ".join(wrong))
        return players

    def entry(self, entry: Any) -> tuple[str, int]:
        if isinstance(entry, str):
            return entry, 1
        if isinstance(entry, dict):
            extra = sorted(set(entry) - {"name", "count"})
            if extra or not isinstance(entry.get("name"), str):
                raise self.fail(
                    "players",
                    "strategies",
                    f"an entry must be a name or a table {{ name = ..., count = ... }}, got {entry!r}",
                )
            count = entry.get("count", 1)
            if isinstance(count, bool) or not isinstance(count, int) or count < 1:
                raise self.fail(
                    "players",
                    "strategies",
                    f"count of {entry['name']!r} must be a whole number >= 1, got {count!r}",
                )
            return entry["name"], count
        raise self.fail("players", "strategies", f"entries must be strategy names (text), got {entry!r}")

    def text_list(self, key: str, value: Any) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail("players", key, f"must be a list of strategy names, got {value!r}")
        return value

    def strategy_class(self, key: str, text: str) -> type[Strategy]:
        try:
            return get_class(parse(text)[0])
        except StrategyError as error:
            raise self.fail("players", key, str(error)) from None

    def output(self, table: dict[str, Any], out: Any) -> OutputOptions:
        folder = table.get("folder", "results")
        if not isinstance(folder, str) or not folder.strip():
            raise self.fail("output", "folder", f"must be a folder path (text), got {folder!r}")
        interactions = table.get("interactions", False)
        if not isinstance(interactions, bool):
            raise self.fail("output", "interactions", f"must be true or false, got {interactions!r}")
        formats = table.get("formats", list(FORMATS))
        if (
            not isinstance(formats, list)
            or not formats
            or not all(isinstance(f, str) and f in FORMATS for f in formats)
        ):
            raise self.fail(
                "output",
                "formats",
                f"must be a non-empty list of {', '.join(map(repr, FORMATS))}, got {formats!r}",
            )
        folder_path = Path(folder).expanduser()
        run_folder = None
        if out is not None:
            run_folder = Path(out).expanduser()
            problem = writable_problem(run_folder, run_folder=True)
            if problem:
                raise ConfigError(f"--out: {problem}")
        else:
            problem = writable_problem(folder_path)
            if problem:
                raise self.fail("output", "folder", problem)
        return OutputOptions(folder_path, interactions, tuple(dict.fromkeys(formats)), run_folder)


def writable_problem(folder: Path, run_folder: bool = False) -> str | None:
    """Why results cannot be written into ``folder`` (None when they can).

    A ``run_folder`` (``--out``) must be new, empty or a previous run folder (it holds a
    ``manifest.json``), so that replacing it never deletes anything else.
    """
    if folder.exists():
        if not folder.is_dir():
            return f"{folder} exists and is not a folder"
        if run_folder and any(folder.iterdir()) and not (folder / "manifest.json").is_file():
            return f"{folder} is not empty and does not hold a previous run; choose another folder"
        if not os.access(folder, os.W_OK | os.X_OK):
            return f"cannot write into {folder} (permission denied)"
        if not run_folder:
            return None
    parent = folder.parent
    while not parent.exists():
        parent = parent.parent
    if not parent.is_dir():
        return f"cannot create {folder}: {parent} is a file, not a folder"
    if not os.access(parent, os.W_OK | os.X_OK):
        return f"cannot create {folder}: no permission to write into {parent}"
    return None


def _suggest(word: str, choices: list[str], template: str) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.5)
    if not close:
        close = difflib.get_close_matches(word.casefold(), [c.casefold() for c in choices], n=1, cutoff=0.5)
        close = [c for c in choices if c.casefold() in close]
    if close:
        return "; did you mean " + template.format(close[0]) + "?"
    return "; known: " + ", ".join(template.format(c) for c in choices)
