"""Loading the respondent data of a spec into typed columns, with Apache Arrow's readers
(``pyarrow``; decision 0012): a CSV file, or a Parquet file (name ending in ``.parquet``).

The case says what each column is for (:func:`~aimonitor.stats.conformance.runner.case_columns`):

* a *number* (weights, fpc, numeric totals, numeric variables) is read as numbers: 8-bit
  integers when the first block of rows (1 MB) holds only whole numbers from -128 to 127
  (0/1 indicators: one byte a cell, and integer parsing), 64-bit floats otherwise; a cell
  further down that does not fit widens the column and the file is read again;
* a *label* (ids, strata, domains, margins, categorical and proportion variables) is read
  as text, and kept as numbers when every cell is numeric (``1.0`` is the level ``1``, as
  R's ``read.csv`` and ``as.character`` make it).

In a CSV file empty cells and ``NA`` are missing (NaN for numbers, ``""`` for labels); in a
Parquet file the types are the file's and missing is null. A ragged row, a cell that is not
a number in a number column or a missing column is one :class:`SpecError` naming the file.
"""

from __future__ import annotations

import contextlib
import csv
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from aimonitor import stats
from aimonitor.stats.conformance.errors import SpecError

StrArray = npt.NDArray[np.str_]
Numbers = npt.NDArray[np.float64] | npt.NDArray[np.int8]
Role = Literal["number", "label"]
_MISSING = ("", "NA")
_INT8 = (-128, 127)
_BLOCK_BYTES = 1 << 22
_COLUMN_ERROR = re.compile(r"In CSV column #(\d+): (?:Row #\d+: )?CSV conversion error")


@dataclass(frozen=True, eq=False)
class Column:
    """One column: ``numbers`` (8-bit integers or floats, NaN where missing) when it holds
    numbers, else ``text``; ``labels`` always derivable (numbers format as R prints them:
    ``1`` not ``1.0``)."""

    name: str
    numbers: Numbers | None
    text: StrArray | None

    def floats(self) -> stats.FloatArray | None:
        """The numbers as 64-bit floats (a copy only when they are stored narrower)."""
        return None if self.numbers is None else self.numbers.astype(np.float64, copy=False)

    def labels(self) -> StrArray:
        if self.text is not None:
            return self.text
        assert self.numbers is not None
        if self.numbers.dtype == np.int8:
            return self.numbers.astype(str)
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


def load_columns(path: Path, roles: Mapping[str, Role]) -> Columns:
    """Read the columns named in ``roles`` from the CSV or Parquet file at ``path``."""
    try:
        import pyarrow as pa
    except ImportError:  # pragma: no cover - a broken installation
        raise SpecError("reading data needs the pyarrow package (pip install pyarrow)") from None
    _use_jemalloc(pa)
    if path.suffix.lower() == ".parquet":
        table = _read_parquet(path, list(roles))
    else:
        table = _read_csv(path, roles)
    out: Columns = {}
    for name in roles:
        out[name] = _column(pa, name, table.column(name).combine_chunks())
        # let go of the column's Arrow chunks now: the numpy copy replaces them
        table = table.drop_columns([name])
    return out


def _use_jemalloc(pa: Any) -> None:
    """Arrow's allocations from jemalloc where the wheel has it: mimalloc, the default,
    reserves a gigabyte of address space up front (a ``ulimit -v`` of 1.5 GB then fails)."""
    with contextlib.suppress(NotImplementedError):  # a build without jemalloc (Windows)
        pa.set_memory_pool(pa.jemalloc_memory_pool())
        # hand freed pages back at once: the Arrow table is freed after conversion, and
        # jemalloc's default one-second decay would keep ~150 MB of it through the compute
        pa.jemalloc_set_decay_ms(0)


def _column(pa: Any, name: str, array: Any) -> Column:
    """The numpy form of one Arrow array: numbers where its type (or every text cell) is
    numeric, else text with ``""`` for missing. (No ``pyarrow.compute``: it costs a tenth of
    a second to import, and numpy does these steps as fast.)"""
    kind = array.type
    if pa.types.is_dictionary(kind):
        array = array.dictionary_decode()
        kind = array.type
    if pa.types.is_int8(kind) and array.null_count == 0:
        return Column(name, array.to_numpy(), None)
    if pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_boolean(kind):
        # integers with nulls come out as floats with NaN, booleans with nulls as objects
        values = array.to_numpy(zero_copy_only=False)
        if values.dtype == object:
            values = np.array([np.nan if v is None else float(v) for v in values.tolist()])
        return Column(name, values.astype(np.float64, copy=False), None)
    if pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_null(kind):
        cells = array.to_numpy(zero_copy_only=False)
        cells[cells == None] = ""  # noqa: E711 - elementwise: the nulls of an object array
        try:
            return Column(name, np.where(cells == "", "nan", cells).astype(np.float64), None)
        except ValueError:
            return Column(name, None, cells.astype(str))
    raise SpecError(f"column {name!r} has type {kind}, expected numbers or text")


def _read_parquet(path: Path, names: Sequence[str]) -> Any:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        schema = pq.read_schema(path)
        _check_columns(path, list(schema.names), names)
        return pq.read_table(path, columns=list(names))
    except (OSError, pa.ArrowException) as error:
        raise SpecError(f"cannot read data file {path}: {_short(str(error))}") from None


def _read_csv(path: Path, roles: Mapping[str, Role]) -> Any:
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    header = _header(path)
    _check_columns(path, header, list(roles))
    numbers = [name for name, role in roles.items() if role == "number"]
    types = {name: pa.string() for name in roles} | _number_types(path, numbers)
    # Threaded: on an idle 2-core machine it reads 141 MB of floats in 0.8-1.0 s instead of
    # 1.1-1.8 s (under a test suite's load it was slower; bench/RESULTS.md).
    options = pa_csv.ReadOptions(use_threads=True, block_size=_BLOCK_BYTES)
    while True:
        try:
            return pa_csv.read_csv(
                path, read_options=options, convert_options=_convert(types, list(roles))
            )
        except pa.ArrowInvalid as error:
            # A number column whose first rows were small whole numbers, or numbers, has a
            # cell further down that is not: read that column wider (int8 -> float64 -> text).
            found = _COLUMN_ERROR.search(str(error))
            name = header[int(found.group(1))] if found else None
            if name in types and types[name] == pa.int8():
                types[name] = pa.float64()
                continue
            if name in types and types[name] == pa.float64():
                types[name] = pa.string()
                continue
            raise SpecError(f"cannot read data file {path.name}: {_short(str(error))}") from None
        except (OSError, pa.ArrowException) as error:
            raise SpecError(f"cannot read data file {path.name}: {_short(str(error))}") from None


def _convert(types: Mapping[str, Any], columns: list[str]) -> Any:
    import pyarrow.csv as pa_csv

    return pa_csv.ConvertOptions(
        column_types=dict(types),
        include_columns=columns,
        null_values=list(_MISSING),
        strings_can_be_null=True,
    )


def _header(path: Path) -> list[str]:
    """The column names of the CSV file at ``path`` (its first row)."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            return next(csv.reader(handle))
    except (OSError, StopIteration, UnicodeDecodeError, csv.Error) as error:
        raise SpecError(f"cannot read data file {path}: {error or 'empty file'}") from None


def _number_types(path: Path, names: list[str]) -> dict[str, Any]:
    """How to read each number column: int8 when the first block of rows (1 MB) holds only
    whole numbers from -128 to 127, float64 when it holds numbers, text otherwise (the
    runner then names the column). Arrow infers the first block's types; Python never
    touches the cells."""
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    if not names:
        return {}
    convert = pa_csv.ConvertOptions(
        include_columns=names, null_values=list(_MISSING), strings_can_be_null=True
    )
    try:
        with pa_csv.open_csv(
            path, read_options=pa_csv.ReadOptions(use_threads=False), convert_options=convert
        ) as reader:
            first = reader.read_next_batch()
    except StopIteration:  # a header without rows
        return {name: pa.float64() for name in names}
    except (OSError, pa.ArrowException) as error:
        raise SpecError(f"cannot read data file {path.name}: {_short(str(error))}") from None
    types = {}
    for name in names:
        column = first.column(name)
        kind = column.type
        if pa.types.is_integer(kind) and column.null_count < len(column):
            values = column.to_numpy(zero_copy_only=False)  # NaN for nulls
            small = _INT8[0] <= np.nanmin(values) and np.nanmax(values) <= _INT8[1]
            types[name] = pa.int8() if small else pa.float64()
        elif pa.types.is_floating(kind) or pa.types.is_integer(kind) or pa.types.is_null(kind):
            types[name] = pa.float64()
        else:
            types[name] = pa.string()
    return types


def _check_columns(path: Path, header: Sequence[str], names: Sequence[str]) -> None:
    missing = [name for name in names if name not in header]
    if missing:
        raise SpecError(f"data file {path.name} has no column {missing[0]!r}")


def _short(message: str, limit: int = 160) -> str:
    """An Arrow message on one line of printable text (a ragged row is quoted in it)."""
    line = " ".join(message.split())
    clean = "".join(c if c.isprintable() else "?" for c in line)
    return clean if len(clean) <= limit else clean[: limit - 3] + "..."
