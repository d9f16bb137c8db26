"""The learning math stays pure: the strategy library may use ``markov`` and ``gradients``
only because they import nothing of the project but each other (no engine, no strategy)."""

from __future__ import annotations

from tests.test_architecture import import_graph

PURE = ("tournament.learning.markov", "tournament.learning.gradients")


def test_the_math_the_strategies_use_imports_nothing_above_it():
    graph = import_graph()
    for module in PURE:
        assert graph[module] <= set(PURE), (module, graph[module])
    learners = graph["strategies.families.learners"]
    assert {t for t in learners if t.startswith("tournament.learning")} <= set(PURE)
