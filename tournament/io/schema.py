"""The sections of a tournament config, declared once for the file, the command line and Python.

``[tournament]``, ``[match]`` ``[game]`` and ``[sandbox]`` are declared with the objects they
build (:mod:`tournament.settings`); ``[players]`` and ``[output]`` are declared here.
This module imports no strategy and no numpy, so the command line can build its options
from it without slowing ``ipd --help``.
"""

from __future__ import annotations

from typing import Any

from tournament import network
from tournament.characters import NAMINGS
from tournament.fields import Choice, Field, Flag, ListOf, Section, Setting, Text, split_top_level
from tournament.settings import GAME, MATCH, PAYOFFS, SANDBOX, TOURNAMENT

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


class PlayerList(Field):
    """Strategy entries: ``"all"``, a list of names and ``{name, count}`` tables, or (from the
    command line) comma-separated names; checked for shape here, names when resolved."""

    description = 'a list of strategy names or "all"'

    def convert(self, value: Any) -> Any:
        if isinstance(value, str) and value.strip().casefold() == "all":
            return "all"
        if not isinstance(value, list):
            raise self.fail(value)
        return value

    def from_text(self, text: str) -> Any:
        return self.convert(text if text.strip().casefold() == "all" else split_top_level(text))


PLAYERS = Section(
    "players",
    (
        Setting(
            "strategies",
            PlayerList(),
            None,
            'Comma-separated strategies (names, aliases, parameters), or "all".',
            ("--players", "-p"),
        ),
        Setting("exclude", ListOf(Text()), (), 'Strategies left out of strategies = "all".'),
        Setting(
            "submissions",
            Text(),
            None,
            "A folder of submitted strategies (.py and .toml files).",
            ("--strategies",),
        ),
        Setting(
            "trusted",
            Flag(),
            False,
            "Run submitted files in this process (faster, no protection) instead of the sandbox.",
        ),
        *network.SETTINGS,
    ),
)
OUTPUT = Section(
    "output",
    (
        Setting("folder", Text(), "results", "The folder that holds one sub-folder per run."),
        Setting(
            "interactions",
            Flag(),
            False,
            "Also store every move (interactions.parquet).",
            ("--interactions",),
        ),
        Setting("formats", ListOf(Choice(FORMATS)), FORMATS, "Table formats to write."),
        Setting(
            "matches_csv",
            Flag(),
            False,
            "Also write matches.csv (one row per match; matches.parquet holds the same table).",
            ("--matches-csv",),
        ),
        Setting(
            "names",
            Choice(
                NAMINGS, {"strategies": "their own names", "trust": "The Evolution of Trust's characters"}
            ),
            "strategies",
            'How tables name the strategies: "trust" shows the character beside it (Copycat (Tit For Tat)).',
            ("--names",),
        ),
    ),
)
SECTIONS: tuple[Section, ...] = (TOURNAMENT, MATCH, GAME, PLAYERS, SANDBOX, OUTPUT)
OTHER_COMMANDS: dict[str, str] = {"evolution": "ipd evolve", "learn": "ipd learn"}
"""Sections that belong to configs of other commands -> the command that reads them."""
EXTRA_OVERRIDES = {"game": PAYOFFS, "out": Setting("out", Text())}
"""Command-line overrides that are not one config key: all payoffs at once, the exact run folder."""
OVERRIDABLE: tuple[Setting, ...] = (
    *(s for section in SECTIONS for s in section.settings if s.flags),
    *EXTRA_OVERRIDES.values(),
)
"""Every setting a command line may override."""
