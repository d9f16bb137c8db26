"""Compiled steps of the strategies (numba): one module per family file of ``strategies/families``.

A strategy (or family kernel) whose ``compiled(view)`` returns a
:class:`tournament.core.jit.Compiled` can be played by the compiled player
(:mod:`tournament.core.compiled_play`); its step lives here, in the module named after the
strategy's family file, and is imported only inside ``compiled``, so importing a strategy never
loads numba. Each step plays exactly what the strategy's ``move`` plays, draws included; the
tests in ``tests/strategies/compiled`` play both and compare every move.
"""
