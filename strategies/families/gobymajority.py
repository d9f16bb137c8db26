"""Go By Majority: answer the opponent's majority move, over its whole past or a window."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from strategies.base import INF, Classifier, Param, Strategy
from strategies.registry import register
from tournament.core.moves import MOVE_DTYPE

AXELROD1984 = "Axelrod, R. (1984). The Evolution of Cooperation."
LANGNER = "Original name by Karol Langner (axelrod library)."


def memory(value: Any) -> float:
    """Check a window length: a whole number >= 0, or ``inf`` for the whole past."""
    if isinstance(value, float) and math.isinf(value) and value > 0:
        return INF
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("must be a whole number >= 0 or inf")
    return int(value)


@register
class GoByMajority(Strategy):
    """Defects when the opponent defected more often than it cooperated over the last
    memory_depth moves (its whole past when infinite, or 0 as in axelrod); on a tie it
    cooperates when soft and defects otherwise.

    Names: Go By Majority (Axelrod 1984), Grisell (Axelrod's second tournament), Soft
    Majority (Mittal and Deb 2009).
    """

    name = "Go By Majority"
    aliases = ("gbm", "Soft Go By Majority", "Soft Majority", "Grisell")
    params = (
        Param("memory_depth", INF, "how many of the opponent's last moves count (inf: all)", memory),
        Param("soft", True, "cooperate on a tie", bool),
    )
    reference = AXELROD1984

    memory_depth: float = INF
    soft: bool = True

    def classify(self) -> Classifier:
        depth = self.memory_depth if self.memory_depth > 0 else INF
        return Classifier(memory_depth=depth)

    def setup(self, view):
        self._window = np.zeros(view.n, dtype=np.int32)

    def move(self, view):
        t, depth = view.turn, self.memory_depth
        if 0 < depth < INF:
            # the opponent's defections among its last ``depth`` moves (all of them, when fewer)
            if t:
                self._window += view.opp_last
                if t > depth:
                    self._window -= view.opp_history[t - 1 - int(depth)]
            defections, counted = self._window, min(t, depth)
        else:
            defections, counted = view.opp_defections, t
        twice = defections + defections  # more defections than cooperations: 2 d > counted
        return (twice > counted if self.soft else twice >= counted).view(MOVE_DTYPE)


@register
class HardGoByMajority(GoByMajority):
    """Defects when the opponent defected at least as often as it cooperated over the last
    memory_depth moves (its whole past when infinite); cooperates otherwise.

    Names: Hard Majority (Mittal and Deb 2009).
    """

    name = "Hard Go By Majority"
    aliases = ("hgbm", "Hard Majority")
    params = (Param("memory_depth", INF, "how many of the opponent's last moves count (inf: all)", memory),)
    soft = False


@register
class GoByMajority5(GoByMajority):
    """Defects when the opponent defected more often than it cooperated over its last 5
    moves; cooperates otherwise (on a tie too).

    Names: Go By Majority 5 (Karol Langner).
    """

    name = "Go By Majority 5"
    aliases = ("gbm5", "Soft Go By Majority: 5")
    params = ()
    reference = LANGNER
    memory_depth = 5


@register
class GoByMajority10(GoByMajority):
    """Defects when the opponent defected more often than it cooperated over its last 10
    moves; cooperates otherwise (on a tie too).

    Names: Go By Majority 10 (Karol Langner).
    """

    name = "Go By Majority 10"
    aliases = ("gbm10", "Soft Go By Majority: 10")
    params = ()
    reference = LANGNER
    memory_depth = 10


@register
class GoByMajority20(GoByMajority):
    """Defects when the opponent defected more often than it cooperated over its last 20
    moves; cooperates otherwise (on a tie too).

    Names: Go By Majority 20 (Karol Langner).
    """

    name = "Go By Majority 20"
    aliases = ("gbm20", "Soft Go By Majority: 20")
    params = ()
    reference = LANGNER
    memory_depth = 20


@register
class GoByMajority40(GoByMajority):
    """Defects when the opponent defected more often than it cooperated over its last 40
    moves; cooperates otherwise (on a tie too).

    Names: Go By Majority 40 (Karol Langner).
    """

    name = "Go By Majority 40"
    aliases = ("gbm40", "Soft Go By Majority: 40")
    params = ()
    reference = LANGNER
    memory_depth = 40


@register
class HardGoByMajority5(HardGoByMajority):
    """Defects when the opponent defected at least as often as it cooperated over its last
    5 moves; cooperates otherwise.

    Names: Hard Go By Majority 5 (Karol Langner).
    """

    name = "Hard Go By Majority 5"
    aliases = ("hgbm5", "Hard Go By Majority: 5")
    params = ()
    reference = LANGNER
    memory_depth = 5


@register
class HardGoByMajority10(HardGoByMajority):
    """Defects when the opponent defected at least as often as it cooperated over its last
    10 moves; cooperates otherwise.

    Names: Hard Go By Majority 10 (Karol Langner).
    """

    name = "Hard Go By Majority 10"
    aliases = ("hgbm10", "Hard Go By Majority: 10")
    params = ()
    reference = LANGNER
    memory_depth = 10


@register
class HardGoByMajority20(HardGoByMajority):
    """Defects when the opponent defected at least as often as it cooperated over its last
    20 moves; cooperates otherwise.

    Names: Hard Go By Majority 20 (Karol Langner).
    """

    name = "Hard Go By Majority 20"
    aliases = ("hgbm20", "Hard Go By Majority: 20")
    params = ()
    reference = LANGNER
    memory_depth = 20


@register
class HardGoByMajority40(HardGoByMajority):
    """Defects when the opponent defected at least as often as it cooperated over its last
    40 moves; cooperates otherwise.

    Names: Hard Go By Majority 40 (Karol Langner).
    """

    name = "Hard Go By Majority 40"
    aliases = ("hgbm40", "Hard Go By Majority: 40")
    params = ()
    reference = LANGNER
    memory_depth = 40
