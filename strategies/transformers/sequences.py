"""Transformers that play fixed moves at the start or the end of a match: Initial and Final."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import numpy as np

from strategies.base import Classifier, Param, move_string
from strategies.transformers.base import Transformer
from strategies.transformers.flips import AXELROD
from tournament.core.moves import moves_from_string

if TYPE_CHECKING:
    from tournament.core.view import View


class Initial(Transformer):
    """Opens with the moves of ``seq``, then plays the wrapped strategy's moves (the wrapped
    strategy is asked from the first turn on, and sees the opening as its own moves).

    Names: InitialTransformer, "Initial" players (axelrod).
    """

    name = "Initial"
    prefix = "Initial"
    example = "Initial(Tit For Tat, DD)"
    params = (Param("seq", None, "the opening moves, e.g. DDC", move_string),)
    reference = AXELROD

    def reclassify(self, classifier: Classifier) -> Classifier:
        return dataclasses.replace(classifier, memory_depth=max(len(self.seq), classifier.memory_depth))

    def start(self, view: View) -> None:
        self._moves = moves_from_string(self.seq)

    def transform(self, view: View, proposed: np.ndarray) -> np.ndarray:
        if view.turn < len(self._moves):
            return np.full(view.n, self._moves[view.turn])
        return proposed


class Final(Transformer):
    """Ends the match with the moves of ``seq`` when the match length is known: on the last
    len(seq) turns it plays seq in order. With an unknown length (``prob_end``, a hidden
    length) it plays the wrapped strategy's moves throughout.

    Names: FinalTransformer, "Final" players (axelrod).
    """

    name = "Final"
    prefix = "Final"
    example = "Final(Grudger, DD)"
    params = (Param("seq", None, "the closing moves, e.g. DD", move_string),)
    reference = AXELROD

    def reclassify(self, classifier: Classifier) -> Classifier:
        return dataclasses.replace(
            classifier,
            memory_depth=max(len(self.seq), classifier.memory_depth),
            makes_use_of=classifier.makes_use_of | {"length"},
        )

    def start(self, view: View) -> None:
        self._moves = moves_from_string(self.seq)

    def transform(self, view: View, proposed: np.ndarray) -> np.ndarray:
        if view.length is None or view.turn >= view.length:
            return proposed
        left = view.length - view.turn
        if left <= len(self._moves):
            return np.full(view.n, self._moves[-left])
        return proposed
