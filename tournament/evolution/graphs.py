"""Interaction and reproduction graphs: who plays whom, whose offspring may replace whom.

A graph is a boolean adjacency matrix over individuals (undirected; loops allowed, they
mean "may replace itself" in a reproduction graph). Built-ins: the complete graph, the
cycle and the square lattice on a torus (von Neumann neighbourhood). Text forms:
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


@dataclass(frozen=True)
class Graph:
    """A named undirected graph given by its boolean adjacency matrix."""

    name: str
    adjacency: np.ndarray

    def __post_init__(self) -> None:
        adjacency = np.asarray(self.adjacency, dtype=bool)
        if adjacency.ndim != 2 or adjacency.shape[0] != adjacency.shape[1] or adjacency.shape[0] < 1:
            raise GraphError(f"graph {self.name!r}: the adjacency matrix must be square and non-empty")
        if not np.array_equal(adjacency, adjacency.T):
            raise GraphError(f"graph {self.name!r}: edges must go both ways (the matrix is not symmetric)")
        adjacency.setflags(write=False)
        object.__setattr__(self, "adjacency", adjacency)

    @property
    def size(self) -> int:
        """Number of vertices."""
        return self.adjacency.shape[0]

    def with_loops(self) -> Graph:
        """The same graph where every vertex is also its own neighbour."""
        return Graph(f"{self.name} with loops", self.adjacency | np.eye(self.size, dtype=bool))

    def without_loops(self) -> Graph:
        """The same graph with no vertex its own neighbour."""
        return Graph(self.name.removesuffix(" with loops"), self.adjacency & ~np.eye(self.size, dtype=bool))

    def edges(self) -> tuple[np.ndarray, np.ndarray]:
        """Endpoints ``(i, j)`` with ``i < j`` of every edge (loops left out)."""
        return np.nonzero(np.triu(self.adjacency, k=1))

    @cached_property
    def neighbour_table(self) -> tuple[np.ndarray, np.ndarray]:
        """``(table, degree)``: ``table[v, :degree[v]]`` lists v's neighbours in order."""
        degree = self.adjacency.sum(axis=1)
        table = np.zeros((self.size, max(1, int(degree.max()))), dtype=np.int64)
        rows, cols = np.nonzero(self.adjacency)
        slots = np.arange(rows.size) - np.repeat(np.cumsum(degree) - degree, degree)
        table[rows, slots] = cols
        table.setflags(write=False)
        degree.setflags(write=False)
        return table, degree

    def is_connected(self) -> bool:
        """Whether every vertex can reach every other (loops ignored)."""
        reached = np.zeros(self.size, dtype=bool)
        reached[0] = True
        frontier = reached.copy()
        while frontier.any():
            frontier = self.adjacency[frontier].any(axis=0) & ~reached
            reached |= frontier
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
    _check_size(n)
    adjacency = np.ones((n, n), dtype=bool)
    if not loops:
        np.fill_diagonal(adjacency, False)
    return Graph("complete", adjacency)


def cycle_graph(n: int) -> Graph:
    """Individuals on a ring, each next to the one before and the one after."""
    _check_size(n)
    adjacency = np.zeros((n, n), dtype=bool)
    if n > 1:
        i = np.arange(n)
        adjacency[i, (i + 1) % n] = True
        adjacency[(i + 1) % n, i] = True
    return Graph("cycle", adjacency)


def lattice_graph(rows: int, cols: int) -> Graph:
    """A rows x cols grid wrapped into a torus; each individual has its 4 nearest neighbours."""
    _check_size(rows)
    _check_size(cols)
    n = rows * cols
    adjacency = np.zeros((n, n), dtype=bool)
    r, c = np.divmod(np.arange(n), cols)
    for dr, dc in ((0, 1), (1, 0)):
        other = ((r + dr) % rows) * cols + (c + dc) % cols
        adjacency[np.arange(n), other] = True
        adjacency[other, np.arange(n)] = True
    np.fill_diagonal(adjacency, False)
    return Graph(f"lattice {rows}x{cols}", adjacency)


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
