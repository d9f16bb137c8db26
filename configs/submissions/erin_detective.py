"""Erin's entry: the Detective of The Evolution of Trust."""

from strategies import PlainStrategy

author = "Erin"


class Detective(PlainStrategy):
    """Plays C, D, C, C; then copies the opponent if it ever defected back, else exploits it."""

    name = "Detective"

    def play(self, me: str, them: str) -> str:
        if len(me) < 4:
            return "CDCC"[len(me)]
        if "D" in them[:4]:
            return them[-1]
        return "D"
