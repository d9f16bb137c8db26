"""Go By Majority: answer the opponent's majority move, over its whole past or a window.

Every Go By Majority of a batch, soft or hard, windowed or not, is played by one
:class:`MajorityKernel` with a window length and a tie rule per game (a subclass that
overrides ``move`` or ``setup`` plays alone, see :class:`~strategies.base.Family`).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

from strategies.base import INF, Classifier, Family, Param, Strategy
from strategies.registry import register
from tournament.core.moves import MOVE_DTYPE

if TYPE_CHECKING:
    from tournament.core.jit import Compiled
    from tournament.core.view import View

AXELROD1984 = "Axelrod, R. (1984). The Evolution of Cooperation."
LANGNER = "Original name by Karol Langner (axelrod library)."


def memory(value: Any) -> float:
    """Check a window length: a whole number >= 0, or ``inf`` for the whole past."""
    if isinstance(value, float) and math.isinf(value) and value > 0:
        return INF
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("must be a whole number >= 0 or inf")
    return int(value)


WHOLE_PAST = np.iinfo(np.int64).max
"""The window length of a player that counts the opponent's whole past (depth inf or 0)."""


class MajorityKernel:
    """Every Go By Majority player of a batch at once: per game, the opponent's defections
    over its window (the whole past is a window longer than any match) and the tie rule."""

    label = "Go By Majority family"

    def __init__(self, members: list[tuple[GoByMajority, int]]) -> None:
        sizes = [n for _, n in members]
        depths = [int(m.memory_depth) if 0 < m.memory_depth < INF else WHOLE_PAST for m, _ in members]
        self.depth = np.repeat(np.array(depths, dtype=np.int64), sizes)
        # more defections than cooperations: 2 d > counted, i.e. 2 d >= counted + 1 when soft
        self.soft = np.repeat(np.array([m.soft for m, _ in members], dtype=np.int64), sizes)
        self.shortest = min(depths)

    def setup(self, view: View) -> None:
        self.window = np.zeros(view.n, dtype=np.int64)
        self.games = np.arange(view.n)

    def compiled(self, view: View) -> Compiled | None:
        from strategies.compiled.gobymajority import majority
        from tournament.core.jit import Compiled, fields

        return Compiled(majority, fields(view.n, self.depth, self.soft, 0))

    def move(self, view: View) -> np.ndarray:
        t, depth = view.turn, self.depth
        if t:
            self.window += view.opp_last
            if t > self.shortest:
                dropped = t - 1 - depth  # the turn leaving each window (negative: none yet)
                leaving = view.opp_history[np.maximum(dropped, 0), self.games]
                self.window -= leaving * (dropped >= 0)
        counted = np.minimum(depth, t)
        return (2 * self.window >= counted + self.soft).view(MOVE_DTYPE)


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
    family = Family("go by majority", MajorityKernel)

    memory_depth: float = INF
    soft: bool = True

    def classify(self) -> Classifier:
        depth = self.memory_depth if self.memory_depth > 0 else INF
        return Classifier(memory_depth=depth)

    def setup(self, view: View) -> None:
        """Alone (a subclass that overrides ``move`` or ``setup``): through a kernel of one."""
        self._alone = MajorityKernel([(self, view.n)])
        self._alone.setup(view)

    def move(self, view: View) -> np.ndarray:
        return self._alone.move(view)


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
