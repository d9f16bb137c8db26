"""Bob's entry: cooperate until betrayed twice, then never again."""

from strategies import PlainStrategy

author = "Bob"


class TwoStrikes(PlainStrategy):
    """Cooperates until the opponent has defected twice, then defects for ever."""

    name = "Two Strikes"

    def play(self, me: str, them: str) -> str:
        return "D" if them.count("D") >= 2 else "C"
