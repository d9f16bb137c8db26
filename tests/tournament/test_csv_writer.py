"""write_csv against pandas' to_csv, byte for byte: floats across magnitudes and the edge values,
integers, booleans, text that needs quotes, missing values, the index, and the real tables of a
small tournament. Tables of the handled dtypes must take the fast path (else the comparison with
pandas would prove nothing)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tournament import TournamentSpec, run_tournament
from tournament.csv_writer import _text_columns, write_csv
from tournament.io.storage import table_files
from tournament.stats.summary import analyse_results, statistics_tables, write_statistics

EDGE_FLOATS = [
    2.5380000000000003,
    1.0,
    0.0,
    -0.0,
    1e-05,
    0.0001,
    0.00011,
    1e16,
    9999999999999998.0,
    1e15 + 0.3,
    1.7976931348623157e308,
    2.2250738585072014e-308,
    5e-324,
    -5e-324,
    0.1 + 0.2,
    1 / 3,
    123456789.123,
    np.inf,
    -np.inf,
    np.nan,
]


def assert_as_pandas(frame: pd.DataFrame, tmp_path, *, index: bool = False, fast: bool = True) -> None:
    """write_csv writes the bytes to_csv writes; with ``fast``, without handing over to pandas."""
    ours, theirs = tmp_path / "ours.csv", tmp_path / "theirs.csv"
    write_csv(frame, ours, index=index)
    frame.to_csv(theirs, index=index)
    assert ours.read_bytes() == theirs.read_bytes()
    assert (_text_columns(frame, index) is not None) == fast


def random_floats(rng: np.random.Generator, size: int) -> np.ndarray:
    """Floats of every kind: any bit pattern (subnormals, huge, NaN, inf), decimals of every
    magnitude with few or many digits, ratios of integers, whole numbers, and repeats."""
    bits = rng.integers(0, 2**64, size, dtype=np.uint64).view(np.float64)
    decimals = np.round(rng.random(size), rng.integers(1, 17)) * 10.0 ** rng.integers(-30, 30, size)
    ratios = rng.integers(-(10**6), 10**6, size) / rng.integers(1, 10**4, size)
    whole = rng.integers(-(10**17), 10**17, size).astype(np.float64)
    values = np.concatenate([bits, decimals, ratios, whole, rng.choice(EDGE_FLOATS, size)])
    return rng.permutation(values)


@pytest.mark.parametrize("seed", range(5))
def test_random_floats_of_every_magnitude(seed, tmp_path):
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({f"x{i}": random_floats(rng, 2000) for i in range(4)})
    with np.errstate(all="ignore"):  # huge ones overflow to inf
        frame["x32"] = frame["x0"].to_numpy().astype(np.float32)
        frame["x16"] = frame["x1"].to_numpy().astype(np.float16)
    assert_as_pandas(frame, tmp_path)


def test_edge_floats_each_as_the_only_column_and_beside_others(tmp_path):
    values = pd.Series(EDGE_FLOATS, name="value")
    assert_as_pandas(values.to_frame(), tmp_path)
    assert_as_pandas(pd.DataFrame({"value": values, "name": [f"v{i}" for i in range(len(values))]}), tmp_path)


def test_whole_numbers_and_booleans(tmp_path):
    frame = pd.DataFrame(
        {
            "int64": np.array([0, -1, 2**63 - 1, -(2**63), 7], dtype=np.int64),
            "uint64": np.array([0, 1, 2**64 - 1, 5, 5], dtype=np.uint64),
            "int8": np.array([-128, 127, 0, 1, -1], dtype=np.int8),
            "int32": np.array([1, 1, 2, 3, 5], dtype=np.int32),
            "bool": [True, False, True, True, False],
        }
    )
    assert_as_pandas(frame, tmp_path)


AWKWARD_TEXT = [
    "plain",
    "a,b",
    'say "hi"',
    "two\nlines",
    "carriage\rreturn",
    "crlf\r\n",
    "",
    " padded ",
    '"',
    ",",
]


@pytest.mark.parametrize("dtype", [object, "str", pd.StringDtype("python"), pd.StringDtype("pyarrow")])
def test_text_with_quotes_separators_line_breaks_and_missing_values(dtype, tmp_path):
    column = pd.Series([*AWKWARD_TEXT, None, np.nan], dtype=dtype)
    frame = pd.DataFrame({"text": column, "n": range(len(column)), "again": column})
    assert_as_pandas(frame, tmp_path)


def test_objects_that_are_not_text_are_written_as_str_and_missing_ones_empty(tmp_path):
    class Label(str):
        def __str__(self) -> str:
            return "not what csv writes"

    cells = [1, 2.5, -0.0, True, None, np.nan, pd.NA, pd.NaT, (1, 2), b"bytes", Label("sub,class"), "x"]
    assert_as_pandas(pd.DataFrame({"mixed": cells, "n": range(len(cells))}), tmp_path)


def test_nullable_booleans(tmp_path):
    frame = pd.DataFrame({"flag": pd.array([True, None, False, True], dtype="boolean"), "n": range(4)})
    assert_as_pandas(frame, tmp_path)


def test_the_index_with_its_label(tmp_path):
    names = pd.Index(["Tit For Tat", "Memory One(four_vector=(0.9, 0.1))", 'A "quoted" one'], name="player")
    matrix = pd.DataFrame(np.arange(9.0).reshape(3, 3) / 7, index=names, columns=list(names))
    matrix.iloc[0, 1] = np.nan
    assert_as_pandas(matrix, tmp_path, index=True)
    assert_as_pandas(matrix.rename_axis(None), tmp_path, index=True)
    assert_as_pandas(matrix.rename_axis("a,label"), tmp_path, index=True)
    assert_as_pandas(matrix.reset_index(drop=True), tmp_path, index=True)
    assert_as_pandas((matrix.fillna(0) * 7).astype(np.int64), tmp_path, index=True)


def test_a_lone_column_writes_empty_cells_and_an_empty_label_quoted(tmp_path):
    assert_as_pandas(pd.DataFrame({"": ["", "x", None]}), tmp_path)
    assert_as_pandas(pd.DataFrame({"x": [np.nan, 1.0]}), tmp_path)
    assert_as_pandas(pd.DataFrame(index=pd.Index(["a", ""], name="")), tmp_path, index=True)


def test_tables_without_rows(tmp_path):
    assert_as_pandas(
        pd.DataFrame({"a": pd.Series([], dtype=float), "b": pd.Series([], dtype="str")}), tmp_path
    )
    assert_as_pandas(pd.DataFrame({"a": [1.5]}).iloc[:0], tmp_path, index=True)


def test_every_character_is_quoted_exactly_when_csv_quotes_it(tmp_path):
    characters = [chr(c) for c in range(0x3000)] + ["\U0001f600", "\ufeff"]
    frame = pd.DataFrame({"text": [f"a{c}b" for c in characters], "alone": characters})
    assert_as_pandas(frame, tmp_path)


@pytest.mark.parametrize(
    "frame",
    [
        pd.DataFrame({"when": pd.to_datetime(["2024-01-01", None]), "n": [1, 2]}),
        pd.DataFrame({"kind": pd.Categorical(["a", "b", None]), "n": [1, 2, 3]}),
        pd.DataFrame({"count": pd.array([1, None], dtype="Int64")}),
        pd.DataFrame({"value": pd.array([0.1, None], dtype="Float64")}),
        pd.DataFrame({"z": [1 + 2j, np.nan]}),
        pd.DataFrame({0: [1.5], 1: [2.5]}),
        pd.DataFrame(np.ones((2, 2)), columns=pd.MultiIndex.from_tuples([("a", "b"), ("a", "c")])),
        pd.DataFrame(index=range(3)),
    ],
    ids=[
        "datetime",
        "categorical",
        "Int64",
        "Float64",
        "complex",
        "number labels",
        "multiindex",
        "no column",
    ],
)
def test_what_it_does_not_handle_goes_to_pandas(frame, tmp_path):
    assert_as_pandas(frame, tmp_path, fast=False)


def test_a_multiindex_goes_to_pandas(tmp_path):
    frame = pd.DataFrame({"x": [1.5, 2.5]}, index=pd.MultiIndex.from_tuples([("a", 1), ("b", 2)]))
    assert_as_pandas(frame, tmp_path, index=True, fast=False)
    assert_as_pandas(frame, tmp_path, index=False)


@pytest.fixture(scope="module")
def played():
    """A small noisy tournament with a parametrised player whose name needs quotes, and a
    spatial one whose matrices have unmet pairs (NaN)."""
    players = [
        "Cooperator",
        "Defector",
        "Tit For Tat",
        "Random(p=0.3)",
        "Memory One(four_vector=(0.9, 0.1, 0.5, 0.2))",
    ]
    full = run_tournament(TournamentSpec.build(players, turns=20, repetitions=3, noise=0.1, seed=3))
    spatial = run_tournament(
        TournamentSpec.build(players[:4], turns=10, repetitions=2, seed=3, edges=[[0, 1], [1, 2], [2, 3]])
    )
    return [full, spatial]


def test_the_statistics_files_of_a_real_run(played, tmp_path):
    for results in played:
        analysis = analyse_results(results)
        write_statistics(tmp_path / "ours", analysis)
        for stem, table in statistics_tables(analysis).items():
            index = table.index.name == "player"
            assert _text_columns(table, index) is not None
            table.to_csv(tmp_path / "theirs.csv", index=index)
            assert (tmp_path / "ours" / "statistics" / f"{stem}.csv").read_bytes() == (
                tmp_path / "theirs.csv"
            ).read_bytes()


def test_the_table_files_of_a_real_run(played, tmp_path):
    for results in played:
        for name, writer in table_files(results, ["csv"]).items():
            writer(tmp_path / name)
            frame = getattr(results, name.removesuffix(".csv"))
            assert _text_columns(frame, False) is not None
            frame.to_csv(tmp_path / "theirs.csv", index=False)
            assert (tmp_path / name).read_bytes() == (tmp_path / "theirs.csv").read_bytes()


def test_a_doubles_repr_is_numpys_text_for_it():
    """write_csv formats doubles with Python's repr, as numpy's astype(str) does: every kind of
    double (any bit pattern, decimals, ratios, whole numbers, the edge values)."""
    values = random_floats(np.random.default_rng(99), 40_000)
    assert [repr(value) for value in values.tolist()] == values.astype(str).tolist()
