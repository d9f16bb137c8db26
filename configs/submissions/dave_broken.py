"""Dave's entry, with a bug: it reads the opponent's last move before there is one."""

from strategies import plain_strategy

author = "Dave"


@plain_strategy("Echo")
def echo(me: str, them: str) -> str:
    """Repeat the opponent's last move (but forgets the first turn)."""
    return them[-1]
