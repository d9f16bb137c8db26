"""Who plays whom in a spatial tournament: an edge list checked once, or a generated network.

A spatial tournament (axelrod's ``Tournament(players, edges=...)``) plays only the pairs of its
edge list, each in every repetition. An edge is a pair of player numbers (input order, from 0).
Edges are kept with the smaller number first and sorted, so the rows of a spatial tournament
are the round robin's rows of those pairs, in the round robin's order: on the complete graph
every score, win and rank equals the round robin's to the last digit. As in axelrod an edge
(i, i) plays i against a clone of itself (it shows in the payoff matrix, never in the scores);
unlike axelrod, a pair listed twice is an error (both would be the same keyed match), and every
player needs at least one opponent.

The generators (networkx, seeded from the tournament seed, players numbered in input order):
``complete``; ``cycle``; ``lattice``, a grid on a torus where each player meets the four
around it (von Neumann neighbourhood; ``network_rows`` rows, a square by default);
``small-world`` (Watts-Strogatz: a ring where each player meets its ``network_k`` nearest, each
edge rewired with probability ``network_p``); ``scale-free`` (Barabási-Albert: each new player
attaches to ``network_m`` others, preferring the well connected). ``network_file`` reads an
edge list: one pair per line, player numbers or names, separated by whitespace or a comma.

This module imports neither numpy nor networkx at import time: the command line builds its
options from :data:`SETTINGS`.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from tournament.errors import SpecError
from tournament.fields import Choice, Field, FieldError, Integer, Probability, Setting, Text

Edges = tuple[tuple[int, int], ...]
NETWORKS = {
    "complete": "everyone meets everyone else",
    "cycle": "a ring: each player meets its two neighbours",
    "lattice": "a grid on a torus: each player meets the four around it",
    "small-world": "Watts-Strogatz: a ring of network_k neighbours, edges rewired with network_p",
    "scale-free": "Barabasi-Albert: each new player attaches to network_m others",
}
PARAMETERS = {
    "network_k": "small-world",
    "network_p": "small-world",
    "network_m": "scale-free",
    "network_rows": "lattice",
}
"""Each generator parameter and the one generator it applies to."""
SOURCES = ("edges", "network", "network_file")
"""The three ways to say who plays whom; a tournament takes at most one."""


class EdgeList(Field):
    """Pairs of player numbers: ``[[0, 1], [1, 2]]``, or on the command line ``"0-1, 1-2"``."""

    description = "a list of pairs of player numbers, e.g. [[0, 1], [1, 2]]"

    def convert(self, value: Any) -> Edges:
        if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
            raise self.fail(value)
        edges = []
        for pair in value:
            if isinstance(pair, (str, bytes)) or not isinstance(pair, Sequence) or len(pair) != 2:
                raise FieldError(f"every edge must be a pair of player numbers, got {pair!r}")
            if not all(_is_index(end) for end in pair):
                raise FieldError(f"an edge joins two player numbers (whole numbers >= 0), got {list(pair)!r}")
            edges.append((int(pair[0]), int(pair[1])))
        return tuple(edges)

    def from_text(self, text: str) -> Edges:
        pairs = []
        for part in text.replace(";", ",").split(","):
            if part.strip():
                ends = part.replace(":", "-").split("-")
                try:
                    pairs.append([int(end) for end in ends])
                except ValueError:
                    raise FieldError(
                        f"edges are pairs like 0-1, separated by commas; got {part.strip()!r}"
                    ) from None
        return self.convert(pairs)


def _is_index(value: Any) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool) and value >= 0


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "edges",
        EdgeList(),
        None,
        "Spatial tournament: only these pairs of players meet (numbers from 0, in player order), e.g. 0-1,1-2.",
        ("--edges",),
        ("network", "network_file"),
    ),
    Setting(
        "network",
        Choice(tuple(NETWORKS), NETWORKS),
        None,
        "Spatial tournament: only neighbours on this network meet (generated from the seed).",
        ("--network",),
        ("edges", "network_file"),
    ),
    Setting(
        "network_file",
        Text(),
        None,
        "Spatial tournament: only the pairs in this file meet (one pair per line, numbers or names).",
        ("--network-file",),
        ("edges", "network"),
    ),
    Setting(
        "network_k", Integer(2), 4, "small-world: neighbours on the ring before rewiring.", ("--network-k",)
    ),
    Setting("network_p", Probability(), 0.1, "small-world: chance each edge is rewired.", ("--network-p",)),
    Setting("network_m", Integer(1), 2, "scale-free: edges from each new player.", ("--network-m",)),
    Setting(
        "network_rows",
        Integer(1),
        None,
        "lattice: rows of the grid (default: a square).",
        ("--network-rows",),
    ),
)
"""The ``[players]`` settings of a spatial tournament (declared in :mod:`tournament.io.schema`)."""
KEYS = tuple(s.key for s in SETTINGS)


def check_edges(edges: Any, labels: Sequence[str]) -> Edges:
    """``edges`` (pairs of player numbers) checked against the players ``labels``: each pair
    with its smaller number first, sorted. Raises :class:`FieldError` (key ``edges``) for a
    number out of range, a pair listed twice, an empty list or a player without an opponent."""
    pairs = SETTINGS[0].convert(edges)
    n = len(labels)
    if not pairs:
        raise FieldError("the edge list is empty: list the pairs of players who meet", "edges")
    for a, b in pairs:
        if max(a, b) >= n:
            raise FieldError(
                f"edge {[a, b]} names player {max(a, b)}, but the players are numbered 0 to {n - 1}", "edges"
            )
    ordered = [(min(a, b), max(a, b)) for a, b in pairs]
    seen: set[tuple[int, int]] = set()
    for given, pair in zip(pairs, ordered):
        if pair in seen:
            raise FieldError(f"the pair {list(given)} ({_names(pair, labels)}) is listed twice", "edges")
        seen.add(pair)
    met = {end for a, b in ordered if a != b for end in (a, b)}
    alone = [i for i in range(n) if i not in met]
    if alone:
        who = ", ".join(f"{i} ({labels[i]})" for i in alone[:5]) + (" ..." if len(alone) > 5 else "")
        raise FieldError(f"every player needs an opponent; no edge joins {who} to another player", "edges")
    return tuple(sorted(ordered))


def _names(pair: tuple[int, int], labels: Sequence[str]) -> str:
    return f"{labels[pair[0]]} and {labels[pair[1]]}"


def resolve(
    given: Mapping[str, Any], labels: Sequence[str], seed: int, folder: Path | None = None
) -> tuple[Edges, str] | None:
    """The checked edges and a one-line description of the network ``given`` (keys of
    :data:`SETTINGS`; absent keys take their defaults), or None when none is given.

    ``network_file`` is read relative to ``folder`` when it is relative. Errors are
    :class:`FieldError` naming the key at fault.
    """
    values = {
        key: SETTINGS[KEYS.index(key)].convert(value) for key, value in given.items() if value is not None
    }
    sources = [key for key in SOURCES if key in values]
    if len(sources) > 1:
        raise FieldError(f"give only one of {', '.join(sources)}", sources[1])
    kind = values.get("network")
    for key in PARAMETERS:
        if key in values and kind != PARAMETERS[key]:
            raise FieldError(f"only applies to network = {PARAMETERS[key]!r}", key)
    if not sources:
        return None
    if "edges" in values:
        return check_edges(values["edges"], labels), "the given edges"
    if "network_file" in values:
        path = Path(values["network_file"]).expanduser()
        path = folder / path if folder is not None and not path.is_absolute() else path
        return check_edges(read_edges(path, labels), labels), f"the edges of {path.name}"
    params = {key: values.get(key, SETTINGS[KEYS.index(key)].default) for key in PARAMETERS}
    edges, described = generate(kind, len(labels), seed, **params)
    return check_edges(edges, labels), described


def read_edges(path: Path, labels: Sequence[str]) -> list[tuple[int, int]]:
    """The pairs of an edge-list file: one per line, two player numbers or names separated by
    whitespace or a comma; blank lines and ``#`` comments skipped."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FieldError(f"no such file: {path}", "network_file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise FieldError(f"cannot read {path}: {error}", "network_file") from None
    numbers_of: dict[str, int] = {}
    for i, label in enumerate(labels):
        numbers_of.setdefault(label.casefold(), i)
    pairs = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        ends = [e.strip() for e in line.split(",")] if "," in line else line.split()
        if len(ends) != 2:
            raise FieldError(f"{path.name} line {number}: expected two players, got {line!r}", "network_file")
        pairs.append(tuple(_player(end, numbers_of, path.name, number) for end in ends))
    return pairs


def _player(end: str, numbers_of: dict[str, int], name: str, line: int) -> int:
    if end.isdigit():
        return int(end)
    if end.casefold() in numbers_of:
        return numbers_of[end.casefold()]
    raise FieldError(
        f"{name} line {line}: {end!r} is neither a player number nor a player's name", "network_file"
    )


def generate(
    kind: str,
    n: int,
    seed: int,
    *,
    network_k: int,
    network_p: float,
    network_m: int,
    network_rows: int | None,
) -> tuple[list[tuple[int, int]], str]:
    """The edges of the generator ``kind`` on ``n`` players (numbered in input order) and its
    description; random generators draw from ``seed``. Loops and repeated pairs are dropped."""
    import networkx as nx

    if n < 2:
        raise FieldError(f"a network needs at least 2 players, got {n}", "network")
    if kind == "complete":
        graph, described = nx.complete_graph(n), "complete"
    elif kind == "cycle":
        graph, described = nx.cycle_graph(n), "cycle"
    elif kind == "lattice":
        rows = network_rows if network_rows is not None else math.isqrt(n)
        if network_rows is None and rows * rows != n:
            raise FieldError(
                f"a square lattice needs a square number of players, got {n}: give network_rows", "network"
            )
        if n % rows:
            raise FieldError(f"must divide the number of players ({n}), got {rows}", "network_rows")
        graph = nx.grid_2d_graph(rows, n // rows, periodic=True)
        graph = nx.convert_node_labels_to_integers(graph, ordering="sorted")
        described = f"lattice {rows}x{n // rows} (torus)"
    elif kind == "small-world":
        if network_k >= n or network_k % 2:
            raise FieldError(
                f"must be even and less than the number of players ({n}), got {network_k}", "network_k"
            )
        graph = nx.watts_strogatz_graph(n, network_k, network_p, seed=seed)
        described = f"small-world (k={network_k}, p={network_p:g})"
    elif kind == "scale-free":
        if network_m >= n:
            raise FieldError(f"must be less than the number of players ({n}), got {network_m}", "network_m")
        graph = nx.barabasi_albert_graph(n, network_m, seed=seed)
        described = f"scale-free (m={network_m})"
    else:
        raise SpecError(f"unknown network {kind!r}")
    edges = sorted({(min(a, b), max(a, b)) for a, b in graph.edges() if a != b})
    return edges, f"{described}, {len(edges)} edges"
