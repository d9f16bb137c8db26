"""Evolutionary dynamics over populations of strategies, one idea per module.

``population`` (types and counts) and ``graphs`` (who meets whom) describe a population;
``payoffs`` plays the matches it needs through the batched engine; ``moran``, ``fixation``,
``ecological``, ``replicator`` and ``eliminate`` are the dynamics, pure functions over numpy
arrays where possible; ``records`` turns populations by generation into tables and plots;
``config``, ``run`` and ``cli`` read ``[evolution]`` configs, run them and expose the
``ipd evolve`` and ``ipd fixation`` commands. Nothing heavy is imported here.
"""
