"""Tournament configs: read a TOML file, check every field, resolve it into a spec to run.

Every key of a config is a setting declared once (:mod:`tournament.fields`): ``[tournament]``
in :data:`tournament.spec.TOURNAMENT`, ``[match]`` and ``[game]`` in
:mod:`tournament.settings`, ``[players]`` and ``[output]`` here, ``[sandbox]`` beside the
sandbox. The reader is generic: it finds each key's declaration, converts the value through
its field and names the file, the section and the key when it cannot, e.g.
``configs/demo.toml: [match] turns: must be a whole number >= 1, got 0``. Command-line
options override the file through the same declarations (keyed by setting key); their errors
name the option instead.

Schema (every section optional except the players; turns, prob_end or both)::

    [tournament]   name = "..."  seed = 1  repetitions = 5  bootstrap = 1000  exact = false
    [match]        turns = 200 | prob_end = 0.005 | both (capped)   noise = 0.0   reveal_opponent = false
    [game]         R = 3  S = 0  T = 5  P = 1
    [players]      strategies = ["Tit For Tat", {name = "Random(p=0.3)", count = 2}] | "all" (no learners)
                   exclude = [...]                       (only with strategies = "all")
                   submissions = "folder"   trusted = false   (submitted files, relative to the config)
                   edges = [[0, 1], [1, 2]] | network = "cycle" (network_k, network_p, network_m,
                   network_rows) | network_file = "edges.txt"   (a spatial tournament: who meets whom)
    [sandbox]      move_seconds = 0.5  match_seconds = 10  memory_mb = 256  load_seconds = 5  on_failure = "forfeit"
    [output]       folder = "results"  interactions = false  formats = ["parquet", "csv"]
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from strategies.base import Strategy
from strategies.registry import create, get_class, parse, strategy_classes
from tournament import network as networks
from tournament.errors import ConfigError, SpecError, StrategyError
from tournament.fields import (
    FieldError,
    Section,
    Seed,
    Setting,
    Text,
    suggest,
)
from tournament.io.schema import (
    DEFAULT_TOURNAMENT,
    EXTRA_OVERRIDES,
    FORMATS,
    OTHER_COMMANDS,
    OUTPUT,
    PLAYERS,
    SECTIONS,
)
from tournament.settings import GAME, MATCH, PAYOFFS, SANDBOX, TOURNAMENT, Game, MatchSettings
from tournament.spec import TournamentSpec


@dataclass(frozen=True)
class OutputOptions:
    """Where and what to write: ``folder`` holds one sub-folder per run unless ``run_folder`` is set."""

    folder: Path = Path("results")
    interactions: bool = False
    formats: tuple[str, ...] = FORMATS
    run_folder: Path | None = None
    names: str = "strategies"
    matches_csv: bool = False


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
    """The sandbox's :class:`~strategies.user.sandbox.parent.SandboxLimits` when there are submissions."""

    @property
    def slug(self) -> str:
        """Short name for result folders: the config file's stem, else the tournament name."""
        text = self.source.stem if self.source is not None else self.spec.name
        return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-.") or "tournament"


def load_config(path: str | Path | None = None, overrides: Mapping[str, Any] | None = None) -> RunConfig:
    """Read ``path`` (or the default tournament when None), apply overrides, check everything.

    ``overrides`` maps setting keys (``turns``, ``noise``, ``seed``, ``strategies``, ...; see
    :data:`SECTIONS`) and ``game`` (all payoffs, e.g. ``"2,-1,3,0"``) and ``out`` (the exact run
    folder) to values; None values are ignored. Values given as text are read as the command
    line reads them. ``turns`` alone replaces the file's ``prob_end`` and vice versa; both
    together give a random length capped at ``turns``.
    """
    overrides = {k: v for k, v in (overrides or {}).items() if v is not None}
    if path is None:
        source, where = None, "default tournament"
        raw = json.loads(json.dumps(DEFAULT_TOURNAMENT))
        if "strategies" in overrides:
            raw["tournament"]["name"] = "tournament"
    else:
        source = Path(path)
        where = str(source)
        raw = read_named(source)
    checker = Checker(where)
    checker.check_keys(raw)
    checker.apply_overrides(raw, overrides)
    return checker.resolve(raw, source, overrides.get("out"))


def parse_config_text(text: str, where: str = "<config>") -> RunConfig:
    """Check a config given as TOML text (for tests and notebooks)."""
    raw = parse_toml(text, where)
    checker = Checker(where)
    checker.check_keys(raw)
    return checker.resolve(raw, None, None)


def parse_toml(text: str, where: str) -> dict[str, Any]:
    """TOML ``text`` as a dict, or one readable :class:`ConfigError` naming ``where``."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{where}: not valid TOML: {error}") from None


def read_named(path: Path) -> dict[str, Any]:
    """:func:`read_toml`, with the tournament named after the file unless it names itself."""
    raw = read_toml(path)
    raw.setdefault("tournament", {}).setdefault("name", path.stem)
    return raw


def read_toml(path: Path) -> dict[str, Any]:
    """The TOML file at ``path`` as a dict, or one readable :class:`ConfigError`."""
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


def home_of(key: str, sections: tuple[Section, ...] = SECTIONS) -> tuple[Section, Setting]:
    """The section declaring ``key`` and its setting."""
    for section in sections:
        if key in section.keys:
            return section, section[key]
    known = sorted(s.key for section in sections for s in section.settings)
    raise ValueError(f"unknown override {key!r}; known: {', '.join(known)}, game, out")


class Checker:
    """Checks a raw config against the declarations; every error names the file (or option),
    the section and the key. ``origins`` remembers which keys came from the command line."""

    def __init__(self, where: str, sections: tuple[Section, ...] = SECTIONS) -> None:
        self.where = where
        self.sections = sections
        self.origins: dict[tuple[str, str], str] = {}

    def fail(self, section: str, key: str, problem: str) -> ConfigError:
        """The error for ``[section] key``, naming the option when the value came from one."""
        origin = self.origins.get((section, key))
        if origin is not None:
            return ConfigError(f"{origin}: {problem}")
        label = f"[{section}] {key}" if key else f"[{section}]"
        return ConfigError(f"{self.where}: {label}: {problem}")

    def check_keys(self, raw: dict[str, Any]) -> None:
        """Every section and key is declared somewhere (else: where it belongs, or the closest)."""
        by_name = {s.name: s for s in self.sections}
        for name, table in raw.items():
            section = by_name.get(name)
            if section is None:
                home = [s.name for s in self.sections if name in s.keys]
                if name in OTHER_COMMANDS:
                    hint = f"; this is a config for `{OTHER_COMMANDS[name]}`"
                elif home:
                    hint = f"; it belongs in the [{home[0]}] section"
                else:
                    hint = suggest(name, list(by_name), "[{}]")
                raise ConfigError(f"{self.where}: unknown section [{name}]{hint}")
            if not isinstance(table, dict):
                raise ConfigError(f"{self.where}: [{name}] must be a section (a table), got {table!r}")
            for key in table:
                if key not in section.keys:
                    home = [s.name for s in self.sections if key in s.keys and s.name != name]
                    problem = section.unknown_key(key)
                    if home:
                        problem = f"unknown key '{key}'; it belongs in the [{home[0]}] section"
                    raise ConfigError(f"{self.where}: [{name}]: {problem}")

    def apply_overrides(self, raw: dict[str, Any], overrides: Mapping[str, Any]) -> None:
        """Put command-line values over the file's, remembering the option each came from."""
        given = [k for k in overrides if k not in EXTRA_OVERRIDES]
        for key, value in overrides.items():
            if key == "out":
                continue
            if key == "game":
                self._override_game(raw, value)
                continue
            section, setting = home_of(key, self.sections)
            if isinstance(value, str) and not isinstance(setting.field, Text):
                try:
                    value = setting.field.from_text(value)
                except FieldError as error:
                    raise ConfigError(f"{setting.option}: {error.problem}") from None
            table = raw.setdefault(section.name, {})
            for other in setting.replaces:
                if other not in given:
                    table.pop(other, None)
            if key == "strategies":
                table.pop("exclude", None)
            if key == "submissions":
                value = str(Path(value).expanduser().resolve())
            table[key] = value
            self.origins[(section.name, key)] = setting.option

    def _override_game(self, raw: dict[str, Any], value: Any) -> None:
        try:
            game = PAYOFFS.field.convert(value)
        except SpecError as error:
            raise ConfigError(f"{PAYOFFS.option}: {error}") from None
        raw["game"] = {k: getattr(game, k) for k in "RSTP"}
        for key in "RSTP":
            self.origins[("game", key)] = PAYOFFS.option

    def value(self, raw: dict[str, Any], section: Section, key: str) -> Any:
        """``[section] key`` converted through its declaration (its default when absent)."""
        table = raw.get(section.name, {})
        setting = section[key]
        if key not in table:
            return setting.default
        try:
            return setting.field.convert(table[key])
        except FieldError as error:
            raise self.fail(section.name, key, error.problem) from None

    def resolve(self, raw: dict[str, Any], source: Path | None, out: Any) -> RunConfig:
        """The checked :class:`RunConfig` of ``raw`` (players resolved, submissions loaded)."""
        seed = self.value(raw, TOURNAMENT, "seed")
        seed_drawn = seed is None
        if seed_drawn:
            seed = Seed.draw()
        settings = self.match_settings(raw)
        folder, trusted = self.submissions(raw, source)
        problems: list[str] = []
        players = self.players(raw, folder is not None, problems)
        submitted, limits = [], None
        if folder is not None:
            limits = self.sandbox(raw)
            submitted = self.submitted(folder, trusted, limits, problems)
        output = self.output(raw, out)
        edges, network = self.network(raw, source, [p.label for p in players + submitted], seed)
        try:
            spec = TournamentSpec(
                tuple(players + submitted),
                settings,
                self.value(raw, TOURNAMENT, "repetitions"),
                seed,
                self.value(raw, TOURNAMENT, "name"),
                bootstrap=self.value(raw, TOURNAMENT, "bootstrap"),
                exact=self.value(raw, TOURNAMENT, "exact"),
                edges=edges,
                network=network,
            )
        except SpecError as error:
            raise ConfigError(f"{self.where}: {error}") from None
        labels = tuple(p.label for p in submitted)
        return RunConfig(spec, output, source, seed_drawn, tuple(problems), folder, trusted, labels, limits)

    def match_settings(self, raw: dict[str, Any]) -> MatchSettings:
        """``[match]`` and ``[game]`` as :class:`MatchSettings` (no length given: an error)."""
        match = raw.get("match", {})
        values = {key: self.value(raw, MATCH, key) for key in MATCH.keys if key in match}
        values.setdefault("turns", None)
        try:
            return MatchSettings(**values, game=self.game(raw.get("game")))
        except FieldError as error:
            raise self.fail("match", error.key, error.problem) from None
        except SpecError as error:
            raise self.fail("match", "", str(error)) from None

    def game(self, table: Any) -> Game:
        """``[game]``: all four payoffs when the section is there, Axelrod's otherwise."""
        if table is None:
            return Game()
        missing = [k for k in GAME.keys if k not in table]
        if missing:
            raise self.fail("game", "", f"give all four payoffs R, S, T, P; missing {', '.join(missing)}")
        return Game(**{key: self.value({"game": table}, GAME, key) for key in GAME.keys})

    def submissions(self, raw: dict[str, Any], source: Path | None) -> tuple[Path | None, bool]:
        """The submissions folder (relative to the config file) and whether it is trusted."""
        trusted = self.value(raw, PLAYERS, "trusted")
        folder = self.value(raw, PLAYERS, "submissions")
        if folder is None:
            return None, trusted
        path = Path(folder).expanduser()
        if not path.is_absolute() and source is not None and ("players", "submissions") not in self.origins:
            path = source.parent / path
        if not path.is_dir():
            raise self.fail("players", "submissions", f"{path} is not a folder")
        return path, trusted

    def network(
        self, raw: dict[str, Any], source: Path | None, labels: list[str], seed: int
    ) -> tuple[networks.Edges | None, str | None]:
        """A spatial tournament's checked edges and description (``[players] edges``,
        ``network`` or ``network_file``, the file relative to the config), or (None, None)."""
        table = raw.get("players") or {}
        given = {key: table[key] for key in networks.KEYS if key in table}
        from_file = source is not None and ("players", "network_file") not in self.origins
        try:
            found = networks.resolve(given, labels, seed, source.parent if from_file else None)
        except FieldError as error:
            raise self.fail("players", error.key, error.problem) from None
        return found if found is not None else (None, None)

    def sandbox(self, raw: dict[str, Any]) -> Any:
        """The ``[sandbox]`` limits."""
        from strategies.user.sandbox.parent import SandboxLimits

        return SandboxLimits(**{key: self.value(raw, SANDBOX, key) for key in SANDBOX.keys})

    def submitted(self, folder: Path, trusted: bool, limits: Any, problems: list[str]) -> list[Strategy]:
        """The players of the submitted files; files that do not load go to ``problems``."""
        from strategies.user.submissions import load_folder

        players = []
        for report in load_folder(folder, trusted=trusted, limits=limits):
            if report.error:
                problems.append(f"{report.path}: {report.error}")
            players.extend(report.players)
        return players

    def players(self, raw: dict[str, Any], optional: bool, problems: list[str]) -> list[Strategy]:
        """``[players] strategies`` resolved to strategies (one message naming every bad entry)."""
        from strategies.user import plugins

        plugins.load_plugins()
        problems.extend(plugins.problems())
        table = raw.get("players") or {}
        if optional and "strategies" not in table:
            return []
        if "strategies" not in table:
            raise self.fail("players", "strategies", "missing: list the strategies to play")
        entries = self.value(raw, PLAYERS, "strategies")
        exclude = self.value(raw, PLAYERS, "exclude") if "exclude" in table else ()
        if entries == "all":
            excluded = {self.strategy_class(text) for text in exclude}
            # "all" is every fixed rule: learners (strategies.families.learners) are named explicitly
            return [
                cls()
                for cls in strategy_classes()
                if cls not in excluded and not getattr(cls, "learns", False)
            ]
        if exclude:
            raise self.fail("players", "exclude", 'only works with strategies = "all"')
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
        """A strategies entry as (text, count)."""
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

    def strategy_class(self, text: str) -> type[Strategy]:
        """The class an ``exclude`` entry names."""
        try:
            return get_class(parse(text)[0])
        except StrategyError as error:
            raise self.fail("players", "exclude", str(error)) from None

    def output(self, raw: dict[str, Any], out: Any) -> OutputOptions:
        """``[output]`` with ``--out`` (an exact run folder) checked for writing."""
        folder = Path(self.value(raw, OUTPUT, "folder")).expanduser()
        interactions = self.value(raw, OUTPUT, "interactions")
        formats = tuple(self.value(raw, OUTPUT, "formats"))
        run_folder = None
        if out is not None:
            run_folder = Path(out).expanduser()
            problem = writable_problem(run_folder, run_folder=True)
            if problem:
                raise ConfigError(f"--out: {problem}")
        else:
            problem = writable_problem(folder)
            if problem:
                raise self.fail("output", "folder", problem)
        names, matches_csv = self.value(raw, OUTPUT, "names"), self.value(raw, OUTPUT, "matches_csv")
        return OutputOptions(folder, interactions, formats, run_folder, names, matches_csv)


def to_toml(config: RunConfig) -> str:
    """The resolved config as TOML: every setting explicit, ``ipd run`` reproduces the run."""
    spec, settings, output = config.spec, config.spec.settings, config.output
    match = {s.key: getattr(settings, s.key) for s in MATCH.settings}
    match = {k: v for k, v in match.items() if v is not None or k not in ("turns", "prob_end")}
    listed = tuple(p for p in spec.players if p.label not in config.submitted)
    players: dict[str, Any] = {"strategies": _grouped_players(listed)}
    if config.submissions is not None:
        players |= {"submissions": config.submissions.resolve().as_posix(), "trusted": config.trusted}
    if spec.edges is not None:
        players["edges"] = [list(edge) for edge in spec.edges]
    sections: dict[str, dict[str, Any]] = {
        "tournament": {s.key: getattr(spec, s.key) for s in TOURNAMENT.settings},
        "match": match,
        "game": {k: getattr(settings.game, k) for k in GAME.keys},
        "players": players,
        **({"sandbox": _limits(config.limits)} if config.limits is not None else {}),
        "output": {
            "folder": output.folder.as_posix(),
            "interactions": output.interactions,
            "formats": list(output.formats),
            "names": output.names,
            "matches_csv": output.matches_csv,
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


def _limits(limits: Any) -> dict[str, Any]:
    return {key: getattr(limits, key) for key in SANDBOX.keys}


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
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {value!r} as TOML")


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
