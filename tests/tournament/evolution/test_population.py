"""Populations from text and lists; graphs: built-ins, parsing and connectivity."""

from __future__ import annotations

import numpy as np
import pytest

from strategies.registry import create_all
from tournament.errors import GraphError, PopulationError
from tournament.evolution.graphs import complete_graph, cycle_graph, lattice_graph, parse_graph
from tournament.evolution.population import Population, counts_of


def test_parse_counts_and_merge_aliases():
    population = Population.parse("Tit For Tat:5, Defector : 3, Random(p=0.3):2, tft:1, Grudger")
    assert population.names == ["Tit For Tat", "Defector", "Random(p=0.3)", "Grudger"]
    assert population.counts == (6, 3, 2, 1)
    assert population.size == 12
    assert population.individuals().tolist() == [0] * 6 + [1] * 3 + [2] * 2 + [3]
    assert population.shares == pytest.approx([0.5, 0.25, 1 / 6, 1 / 12])
    assert str(population) == "Tit For Tat:6, Defector:3, Random(p=0.3):2, Grudger:1"


def test_from_players_keeps_first_appearance_order():
    population = Population.from_players(create_all(["Defector", "Tit For Tat", "Defector"]))
    assert population.names == ["Defector", "Tit For Tat"]
    assert population.counts == (2, 1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Tit For Tat:5, Nobody:3", "unknown strategy 'Nobody'"),
        ("Tit For Tat:-2", "whole number >= 0"),
        ("Tit For Tat:0", "no individuals"),
        (" , ", "no strategies"),
    ],
)
def test_bad_populations(text, message):
    with pytest.raises(PopulationError, match=message):
        Population.parse(text)


def test_population_that_does_not_add_up():
    with pytest.raises(
        PopulationError, match="does not add up: 5 Tit For Tat \\+ 3 Defector = 8, expected 10"
    ):
        Population.parse("Tit For Tat:5, Defector:3").check_size(10)


def test_counts_of_rows():
    assert counts_of(np.array([[0, 1, 1], [2, 2, 2]]), 3).tolist() == [[1, 2, 0], [0, 0, 3]]


def test_built_in_graphs():
    assert complete_graph(4).adjacency.sum() == 12
    assert complete_graph(4, loops=True).adjacency.sum() == 16
    cycle = cycle_graph(5)
    assert cycle.adjacency.sum(axis=1).tolist() == [2] * 5
    assert cycle.adjacency[0].nonzero()[0].tolist() == [1, 4]
    lattice = lattice_graph(3, 4)
    assert lattice.adjacency.sum(axis=1).tolist() == [4] * 12
    assert lattice.adjacency[0].nonzero()[0].tolist() == [1, 3, 4, 8]
    table, degree = lattice.with_loops().neighbour_table
    assert table[0, : degree[0]].tolist() == [0, 1, 3, 4, 8]
    assert all(g.is_connected() for g in (cycle, lattice, complete_graph(1)))


def test_parse_graph():
    assert parse_graph("Complete", 6).name == "complete"
    assert parse_graph("cycle", 6).name == "cycle"
    assert parse_graph("lattice", 9).name == "lattice 3x3"
    assert parse_graph("lattice:2x5", 10).name == "lattice 2x5"
    with pytest.raises(GraphError, match="square number of individuals, got 10"):
        parse_graph("lattice", 10)
    with pytest.raises(GraphError, match="lattice 3x3 has 9 places but the population has 10"):
        parse_graph("lattice:3x3", 10)
    with pytest.raises(GraphError, match="unknown graph 'star'"):
        parse_graph("star", 10)


def test_graph_checks():
    from tournament.evolution.graphs import Graph

    with pytest.raises(GraphError, match="not symmetric"):
        Graph.from_adjacency("one way", np.array([[False, True], [False, False]]))
    with pytest.raises(GraphError, match="not connected"):
        Graph.from_adjacency("apart", np.zeros((3, 3), dtype=bool)).check(3)
