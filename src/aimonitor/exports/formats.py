"""The open-data formats, one writer each behind a small registry (:data:`FORMATS`).

Every writer puts the microdata of a wave in ``out_dir`` in its own form, labelled in one
language:

* ``csv``: ``microdata.csv`` (UTF-8, a header of variable names, empty cells for missing
  answers) and ``codebook.csv`` (per column its label, measurement level, value labels and
  missing codes, the top code of a number: anonymous rows show at most that, and
  ``only_named``: filled only for municipalities that consented to be named);
* ``parquet``: ``microdata.parquet``, the labels in its metadata (per column ``label``,
  ``measurement``, ``value_labels`` and ``missing`` as JSON; for the file ``wave``,
  ``synthetic`` and ``notice``);
* ``sav``: ``microdata.sav`` for SPSS and PSPP (pyreadstat): variable labels, value labels,
  98/99 declared as user-missing, measurement levels, whole strings (no truncation);
* ``ddi``: ``codebook.xml``, a DDI-Codebook 2.5 description of the study and every variable
  (:mod:`aimonitor.exports.ddi`).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

from aimonitor.errors import AimonitorError
from aimonitor.exports.ddi import render_ddi
from aimonitor.exports.microdata import Microdata, MicrodataColumn
from aimonitor.i18n import Lang
from aimonitor.indicators.export import SYNTHETIC_NOTICE
from aimonitor.writing import spreadsheet_safe

Writer = Callable[[Microdata, Path, Lang], list[Path]]


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(value)


def _cell(column: MicrodataColumn, value: float | str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return spreadsheet_safe(value)
    return _number(value)


def _labels(column: MicrodataColumn, lang: Lang) -> dict[str, str]:
    return {str(v.code): v.label.get(lang) for v in column.value_labels}


def write_csv(data: Microdata, out_dir: Path, lang: Lang) -> list[Path]:
    microdata, codebook = out_dir / "microdata.csv", out_dir / "codebook.csv"
    with microdata.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow([c.name for c in data.columns])
        for row in range(data.rows):
            writer.writerow([_cell(c, c.values[row]) for c in data.columns])
    with codebook.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(
            [
                "variable",
                "label",
                "measurement",
                "type",
                "value_labels",
                "missing",
                "top_code",
                "only_named",
            ]
        )
        for c in data.columns:
            labels = "; ".join(f"{code}={label}" for code, label in _labels(c, lang).items())
            missing = " ".join(str(code) for code in c.missing)
            top = "" if c.top_code is None else _number(c.top_code)
            only_named = "yes" if c.withheld else ""
            cells = [c.name, c.label.get(lang), c.measurement, c.kind, labels, missing, top]
            cells.append(only_named)
            writer.writerow([spreadsheet_safe(cell) for cell in cells])
    return [microdata, codebook]


def write_parquet(data: Microdata, out_dir: Path, lang: Lang) -> list[Path]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    fields, arrays = [], []
    for c in data.columns:
        kind = pa.string() if c.kind == "text" else pa.float64()
        meta = {
            "label": c.label.get(lang),
            "measurement": c.measurement,
            "value_labels": json.dumps(_labels(c, lang), ensure_ascii=False),
            "missing": json.dumps(list(c.missing)),
            "top_code": "" if c.top_code is None else _number(c.top_code),
            "only_named": "true" if c.withheld else "false",
        }
        fields.append(pa.field(c.name, kind, metadata=meta))
        arrays.append(pa.array(c.values, type=kind))
    schema = pa.schema(fields, metadata=_file_metadata(data))
    path = out_dir / "microdata.parquet"
    pq.write_table(pa.Table.from_arrays(arrays, schema=schema), path)
    return [path]


def write_sav(data: Microdata, out_dir: Path, lang: Lang) -> list[Path]:
    import polars as pl
    import pyreadstat

    frame = pl.DataFrame(
        {
            c.name: pl.Series(
                c.name,
                [("" if v is None else v) for v in c.values] if c.kind == "text" else c.values,
                dtype=pl.String if c.kind == "text" else pl.Float64,
            )
            for c in data.columns
        }
    )
    numbers = [c for c in data.columns if c.kind == "number"]
    path = out_dir / "microdata.sav"
    pyreadstat.write_sav(
        frame,
        path,
        file_label=f"AI Monitor {data.year}",
        column_labels={c.name: c.label.get(lang) for c in data.columns},
        note=SYNTHETIC_NOTICE if data.synthetic else None,
        variable_value_labels={
            c.name: {float(v.code): v.label.get(lang) for v in c.value_labels}
            for c in numbers
            if c.value_labels
        },
        missing_ranges={
            c.name: [float(code) for code in c.missing[:3]] for c in numbers if c.missing
        },
        variable_measure={c.name: c.measurement for c in data.columns},
        variable_format={
            **{c.name: f"F8.{c.decimals}" for c in numbers},
            **{c.name: f"A{_width(c)}" for c in data.columns if c.kind == "text"},
        },
    )
    return [path]


def _width(column: MicrodataColumn) -> int:
    """The string width in bytes: the longest value (UTF-8), at least 1."""
    return max([1, *(len(str(v).encode()) for v in column.values if v is not None)])


def write_ddi(data: Microdata, out_dir: Path, lang: Lang) -> list[Path]:
    path = out_dir / "codebook.xml"
    path.write_bytes(render_ddi(data, lang))
    return [path]


def _file_metadata(data: Microdata) -> dict[str, str]:
    return {
        "wave": str(data.year),
        "synthetic": "true" if data.synthetic else "false",
        "notice": SYNTHETIC_NOTICE if data.synthetic else "",
    }


FORMATS: dict[str, Writer] = {
    "csv": write_csv,
    "parquet": write_parquet,
    "sav": write_sav,
    "ddi": write_ddi,
}
"""The open-data formats by name, as ``aimonitor export --format`` takes them."""


def writer_of(name: str) -> Writer:
    try:
        return FORMATS[name]
    except KeyError:
        known = ", ".join(FORMATS)
        raise AimonitorError(f"unknown export format {name!r} (use {known})") from None
