"""The new dynamics from a config and from ``ipd evolve``: fermi, wright-fisher, stationary,
mutation matrices; their errors are one readable line."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

from tournament.cli.app import main
from tournament.errors import ConfigError
from tournament.evolution.run import run_evolution
from tournament.io.evolution_config import evolution_toml, parse_evolution_text

PLAYERS = """
[tournament]
seed = 4
[match]
turns = 20
[players]
strategies = [{name = "Tit For Tat", count = 4}, {name = "Defector", count = 3}, {name = "Win-Stay Lose-Shift", count = 3}]
"""


def config(evolution: str):
    return parse_evolution_text(PLAYERS + "[evolution]\n" + evolution)


def test_a_mutation_matrix_in_moran_replays_from_its_resolved_config():
    first = config(
        'dynamics = "moran"\ngenerations = 50\nmutation_matrix = [[0.9, 0.05, 0.05], [0, 1, 0], [0, 0.5, 0.5]]'
    )
    assert first.evolution.moran.mutation_matrix[2] == (0.0, 0.5, 0.5)
    again = parse_evolution_text(evolution_toml(first))
    assert again.evolution == first.evolution
    assert run_evolution(first.evolution).population.equals(run_evolution(again.evolution).population)


@pytest.mark.parametrize(
    "evolution",
    [
        'dynamics = "fermi"\nbeta = 2.0\ngenerations = 100\nmutation = 0.05\ngraph = "cycle"',
        'dynamics = "wright-fisher"\nintensity = 0.5\ngenerations = 30\nmutation = 0.01',
        'dynamics = "eliminate"\neliminate = 2\ngenerations = 10\nmutation_matrix = [[0.8, 0.1, 0.1], [0, 1, 0], [0, 0, 1]]',
        'dynamics = "replicator"\ngenerations = 10\nmutation_matrix = [[0.8, 0.1, 0.1], [0, 1, 0], [0, 0, 1]]',
        'dynamics = "stationary"\nsize = 40\nbeta = 0.5\nexact_payoffs = true',
        'dynamics = "stationary"\nprocess = "moran"\nmode = "db"\nintensity = 0.2',
    ],
)
def test_every_new_dynamics_runs_from_a_config_and_replays(evolution):
    first = config(evolution)
    result = run_evolution(first.evolution)
    again = run_evolution(parse_evolution_text(evolution_toml(first)).evolution)
    assert result.population.equals(again.population)
    assert result.final["share"].sum() == pytest.approx(1.0)


def test_stationary_uses_the_size_and_exact_payoffs():
    exact = run_evolution(config('dynamics = "stationary"\nsize = 40\nexact_payoffs = true').evolution)
    played = run_evolution(config('dynamics = "stationary"\nsize = 40').evolution)
    assert exact.stationary.size == 40
    # deterministic players: the played table is the exact one
    assert np.allclose(exact.stationary.distribution, played.stationary.distribution, atol=1e-12, rtol=0)


@pytest.mark.parametrize(
    "evolution, problem",
    [
        (
            'dynamics = "moran"\ngenerations = 5\nmutation_matrix = [[1, 0], [0, 1]]',
            "2x2 but there are 3 types",
        ),
        (
            'dynamics = "moran"\ngenerations = 5\nmutation_matrix = [[0.5, 0.4, 0], [0, 1, 0], [0, 0, 1]]',
            "rows must sum to 1",
        ),
        (
            'dynamics = "moran"\ngenerations = 5\nmutation = 0.1\nmutation_matrix = [[1, 0, 0], [0, 1, 0], [0, 0, 1]]',
            "not both",
        ),
        ('dynamics = "fermi"\nmutation = 0.1', "generations: required with mutation"),
        ('dynamics = "fermi"\nbeta = -1', r"beta: must be a number >= 0"),
        ('dynamics = "stationary"\ngenerations = 5', "not used by the stationary dynamics"),
        ('dynamics = "stationary"\nprocess = "wright"', r"process: must be one of"),
        ('dynamics = "wright-fisher"\ngraph = "cycle"', "not used by the wright-fisher dynamics"),
    ],
)
def test_config_errors_name_the_field(evolution, problem):
    with pytest.raises(ConfigError, match=problem):
        config(evolution)


def test_stationary_with_a_non_chain_strategy_and_exact_payoffs_is_one_error_line():
    result = CliRunner().invoke(
        main,
        [
            "evolve",
            "--population",
            "tft,First by Tullock",
            "--dynamics",
            "stationary",
            "--exact-payoffs",
            "-q",
        ],
    )
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1].startswith("Error: First by Tullock is neither")


def test_evolve_stationary_from_the_command_line(tmp_path):
    out = tmp_path / "sml"
    args = ["evolve", "--population", "tft,alld,wsls,Grudger", "--dynamics", "stationary", "-N", "30"]
    result = CliRunner().invoke(main, [*args, "--beta", "0.5", "--seed", "1", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "spends" in result.output and "Invades" in result.output
    assert (out / "invasion.png").stat().st_size > 1000
    rho = (out / "fixation_matrix.csv").read_text().splitlines()
    assert rho[0].startswith("resident,Tit For Tat")
    summary = json.loads(
        CliRunner().invoke(main, [*args, "--seed", "1", "--json", "--out", str(tmp_path / "j")]).output
    )
    assert summary["dynamics"] == "stationary" and summary["settings"]["size"] == 30
    assert sum(summary["outcome"]["stationary"].values()) == pytest.approx(1.0)


def test_evolve_fermi_and_a_mutation_matrix_from_the_command_line(tmp_path):
    args = ["evolve", "--population", "tft:3,alld:3", "--dynamics", "fermi", "-g", "40", "--beta", "1"]
    result = CliRunner().invoke(
        main, [*args, "--mutation-matrix", "0.9,0.1;0.1,0.9", "--out", str(tmp_path / "f")]
    )
    assert result.exit_code == 0, result.output
    assert "mutation matrix" in result.output
    bad = CliRunner().invoke(
        main, [*args, "--mutation-matrix", "0.9,0.2;0.1,0.9", "--out", str(tmp_path / "g")]
    )
    assert bad.exit_code == 2 and "rows must sum to 1" in bad.output
