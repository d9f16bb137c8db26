"""The budgets of a sandboxed strategy (the ``[sandbox]`` section) as one object."""

from __future__ import annotations

from dataclasses import dataclass

from tournament.settings import SANDBOX


@dataclass(frozen=True)
class SandboxLimits:
    """Budgets of a sandboxed strategy and the rule applied when it breaks them."""

    move_seconds: float = SANDBOX["move_seconds"].default
    """Longest time one move may take."""
    match_seconds: float = SANDBOX["match_seconds"].default
    """Total thinking time of a strategy in one match."""
    memory_mb: int = SANDBOX["memory_mb"].default
    """Memory a worker may allocate beyond its start-up size."""
    load_seconds: float = SANDBOX["load_seconds"].default
    """Longest time loading a file (running its top level) may take."""
    on_failure: str = SANDBOX["on_failure"].default
    """``"forfeit"`` or ``"cooperate"`` (see :mod:`strategies.user.sandbox.parent`)."""

    def __post_init__(self) -> None:
        for setting in SANDBOX.settings:
            object.__setattr__(self, setting.key, setting.convert(getattr(self, setting.key)))

    def watchdog(self, loading: bool = False) -> float:
        """Seconds the parent waits for one call (a move, or loading a file) before it
        declares the worker hung, kills it and replaces it."""
        return 2 * (self.load_seconds if loading else self.move_seconds) + 0.5
