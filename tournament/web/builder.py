"""The no-code builder: a student's memory-one, lookup or finite-state choices as a declaration.

The page sends plain fields; this module checks their shape and writes the TOML file that
:mod:`strategies.user.declarative` reads, so a built strategy is a submission file like any
other (``ipd check`` and ``ipd run`` read it the same way). The declaration's own checks
(probabilities, states) run when the file is checked.
"""

from __future__ import annotations

import json
from typing import Any

from tournament.errors import UserError

KINDS = ("memory_one", "lookup", "fsm")
MAX_STATES = 8


class BuilderError(UserError):
    """Builder fields that do not make a strategy."""

    status = 400


def _text(value: Any, what: str, limit: int = 40) -> str:
    if not isinstance(value, str) or not value.strip():
        raise BuilderError(f"give the strategy a {what}")
    return " ".join(value.split())[:limit]


def _move(value: Any, what: str) -> str:
    if value not in ("C", "D"):
        raise BuilderError(f"{what} must be C or D, got {value!r}")
    return value


def declaration(kind: Any, fields: dict[str, Any], author: str) -> str:
    """The TOML text of a ``kind`` strategy (see :data:`KINDS`) built from ``fields``."""
    if kind not in KINDS:
        raise BuilderError(f"a strategy is python, {', '.join(KINDS)}; got {kind!r}")
    name = _text(fields.get("name"), "name")
    lines = [f"name = {json.dumps(name)}", f"author = {json.dumps(author)}", f'type = "{kind}"']
    if kind == "memory_one":
        vector = fields.get("four_vector")
        if not isinstance(vector, list) or len(vector) != 4:
            raise BuilderError("give four chances to cooperate: after CC, CD, DC and DD")
        if not all(isinstance(p, (int, float)) and not isinstance(p, bool) and 0 <= p <= 1 for p in vector):
            raise BuilderError(f"each chance to cooperate is a number from 0 to 1, got {vector!r}")
        lines += [f"four_vector = {json.dumps([float(p) for p in vector])}"]
        lines += [f'initial = "{_move(fields.get("initial", "C"), "the first move")}"']
    elif kind == "lookup":
        pattern = fields.get("pattern")
        first = fields.get("initial_actions", "CC")
        if not isinstance(pattern, str) or len(pattern) != 4 or set(pattern) - {"C", "D"}:
            raise BuilderError(
                "give a move (C or D) for each of the opponent's last two moves: CC, CD, DC, DD"
            )
        if not isinstance(first, str) or len(first) != 2 or set(first) - {"C", "D"}:
            raise BuilderError("give the first two moves (C or D each)")
        lines += ["depths = [0, 2, 0]", f'pattern = "{pattern}"', f'initial_actions = "{first}"']
    else:
        states = fields.get("states")
        if not isinstance(states, list) or not 1 <= len(states) <= MAX_STATES:
            raise BuilderError(f"give 1 to {MAX_STATES} states")
        names = [_text(s.get("name") if isinstance(s, dict) else None, "state name", 20) for s in states]
        if len(set(names)) != len(names):
            raise BuilderError("each state needs its own name")
        lines += [f"start = {json.dumps(names[0])}"]
        for state, label in zip(states, names):
            lines += [
                "",
                f"[states.{json.dumps(label)}]",
                f'move = "{_move(state.get("move"), label + " move")}"',
            ]
            for seen in "CD":
                target = state.get(seen)
                if target not in names:
                    raise BuilderError(f"after {seen}, state {label} must go to one of {', '.join(names)}")
                lines += [f"{seen} = {json.dumps(target)}"]
    return "\n".join(lines) + "\n"
