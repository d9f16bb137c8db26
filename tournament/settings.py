"""How matches are played: the stage game's payoffs and the match settings, declared once.

:data:`GAME` and :data:`MATCH` declare every setting of the ``[game]`` and ``[match]``
sections (value type, default, help, command-line flags); :class:`Game` and
:class:`MatchSettings` are built only through them, so the Python API, the TOML config and
the command line check a setting in one place. A new match setting is one line in
:data:`MATCH` and one attribute of :class:`MatchSettings`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

from tournament.errors import GameError, SpecError
from tournament.fields import (
    Choice,
    Field,
    FieldError,
    Flag,
    Integer,
    Limit,
    Number,
    Probability,
    Section,
    Seed,
    Setting,
    Text,
)

GAME = Section(
    "game",
    tuple(Setting(key, Number(), default, f"payoff {key}") for key, default in zip("RSTP", (3, 0, 5, 1))),
)
"""The payoffs R (both cooperate), S (sucker), T (temptation), P (both defect); Axelrod's by default."""


@dataclass(frozen=True)
class Game:
    """Payoffs of the symmetric 2x2 game, from the row player's side.

    R: both cooperate (reward), S: I cooperate and you defect (sucker),
    T: I defect and you cooperate (temptation), P: both defect (punishment).
    Defaults are Axelrod's (3, 0, 5, 1).
    """

    R: float = 3.0
    S: float = 0.0
    T: float = 5.0
    P: float = 1.0

    def __post_init__(self) -> None:
        for key in "RSTP":
            try:
                object.__setattr__(self, key, GAME[key].field.convert(getattr(self, key)))
            except FieldError as error:
                raise GameError(f"payoff {key} {error.problem}") from None

    @classmethod
    def from_values(cls, values: Any) -> Game:
        """Build from a mapping with keys R, S, T, P or a sequence in the order R, S, T, P."""
        if isinstance(values, Game):
            return values
        if isinstance(values, dict):
            missing = [k for k in "RSTP" if k not in values]
            extra = sorted(set(values) - set("RSTP"))
            if missing or extra:
                raise GameError(
                    "payoffs need exactly the keys R, S, T, P"
                    + (f"; missing {', '.join(missing)}" if missing else "")
                    + (f"; unknown {', '.join(map(str, extra))}" if extra else "")
                )
            return cls(**{k: values[k] for k in "RSTP"})
        if isinstance(values, str):
            values = [v.strip() for v in values.split(",")]
            try:
                values = [float(v) for v in values]
            except ValueError:
                raise GameError("payoffs must be four numbers R,S,T,P, e.g. 3,0,5,1") from None
        values = list(values)
        if len(values) != 4:
            raise GameError(f"payoffs must be four numbers R, S, T, P; got {len(values)}")
        return cls(*values)

    @property
    def is_prisoners_dilemma(self) -> bool:
        """T > R > P > S and 2R > T + S: defection dominates, mutual cooperation is efficient."""
        return self.T > self.R > self.P > self.S and 2 * self.R > self.T + self.S

    def scores(self) -> tuple[tuple[float, float], ...]:
        """Row-player payoffs indexed by state CC, CD, DC, DD."""
        return ((self.R, self.R), (self.S, self.T), (self.T, self.S), (self.P, self.P))

    def payoff_vector(self) -> np.ndarray:
        """The row player's payoff for states CC, CD, DC, DD (index ``2 * own + opponent``)."""
        import numpy as np

        return np.array([self.R, self.S, self.T, self.P], dtype=np.float64)

    def as_dict(self) -> dict[str, float]:
        """The payoffs as {R, S, T, P}."""
        return {k: getattr(self, k) for k in "RSTP"}

    def __str__(self) -> str:
        return f"R={self.R:g}, S={self.S:g}, T={self.T:g}, P={self.P:g}"


class Payoffs(Field):
    """The four payoffs R, S, T, P: a mapping, a sequence or the text ``"3,0,5,1"``."""

    description = "four numbers R,S,T,P, e.g. 3,0,5,1"

    def convert(self, value: Any) -> Game:
        return Game.from_values(value)

    def from_text(self, text: str) -> Game:
        return Game.from_values(text)


MAX_TURNS = 1_000_000
"""Longest fixed match: a match's moves are held in memory while it is played, and the
cooperation by turn keeps one figure per player and turn."""
MIN_PROB_END = 1e-5
"""Smallest chance that a turn is the last: an expected length of 100,000 turns (the longest of
many such matches reaches about ten times that, near :data:`MAX_TURNS`)."""
MAX_REPETITIONS = 1_000_000
"""Most repetitions: every repetition's match records are held in memory (the tournament as a
whole is also checked against the machine's memory before it is planned)."""

MAX_BOOTSTRAP = 100_000
"""Most bootstrap resamples: each keeps one score and one rank per player."""

MATCH = Section(
    "match",
    (
        Setting(
            "turns",
            Integer(
                1,
                limit=Limit(
                    "a match's moves are held in memory while it is played; longer ones do not fit",
                    at_most=MAX_TURNS,
                ),
            ),
            200,
            f"Turns per match (with prob_end: the most turns; at most {MAX_TURNS:,}).",
            ("--turns", "-t"),
            ("prob_end",),
        ),
        Setting(
            "prob_end",
            Number(
                0,
                1,
                above=True,
                description="a number above 0 and at most 1 (with 0 a match would never end)",
                limit=Limit(
                    f"the expected match length 1 / prob_end may be at most {round(1 / MIN_PROB_END):,} "
                    "turns: longer matches do not fit in memory",
                    at_least=MIN_PROB_END,
                ),
            ),
            None,
            "Chance each turn is the last (with turns: ends by then; at least 0.00001).",
            ("--prob-end",),
            ("turns",),
        ),
        Setting("noise", Probability(), 0.0, "Chance each move is flipped.", ("--noise", "-n")),
        Setting(
            "hide_length",
            Flag(),
            False,
            "Keep the fixed length from the players (nobody can plan the last turn).",
            ("--hide-length/--tell-length",),
        ),
        Setting(
            "reveal_opponent",
            Flag(),
            False,
            "Tell plain and sandboxed strategies their opponent's name.",
        ),
    ),
)
"""The ``[match]`` settings; ``turns`` with ``prob_end`` caps each random length at ``turns``."""
PAYOFFS = Setting("game", Payoffs(), None, 'Payoffs, e.g. "3,0,5,1".', ("--game",))
"""The whole ``[game]`` section as one command-line option."""


@dataclass(frozen=True)
class MatchSettings:
    """How each match is played: length (fixed ``turns``, geometric ``prob_end``, or both: the
    geometric length capped at ``turns``, as axelrod's Match), noise, payoffs, and whether
    players are told who their opponent is (``reveal_opponent``, off by default).

    Every field is checked by its declaration in :data:`MATCH`; :meth:`build` applies the
    default length (200 turns) when neither ``turns`` nor ``prob_end`` is given.
    """

    turns: int | None = MATCH["turns"].default
    prob_end: float | None = None
    noise: float = MATCH["noise"].default
    hide_length: bool = MATCH["hide_length"].default
    game: Game = field(default_factory=Game)
    reveal_opponent: bool = MATCH["reveal_opponent"].default

    def __post_init__(self) -> None:
        if self.turns is None and self.prob_end is None:
            raise SpecError("give turns (a fixed length), prob_end (a random length) or both")
        for setting in MATCH.settings:
            value = getattr(self, setting.key)
            if value is not None or setting.key not in ("turns", "prob_end"):
                object.__setattr__(self, setting.key, setting.convert(value))
        object.__setattr__(self, "game", Game.from_values(self.game))

    @classmethod
    def build(cls, *, game: Any = None, **values: Any) -> MatchSettings:
        """From keyword values (None means the default); 200 turns unless ``prob_end`` is given."""
        given = {k: v for k, v in values.items() if v is not None}
        unknown = sorted(set(given) - set(MATCH.keys))
        if unknown:
            raise SpecError(f"unknown match setting {unknown[0]!r}; known: {', '.join(MATCH.keys)}")
        if "prob_end" in given and "turns" not in given:
            given["turns"] = None
        return cls(**given, game=Game.from_values(game) if game is not None else Game())

    @property
    def known_length(self) -> int | None:
        """The length the players are told: ``turns`` when fixed and not hidden, else None
        (under ``prob_end``, with or without a cap, nobody is told: axelrod's length "inf")."""
        return None if self.hide_length or self.prob_end is not None else self.turns

    def describe(self) -> str:
        """One line for people: length, noise and payoffs (and any setting that is not the default)."""
        length = f"{self.turns} turns" if self.turns is not None else f"prob_end {self.prob_end:g}"
        if self.turns is not None and self.prob_end is not None:
            length = f"prob_end {self.prob_end:g} (at most {self.turns} turns)"
        extras = [
            f"{s.key.replace('_', ' ')}"
            for s in MATCH.settings
            if isinstance(s.field, Flag) and getattr(self, s.key)
        ]
        return ", ".join([length, f"noise {self.noise:g}", *extras, f"payoffs {self.game}"])

    def record(self) -> dict[str, Any]:
        """Every match setting as plain JSON values (``game`` as {R, S, T, P})."""
        return {**{s.key: getattr(self, s.key) for s in MATCH.settings}, "game": self.game.as_dict()}

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> MatchSettings:
        """Back from :meth:`record` (keys a record lacks take their defaults)."""
        values = {k: record[k] for k in MATCH.keys if k in record}
        if values.get("prob_end") is not None and "turns" not in values:
            values["turns"] = None
        return cls(**values, game=Game.from_values(record["game"]))


TOURNAMENT = Section(
    "tournament",
    (
        Setting("name", Text(), "tournament", "The tournament's name (shown in results and reports)."),
        Setting("seed", Seed(), None, "Seed of every random draw (random if not given).", ("--seed", "-s")),
        Setting(
            "repetitions",
            Integer(1, limit=Limit("every repetition's matches are held in memory", at_most=MAX_REPETITIONS)),
            1,
            "Times each pair meets.",
            ("--repetitions", "-r"),
        ),
        Setting(
            "bootstrap",
            Integer(0, limit=Limit("the resamples are held in memory", at_most=MAX_BOOTSTRAP)),
            1000,
            "Resamples of the repetitions for the ranking's confidence intervals (0: off).",
            ("--bootstrap",),
        ),
        Setting(
            "exact",
            Flag(),
            False,
            "Also compute the expected payoffs exactly (memory-one and finite-state players) into "
            "statistics/exact_*.csv, beside the sampled ones.",
            ("--exact/--no-exact",),
        ),
    ),
)
"""The ``[tournament]`` settings of :class:`~tournament.spec.TournamentSpec`. A config or
command line without a seed draws one."""


SANDBOX = Section(
    "sandbox",
    (
        Setting(
            "move_seconds",
            Number(0, above=True, description="a number of seconds above 0"),
            0.5,
            "Longest time one move may take.",
            ("--move-seconds",),
        ),
        Setting(
            "match_seconds",
            Number(0, above=True, description="a number of seconds above 0"),
            10.0,
            "Total thinking time of a strategy in one match.",
        ),
        Setting(
            "memory_mb",
            Integer(16, unit="of megabytes"),
            256,
            "Memory a worker may allocate beyond its start-up size.",
            ("--memory-mb",),
        ),
        Setting(
            "load_seconds",
            Number(0, above=True, description="a number of seconds above 0"),
            5.0,
            "Longest time loading a file (running its top level) may take.",
        ),
        Setting(
            "on_failure",
            Choice(("forfeit", "cooperate")),
            "forfeit",
            "What a failure costs: the match (forfeit) or the move (counted as C).",
        ),
    ),
)
"""The ``[sandbox]`` budgets of submitted strategies and the rule applied when one breaks them."""
