"""The shadow-of-the-future sweep: grid, table, plot, and ``ipd sweep``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from tests.tournament.cli.test_app import assert_user_error
from tournament import TournamentSpec
from tournament.cli.app import main
from tournament.errors import SpecError
from tournament.io.sweep_storage import write_sweep
from tournament.sweep import grid_specs, sweep

PNG = b"\x89PNG\r\n\x1a\n"
CONFIG = """
[tournament]
name = "Shadow"
seed = 3
repetitions = 2

[match]
turns = 20

[players]
strategies = ["Cooperator", "Tit For Tat", "Defector"]
"""


@pytest.fixture
def config(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "shadow.toml"
    path.write_text(CONFIG)
    return path


def base_spec(**settings) -> TournamentSpec:
    return TournamentSpec.build(["Cooperator", "Tit For Tat"], repetitions=2, seed=1, **settings)


# --- the grid ---


def test_grid_is_the_product_of_the_axes():
    specs = grid_specs(base_spec(turns=7, noise=0.05), [0.5, 0.1, 0.01], [0.0, 0.2])
    assert [(s.settings.prob_end, s.settings.noise) for s in specs] == [
        (0.5, 0.0),
        (0.5, 0.2),
        (0.1, 0.0),
        (0.1, 0.2),
        (0.01, 0.0),
        (0.01, 0.2),
    ]
    assert all(s.settings.turns is None for s in specs)
    assert all(s.players == specs[0].players and s.repetitions == 2 and s.seed == 1 for s in specs)


def test_a_missing_axis_keeps_the_spec_value():
    only_noise = grid_specs(base_spec(turns=7, noise=0.05), noises=[0.0, 0.3])
    assert [(s.settings.turns, s.settings.prob_end, s.settings.noise) for s in only_noise] == [
        (7, None, 0.0),
        (7, None, 0.3),
    ]
    only_length = grid_specs(base_spec(turns=7, noise=0.05), prob_ends=[0.2])
    assert only_length[0].settings.noise == 0.05 and only_length[0].settings.prob_end == 0.2


@pytest.mark.parametrize(
    ("prob_ends", "noises"), [([0.0], None), ([1.5], None), ([0.5], [-0.1]), (None, [2.0])]
)
def test_bad_grid_values(prob_ends, noises):
    with pytest.raises(SpecError):
        grid_specs(base_spec(turns=5), prob_ends, noises)


# --- the table ---


@pytest.fixture(scope="module")
def shadow():
    spec = TournamentSpec.build(["Tit For Tat", "Cooperator", "Defector"], repetitions=3, seed=2)
    return sweep(spec, [0.6, 0.5, 0.3, 0.05])


def test_one_row_per_grid_point(shadow):
    table = shadow.table
    assert table["prob_end"].tolist() == [0.6, 0.5, 0.3, 0.05]
    assert table["continuation_probability"].tolist() == pytest.approx([0.4, 0.5, 0.7, 0.95])
    assert table["turns"].isna().all() and (table["noise"] == 0).all()
    assert len(shadow.players) == 4 * 3
    assert set(shadow.players["name"]) == {"Tit For Tat", "Cooperator", "Defector"}


def test_thresholds_met_by_hand(shadow):
    # Standard payoffs: grim 1/2, TFT 2/3, WSLS 1.
    table = shadow.table
    assert table["grim_trigger_met"].tolist() == [False, True, True, True]
    assert table["tit_for_tat_met"].tolist() == [False, False, True, True]
    assert table["win_stay_lose_shift_met"].tolist() == [False] * 4


def test_cooperation_columns_are_rates(shadow):
    table = shadow.table
    for column in ("cooperation_rate", "mutual_cooperation_rate", "ecological_cooperation_rate"):
        assert table[column].between(0, 1).all(), column
    # Expected match length 1 / prob_end: longer matches as the shadow grows.
    assert table["mean_match_length"].is_monotonic_increasing
    # Every turn has two moves: cooperation = CC + (CD or DC) / 2 = CC + (1 - CC - DD) / 2.
    mutual, defection = table["mutual_cooperation_rate"], table["mutual_defection_rate"]
    assert table["cooperation_rate"].tolist() == pytest.approx(
        (mutual + (1 - mutual - defection) / 2).tolist()
    )
    assert set(table["ecological_winner"]) <= {"Tit For Tat", "Cooperator", "Defector"}


def test_all_cooperators_cooperate_at_every_point():
    result = sweep(base_spec(turns=5), [0.5, 0.1], [0.0])
    assert result.table["cooperation_rate"].tolist() == [1.0, 1.0]
    assert result.table["mutual_cooperation_rate"].tolist() == [1.0, 1.0]
    assert result.table["ecological_cooperation_rate"].tolist() == pytest.approx([1.0, 1.0])
    assert result.table["cooperative_pair_share"].tolist() == [1.0, 1.0]


def test_noise_one_flips_every_move():
    """Noise 1: Cooperator always defects, Defector always cooperates."""
    spec = TournamentSpec.build(["Cooperator", "Defector"], turns=6, seed=1)
    table = sweep(spec, noises=[0.0, 1.0]).table
    assert table["noise"].tolist() == [0.0, 1.0] and table["turns"].tolist() == [6, 6]
    assert table["winner"].tolist() == ["Defector", "Cooperator"]
    assert table["cooperation_rate"].tolist() == [0.5, 0.5]
    assert table["grim_trigger_met"].isna().all()


def test_write_sweep(tmp_path, shadow):
    paths = write_sweep(tmp_path / "out", shadow)
    assert paths["plot"].read_bytes().startswith(PNG)
    table = pd.read_csv(paths["table"])
    assert table["prob_end"].tolist() == [0.6, 0.5, 0.3, 0.05]
    assert len(pd.read_csv(paths["players"])) == 12


def test_progress_reports_every_point():
    calls = []
    sweep(base_spec(turns=5), [0.5, 0.2, 0.1], progress=lambda done, total, row: calls.append((done, total)))
    assert calls == [(1, 3), (2, 3), (3, 3)]


# --- ipd sweep ---


def test_ipd_sweep_writes_table_and_plot(config, tmp_path):
    result = CliRunner().invoke(main, ["sweep", str(config), "--prob-end", "0.5, 0.2,0.1", "-o", "out"])
    assert result.exit_code == 0, result.output
    table = pd.read_csv(tmp_path / "out" / "sweep.csv")
    assert table["prob_end"].tolist() == [0.5, 0.2, 0.1]
    assert table["continuation_probability"].tolist() == pytest.approx([0.5, 0.8, 0.9])
    assert (tmp_path / "out" / "sweep.png").read_bytes().startswith(PNG)
    assert len(pd.read_csv(tmp_path / "out" / "sweep_players.csv")) == 3 * 3
    assert "[3/3]" in result.stdout and "sweep.csv" in result.stdout


def test_ipd_sweep_over_both_axes(config, tmp_path):
    args = [
        "sweep",
        str(config),
        "--prob-end",
        "0.5,0.2",
        "--noise",
        "0,0.1",
        "-r",
        "1",
        "-s",
        "4",
        "-o",
        "grid",
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    table = pd.read_csv(tmp_path / "grid" / "sweep.csv")
    assert list(zip(table["prob_end"], table["noise"])) == [(0.5, 0.0), (0.5, 0.1), (0.2, 0.0), (0.2, 0.1)]


def test_ipd_sweep_default_folder(config, tmp_path):
    result = CliRunner().invoke(main, ["sweep", str(config), "--noise", "0"])
    assert result.exit_code == 0, result.output
    (folder,) = (tmp_path / "results").iterdir()
    assert folder.name.startswith("shadow-sweep") and (folder / "sweep.csv").is_file()


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["--prob-end", "0.5,abc"], ("--prob-end", "'abc' is not a number")),
        (["--noise", "0,x"], ("--noise", "'x' is not a number")),
        (["--prob-end", " , "], ("at least one value",)),
        (["--prob-end", "0.5,0"], ("prob_end", "above 0")),
        (["--prob-end", "1.5"], ("prob_end",)),
        (["--noise=-0.1"], ("noise",)),
        ([], ("--prob-end",)),
    ],
)
def test_ipd_sweep_bad_grid(config, tmp_path, args, fragments):
    assert_user_error(CliRunner().invoke(main, ["sweep", str(config), *args, "-o", "bad"]), *fragments)
    assert not (tmp_path / "bad").exists() and not (tmp_path / "results").exists()


def test_ipd_sweep_missing_config(config):
    assert_user_error(CliRunner().invoke(main, ["sweep", "nope.toml", "--prob-end", "0.5"]), "nope.toml")
