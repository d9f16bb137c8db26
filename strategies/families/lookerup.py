"""Lookup tables: strategies that read their next move off a table indexed by recent play.

A table is keyed by (my last ``p`` moves, the opponent's last ``q`` moves, the opponent's
first ``r`` moves). Until the history is ``max(p, q, r)`` turns long the strategy plays its
initial actions; afterwards it looks the key up. A LookerUp's table holds moves; a
Gambler's holds probabilities of cooperating. Keys are ordered as in axelrod, C before D,
the oldest move first and own moves before the opponent's, so a key is the binary number
spelled by those moves (C = 0, D = 1). All tables of a batch are played by one kernel
(the family of :class:`LookerUp`): the tables are concatenated and each game keeps three rolling codes
of its history, so a turn is a few shifts and one lookup for every game. The trained
tables are axelrod's (MIT licence): patterns from ``lookerup.py`` and ``gambler.py``,
probabilities copied into ``strategies/data/pso_gambler.csv``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from itertools import product
from typing import Any

import numpy as np

from strategies.base import INF, Classifier, Family, Param, Strategy, probability
from strategies.registry import register
from tournament.core.forms import LookupForm
from tournament.core.moves import MOVE_DTYPE, C, D
from tournament.errors import StrategyError

Depths = tuple[int, int, int]


@dataclass(frozen=True)
class LookupTable:
    """A compiled table: the depths (p, q, r), the probability of cooperating for each key in
    key order, and the moves played before the table applies (``max(p, q, r)`` of them)."""

    depths: Depths
    cooperation: np.ndarray
    initial: np.ndarray


def _cd(value: Any) -> str:
    """A string or sequence of 'C'/'D' as one upper-case string (may be empty)."""
    text = value if isinstance(value, str) else "".join(value)
    if set(text.upper()) - {"C", "D"}:
        raise ValueError("must contain only C and D")
    return text.upper()


def _optional_moves(value: Any) -> str | None:
    return None if value is None else _cd(value)


def _depths(value: Any) -> Depths | None:
    if value is None:
        return None
    depths = tuple(value)
    if len(depths) != 3 or any(isinstance(d, bool) or not isinstance(d, int) or d < 0 for d in depths):
        raise ValueError(
            "must be three whole numbers >= 0 (own moves, opponent's moves, opponent's openings)"
        )
    return depths  # type: ignore[return-value]


def _lookup_dict(value: Any) -> dict[tuple[str, str, str], Any] | None:
    if not value:
        return None
    table = {}
    for key, entry in dict(value).items():
        key = tuple(key)
        if len(key) != 3:
            raise ValueError(f"key {key!r} must be (own moves, opponent's moves, opponent's openings)")
        table[(_cd(key[0]), _cd(key[1]), _cd(key[2]))] = entry
    return table


def _moves_pattern(value: Any) -> str | None:
    return None if value is None else _cd(value)


def _probabilities_pattern(value: Any) -> str | tuple[Any, ...] | None:
    if value is None or isinstance(value, str):
        return _moves_pattern(value)
    return tuple(v.upper() if isinstance(v, str) else probability(v) for v in value)


def table_keys(depths: Depths) -> list[tuple[str, str, str]]:
    """Every key of a table with these depths, in axelrod's order."""
    parts = [["".join(moves) for moves in product("CD", repeat=d)] for d in depths]
    return list(product(*parts))


def compile_table(
    lookup_dict: dict[tuple[str, str, str], Any] | None,
    initial_actions: str | None,
    pattern: str | tuple[Any, ...] | None,
    depths: Depths | None,
    value: Any,
) -> LookupTable:
    """Build a table from a dict or from (pattern, depths), as axelrod's LookerUp does;
    ``value`` turns a table entry into a probability of cooperating."""
    if lookup_dict:
        sizes = {tuple(len(part) for part in key) for key in lookup_dict}
        if len(sizes) != 1:
            raise StrategyError("lookup table keys are not all the same size")
        depths = sizes.pop()  # type: ignore[assignment]
        keys = table_keys(depths)  # type: ignore[arg-type]
        if len(lookup_dict) != len(keys):
            raise StrategyError("lookup table does not have enough keys to cover all possibilities")
        pattern = tuple(lookup_dict[key] for key in keys)
    elif pattern is None and depths is None:
        pattern, depths = "CD", (0, 1, 0)
    elif pattern is None or depths is None:
        raise StrategyError("pattern and depths must be given together")
    if len(pattern) != 2 ** sum(depths):
        raise StrategyError(
            f"pattern must have {2 ** sum(depths)} entries for depths {depths}, not {len(pattern)}"
        )
    try:
        cooperation = np.array([value(entry) for entry in pattern], dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise StrategyError(f"table entry: {error}") from None
    warmup = max(depths)
    initial = (initial_actions or "")[:warmup].ljust(warmup, "C")
    moves = np.array([D if move == "D" else C for move in initial], dtype=MOVE_DTYPE)
    return LookupTable(depths, cooperation, moves)


def _move_value(entry: Any) -> float:
    if isinstance(entry, str) and entry.upper() in ("C", "D"):
        return 1.0 if entry.upper() == "C" else 0.0
    raise ValueError(f"{entry!r} is not 'C' or 'D'")


def _gamble_value(entry: Any) -> float:
    return _move_value(entry) if isinstance(entry, str) else probability(entry)


class LookupKernel:
    """Every lookup table of a batch as one: concatenated tables, rolling history codes."""

    label = "lookup kernel"

    def __init__(self, members: list[tuple[LookerUp, int]]) -> None:
        counts = [n for _, n in members]
        tables = [player.table for player, _ in members]
        sizes = [t.cooperation.size for t in tables]

        def per_game(values: list[int]) -> np.ndarray:
            return np.repeat(np.array(values, dtype=np.int64), counts)

        self.cooperation = np.concatenate([t.cooperation for t in tables])
        self.draws = bool(np.any((self.cooperation > 0) & (self.cooperation < 1)))
        self.offset = per_game(np.cumsum([0, *sizes[:-1]]).tolist())
        own, opp, openings = (np.array([t.depths[k] for t in tables]) for k in range(3))
        self.own_mask = per_game(((1 << own) - 1).tolist())
        self.opp_mask = per_game(((1 << opp) - 1).tolist())
        self.openings = per_game(openings.tolist())
        self.own_shift = per_game((opp + openings).tolist())
        self.max_openings = int(openings.max())
        warmups = [t.initial.size for t in tables]
        self.warmup = per_game(warmups)
        self.max_warmup = max(warmups)
        self.min_warmup = min(warmups)
        initial = np.zeros((self.max_warmup, len(tables)), dtype=MOVE_DTYPE)
        for k, table in enumerate(tables):
            initial[: table.initial.size, k] = table.initial
        self.initial = np.repeat(initial, counts, axis=1)

    def table_form(self, game: object) -> LookupForm:
        """The concatenated tables and per-game keys as arrays."""
        return LookupForm(
            self.cooperation,
            self.draws,
            self.offset,
            self.own_mask,
            self.opp_mask,
            self.openings,
            self.own_shift,
            self.warmup,
            self.initial,
        )

    def setup(self, view):
        self.own_code = np.zeros(view.n, dtype=np.int64)
        self.opp_code = np.zeros(view.n, dtype=np.int64)
        self.opening_code = np.zeros(view.n, dtype=np.int64)

    def move(self, view):
        turn = view.turn
        if turn > 0:
            opp_last = view.opp_last
            self.own_code = ((self.own_code << 1) | view.own_last) & self.own_mask
            self.opp_code = ((self.opp_code << 1) | opp_last) & self.opp_mask
            if turn <= self.max_openings:
                opening = turn - 1 < self.openings
                self.opening_code = np.where(opening, (self.opening_code << 1) | opp_last, self.opening_code)
        if turn < self.min_warmup:
            return self.initial[turn].copy()
        key = (self.own_code << self.own_shift) | (self.opp_code << self.openings) | self.opening_code
        p = self.cooperation[self.offset + key]
        cooperate = view.random() < p if self.draws else p == 1
        moves = (~cooperate).view(MOVE_DTYPE)
        if turn < self.max_warmup:
            moves = np.where(turn < self.warmup, self.initial[turn], moves)
        return moves


@register
class LookerUp(Strategy):
    """Plays its initial actions, then looks its move up in a table keyed by its own last
    moves, the opponent's last moves and the opponent's first moves. The default table
    is Tit For Tat (key: the opponent's last move).

    Names: LookerUp (Martin Jones, axelrod), lookup table strategy.
    """

    name = "LookerUp"
    aliases = ("Lookup Table",)
    params = (
        Param(
            "lookup_dict",
            None,
            "table {(own last moves, opponent's last moves, opponent's first moves): move}, keys as 'CD' strings",
            _lookup_dict,
        ),
        Param(
            "initial_actions",
            None,
            "moves before the table applies (padded with C, cut to the table depth)",
            _optional_moves,
        ),
        Param("pattern", None, "table entries in key order, e.g. 'CDDC' (with depths)", _moves_pattern),
        Param(
            "depths",
            None,
            "(own last moves, opponent's last moves, opponent's first moves) the pattern reads",
            _depths,
        ),
    )
    classifier = Classifier(memory_depth=INF)
    reference = "Harper, M. et al. (2017). Reinforcement learning produces dominant strategies for the Iterated Prisoner's Dilemma. PLoS ONE."
    family = Family("lookup tables", LookupKernel)
    lookup_dict: dict[tuple[str, str, str], Any] | None = None
    initial_actions: str | None = None
    pattern: Any = None
    depths: Depths | None = None

    @staticmethod
    def entry_value(entry: Any) -> float:
        """The probability of cooperating a table entry stands for."""
        return _move_value(entry)

    def validate(self) -> None:
        self.table = compile_table(
            self.lookup_dict, self.initial_actions, self.pattern, self.depths, self.entry_value
        )

    def classify(self) -> Classifier:
        own, opp, openings = self.table.depths
        return Classifier(
            memory_depth=max(own, opp) if openings == 0 else INF, stochastic=self.classifier.stochastic
        )

    def setup(self, view):
        """Alone (a subclass that overrides ``move`` or ``setup``): through a kernel of one."""
        self._alone = LookupKernel([(self, view.n)])
        self._alone.setup(view)

    def move(self, view):
        return self._alone.move(view)


_HARPER = LookerUp.reference
_MATHIEU = (
    "Mathieu, P. & Delahaye, J.-P. (2015). New Winning Strategies for the Iterated Prisoner's Dilemma. "
    "Proceedings of AAMAS 2015."
)


@register
class EvolvedLookerUp1_1_1(LookerUp):
    """Cooperates first, then reads its move from a table, trained by an evolutionary
    algorithm, of its own last move, the opponent's last move and the opponent's first move.

    Names: Evolved Lookerup 1 1 1 (Marc Harper).
    """

    name = "EvolvedLookerUp1_1_1"
    aliases = ()
    params = ()
    reference = _HARPER
    pattern = "CDDDDCDD"
    depths = (1, 1, 1)
    initial_actions = "C"


@register
class EvolvedLookerUp2_2_2(LookerUp):
    """Cooperates twice, then reads its move from a table, trained by an evolutionary
    algorithm, of its own last two moves, the opponent's last two and the opponent's first two.

    Names: Evolved Lookerup 2 2 2 (Marc Harper).
    """

    name = "EvolvedLookerUp2_2_2"
    aliases = ()
    params = ()
    reference = _HARPER
    pattern = "CDDCDCDDCDDDCDDDDDCDCDCCCDDCCDCDDDCCCCCDDDCDDDDDDDDDCCDDCDDDCCCD"
    depths = (2, 2, 2)
    initial_actions = "CC"


@register
class Winner12(LookerUp):
    """Cooperates twice, then answers its own last move and the opponent's last two moves
    from a fixed table: it cooperates after mutual cooperation and forgives a single
    defection that the opponent follows with cooperation.

    Names: Winner12 (Mathieu & Delahaye 2015).
    """

    name = "Winner12"
    aliases = ()
    params = ()
    reference = _MATHIEU
    pattern = "CDCDDCDD"
    depths = (1, 2, 0)
    initial_actions = "CC"


@register
class Winner21(LookerUp):
    """Defects then cooperates, then answers its own last move and the opponent's last two
    moves from a fixed table.

    Names: Winner21 (Mathieu & Delahaye 2015).
    """

    name = "Winner21"
    aliases = ()
    params = ()
    reference = _MATHIEU
    pattern = "CDCDCDDD"
    depths = (1, 2, 0)
    initial_actions = "DC"


@register
class Gambler(LookerUp):
    """A LookerUp whose table holds probabilities of cooperating: plays its initial
    actions, then cooperates with the probability found under (its own last moves, the
    opponent's last moves, the opponent's first moves).

    Names: Gambler (Georgios Koutsovoulos, axelrod).
    """

    name = "Gambler"
    aliases = ()
    params = (
        LookerUp.params[0],
        LookerUp.params[1],
        Param(
            "pattern",
            None,
            "probabilities of cooperating (or 'C'/'D') in key order (with depths)",
            _probabilities_pattern,
        ),
        LookerUp.params[3],
    )
    classifier = Classifier(memory_depth=INF, stochastic=True)
    reference = _HARPER

    @staticmethod
    def entry_value(entry: Any) -> float:
        return _gamble_value(entry)


@functools.cache
def pso_tables() -> dict[tuple[str, int, int, int], tuple[float, ...]]:
    """The trained tables of strategies/data/pso_gambler.csv, by (name, p, q, r)."""
    text = resources.files("strategies").joinpath("data/pso_gambler.csv").read_text()
    tables = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, *numbers = line.split(", ")
            tables[(name, *map(int, numbers[:3]))] = tuple(map(float, numbers[3:]))
    return tables  # type: ignore[return-value]


class _TrainedPattern:
    """Class attribute: the trained table of the class that declares it (subclasses too),
    read from the data file on first use."""

    def __set_name__(self, owner: type[LookerUp], attribute: str) -> None:
        self.key = (owner.name, *owner.depths)  # type: ignore[misc]

    def __get__(self, instance: Any, owner: type[LookerUp]) -> tuple[float, ...]:
        return pso_tables()[self.key]


@register
class PSOGamblerMem1(Gambler):
    """Cooperates first, then cooperates with a probability, trained by particle swarm
    optimisation, that depends on the last round: the best memory-one strategy found
    against axelrod's short-run-time strategies.

    Names: PSO Gambler Mem1 (Marc Harper).
    """

    name = "PSO Gambler Mem1"
    params = ()
    depths = (1, 1, 0)
    pattern = _TrainedPattern()


@register
class PSOGambler1_1_1(Gambler):
    """Cooperates first, then cooperates with a probability, trained by particle swarm
    optimisation, that depends on the last round and the opponent's first move.

    Names: PSO Gambler 1_1_1 (Marc Harper).
    """

    name = "PSO Gambler 1_1_1"
    params = ()
    depths = (1, 1, 1)
    pattern = _TrainedPattern()


@register
class PSOGambler2_2_2(Gambler):
    """Cooperates twice, then cooperates with a probability, trained by particle swarm
    optimisation, that depends on the last two rounds and the opponent's first two moves.

    Names: PSO Gambler 2_2_2 (Marc Harper; original by Georgios Koutsovoulos).
    """

    name = "PSO Gambler 2_2_2"
    params = ()
    depths = (2, 2, 2)
    pattern = _TrainedPattern()


@register
class PSOGambler2_2_2_Noise05(Gambler):
    """Cooperates twice, then cooperates with a probability, trained by particle swarm
    optimisation in noisy matches (5% noise), that depends on the last two rounds and the
    opponent's first two moves.

    Names: PSO Gambler 2_2_2 Noise 05 (Marc Harper).
    """

    name = "PSO Gambler 2_2_2 Noise 05"
    params = ()
    depths = (2, 2, 2)
    pattern = _TrainedPattern()


@register
class ZDMem2(Gambler):
    """Cooperates twice, then cooperates with a probability set by the last two rounds: a
    memory-two generalisation of a zero-determinant strategy.

    Names: ZD-Mem2 (Marc Harper), unnamed in Li (2014).
    """

    name = "ZD-Mem2"
    params = ()
    reference = (
        "Li, S. (2014). Strategies in the Stochastic Iterated Prisoner's Dilemma. "
        "REU paper, University of Chicago."
    )
    depths = (2, 2, 0)
    pattern = (
        11 / 12,
        4 / 11,
        7 / 9,
        1 / 10,
        5 / 6,
        3 / 11,
        7 / 9,
        1 / 10,
        2 / 3,
        1 / 11,
        7 / 9,
        1 / 10,
        3 / 4,
        2 / 11,
        7 / 9,
        1 / 10,
    )
