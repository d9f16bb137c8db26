"""Training by evolution: genomes become declarative strategies that play on the family
kernels, fitness by hand, elitism, reproducibility, and saved winners that play as trained."""

from __future__ import annotations

import numpy as np
import pytest

from strategies.registry import create_all
from strategies.user.declarative import from_table, load_declaration
from tournament.io.learn_storage import save_strategies
from tournament.learning.training import (
    Representation,
    Training,
    fitness,
    random_genomes,
    representation,
    train,
)
from tournament.match import play_match
from tournament.settings import MatchSettings

DETERMINISTIC_PANEL = (
    "Tit For Tat",
    "Defector",
    "Cooperator",
    "Grudger",
    "Alternator",
    "Suspicious Tit For Tat",
)


def training(kind: str, **settings) -> Training:
    shape = representation(kind, states=3, memory=2, depths=(1, 1, 1))
    panel = tuple(create_all(DETERMINISTIC_PANEL))
    return Training(
        shape, panel, MatchSettings(turns=30), **{"seed": 5, "population": 12, "generations": 6, **settings}
    )


def test_fitness_by_hand():
    defector = {
        "name": "d",
        "type": "fsm",
        "start": "s1",
        "states": {"s1": {"move": "D", "C": "s1", "D": "s1"}},
    }
    tft = {"name": "t", "type": "lookup", "depths": [0, 1, 0], "pattern": "CD", "initial_actions": ""}
    setup = Training(
        Representation("fsm", 1), tuple(create_all(["Cooperator", "Tit For Tat"])), MatchSettings(turns=10)
    )
    scores = fitness(setup, [from_table(defector, "me"), from_table(tft, "me")], 0)
    # Defector: 5 per turn against Cooperator, (5 + 9 * 1) / 10 against Tit For Tat
    assert scores == pytest.approx([(5 + 1.4) / 2, 3.0])


@pytest.mark.parametrize("kind", ["fsm", "lookup", "memory_n", "memory_one"])
def test_every_genome_is_a_playable_declarative_strategy(kind):
    shape = representation(kind, states=4, memory=2, depths=(1, 2, 1))
    genomes = random_genomes(shape.cardinalities, 5, np.random.default_rng(0))
    for genome in genomes:
        player = from_table(shape.table(genome, "x"), "me")
        assert len(play_match(player, "Tit For Tat", turns=8, seed=1).moves_a) == 8


@pytest.mark.parametrize("kind", ["fsm", "memory_n"])
def test_the_best_never_gets_worse_against_a_deterministic_panel_and_runs_replay(kind):
    run = train(training(kind))
    best = run.curves["best"].to_numpy()
    assert (np.diff(best) >= 0).all() and best[-1] > run.curves["mean"].iloc[0]
    again = train(training(kind))
    assert again.curves.equals(run.curves) and again.winners == run.winners


def test_saved_winners_load_and_play_as_trained(tmp_path):
    run = train(training("fsm", keep=2))
    assert [w["author"] for w in run.winners] == ["trained-1", "trained-2"]
    paths = save_strategies(run.winners, tmp_path)
    for table, path in zip(run.winners, paths):
        loaded = load_declaration(path)
        trained = from_table(table, "trained")
        for opponent in DETERMINISTIC_PANEL:
            assert (
                play_match(loaded, opponent, turns=30).moves_a
                == play_match(trained, opponent, turns=30).moves_a
            )
    best = from_table(run.winners[0], "trained")
    assert fitness(training("fsm"), [best], run.training.generations)[0] == pytest.approx(
        run.final.fitness.iloc[0]
    )
