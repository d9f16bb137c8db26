"""Parquet a row group at a time: the file pandas writes, byte for byte."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tournament.io import parquet
from tournament.io.parquet import write_parquet


def _frame(rows: int) -> pd.DataFrame:
    """Every kind of column a run folder's tables hold: whole numbers, floats with NaN, flags, text."""
    generator = np.random.default_rng(rows)
    return pd.DataFrame(
        {
            "repetition": np.arange(rows) // 7,
            "score": np.where(generator.random(rows) < 0.1, np.nan, generator.random(rows)),
            "self_play": generator.random(rows) < 0.5,
            "name": pd.array(
                generator.choice(["Tit For Tat", "Grudger", "Random(p=0.3)", ""], rows), dtype="str"
            ),
        }
    )


@pytest.mark.parametrize("rows", [0, 5, 1000, 1001, 2500])
def test_the_file_is_pandas_own_to_the_byte(tmp_path, monkeypatch, rows):
    monkeypatch.setattr(parquet, "ROW_GROUP", 1000)  # groups of 1,000 rows, as pandas writes them below
    frame = _frame(rows)
    write_parquet(frame, tmp_path / "ours.parquet")
    frame.to_parquet(tmp_path / "pandas.parquet", index=False, row_group_size=1000)
    assert (tmp_path / "ours.parquet").read_bytes() == (tmp_path / "pandas.parquet").read_bytes()
    back = pd.read_parquet(tmp_path / "ours.parquet")
    assert back.equals(frame) and (back.dtypes == frame.dtypes).all()


def test_the_group_is_pyarrows_default_so_a_big_table_is_written_as_pandas_writes_it(tmp_path):
    frame = _frame(parquet.ROW_GROUP + 3)
    write_parquet(frame, tmp_path / "ours.parquet")
    frame.to_parquet(tmp_path / "pandas.parquet", index=False)
    assert (tmp_path / "ours.parquet").read_bytes() == (tmp_path / "pandas.parquet").read_bytes()
