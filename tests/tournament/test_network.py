"""Who plays whom: edge lists checked with one readable error, the generators, edge-list files,
and the [players] settings of a config and the command line."""

from __future__ import annotations

from collections import Counter

import networkx as nx
import pytest

from tournament import TournamentSpec
from tournament.errors import ConfigError, SpecError
from tournament.fields import FieldError
from tournament.io.config import load_config, parse_config_text, to_toml
from tournament.network import check_edges, generate, read_edges, resolve

LABELS = [f"P{i}" for i in range(16)]
DEFAULTS = {"network_k": 4, "network_p": 0.1, "network_m": 2, "network_rows": None}


def degrees(edges) -> Counter:
    return Counter(end for a, b in edges if a != b for end in (a, b))


def test_edges_are_ordered_and_sorted():
    assert check_edges([[2, 1], [0, 2], [1, 0]], LABELS[:3]) == ((0, 1), (0, 2), (1, 2))


@pytest.mark.parametrize(
    ("edges", "problem"),
    [
        ([], "the edge list is empty"),
        ([[0, 1], [1, 3]], "names player 3, but the players are numbered 0 to 2"),
        ([[0, 1], [1, 2], [2, 1]], "the pair [2, 1] (P1 and P2) is listed twice"),
        ([[0, 1], [2, 2]], "no edge joins 2 (P2) to another player"),
        ([[0, 1, 2]], "every edge must be a pair of player numbers"),
        ([[0, -1]], "whole numbers >= 0"),
        ("0-1", "a list of pairs of player numbers"),
    ],
)
def test_bad_edges_say_what_is_wrong(edges, problem):
    with pytest.raises(FieldError, match="edges") as error:
        check_edges(edges, LABELS[:3])
    assert problem in str(error.value)


def test_a_self_loop_is_allowed_as_in_axelrod():
    assert check_edges([[0, 0], [0, 1]], LABELS[:2]) == ((0, 0), (0, 1))


def test_generators_have_their_shape():
    assert degrees(generate("cycle", 9, 0, **DEFAULTS)[0]) == dict.fromkeys(range(9), 2)
    lattice, described = generate("lattice", 16, 0, **DEFAULTS)
    assert described == "lattice 4x4 (torus), 32 edges"
    assert degrees(lattice) == dict.fromkeys(range(16), 4)
    assert (0, 1) in lattice and (0, 4) in lattice and (0, 3) in lattice and (0, 12) in lattice
    assert len(generate("complete", 6, 0, **DEFAULTS)[0]) == 15
    scale_free, _ = generate("scale-free", 30, 3, **{**DEFAULTS, "network_m": 2})
    assert len(scale_free) == 2 * (30 - 2)  # Barabasi-Albert: m edges per player after the first m
    small, _ = generate("small-world", 20, 5, **DEFAULTS)
    assert len(small) == 20 * 4 // 2  # rewiring keeps the number of edges


def test_random_generators_follow_the_seed():
    again = generate("small-world", 30, 5, **{**DEFAULTS, "network_p": 0.5})[0]
    assert again == generate("small-world", 30, 5, **{**DEFAULTS, "network_p": 0.5})[0]
    assert again != generate("small-world", 30, 6, **{**DEFAULTS, "network_p": 0.5})[0]
    expected = nx.watts_strogatz_graph(30, 4, 0.5, seed=5)
    assert again == sorted((min(a, b), max(a, b)) for a, b in expected.edges())


@pytest.mark.parametrize(
    ("given", "key", "problem"),
    [
        ({"network": "lattice"}, "network", "a square lattice needs a square number of players, got 15"),
        ({"network": "lattice", "network_rows": 4}, "network_rows", "must divide the number of players (15)"),
        ({"network": "small-world", "network_k": 3}, "network_k", "must be even"),
        ({"network": "small-world", "network_k": 16}, "network_k", "less than the number of players"),
        ({"network": "scale-free", "network_m": 15}, "network_m", "less than the number of players"),
        ({"network": "cycle", "network_m": 2}, "network_m", "only applies to network = 'scale-free'"),
        ({"network": "ring"}, "network", "must be one of 'complete'"),
        ({"network": "cycle", "edges": [[0, 1]]}, "network", "give only one of edges, network"),
    ],
)
def test_bad_networks_name_the_setting(given, key, problem):
    with pytest.raises(FieldError) as error:
        resolve(given, LABELS[:15], 1)
    assert error.value.key == key and problem in error.value.problem


def test_edge_files_take_numbers_or_names(tmp_path):
    path = tmp_path / "edges.txt"
    path.write_text("# who meets whom\nP0 P1\n1, 2\n\np2\tP0  # names ignore case\n")
    assert read_edges(path, LABELS[:3]) == [(0, 1), (1, 2), (2, 0)]
    path.write_text("P0 P1 P2\n")
    with pytest.raises(FieldError, match="line 1: expected two players"):
        read_edges(path, LABELS[:3])
    path.write_text("P0 Nobody\n")
    with pytest.raises(FieldError, match="'Nobody' is neither a player number nor a player's name"):
        read_edges(path, LABELS[:3])
    with pytest.raises(FieldError, match="no such file"):
        read_edges(tmp_path / "missing.txt", LABELS)


def test_the_spec_checks_its_edges():
    spec = TournamentSpec.build(["Cooperator", "Defector", "Grudger"], turns=5, network="cycle")
    assert spec.edges == ((0, 1), (0, 2), (1, 2)) and spec.network == "cycle, 3 edges"
    with pytest.raises(SpecError, match="listed twice"):
        TournamentSpec(spec.players, edges=((0, 1), (1, 0), (1, 2)))
    assert TournamentSpec.build(["Cooperator", "Defector"], turns=5).edges is None


CONFIG = """
[tournament]
seed = 3
[match]
turns = 10
[players]
strategies = ["Cooperator", "Defector", "Tit For Tat", "Grudger"]
"""


def test_a_config_reads_edges_networks_and_files(tmp_path):
    config = parse_config_text(CONFIG + "edges = [[0, 1], [1, 2], [2, 3]]")
    assert config.spec.edges == ((0, 1), (1, 2), (2, 3))
    assert "edges = [[0, 1], [1, 2], [2, 3]]" in to_toml(config)  # the resolved config replays it
    (tmp_path / "net.txt").write_text("Cooperator Defector\nTit For Tat,Grudger\nDefector Grudger\n")
    (tmp_path / "run.toml").write_text(CONFIG + 'network_file = "net.txt"\n')
    assert load_config(tmp_path / "run.toml").spec.edges == ((0, 1), (1, 3), (2, 3))
    over = load_config(tmp_path / "run.toml", {"network": "cycle"}).spec
    assert over.edges == ((0, 1), (0, 3), (1, 2), (2, 3)) and over.network == "cycle, 4 edges"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('network = "ring"', "<config>: [players] network: must be one of"),
        ("edges = [[0, 1], [1, 7]]", "<config>: [players] edges: edge [1, 7] names player 7"),
        ('network_file = "nowhere.txt"', "<config>: [players] network_file: no such file: nowhere.txt"),
        ('network = "cycle"\nnetwork_k = 2', "<config>: [players] network_k: only applies to"),
    ],
)
def test_config_errors_name_the_file_and_key(extra, message):
    with pytest.raises(ConfigError) as error:
        parse_config_text(CONFIG + extra)
    assert str(error.value).startswith(message)
