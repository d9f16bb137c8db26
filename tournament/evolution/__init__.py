"""Evolutionary dynamics over populations of strategies, one idea per module.

``population`` (types and counts) and ``graphs`` (who meets whom) describe a population;
``payoffs`` plays the matches it needs through the batched engine; ``moran`` (with
``imitation``, the Fermi rule, and ``wright_fisher``), ``fixation``, ``ecological``,
``replicator`` and ``eliminate`` are the dynamics, ``mutation`` the atomic and matrix
mutation they share, ``stationary`` the small-mutation limit; pure functions over numpy
arrays where possible; ``records`` turns populations by generation into tables; ``settings``
and ``run`` declare and run the ``[evolution]`` section behind ``ipd evolve`` and
``ipd fixation``. Nothing heavy is imported here.
"""
