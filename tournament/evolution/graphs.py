"""Interaction and reproduction graphs: who plays whom, whose offspring may replace whom.

A graph is undirected and stored as sorted neighbour lists (CSR: ``indptr``, ``indices``), so
a lattice of 10,000 individuals costs 40,000 entries; the complete graph stores no edge at
all. Loops mean "may replace itself" in a reproduction graph. Built-ins: the complete graph,
the cycle and the square lattice on a torus (von Neumann neighbourhood). Text forms:
``"complete"``, ``"cycle"``, ``"lattice"`` (a square number of individuals) or
``"lattice:4x5"``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from tournament.errors import GraphError


@dataclass(frozen=True, eq=False)
class Graph:
    """A named undirected graph on ``size`` vertices: sorted neighbour lists, or ``complete``.

    ``indptr``/``indices`` hold vertex v's neighbours at ``indices[indptr[v]:indptr[v + 1]]``
    (ascending); a complete graph leaves them None and ``loops`` says whether every vertex is
    also its own neighbour.
    """

    name: str
    size: int
    indptr: np.ndarray | None = None
    indices: np.ndarray | None = None
    complete: bool = False
    loops: bool = False

    def __post_init__(self) -> None:
        _check_size(self.size)
        if not self.complete:
            for key in ("indptr", "indices"):
                array = np.asarray(getattr(self, key), dtype=np.int64)
                array.setflags(write=False)
                object.__setattr__(self, key, array)

    @classmethod
    def from_adjacency(cls, name: str, adjacency: np.ndarray) -> Graph:
        """From a square, symmetric boolean adjacency matrix."""
        adjacency = np.asarray(adjacency, dtype=bool)
        if adjacency.ndim != 2 or adjacency.shape[0] != adjacency.shape[1] or adjacency.shape[0] < 1:
            raise GraphError(f"graph {name!r}: the adjacency matrix must be square and non-empty")
        if not np.array_equal(adjacency, adjacency.T):
            raise GraphError(f"graph {name!r}: edges must go both ways (the matrix is not symmetric)")
        rows, cols = np.nonzero(adjacency)
        return cls.from_edges(name, adjacency.shape[0], rows, cols)

    @classmethod
    def from_edges(cls, name: str, size: int, heads: np.ndarray, tails: np.ndarray) -> Graph:
        """From directed pairs (head, tail); give both directions of an undirected edge."""
        heads = np.asarray(heads, dtype=np.int64)
        tails = np.asarray(tails, dtype=np.int64)
        order = np.lexsort((tails, heads))
        indptr = np.concatenate(([0], np.cumsum(np.bincount(heads, minlength=size))))
        return cls(name, size, indptr, tails[order])

    @property
    def degree(self) -> np.ndarray:
        """Number of neighbours of every vertex."""
        if self.complete:
            return np.full(self.size, self.size - 1 + self.loops, dtype=np.int64)
        return np.diff(self.indptr)

    @property
    def adjacency(self) -> np.ndarray:
        """The dense boolean adjacency matrix (for small graphs: size x size)."""
        if self.complete:
            matrix = np.ones((self.size, self.size), dtype=bool)
            if not self.loops:
                np.fill_diagonal(matrix, False)
            return matrix
        matrix = np.zeros((self.size, self.size), dtype=bool)
        matrix[np.repeat(np.arange(self.size), self.degree), self.indices] = True
        return matrix

    def with_loops(self) -> Graph:
        """The same graph where every vertex is also its own neighbour."""
        if self.complete:
            return Graph(f"{self.name} with loops", self.size, complete=True, loops=True)
        rows, cols = self._pairs()
        keep = rows != cols
        vertices = np.arange(self.size)
        return Graph.from_edges(
            f"{self.name.removesuffix(' with loops')} with loops",
            self.size,
            np.concatenate((rows[keep], vertices)),
            np.concatenate((cols[keep], vertices)),
        )

    def without_loops(self) -> Graph:
        """The same graph with no vertex its own neighbour."""
        name = self.name.removesuffix(" with loops")
        if self.complete:
            return Graph(name, self.size, complete=True)
        rows, cols = self._pairs()
        keep = rows != cols
        return Graph.from_edges(name, self.size, rows[keep], cols[keep])

    def _pairs(self) -> tuple[np.ndarray, np.ndarray]:
        return np.repeat(np.arange(self.size), self.degree), self.indices

    def edges(self) -> tuple[np.ndarray, np.ndarray]:
        """Endpoints ``(i, j)`` with ``i < j`` of every edge (loops left out), ordered by i then j."""
        if self.complete:
            return np.triu_indices(self.size, k=1)
        rows, cols = self._pairs()
        keep = rows < cols
        return rows[keep], cols[keep]

    @cached_property
    def neighbour_table(self) -> tuple[np.ndarray, np.ndarray]:
        """``(table, degree)``: ``table[v, :degree[v]]`` lists v's neighbours in order (a dense
        table: for small or sparse graphs)."""
        degree = self.degree
        table = np.zeros((self.size, max(1, int(degree.max()))), dtype=np.int64)
        if self.complete:
            vertices = np.arange(self.size)
            table[:, : self.size - 1 + self.loops] = (
                vertices[None, :]
                if self.loops
                else vertices[None, :-1] + (vertices[None, :-1] >= vertices[:, None])
            )
        else:
            rows, cols = self._pairs()
            slots = np.arange(rows.size) - np.repeat(self.indptr[:-1], degree)
            table[rows, slots] = cols
        table.setflags(write=False)
        degree.setflags(write=False)
        return table, degree

    def neighbour(self, vertex: np.ndarray, slot: np.ndarray) -> np.ndarray:
        """The ``slot``-th neighbour (in ascending order) of each ``vertex``."""
        if self.complete:
            return slot if self.loops else slot + (slot >= vertex)
        return self.indices[self.indptr[vertex] + slot]

    def is_connected(self) -> bool:
        """Whether every vertex can reach every other (loops ignored)."""
        if self.complete:
            return True
        reached = np.zeros(self.size, dtype=bool)
        reached[0] = True
        frontier = np.array([0])
        rows, cols = self._pairs()
        while frontier.size:
            touched = np.isin(rows, frontier)
            new = np.unique(cols[touched])
            frontier = new[~reached[new]]
            reached[frontier] = True
        return bool(reached.all())

    def check(self, size: int) -> None:
        """Raise :class:`GraphError` unless the graph has ``size`` vertices and is connected."""
        if self.size != size:
            raise GraphError(f"graph {self.name!r} has {self.size} vertices but the population has {size}")
        if not self.is_connected():
            raise GraphError(
                f"graph {self.name!r} is not connected: some individuals could never meet or replace others"
            )


def complete_graph(n: int, loops: bool = False) -> Graph:
    """Every individual next to every other (and to itself with ``loops``)."""
    return Graph("complete", n, complete=True, loops=loops)


def cycle_graph(n: int) -> Graph:
    """Individuals on a ring, each next to the one before and the one after."""
    _check_size(n)
    if n == 1:
        return Graph.from_edges("cycle", 1, np.zeros(0), np.zeros(0))
    i = np.arange(n)
    nxt = (i + 1) % n
    return _undirected("cycle", n, i, nxt)


def lattice_graph(rows: int, cols: int) -> Graph:
    """A rows x cols grid wrapped into a torus; each individual has its 4 nearest neighbours."""
    _check_size(rows)
    _check_size(cols)
    n = rows * cols
    r, c = np.divmod(np.arange(n), cols)
    heads, tails = [], []
    for dr, dc in ((0, 1), (1, 0)):
        heads.append(np.arange(n))
        tails.append(((r + dr) % rows) * cols + (c + dc) % cols)
    return _undirected(f"lattice {rows}x{cols}", n, np.concatenate(heads), np.concatenate(tails))


def _undirected(name: str, n: int, heads: np.ndarray, tails: np.ndarray) -> Graph:
    """The graph with an edge both ways for every (head, tail) pair, duplicates and loops dropped."""
    pairs = np.unique(
        np.stack((np.concatenate((heads, tails)), np.concatenate((tails, heads))), axis=1), axis=0
    )
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    return Graph.from_edges(name, n, pairs[:, 0], pairs[:, 1])


_LATTICE = re.compile(r"^lattice(?::(?P<rows>\d+)x(?P<cols>\d+))?$")
GRAPH_NAMES = ("complete", "cycle", "lattice", "lattice:RxC")


def parse_graph(text: str, size: int) -> Graph:
    """Build the graph named ``text`` for ``size`` individuals (see the module docstring)."""
    key = "".join(str(text).casefold().split())
    if key == "complete":
        return complete_graph(size)
    if key == "cycle":
        return cycle_graph(size)
    found = _LATTICE.match(key)
    if found is None:
        raise GraphError(f"unknown graph {text!r}; choose one of {', '.join(GRAPH_NAMES)}")
    if found["rows"] is None:
        side = math.isqrt(size)
        if side * side != size:
            raise GraphError(
                f"a square lattice needs a square number of individuals, got {size}; "
                "give the shape as lattice:RxC"
            )
        rows = cols = side
    else:
        rows, cols = int(found["rows"]), int(found["cols"])
        if rows * cols != size:
            raise GraphError(f"lattice {rows}x{cols} has {rows * cols} places but the population has {size}")
    return lattice_graph(rows, cols)


def _check_size(n: int) -> None:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise GraphError(f"a graph needs a whole number >= 1 of vertices, got {n!r}")
