"""Declarative strategies: a small TOML file that plays without running any code.

Three kinds, each turned into a vectorised built-in family (so it runs as fast as the
built-ins and merges with them into one kernel per batch)::

    name = "Generous"                    # required; author = "..." and description = "..." optional
    type = "memory_one"                  # -> strategies.families.memory_one.MemoryOne
    four_vector = [1, 0.3, 1, 0.3]       # P(C) after CC, CD, DC, DD (own move first)
    initial = "C"

    name = "Two Tits"
    type = "lookup"                      # -> LookerUp (C/D entries) or Gambler (probabilities)
    depths = [0, 2, 0]                   # own last moves, opponent's last moves, opponent's first moves
    pattern = "CDDD"                     # one entry per key, keys in binary order (C = 0, D = 1),
    initial_actions = "CC"               # oldest move first, own moves before the opponent's

    name = "Grim"
    type = "fsm"                         # Oyun's format -> FSMPlayer
    start = "nice"
    [states.nice]                        # each state: the move it plays and where the
    move = "C"                           # opponent's C and D send it
    C = "nice"
    D = "angry"
    [states.angry]
    move = "D"
    C = "angry"
    D = "angry"

The machine (a Moore machine) plays the start state's move first; after each opponent
move it goes to that move's next state and plays the new state's move. A problem raises
:class:`~strategies.base.StrategyError` naming the file and the field.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from strategies.base import INF, Classifier, Strategy
from strategies.families.finite_state_machines import FSMPlayer
from strategies.families.lookerup import Gambler, LookerUp
from strategies.families.memory_one import MemoryOne
from strategies.user.files import FileReport, StrategyInfo
from tournament.errors import StrategyError

KINDS = {
    "memory_one": ("four_vector", "initial"),
    "lookup": ("depths", "pattern", "initial_actions"),
    "fsm": ("start", "states"),
}
COMMON = ("name", "author", "description", "type")


def load_declaration(path: str | Path, text: str | None = None) -> Strategy:
    """Read a declarative strategy file and build the strategy it declares."""
    path = Path(path)
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise StrategyError(f"{path}: cannot read the file ({error})") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise StrategyError(f"{path}: not valid TOML: {error}") from None
    return from_table(raw, path.stem, where=str(path))


def from_table(raw: dict[str, Any], default_author: str, where: str = "<declaration>") -> Strategy:
    """Build a strategy from a parsed declaration (see the module docstring)."""

    def fail(key: str, problem: str) -> StrategyError:
        return StrategyError(f"{where}: {key}: {problem}" if key else f"{where}: {problem}")

    kind = raw.get("type")
    if kind not in KINDS:
        raise fail("type", f"must be one of {', '.join(map(repr, KINDS))}, got {kind!r}")
    unknown = sorted(set(raw) - set(COMMON) - set(KINDS[kind]))
    if unknown:
        raise fail(unknown[0], f"unknown key for type {kind!r} (keys: {', '.join(COMMON + KINDS[kind])})")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise fail("name", f"must be a non-empty text, got {name!r}")
    author = raw.get("author", default_author)
    if not isinstance(author, str) or not author.strip():
        raise fail("author", f"must be a non-empty text, got {author!r}")
    description = raw.get("description", f"A declared {kind.replace('_', '-')} strategy.")
    if not isinstance(description, str):
        raise fail("description", f"must be a text, got {description!r}")
    label = f"{' '.join(author.split())}/{' '.join(name.split())}"
    try:
        if kind == "memory_one":
            cls, params = (
                MemoryOne,
                {"four_vector": raw.get("four_vector"), "initial": raw.get("initial", "C")},
            )
            if params["four_vector"] is None:
                raise fail("four_vector", "missing: give [P(C|CC), P(C|CD), P(C|DC), P(C|DD)]")
        elif kind == "lookup":
            cls, params = _lookup(raw, fail)
        else:
            cls, params = FSMPlayer, _machine(raw, fail)
        return declared(cls, label, description, params)
    except StrategyError as error:
        if str(error).startswith(where):
            raise
        raise fail("", str(error)) from None


def declared(cls: type[Strategy], label: str, description: str, params: dict[str, Any]) -> Strategy:
    """An instance of built-in ``cls`` with ``params``, shown as ``label`` in every table."""
    classifier = cls.classifier if cls is not FSMPlayer else Classifier(memory_depth=INF)
    sub = type(
        cls.__name__,
        (cls,),
        {
            "__doc__": description,
            "name": label,
            "aliases": (),
            "classifier": classifier,
            "label": property(lambda self: self.name),
            "spec": property(lambda self: f"declared:{self.name}:{Strategy.spec.fget(self)}"),
        },
    )
    return sub(**params)


def _lookup(raw: dict[str, Any], fail: Any) -> tuple[type[Strategy], dict[str, Any]]:
    depths, pattern = raw.get("depths"), raw.get("pattern")
    if depths is None or pattern is None:
        raise fail(
            "depths" if depths is None else "pattern", "missing: a lookup table needs depths and pattern"
        )
    if not isinstance(depths, list) or len(depths) != 3:
        raise fail("depths", f"must be [own moves, opponent's moves, opponent's first moves], got {depths!r}")
    params = {"depths": tuple(depths), "initial_actions": raw.get("initial_actions")}
    if isinstance(pattern, str):
        return LookerUp, {**params, "pattern": pattern}
    if isinstance(pattern, list):
        return Gambler, {**params, "pattern": tuple(pattern)}
    raise fail("pattern", f"must be a text of C/D or a list of probabilities, got {pattern!r}")


def _machine(raw: dict[str, Any], fail: Any) -> dict[str, Any]:
    states, start = raw.get("states"), raw.get("start")
    if not isinstance(states, dict) or not states:
        raise fail("states", "missing: give [states.NAME] tables with move, C and D")
    if start not in states:
        raise fail("start", f"must name one of the states ({', '.join(states)}), got {start!r}")
    number = {state: k + 1 for k, state in enumerate(states)}
    moves = {}
    for state, table in states.items():
        key = f"[states.{state}]"
        if not isinstance(table, dict) or sorted(table) != ["C", "D", "move"]:
            raise fail(key, 'must hold exactly move = "C"|"D", C = next state, D = next state')
        if table["move"] not in ("C", "D"):
            raise fail(f"{key} move", f'must be "C" or "D", got {table["move"]!r}')
        for seen in "CD":
            if table[seen] not in states:
                raise fail(f"{key} {seen}", f"unknown state {table[seen]!r}; states: {', '.join(states)}")
        moves[state] = table["move"]
    transitions = tuple(
        (number[state], seen, number[table[seen]], moves[table[seen]])
        for state, table in states.items()
        for seen in "CD"
    )
    return {"transitions": transitions, "initial_state": number[start], "initial_action": moves[start]}


def load_report(path: Path, text: str) -> FileReport:
    """A declarative file as a submission report: its strategy, or what is wrong with it."""
    try:
        player = load_declaration(path, text)
    except StrategyError as error:
        return FileReport(path, path.stem, error=str(error).removeprefix(f"{path}: "))
    author, name = player.label.split("/", 1)
    classifier = player.classify()
    info = StrategyInfo(
        attribute="",
        name=name,
        description=player.description(),
        memory_depth=float(classifier.memory_depth),
        stochastic=classifier.stochastic,
        makes_use_of=(),
    )
    return FileReport(path, author, strategies=[info], players=[player])
