"""Loading the respondent CSV files of a spec into columns: numbers where the text is
numeric, labels otherwise. Numeric columns are parsed by numpy's C reader; empty cells and
``NA`` are missing (NaN for numbers, ``""`` for labels)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from aimonitor import stats
from aimonitor.stats.conformance.errors import SpecError

StrArray = npt.NDArray[np.str_]
_MISSING = ("", "NA")
_SNIFF_ROWS = 2000


@dataclass(frozen=True, eq=False)
class Column:
    """One column: ``numbers`` when every non-missing cell is numeric, ``labels`` always
    derivable (numbers format as R prints them: ``1`` not ``1.0``)."""

    name: str
    numbers: stats.FloatArray | None
    text: StrArray | None

    def labels(self) -> StrArray:
        if self.text is not None:
            return self.text
        assert self.numbers is not None
        return np.array([r_string(x) for x in self.numbers.tolist()], dtype=str)


def r_string(value: float) -> str:
    """A number as R's ``as.character`` writes it for the values we meet (15 digits)."""
    if np.isnan(value):
        return ""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.15g}"


Columns = dict[str, Column]
"""The columns of one data file by name."""


def load_columns(path: Path, columns: Sequence[str]) -> Columns:
    """Read ``columns`` of the CSV at ``path``."""
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.reader(handle)
            header = next(reader)
            sample = [row for _, row in zip(range(_SNIFF_ROWS), reader, strict=False)]
    except (OSError, StopIteration, UnicodeDecodeError, csv.Error) as error:
        raise SpecError(f"cannot read data file {path}: {error}") from None
    index = {name: i for i, name in enumerate(header)}
    missing = [name for name in columns if name not in index]
    if missing:
        raise SpecError(f"data file {path.name} has no column {missing[0]!r}")
    numeric = [name for name in columns if _looks_numeric(sample, index[name])]
    table: Columns = {}
    if numeric:
        for name, values in zip(
            numeric, _read_numeric(path, [index[c] for c in numeric]), strict=True
        ):
            table[name] = Column(name, values, None)
    text = [name for name in columns if name not in table]
    if text:
        raw: StrArray = _load(path, [index[c] for c in text], str)
        for j, name in enumerate(text):
            table[name] = Column(name, None, np.where(raw[:, j] == "NA", "", raw[:, j]))
    return table


def _looks_numeric(rows: list[list[str]], i: int) -> bool:
    for row in rows:
        cell = row[i]
        if cell in _MISSING:
            continue
        try:
            float(cell)
        except ValueError:
            return False
    return True


def _read_numeric(path: Path, usecols: list[int]) -> list[stats.FloatArray]:
    try:
        matrix: stats.FloatArray = _load(path, usecols, np.float64)
    except ValueError:
        # Missing cells (or a late non-numeric cell): parse as text, then convert.
        raw: StrArray = _load(path, usecols, str)
        matrix = np.full(raw.shape, np.nan)
        present = ~np.isin(raw, _MISSING)
        try:
            matrix[present] = raw[present].astype(np.float64)
        except ValueError as error:
            raise SpecError(
                f"{path.name}: a numeric column has a non-numeric cell: {error}"
            ) from None
    return [matrix[:, j] for j in range(matrix.shape[1])]


def _load(path: Path, usecols: list[int], dtype: type) -> Any:
    """The cells of columns ``usecols`` (header skipped, quotes removed) as ``dtype``."""
    return np.loadtxt(
        path,
        delimiter=",",
        skiprows=1,
        quotechar='"',
        dtype=dtype,
        usecols=usecols,
        ndmin=2,
        encoding="utf-8",
        comments=None,
    )
