"""Zero-determinant strategies: memory-one players that enforce a linear payoff relation.

A linear-relation player with slope ``s`` and baseline ``l`` makes the long-run payoffs
obey ``s (S_xy - l) = S_yx - l`` whatever the opponent does (Press and Dyson 2012; Hilbe,
Nowak and Sigmund 2013, equation 14). Its four-vector follows from the game's payoffs
R, S, T, P and a scale ``phi``::

    P(C|CC) = 1 - phi (1 - s)(R - l)        P(C|CD) = 1 - phi (s (l - S) + (T - l))
    P(C|DC) = phi ((l - S) + s (T - l))     P(C|DD) = phi (1 - s)(l - P)

The pair (l, s) is enforceable when P <= l <= R and
-min((T - l)/(l - S), (l - S)/(T - l)) <= s <= 1; the payoffs are checked when play starts.
Extortioners have l = P (their surplus over P is 1/s times the opponent's), generous
strategies l = R. All of them belong to the memory-one family and share its kernel.
"""

from __future__ import annotations

from strategies.base import Classifier, Param, number
from strategies.families.memory_one import FourVector, MemoryOnePlayer
from strategies.registry import register
from tournament.errors import StrategyError
from tournament.settings import Game


class LinearRelation(MemoryOnePlayer):
    """Base of the zero-determinant players: four-vector from (phi, s, l) and the payoffs."""

    params = (
        Param("phi", 0.2, "scale of the four-vector", number),
        Param("s", 0.1, "slope of the enforced payoff relation", number),
        Param("l", 1.0, "baseline payoff of the enforced relation", number),
    )
    classifier = Classifier(memory_depth=1, stochastic=True, makes_use_of={"game"})
    reference = (
        "Hilbe, C., Nowak, M. A., & Sigmund, K. (2013). Evolution of extortion in Iterated "
        "Prisoner's Dilemma games. PNAS 110(17)."
    )

    def validate(self) -> None:
        if self.s > 1:
            raise StrategyError(f"{self.name}: the slope s must be at most 1, got {self.s}")

    def baseline(self, game: Game) -> float:
        """The baseline payoff l in ``game``."""
        return self.l

    def probabilities(self, game: Game) -> FourVector:
        R, S, T, P = game.R, game.S, game.T, game.P
        phi, s, base = self.phi, self.s, self.baseline(game)
        if base in (S, T):
            raise StrategyError(f"{self.label}: baseline l={base} must differ from S and T (payoffs {game})")
        s_min = -min((T - base) / (base - S), (base - S) / (T - base))
        if base < P or base > R or s > 1 or s < s_min:
            raise StrategyError(
                f"{self.label}: (l={base}, s={s}) is not enforceable with payoffs {game}: "
                f"needs P <= l <= R and {s_min:.4g} <= s <= 1"
            )
        return (
            1 - phi * (1 - s) * (R - base),
            1 - phi * (s * (base - S) + (T - base)),
            phi * ((base - S) + s * (T - base)),
            phi * (1 - s) * (base - P),
        )


@register
class ZDExtortion(LinearRelation):
    """Extortionate zero-determinant strategy with phi = 0.2, slope s = 0.1 and baseline l = 1:
    four-vector (0.64, 0.18, 0.28, 0) with the default payoffs.

    Names: ZDExtortion (Roemheld 2013).
    """

    name = "ZD-Extortion"
    aliases = ("zd extortion", "zdextortion")
    reference = (
        "Roemheld, L. (2013). Evolutionary Extortion and Mischief: Zero Determinant "
        "strategies in iterated 2x2 games. arXiv:1308.2576."
    )


@register
class ZDExtort2(LinearRelation):
    """Extortionate zero-determinant strategy with extortion factor 2 (s = 1/2) and baseline
    l = P: its surplus over P is twice the opponent's. Four-vector (8/9, 1/2, 1/3, 0) with the
    default payoffs.

    Names: Extort-2 (Stewart and Plotkin 2012).
    """

    name = "ZD-Extort-2"
    aliases = ("Extort-2", "extort2")
    params = (
        Param("phi", 1 / 9, "scale of the four-vector", number),
        Param("s", 0.5, "slope of the enforced payoff relation", number),
    )
    reference = (
        "Stewart, A. J., & Plotkin, J. B. (2012). Extortion and cooperation in the "
        "Prisoner's Dilemma. PNAS 109(26)."
    )

    def baseline(self, game: Game) -> float:
        return game.P


@register
class ZDExtort2v2(LinearRelation):
    """Extortionate zero-determinant strategy with s = 1/2 and baseline l = 1 (phi = 1/8):
    four-vector (7/8, 7/16, 3/8, 0) with the default payoffs.

    Names: EXTORT2 (Kuhn 2017).
    """

    name = "ZD-Extort-2 v2"
    aliases = ("extort2v2", "Extort-2 v2")
    params = (
        Param("phi", 1 / 8, "scale of the four-vector", number),
        Param("s", 0.5, "slope of the enforced payoff relation", number),
        Param("l", 1, "baseline payoff of the enforced relation", number),
    )
    reference = "Kuhn, S. (2017). Prisoner's Dilemma. The Stanford Encyclopedia of Philosophy."


@register
class ZDExtort3(LinearRelation):
    """Extortionate zero-determinant strategy with extortion factor 3 (s = 1/3, l = 1,
    phi = 3/26), from Press and Dyson's paper.

    Names: ZDExtort3 (Marc Harper, axelrod), unnamed in Press and Dyson (2012).
    """

    name = "ZD-Extort3"
    aliases = ("extort3", "Extort-3")
    params = (
        Param("phi", 3 / 26, "scale of the four-vector", number),
        Param("s", 1 / 3, "slope of the enforced payoff relation", number),
        Param("l", 1, "baseline payoff of the enforced relation", number),
    )
    reference = (
        "Press, W. H., & Dyson, F. J. (2012). Iterated Prisoner's Dilemma contains strategies "
        "that dominate any evolutionary opponent. PNAS 109(26)."
    )


@register
class ZDExtort4(LinearRelation):
    """Extortionate zero-determinant strategy with extortion factor 4 (s = 1/4, l = 1,
    phi = 4/17): with the default payoffs it never cooperates after being exploited or after
    mutual defection.

    Names: Extort 4 (Marc Harper, axelrod).
    """

    name = "ZD-Extort-4"
    aliases = ("extort4", "Extort-4")
    params = (
        Param("phi", 4 / 17, "scale of the four-vector", number),
        Param("s", 0.25, "slope of the enforced payoff relation", number),
        Param("l", 1, "baseline payoff of the enforced relation", number),
    )
    reference = "Axelrod library: original strategy by Marc Harper."


@register
class ZDGTFT2(LinearRelation):
    """Generous zero-determinant strategy with s = 1/2 and baseline l = R (phi = 1/4): always
    cooperates after CC and DC; four-vector (1, 1/8, 1, 1/4) with the default payoffs.

    Names: ZDGTFT-2 (Stewart and Plotkin 2012).
    """

    name = "ZD-GTFT-2"
    aliases = ("zdgtft2", "ZDGTFT-2")
    params = (
        Param("phi", 0.25, "scale of the four-vector", number),
        Param("s", 0.5, "slope of the enforced payoff relation", number),
    )
    reference = ZDExtort2.reference

    def baseline(self, game: Game) -> float:
        return game.R


@register
class ZDGen2(LinearRelation):
    """Generous zero-determinant strategy with s = 1/2 and baseline l = 3 (phi = 1/8):
    four-vector (1, 9/16, 1/2, 1/8) with the default payoffs.

    Names: GEN2 (Kuhn 2017).
    """

    name = "ZD-GEN-2"
    aliases = ("gen2", "GEN-2")
    params = (
        Param("phi", 1 / 8, "scale of the four-vector", number),
        Param("s", 0.5, "slope of the enforced payoff relation", number),
        Param("l", 3, "baseline payoff of the enforced relation", number),
    )
    reference = ZDExtort2v2.reference


@register
class ZDMischief(LinearRelation):
    """Zero-determinant strategy with slope s = 0 and baseline l = 1 (phi = 0.1): pins the
    opponent's long-run payoff to 1 whatever it does. Four-vector (0.8, 0.6, 0.1, 0).

    Names: ZDMischief (Roemheld 2013).
    """

    name = "ZD-Mischief"
    aliases = ("mischief", "zdmischief")
    params = (
        Param("phi", 0.1, "scale of the four-vector", number),
        Param("s", 0.0, "slope of the enforced payoff relation", number),
        Param("l", 1, "baseline payoff of the enforced relation", number),
    )
    reference = ZDExtortion.reference


@register
class ZDSet2(LinearRelation):
    """Equaliser zero-determinant strategy with slope s = 0 and baseline l = 2 (phi = 1/4):
    sets the opponent's long-run payoff to 2. Four-vector (3/4, 1/4, 1/2, 1/4).

    Names: SET2 (Kuhn 2017).
    """

    name = "ZD-SET-2"
    aliases = ("set2", "SET-2")
    params = (
        Param("phi", 1 / 4, "scale of the four-vector", number),
        Param("s", 0.0, "slope of the enforced payoff relation", number),
        Param("l", 2, "baseline payoff of the enforced relation", number),
    )
    reference = ZDExtort2v2.reference
