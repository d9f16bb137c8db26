"""The characters of Nicky Case's "The Evolution of Trust" as a display layer over strategy names.

A classroom knows the strategies by their characters' names (Copycat, Always Cheat, ...);
the engine, the results tables and the config files know them by the strategy's own name.
This module only translates for display: :func:`display_name` gives the name to show for a
strategy label under a naming scheme, so the same table can read "Copycat (Tit For Tat)" on a
projector and "Tit For Tat" in a paper. Nothing here changes a result. Pure data: no import
of the strategy library, so anything may use it.
"""

from __future__ import annotations

from dataclasses import dataclass

NAMINGS = ("strategies", "trust")
"""How strategies are shown: by their own names, or with The Evolution of Trust's characters."""


@dataclass(frozen=True)
class Character:
    """One character: its name, the strategy it plays, its colour and a one-line description."""

    name: str
    strategy: str
    colour: str
    blurb: str


CHARACTERS: tuple[Character, ...] = (
    Character("Copycat", "Tit For Tat", "#4089dd", "Cooperates first, then copies your last move."),
    Character("Always Cheat", "Defector", "#e0393e", "Always cheats."),
    Character("Always Cooperate", "Cooperator", "#ff75ff", "Always cooperates."),
    Character("Grudger", "Grudger", "#efc701", "Cooperates until you cheat once, then cheats for ever."),
    Character(
        "Detective",
        "Detective",
        "#8b5a2b",
        "Plays cooperate, cheat, cooperate, cooperate; copies you if you ever cheated back, "
        "else exploits you.",
    ),
    Character("Copykitten", "Tit For 2 Tats", "#a5d8ff", "Copycat that cheats back only after two cheats."),
    Character(
        "Simpleton",
        "Win-Stay Lose-Shift",
        "#3a9e44",
        "Repeats its last move if you cooperated, switches if you cheated.",
    ),
    Character("Random", "Random", "#888888", "Cooperates or cheats at random, half and half."),
)
"""The eight characters, in the order the game introduces them."""

_BY_STRATEGY = {c.strategy.casefold(): c for c in CHARACTERS}
_BY_NAME = {c.name.casefold(): c for c in CHARACTERS}


def character_of(label: str) -> Character | None:
    """The character that plays the strategy labelled ``label`` (its name or a character's
    name, any case; "Random(p=0.5)" is Random), or None."""
    key = " ".join(label.split()).casefold()
    if key == "random(p=0.5)":
        key = "random"
    return _BY_STRATEGY.get(key) or _BY_NAME.get(key)


def display_name(label: str, naming: str = "strategies") -> str:
    """The name to show for strategy ``label``: with ``naming="trust"`` the character's name
    beside the strategy's ("Copycat (Tit For Tat)"); otherwise, or for a strategy no character
    plays, the label itself."""
    if naming not in NAMINGS:
        raise ValueError(f"naming must be one of {', '.join(NAMINGS)}, got {naming!r}")
    found = character_of(label) if naming == "trust" else None
    if found is None or found.name.casefold() == label.casefold():
        return label
    if found.name == found.strategy:
        return found.name
    return f"{found.name} ({label})"


def short_name(label: str, naming: str = "strategies") -> str:
    """Like :func:`display_name`, but only the character's name where there is one
    (for narrow places: a phone screen, a bar label)."""
    found = character_of(label) if naming == "trust" else None
    return label if found is None else found.name
