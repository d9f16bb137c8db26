"""Transformers that change moves at random: Noisy, Forgiving, JossAnn and Mixed.

Each draws from the transformer's own keyed streams (draw 0, and draw 1 for Mixed's choice of
a strategy); the strategies it wraps draw from streams of their own
(:mod:`strategies.transformers.sight`). A probability of 0 or 1 leaves nothing to chance, as in axelrod,
so such a transformer of a deterministic strategy is deterministic.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

import numpy as np

from strategies.base import Classifier, Param, Strategy, choose, probability
from strategies.transformers.base import Transformer, four_vector_family, memory_one_rule
from strategies.transformers.flips import ASHLOCK_2010, AXELROD
from strategies.transformers.sight import Wrapped
from tournament.core.moves import MOVE_DTYPE
from tournament.errors import StrategyError
from tournament.fields import Field

if TYPE_CHECKING:
    from tournament.core.view import View
    from tournament.settings import Game


def _random(p: float) -> bool:
    return p not in (0, 1)


class Noisy(Transformer):
    """Flips the wrapped strategy's move with probability ``noise``, like noise on this player
    alone (the wrapped strategy sees the flipped moves as its own).

    Names: NoisyTransformer, "Noisy" players (axelrod).
    """

    name = "Noisy"
    aliases = ("Noise",)
    prefix = "Noisy"
    example = "Noisy(Tit For Tat, 0.1)"
    params = (Param("noise", 0.05, "probability of flipping each move", probability),)
    per_game = ("noise",)
    reference = AXELROD

    def reclassify(self, classifier: Classifier) -> Classifier:
        return dataclasses.replace(classifier, stochastic=classifier.stochastic or _random(self.noise))

    def draws(self) -> bool:
        return _random(self.noise)

    def transform(self, view: View, proposed: np.ndarray) -> np.ndarray:
        return proposed ^ (view.random() < self.noise).astype(MOVE_DTYPE)

    def remap(self, rule: np.ndarray, game: Game) -> np.ndarray:
        return rule * (1 - self.noise) + (1 - rule) * self.noise


class Forgiving(Transformer):
    """When the wrapped strategy defects, cooperates instead with probability ``p``.

    Names: ForgiverTransformer, "Forgiving" players (axelrod); named Forgiving here because
    Forgiver is a strategy.
    """

    name = "Forgiving"
    prefix = "Forgiving"
    example = "Forgiving(Grudger, 0.1)"
    params = (Param("p", None, "probability of turning a defection into cooperation", probability),)
    per_game = ("p",)
    reference = AXELROD

    def reclassify(self, classifier: Classifier) -> Classifier:
        return dataclasses.replace(classifier, stochastic=classifier.stochastic or _random(self.p))

    def draws(self) -> bool:
        return _random(self.p)

    def transform(self, view: View, proposed: np.ndarray) -> np.ndarray:
        return proposed & choose(view, self.p)

    def remap(self, rule: np.ndarray, game: Game) -> np.ndarray:
        return rule + (1 - rule) * self.p


class JossAnn(Transformer):
    """Cooperates with probability ``c``, defects with probability ``d`` and otherwise plays
    the wrapped strategy's move; ``c`` and ``d`` are scaled to sum to 1 when they sum to more.
    When the outcome is fixed (c = 1 or d = 1) the wrapped strategy is not asked.

    Names: Joss-Ann (Ashlock et al. 2010, after the Joss and Ann strategies), JossAnnTransformer
    (axelrod, which takes the pair (c, d)). The probes of the Ashlock fingerprint.
    """

    name = "JossAnn"
    aliases = ("Joss-Ann",)
    prefix = "Joss-Ann"
    example = "JossAnn(Tit For Tat, 0.1, 0.2)"
    params = (
        Param("c", None, "probability of cooperating regardless", probability),
        Param("d", None, "probability of defecting regardless", probability),
    )
    per_game = ("c", "d")
    reference = ASHLOCK_2010

    @property
    def shares(self) -> tuple[float, float, float]:
        """The probabilities of C, of D and of the wrapped strategy's move, as axelrod
        computes them."""
        c, d = self.c, self.d
        if c + d > 1:
            c, d = c / (c + d), d / (c + d)
        return c, d, max(0.0, 1 - c - d)

    def reclassify(self, classifier: Classifier) -> Classifier:
        c, d, _ = self.shares
        if (c, d) in ((1, 0), (0, 1)):
            return Classifier(memory_depth=0, stochastic=False)
        return dataclasses.replace(classifier, stochastic=True)

    def consults(self) -> bool:
        return self.shares[:2] not in ((1, 0), (0, 1))

    def draws(self) -> bool:
        return 1 not in self.shares

    def transform(self, view: View, proposed: np.ndarray) -> np.ndarray:
        scale = np.maximum(self.c + self.d, 1.0)
        c, d = self.c / scale, self.d / scale
        u = view.random()
        return np.where(u < c, 0, np.where(u < c + d, 1, proposed)).astype(MOVE_DTYPE)

    def remap(self, rule: np.ndarray, game: Game) -> np.ndarray:
        c, _, rest = self.shares
        return c + rest * rule


class Probabilities(Field):
    """One probability or a tuple of them (normalised to a tuple)."""

    description = "a probability or a tuple of probabilities"

    def convert(self, value: Any) -> tuple[float, ...]:
        values = value if isinstance(value, (tuple, list)) else (value,)
        if not values:
            raise self.fail(value)
        return tuple(probability(v) for v in values)


class Strategies(Field):
    """One strategy or a tuple of them (normalised to a tuple)."""

    description = "a strategy or a tuple of strategies"

    def convert(self, value: Any) -> tuple[Strategy, ...]:
        values = tuple(value) if isinstance(value, (tuple, list)) else (value,)
        if not values or not all(isinstance(v, Strategy) for v in values):
            raise self.fail(value)
        return values


class Mixed(Transformer):
    """With probability probability[i] plays the move players[i] would play in this
    player's place; otherwise the wrapped strategy's move. A probability of 1 hands the player
    over to that strategy for good.

    The mixed-in strategies follow this player's games (its history as their own) on every
    turn. axelrod builds a fresh one at each mixed turn instead; for strategies that decide
    from the history (most of them) the two agree, for one with an internal state (a cycle)
    axelrod restarts it each time.

    Names: MixedTransformer, "Mutated" players (axelrod).
    """

    name = "Mixed"
    aliases = ("Mutated",)
    prefix = "Mutated"
    example = "Mixed(Tit For Tat, (0.2, 0.1), (Defector, Random))"
    strategy_params = ("players",)
    params = (
        Param("probability", None, "probability of playing each mixed-in strategy", Probabilities()),
        Param("players", None, "the mixed-in strategies", Strategies()),
    )
    reference = AXELROD

    def validate(self) -> None:
        super().validate()
        if len(self.probability) != len(self.players):
            raise StrategyError(
                f"{self.name}: give one probability per strategy, got {len(self.probability)} "
                f"for {len(self.players)}, e.g. {self.example}"
            )

    @property
    def certain(self) -> int | None:
        """The strategy that always plays (axelrod: the first with probability 1), or None."""
        return self.probability.index(1) if 1 in self.probability else None

    def reclassify(self, classifier: Classifier) -> Classifier:
        if max(self.probability) == 0:
            return classifier
        if self.certain is not None:
            stochastic = self.players[self.certain].stochastic
            return dataclasses.replace(classifier, stochastic=stochastic)
        return dataclasses.replace(classifier, stochastic=True)

    def draws(self) -> bool:
        return sum(self.probability) > 0 and self.certain is None

    def start(self, view: View) -> None:
        stream = 1 if self.draws() else None
        self._players = [
            Wrapped([(p, view.n)], view, None if stream is None else stream + k)
            for k, p in enumerate(self.players)
        ]

    def consults(self) -> bool:
        return self.certain is None

    def transform(self, view: View, proposed: np.ndarray) -> np.ndarray:
        total = sum(self.probability)
        if total == 0:
            return proposed
        moves = [p.move() for p in self._players]
        if self.certain is not None:
            return moves[self.certain]
        mixed = view.random() < total
        cumulative = np.cumsum(self.probability) / total
        which = np.minimum(np.searchsorted(cumulative, view.random(1), side="right"), len(moves) - 1)
        chosen = np.choose(which, moves)
        return np.where(mixed, chosen, proposed).astype(MOVE_DTYPE)

    def failures(self) -> dict[int, Any]:
        return {k: v for player in reversed(self._players) for k, v in player.failures().items()}

    def remap(self, rule: np.ndarray, game: Game) -> np.ndarray | None:
        if any(four_vector_family(p) is None for p in self.players):
            return None
        total = sum(self.probability)
        if total == 0:
            return rule
        if self.certain is not None:
            return memory_one_rule(self.players[self.certain], game)
        mixed = sum(q / total * memory_one_rule(p, game) for q, p in zip(self.probability, self.players))
        return (1 - min(total, 1)) * rule + min(total, 1) * mixed
