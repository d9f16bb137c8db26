"""Strategy transformers: any strategy, its moves changed, as a strategy of its own.

The sixteen transformers of axelrod (``axelrod.strategy_transformers``), under axelrod's names
without "Transformer" (the name axelrod gives the transformed players works too: "Flipped",
"Grudging", ...), written around the strategy's text form::

    Dual(Tit For Tat)                  Flip(Dual(Grudger))
    Final(Grudger, DD)                 Initial(Tit For Tat, DDC)
    JossAnn(Cooperator, 0.1, 0.2)      Noisy(Tit For Tat, 0.05)
    Mixed(Tit For Tat, 0.3, Defector)  Mixed(Tit For Tat, (0.2, 0.1), (Defector, Random))

They wrap any strategy (built-in, declarative, plain Python, axelrod's through the adapter) in
configs, on the command line and in Python (``create("Dual(Tit For Tat)")`` or
``Dual(create("Tit For Tat"))``). One idea per module: :mod:`.flips` (Identity, TrackHistory,
Flip, Dual), :mod:`.chance` (Noisy, Forgiving, JossAnn, Mixed), :mod:`.sequences` (Initial,
Final), :mod:`.reactions` (Nice, Grudge, Apology, DeadlockBreaking, Retaliation,
RetaliateUntilApology); the base class in :mod:`.base`.
"""

from __future__ import annotations

import re

from strategies.transformers.base import Transformer
from strategies.transformers.chance import Forgiving, JossAnn, Mixed, Noisy
from strategies.transformers.flips import Dual, Flip, Identity, TrackHistory
from strategies.transformers.reactions import (
    Apology,
    DeadlockBreaking,
    Grudge,
    Nice,
    RetaliateUntilApology,
    Retaliation,
)
from strategies.transformers.sequences import Final, Initial

TRANSFORMERS: tuple[type[Transformer], ...] = (
    Identity,
    Flip,
    Dual,
    Noisy,
    Forgiving,
    Nice,
    Initial,
    Final,
    TrackHistory,
    DeadlockBreaking,
    Grudge,
    Apology,
    Mixed,
    JossAnn,
    Retaliation,
    RetaliateUntilApology,
)
"""Every transformer, in the order of axelrod's module."""


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.casefold())


_BY_KEY = {_key(n): cls for cls in TRANSFORMERS for n in (cls.name, *cls.aliases)}


def find(name: str) -> type[Transformer] | None:
    """The transformer called ``name`` or an alias (case, spaces and hyphens ignored), or None."""
    return _BY_KEY.get(_key(name))


__all__ = ["TRANSFORMERS", "Transformer", "find", *(cls.__name__ for cls in TRANSFORMERS)]
