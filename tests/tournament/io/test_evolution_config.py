"""Evolution configs: the [evolution] section, the shipped configs and command-line overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from tournament.errors import ConfigError
from tournament.io.evolution_config import load_evolution_config, parse_evolution_text

CONFIGS = Path(__file__).resolve().parents[3] / "configs"
BASE = """
[tournament]
seed = 3
[match]
turns = 20
[players]
strategies = [{ name = "Tit For Tat", count = 4 }, { name = "Defector", count = 4 }]
"""


def test_shipped_trust_config_is_the_chapter():
    config = load_evolution_config(CONFIGS / "trust_evolution.toml")
    evolution = config.evolution
    assert evolution.dynamics == "eliminate" and evolution.eliminate == 5
    assert evolution.population.names == ["Cooperator", "Defector", "Tit For Tat"]
    assert evolution.population.counts == (15, 5, 5)
    settings = config.run.spec.settings
    assert evolution.settings == settings
    assert (settings.turns, settings.noise) == (10, 0.0)
    assert (settings.game.T, settings.game.R, settings.game.P, settings.game.S) == (3, 2, 0, -1)
    noisy = load_evolution_config(CONFIGS / "trust_evolution_noisy.toml")
    assert noisy.run.spec.settings.noise == 0.05
    assert noisy.evolution.population == evolution.population


def test_overrides_and_defaults():
    config = load_evolution_config(
        None, {"population": "tft:3, alld:2", "seed": 4, "mutation": 0.1, "generations": 7}
    )
    evolution = config.evolution
    assert evolution.dynamics == "moran" and evolution.seed == 4 and evolution.generations == 7
    assert evolution.moran.mutation == 0.1
    assert config.run.spec.settings.turns == 200
    replicator = parse_evolution_text(BASE + '[evolution]\ndynamics = "replicator"\nmutation = 0.01')
    assert replicator.evolution.generations == 100 and replicator.evolution.moran.mutation == 0.01


def test_the_evolution_carries_the_tournament_part():
    config = parse_evolution_text(BASE.replace("seed = 3", 'seed = 3\nname = "Trust"\nrepetitions = 3'))
    evolution = config.evolution
    assert (evolution.name, evolution.seed, evolution.repetitions) == ("Trust", 3, 3)
    assert evolution.settings == config.run.spec.settings


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ("dynamics = 'evolve'", r"\[evolution\] dynamics: must be one of 'moran', 'ecological'"),
        ("mutation = 1.5", r"\[evolution\] mutation: must be a number from 0 to 1, got 1.5"),
        ("size = 10", r"\[evolution\] size: the population does not add up: 4 Tit For Tat \+ 4 Defector = 8"),
        ("graph = 'lattice:3x3'", r"\[evolution\] graph: lattice 3x3 has 9 places but the population has 8"),
        ("mutation = 0.1", r"\[evolution\] generations: required with mutation"),
        ("dynamics = 'eliminate'\neliminate = 5", r"cannot eliminate 5 and clone 5 in a population of 8"),
        (
            "dynamics = 'ecological'\nmode = 'db'",
            r"\[evolution\] mode: is not used by the ecological dynamics",
        ),
        ("mutatoin = 0.1", r"unknown key 'mutatoin'; did you mean 'mutation'\?"),
        ("mode = 'xy'", r"\[evolution\] mode: must be one of 'bd' \(birth-death\), 'db' \(death-birth\)"),
    ],
)
def test_bad_evolution_sections(section, message):
    with pytest.raises(ConfigError, match=message):
        parse_evolution_text(BASE + "[evolution]\n" + section, "test.toml")


def test_bad_overrides_name_the_option():
    with pytest.raises(ConfigError, match="--population: unknown strategy 'Nobody'"):
        load_evolution_config(None, {"population": "Nobody:3"})
    with pytest.raises(ConfigError, match="--mutation: must be a number from 0 to 1"):
        load_evolution_config(None, {"population": "tft:3, alld:3", "mutation": 2.0})
    with pytest.raises(ConfigError, match="give a config file or a population"):
        load_evolution_config(None, {})


def test_switching_dynamics_on_the_command_line_drops_the_files_other_keys():
    config = load_evolution_config(CONFIGS / "trust_evolution.toml", {"dynamics": "moran", "intensity": 0.1})
    assert config.evolution.dynamics == "moran" and config.evolution.moran.intensity == 0.1
