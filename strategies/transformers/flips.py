"""Transformers that keep or invert a strategy's moves: Identity, TrackHistory, Flip and Dual."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from strategies.transformers.base import CC, CD, DC, DD, FIRST, Transformer

if TYPE_CHECKING:
    from tournament.core.view import View
    from tournament.settings import Game

AXELROD = "The axelrod library, axelrod.strategy_transformers"
ASHLOCK_2010 = (
    "Ashlock, D., Kim, E.-Y., & Ashlock, W. (2010). A fingerprint comparison of different "
    "prisoner's dilemma payoff matrices. IEEE CIG 2010. doi:10.1109/ITW.2010.5593352"
)


class Identity(Transformer):
    """Plays exactly as the wrapped strategy.

    Names: IdentityTransformer (axelrod), the transformers' neutral element.
    """

    name = "Identity"
    example = "Identity(Tit For Tat)"
    reference = AXELROD

    def transform(self, view: View, proposed: np.ndarray) -> np.ndarray:
        return proposed

    def remap(self, rule: np.ndarray, game: Game) -> np.ndarray:
        return rule


class TrackHistory(Transformer):
    """Plays exactly as the wrapped strategy; axelrod's version also keeps the moves it chose in
    an attribute (``_recorded_history``), which our records hold anyway.

    Names: TrackHistoryTransformer, "HistoryTracking" players (axelrod).
    """

    name = "TrackHistory"
    aliases = ("HistoryTracking", "History Track")
    prefix = "HistoryTracking"
    example = "TrackHistory(Tit For Tat)"
    reference = AXELROD

    def transform(self, view: View, proposed: np.ndarray) -> np.ndarray:
        return proposed

    def remap(self, rule: np.ndarray, game: Game) -> np.ndarray:
        return rule


class Flip(Transformer):
    """Plays the opposite of the wrapped strategy's move. The wrapped strategy sees the moves
    really played, so a strategy that reads its own history may behave differently: axelrod's
    flipped Alternator always defects, and so does ours.

    Names: FlipTransformer, "Flipped" players (axelrod).
    """

    name = "Flip"
    aliases = ("Flipped",)
    prefix = "Flipped"
    example = "Flip(Tit For Tat)"
    reference = AXELROD

    def transform(self, view: View, proposed: np.ndarray) -> np.ndarray:
        return proposed ^ 1

    def remap(self, rule: np.ndarray, game: Game) -> np.ndarray:
        return 1 - rule


class Dual(Transformer):
    """The dual: plays the opposite of what the wrapped strategy would play if its own past moves
    were flipped (the opponent's stay as they are). Playing the dual against an opponent gives
    the mirror image of the wrapped strategy's match: C and D swapped on its side.

    Names: Dual (Ashlock et al. 2010), DualTransformer (axelrod, which flips the player's
    history before asking the strategy and flips it back after).
    """

    name = "Dual"
    prefix = "Dual"
    example = "Dual(Tit For Tat)"
    reference = ASHLOCK_2010
    flip_own = True

    def transform(self, view: View, proposed: np.ndarray) -> np.ndarray:
        return proposed ^ 1

    def remap(self, rule: np.ndarray, game: Game) -> np.ndarray:
        # after (own, opp) the wrapped rule sees (flipped own, opp): CC <-> DC, CD <-> DD
        return 1 - rule[[FIRST, DC, DD, CC, CD]]
