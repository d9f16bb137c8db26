"""Alice's entries: a copycat and a forgiving copycat."""

from strategies import Classifier, PlainStrategy, plain_strategy

author = "Alice"


@plain_strategy("Copycat")
def copycat(me: str, them: str) -> str:
    """Cooperate first, then copy the opponent's last move."""
    return them[-1] if them else "C"


class ForgivingCopycat(PlainStrategy):
    """Copies the opponent, but forgives a defection one time in three."""

    name = "Forgiving Copycat"
    classifier = Classifier(memory_depth=1, stochastic=True)

    def play(self, me: str, them: str) -> str:
        if not them or them[-1] == "C":
            return "C"
        return "C" if self.random() < 1 / 3 else "D"
