"""Learning agents: exact values and gradients of memory-one policies, learning experiments,
knowledge carried across repetitions, and training strategies by evolution.

Two layers live here. ``markov`` and ``gradients`` are pure numpy (no engine, no strategy):
the learner strategies of :mod:`strategies.families.learners` use them, so they sit below the
strategy library, beside :mod:`tournament.settings`. ``exact``, ``carry``, ``curves``,
``training`` and ``settings`` build experiments on the engine and the strategies; the command
``ipd learn`` (:mod:`tournament.cli.learn`) runs them and :mod:`tournament.io.learn_storage`
writes their results. Nothing is imported here, so ``import tournament`` stays cheap.
"""
