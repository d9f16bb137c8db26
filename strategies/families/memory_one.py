"""Memory-one strategies: the next move depends only on the previous turn.

Such a strategy is a four-vector (P(C|CC), P(C|CD), P(C|DC), P(C|DD)) of cooperation
probabilities after each state of the last turn (own move first) and a probability of
cooperating on the first turn. All memory-one players of a batch form one family and are
played by a single :class:`MemoryOneKernel`: each turn is one table lookup and one
comparison with a uniform draw for every game, whoever sits in it. A subclass that
overrides ``move`` or ``setup`` plays alone (see :class:`~strategies.base.Family`).

Zero-determinant strategies live in :mod:`strategies.families.zero_determinant`; Tit For Tat and
its relatives in :mod:`strategies.families.titfortat`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from strategies.base import Classifier, Family, Param, Strategy, four_vector, probability
from strategies.registry import register
from tournament.core.forms import MemoryOneForm
from tournament.core.moves import MOVE_DTYPE
from tournament.errors import StrategyError
from tournament.settings import Game

if TYPE_CHECKING:
    from tournament.core.view import View

FourVector = tuple[float, float, float, float]


def move_letter(value: Any) -> str:
    """Check a single move, ``"C"`` or ``"D"``."""
    if not isinstance(value, str) or value.upper() not in ("C", "D"):
        raise ValueError('must be "C" or "D"')
    return value.upper()


def optional_probability(value: Any) -> float | None:
    """Check None or a number in [0, 1]."""
    return None if value is None else probability(value)


class MemoryOneKernel:
    """Every memory-one player of a batch at once: per-game four-vectors in one table."""

    label = "memory-one family"

    def __init__(self, members: list[tuple[MemoryOnePlayer, int]]) -> None:
        self.members = list(members)

    def table_form(self, game: Game) -> MemoryOneForm:
        """Every game's first-move probability and four-vector in ``game``."""
        sizes = [n for _, n in self.members]
        vectors = np.array([_checked_vector(m, game) for m, _ in self.members], dtype=np.float64)
        firsts = np.array([m.first_cooperation() for m, _ in self.members], dtype=np.float64)
        table = np.repeat(vectors, sizes, axis=0)
        first = np.repeat(firsts, sizes)
        draws = bool(np.any((table > 0) & (table < 1)) or np.any((first > 0) & (first < 1)))
        return MemoryOneForm(first, table, draws)

    def setup(self, view: View) -> None:
        total = sum(n for _, n in self.members)
        if total != view.n:
            raise StrategyError(f"memory-one members cover {total} games, the view {view.n}")
        form = self.table_form(view.game)
        self._first = form.first
        self._table = form.table.reshape(-1)
        self._row = 4 * np.arange(view.n, dtype=np.int64)
        self._draws = form.draws

    def move(self, view: View) -> np.ndarray:
        p = self._first if view.turn == 0 else self._table[self._row + 2 * view.own_last + view.opp_last]
        if self._draws:
            return (view.random() >= p).astype(MOVE_DTYPE)
        return (p == 0).astype(MOVE_DTYPE)


def _checked_vector(member: MemoryOnePlayer, game: Game) -> FourVector:
    vector = member.probabilities(game)
    if not all(0 <= p <= 1 for p in vector):
        raise StrategyError(
            f"{member.label}: four-vector {vector} is not made of probabilities with payoffs {game}"
        )
    return vector


class MemoryOnePlayer(Strategy):
    """Plays from a four-vector of cooperation probabilities after CC, CD, DC and DD.

    Subclasses give :meth:`probabilities` (which may depend on the game's payoffs) and,
    when the first move is not a plain C, :meth:`first_cooperation`. A probability of 0
    or 1 is followed without a draw; otherwise the strategy cooperates when the turn's
    uniform draw is below it, like axelrod's ``random_choice``.
    """

    classifier = Classifier(memory_depth=1, stochastic=True)
    family = Family("memory one", MemoryOneKernel)

    def probabilities(self, game: Game) -> FourVector:
        """(P(C|CC), P(C|CD), P(C|DC), P(C|DD)) in ``game``, own move first."""
        raise NotImplementedError

    def first_cooperation(self) -> float:
        """The probability of cooperating on the first turn."""
        return 1.0

    def classify(self) -> Classifier:
        """Stochastic when a probability is strictly between 0 and 1 (in the default
        game); memory depth 0 when the four-vector is all 0 or all 1, as axelrod."""
        try:
            vector = self.probabilities(Game())
        except StrategyError:
            return self.classifier
        stochastic = any(0 < p < 1 for p in (*vector, self.first_cooperation()))
        constant = all(p == 0 for p in vector) or all(p == 1 for p in vector)
        return Classifier(
            memory_depth=0 if constant else 1,
            stochastic=stochastic,
            makes_use_of=self.classifier.makes_use_of,
        )

    def setup(self, view: View) -> None:
        """Alone (a subclass that overrides ``move`` or ``setup``): through a kernel of one."""
        self._alone = MemoryOneKernel([(self, view.n)])
        self._alone.setup(view)

    def move(self, view: View) -> np.ndarray:
        return self._alone.move(view)


@register
class MemoryOne(MemoryOnePlayer):
    """Plays a given four-vector: cooperates with probability P(C|CC), P(C|CD), P(C|DC),
    P(C|DD) after each state of the last turn (own move first), and opens with ``initial``.

    Names: Memory One (Nowak 1990), Generic Memory One Player (axelrod). The default
    (1, 0, 0, 1) is Win-Stay Lose-Shift; (1, 0, 1, 0) is Tit For Tat.
    """

    name = "Memory One"
    aliases = ("m1", "Memory One Player", "Generic Memory One Player")
    params = (
        Param("four_vector", (1.0, 0.0, 0.0, 1.0), "P(C|CC), P(C|CD), P(C|DC), P(C|DD)", four_vector),
        Param("initial", "C", "first move, C or D", move_letter),
    )
    reference = "Nowak, M. (1990). Stochastic strategies in the prisoner's dilemma. Theor. Pop. Biol. 38(1)."

    def probabilities(self, game: Game) -> FourVector:
        return self.four_vector

    def first_cooperation(self) -> float:
        return 1.0 if self.initial == "C" else 0.0


@register
class WinStayLoseShift(MemoryOnePlayer):
    """Cooperates first; then repeats its last move after a good payoff (R or T) and
    switches after a bad one (S or P): cooperates after CC and DD, defects after CD and DC.

    Names: Win-Stay Lose-Shift (Nowak and Sigmund 1993), WSLS (Stewart and Plotkin 2012),
    Pavlov (Kraines and Kraines 1989), Simpleton (The Evolution of Trust).
    """

    name = "Win-Stay Lose-Shift"
    aliases = ("wsls", "Pavlov", "Simpleton", "Win Stay Lose Shift")
    classifier = Classifier(memory_depth=1)
    reference = (
        "Nowak, M., & Sigmund, K. (1993). A strategy of win-stay, lose-shift that "
        "outperforms tit-for-tat in the Prisoner's Dilemma game. Nature 364."
    )

    def probabilities(self, game: Game) -> FourVector:
        return (1, 0, 0, 1)


@register
class WinShiftLoseStay(MemoryOnePlayer):
    """Opens with ``initial`` (D by default); then switches after a good payoff (R or T)
    and repeats its move after a bad one: cooperates after CD and DC, defects after CC and DD.

    Names: Win-Shift Lose-Stay, Reverse Pavlov (Li, Hingston and Kendall 2011).
    """

    name = "Win-Shift Lose-Stay"
    aliases = ("Reverse Pavlov", "Win Shift Lose Stay")
    params = (Param("initial", "D", "first move, C or D", move_letter),)
    classifier = Classifier(memory_depth=1)
    reference = (
        "Li, J., Hingston, P., & Kendall, G. (2011). Engineering design of strategies for "
        "winning iterated prisoner's dilemma competitions. IEEE TCIAIG 3(4)."
    )

    def probabilities(self, game: Game) -> FourVector:
        return (0, 1, 1, 0)

    def first_cooperation(self) -> float:
        return 1.0 if self.initial == "C" else 0.0


@register
class GTFT(MemoryOnePlayer):
    """Generous Tit For Tat: cooperates first and after the opponent cooperated; after a
    defection it still cooperates with probability p. By default p = min(1 - (T - R)/(R - S),
    (R - P)/(T - P)), the most generous value that still deters exploitation.

    Names: Generous Tit For Tat (Nowak and Sigmund 1993), Naive peace maker and Soft Joss
    (Gaudesi et al. 2016). Unlike axelrod, whose default p always comes from the default
    payoffs (3, 0, 5, 1), the default p here is computed from the payoffs being played.
    """

    name = "GTFT"
    aliases = ("Generous Tit For Tat", "Generous TFT")
    params = (
        Param("p", None, "forgiveness probability (None: computed from the payoffs)", optional_probability),
    )
    classifier = Classifier(memory_depth=1, stochastic=True, makes_use_of={"game"})
    reference = "Nowak, M., & Sigmund, K. (1992). Tit for tat in heterogeneous populations. Nature 355."

    def probabilities(self, game: Game) -> FourVector:
        p = self.p
        if p is None:
            R, S, T, P = game.R, game.S, game.T, game.P
            if R == S or T == P:
                raise StrategyError(
                    f"{self.label}: no default p for payoffs {game} (needs R != S and T != P)"
                )
            p = min(1 - (T - R) / (R - S), (R - P) / (T - P))
        return (1, p, 1, p)


@register
class StochasticWSLS(MemoryOnePlayer):
    """Win-Stay Lose-Shift with errors: cooperates first, then after CC or DD cooperates with
    probability 1 - ep, after CD or DC with probability ep.

    Names: Stochastic WSLS (Marc Harper, axelrod); not the learning strategy of Amaral (2016).
    """

    name = "Stochastic WSLS"
    aliases = ("swsls",)
    params = (Param("ep", 0.05, "probability of the 'wrong' response", probability),)
    reference = "Axelrod library: original strategy by Marc Harper."

    def probabilities(self, game: Game) -> FourVector:
        return (1.0 - self.ep, self.ep, self.ep, 1.0 - self.ep)


@register
class FirmButFair(MemoryOnePlayer):
    """Cooperates first and keeps cooperating except after being exploited (CD), when it
    defects; after mutual defection it cooperates with probability 2/3.

    Names: Firm But Fair (Frean 1994).
    """

    name = "Firm But Fair"
    aliases = ("fbf",)
    reference = "Frean, M. R. (1994). The Prisoner's Dilemma without Synchrony. Proc. R. Soc. B 257."

    def probabilities(self, game: Game) -> FourVector:
        return (1, 0, 1, 2 / 3)


@register
class SoftJoss(MemoryOnePlayer):
    """Tit For Tat that answers a defection with a defection only with probability q:
    cooperates first and after the opponent cooperated, else cooperates with probability 1 - q.

    Names: Soft Joss (PRISON 1998).
    """

    name = "Soft Joss"
    aliases = ("sjoss",)
    params = (Param("q", 0.9, "probability of defecting after the opponent defected", probability),)
    reference = "LIFL (1998). PRISON. http://www.lifl.fr/IPD/ipd.frame.html"

    def probabilities(self, game: Game) -> FourVector:
        return (1.0, 1 - self.q, 1, 1 - self.q)


@register
class StochasticCooperator(MemoryOnePlayer):
    """Cooperates first, then with probabilities 0.935, 0.229, 0.266 and 0.42 after CC, CD,
    DC and DD: an evolved strategy that beats zero-determinant extortioners in populations.

    Names: Stochastic Cooperator (Adami and Hintze 2013).
    """

    name = "Stochastic Cooperator"
    aliases = ("scoop",)
    reference = (
        "Adami, C., & Hintze, A. (2013). Evolutionary instability of zero-determinant "
        "strategies demonstrates that winning is not everything. Nature Communications 4."
    )

    def probabilities(self, game: Game) -> FourVector:
        return (0.935, 0.229, 0.266, 0.42)


@register
class ALLCorALLD(MemoryOnePlayer):
    """Cooperates on the first turn with probability 0.6, then repeats its own last move:
    plays ALLC or ALLD for the whole match (unless noise flips a move).

    Names: ALLC or ALLD (Marc Harper, axelrod), Repeat (Akin 2015).
    """

    name = "ALLCorALLD"
    aliases = ("Repeat", "ALLC or ALLD")
    reference = (
        "Akin, E. (2015). What you gotta know to play good in the Iterated Prisoner's Dilemma. Games 6(3)."
    )

    def probabilities(self, game: Game) -> FourVector:
        return (1, 1, 0, 0)

    def first_cooperation(self) -> float:
        return 0.6


class _RandomStart(MemoryOnePlayer):
    """A deterministic memory-one rule after a fair coin toss for the first move."""

    def first_cooperation(self) -> float:
        return 0.5


@register
class Desperate(_RandomStart):
    """Opens at random, then cooperates only after mutual defection (DD).

    Names: Desperate (van den Berg and Weissing 2015).
    """

    name = "Desperate"
    reference = (
        "van den Berg, P., & Weissing, F. J. (2015). The importance of mechanisms for the "
        "evolution of cooperation. Proc. R. Soc. B 282."
    )

    def probabilities(self, game: Game) -> FourVector:
        return (0, 0, 0, 1)


@register
class Hopeless(_RandomStart):
    """Opens at random, then defects only after mutual cooperation (CC).

    Names: Hopeless (van den Berg and Weissing 2015).
    """

    name = "Hopeless"
    reference = Desperate.reference

    def probabilities(self, game: Game) -> FourVector:
        return (0, 1, 1, 1)


@register
class Willing(_RandomStart):
    """Opens at random, then defects only after mutual defection (DD).

    Names: Willing (van den Berg and Weissing 2015).
    """

    name = "Willing"
    reference = Desperate.reference

    def probabilities(self, game: Game) -> FourVector:
        return (1, 1, 1, 0)


@register
class Negation(_RandomStart):
    """Opens at random, then plays the opposite of the opponent's previous move.

    Names: Negation (PD2017 competition).
    """

    name = "Negation"
    reference = "Prisoner's Dilemma competition (2017). http://www.prisoners-dilemma.com/competition.html"

    def probabilities(self, game: Game) -> FourVector:
        return (0, 1, 0, 1)
