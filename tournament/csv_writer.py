"""Write a table as CSV, byte for byte what ``DataFrame.to_csv(path, index=...)`` writes, faster.

pandas turns every cell into a Python object (``astype(str)`` for floats) and hands each row to
``csv.writer``, which costs a run folder's long tables (state distribution, cooperation pairs,
the matrices) most of their writing time. Here the numbers of a dtype are formatted once per
distinct value, by the same conversion pandas uses (``pd.factorize``, then ``astype(str)`` for
floats, ``str`` of the Python int or bool otherwise), and rows are joined with ``str.join``.
(numpy writes a double as Python's ``repr`` does, so doubles go through ``float.__repr__``.)
Missing values are empty fields; text is quoted as ``csv.writer`` does (QUOTE_MINIMAL, quotes
doubled); lines end with pandas' default ``os.linesep``. A table this module does not know
(other dtypes, non-text labels, a MultiIndex, no column) is handed to pandas itself, so the
output never differs.

Used by both the run folder (``io/storage.py``) and the statistics (``stats/summary.py``), so it
sits below them and imports nothing of the project.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import numpy as np
import pandas as pd

SEPARATOR = ","
LINE_END = os.linesep
"""pandas' default ``lineterminator``."""
QUOTE = '"'


def _characters_that_quote() -> str:
    """The characters that make ``csv.writer`` quote a field, asked of the running Python (its
    rule for carriage returns has changed between versions)."""
    quoting = ""
    for char in dict.fromkeys(SEPARATOR + QUOTE + "\r\n" + LINE_END):
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator=LINE_END).writerow([char, ""])
        if buffer.getvalue().startswith(QUOTE):
            quoting += char
    return quoting


QUOTING = _characters_that_quote()


def write_csv(frame: pd.DataFrame, path: str | Path, *, index: bool = False) -> None:
    """Write ``frame`` to the plain text file ``path`` as ``frame.to_csv(path, index=index)``
    would."""
    table = _text_columns(frame, index)
    if table is None:
        frame.to_csv(path, index=index)
        return
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(_file_text(*table))


def _file_text(header: list[str], columns: list[list[str]]) -> str:
    """The lines of the header and of the rows of ``columns`` (cells already quoted)."""
    if len(columns) == 1:
        # csv.writer quotes a lone empty field, else its line would read as no field at all
        header, columns = [header[0] or QUOTE * 2], [[cell or QUOTE * 2 for cell in columns[0]]]
    # every cell followed by a separator, the last of each row by a line end instead, joined once:
    # no string or tuple per row
    step = 2 * len(columns)
    pieces = [SEPARATOR] * (step * len(columns[0]))
    for position, cells in enumerate(columns):
        pieces[2 * position :: step] = cells
    pieces[step - 1 :: step] = [LINE_END] * len(columns[0])
    return SEPARATOR.join(header) + LINE_END + "".join(pieces)


def _text_columns(frame: pd.DataFrame, index: bool) -> tuple[list[str], list[list[str]]] | None:
    """The quoted header labels and every column's cells as text (the index first with
    ``index``), or None when the table holds something only pandas formats."""
    labels = list(frame.columns)
    arrays = _column_arrays(frame)
    if index:
        if isinstance(frame.index, pd.MultiIndex):
            return None
        labels.insert(0, "" if frame.index.name is None else frame.index.name)
        arrays.insert(0, _values(frame.index))
    if not labels or not all(isinstance(label, str) for label in labels):
        return None
    columns: list[list[str]] = [[] for _ in arrays]
    numbers: dict[np.dtype, list[int]] = {}
    for position, values in enumerate(arrays):
        if isinstance(values, np.ndarray) and _is_number(values.dtype):
            numbers.setdefault(values.dtype, []).append(position)
            continue
        text = _text_cells(values)
        if text is None:
            return None
        columns[position] = text
    for positions in numbers.values():
        for position, cells in zip(positions, _number_cells([arrays[p] for p in positions])):
            columns[position] = cells
    return _quoted([_text(label) for label in labels]), columns


def _column_arrays(frame: pd.DataFrame) -> list[np.ndarray | pd.api.extensions.ExtensionArray]:
    """Each column's values: rows of one 2-D array when the frame has a single numpy dtype (a
    matrix of players: no Series per column), else column by column."""
    dtypes = set(frame.dtypes)
    if len(dtypes) == 1 and isinstance(dtypes.pop(), np.dtype):
        return list(frame.to_numpy().T)
    return [_values(series) for _, series in frame.items()]


def _values(data: pd.Series | pd.Index) -> np.ndarray | pd.api.extensions.ExtensionArray:
    """The numpy array of a numpy-typed column, else its pandas array."""
    return data.to_numpy() if isinstance(data.dtype, np.dtype) else data.array


def _is_number(dtype: np.dtype) -> bool:
    """Integers, booleans, and floats whose bits a same-sized integer can hold (for factorize)."""
    return dtype.kind in "iub" or (dtype.kind == "f" and dtype.itemsize in (2, 4, 8))


def _number_cells(arrays: list[np.ndarray]) -> list[list[str]]:
    """The cells of same-dtype number columns, each distinct value formatted once: floats as
    pandas does (``astype(str)``; NaN empty; told apart by their bits, so -0.0 stays itself),
    integers and booleans as ``csv.writer`` writes the Python objects pandas gives it."""
    values = np.concatenate(arrays)
    floats = values.dtype.kind == "f"
    codes, distinct = pd.factorize(values.view(f"i{values.dtype.itemsize}") if floats else values)
    if floats:
        distinct = distinct.view(values.dtype)
        if distinct.dtype == np.float64:  # Python's repr is numpy's text for a double, 1.5x sooner
            texts = np.array(list(map(float.__repr__, distinct.tolist())), dtype=object)
        else:
            texts = distinct.astype(str).astype(object)
        texts[np.isnan(distinct)] = ""
    else:
        texts = np.array([str(value) for value in distinct.tolist()], dtype=object)
    cells = texts[codes].tolist()
    rows = len(arrays[0])
    return [cells[column * rows : (column + 1) * rows] for column in range(len(arrays))]


def _text_cells(values: np.ndarray | pd.api.extensions.ExtensionArray) -> list[str] | None:
    """The quoted cells of an object, string or nullable boolean column as pandas hands them to
    ``csv.writer`` (missing values empty, other objects through ``str``); None for other dtypes."""
    if isinstance(values, np.ndarray):
        if values.dtype != object:
            return None
        cells = values.tolist()
        for position in np.flatnonzero(pd.isna(values)).tolist():
            cells[position] = ""
        return _quoted([cell if type(cell) is str else _text(cell) for cell in cells])
    if isinstance(values.dtype, (pd.StringDtype, pd.BooleanDtype)):
        codes, distinct = pd.factorize(values)  # a missing value's code is -1: the last text, empty
        texts = np.array(_quoted([_text(value) for value in distinct] + [""]), dtype=object)
        return texts[codes].tolist()
    return None


def _text(value: object) -> str:
    """What ``csv.writer`` writes for ``value``: a string's own characters, else ``str(value)``."""
    return str.__str__(value) if isinstance(value, str) else str(value)


def _quoted(cells: list[str]) -> list[str]:
    """``cells`` with the ones ``csv.writer`` quotes in quotes (inner quotes doubled)."""
    everything = "".join(cells)
    if not any(char in everything for char in QUOTING):
        return cells
    return [
        QUOTE + cell.replace(QUOTE, QUOTE * 2) + QUOTE if any(char in cell for char in QUOTING) else cell
        for cell in cells
    ]
