"""Who is in the open microdata and how: one row per responding municipality, a name only
with consent, no small group of municipalities singled out by size class and province."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq

from aimonitor.exports import Microdata
from aimonitor.frame import Frame
from aimonitor.indicators.disclosure import (
    identifying_variables,
    publication_class,
    released_places,
    top_coded,
)

from .conftest import NAMED


def test_there_is_one_row_per_responding_municipality(microdata: Microdata, rows) -> None:
    assert microdata.rows == len(rows)


def test_only_a_municipality_that_consented_is_named(microdata: Microdata, rows, frame: Frame):
    codes = microdata.column("gemeentecode").values
    names = microdata.column("gemeentenaam").values
    for row, code, name in zip(rows, codes, names, strict=True):
        if row.code in NAMED:
            assert (code, name) == (row.code, frame.by_code(row.code).name)
        else:
            assert (code, name) == (None, None)
    assert any(row.code in NAMED for row in rows)


def test_open_answers_appear_only_for_named_municipalities(microdata: Microdata, rows) -> None:
    for column in microdata.columns:
        if column.kind == "text" and column.variable is not None:
            for row, value in zip(rows, column.values, strict=True):
                if row.code not in NAMED:
                    assert value is None


def test_the_list_of_covered_municipalities_is_not_published(microdata: Microdata) -> None:
    assert not any(c.variable == "A4a" for c in microdata.columns)


def test_no_anonymous_row_is_placed_in_a_group_of_fewer_than_ten(
    microdata: Microdata, rows, frame: Frame
) -> None:
    shown = [
        (size, province)
        for row, size, province in zip(
            rows,
            microdata.column("grootteklasse").values,
            microdata.column("provincie").values,
            strict=True,
        )
        if row.code not in NAMED
    ]
    for place, count in Counter(p for p in shown if p[1] is not None).items():
        assert count >= 10, place
    for size, count in Counter(s for s, _ in shown if s is not None).items():
        assert count >= 10, size
    # and the provinces that are shown are the municipalities' own
    provinces = microdata.column("provincie")
    labels = {v.code: v.label.nl for v in provinces.value_labels}
    for row, value in zip(rows, provinces.values, strict=True):
        if value is not None:
            assert labels[int(value)] == frame.by_code(row.code).province


def test_a_province_is_withheld_where_few_share_it_and_a_class_where_any_class_is_small():
    many = [("lt20k", "Utrecht")] * 10 + [("lt20k", "Zeeland")] * 2 + [("ge100k", "Utrecht")] * 10
    assert released_places(many) == (
        [("lt20k", "Utrecht")] * 10 + [("lt20k", None)] * 2 + [("ge100k", "Utrecht")] * 10
    )
    small_class = [("lt20k", "Utrecht")] * 12 + [("ge100k", "Utrecht")] * 3
    assert released_places(small_class) == [(None, None)] * 15


def test_the_size_class_is_the_published_class_of_the_municipality(microdata, rows, frame):
    column = microdata.column("grootteklasse")
    labels = {v.code: v.label.nl for v in column.value_labels}
    for row, value in zip(rows, column.values, strict=True):
        if value is not None:
            own = publication_class(frame.by_code(row.code).size_class.code)
            assert labels[int(value)] == own.label.nl


def test_the_csv_has_the_data_and_a_codebook_of_its_columns(exported: Path, microdata, rows):
    with (exported / "microdata.csv").open(encoding="utf-8", newline="") as stream:
        table = list(csv.DictReader(stream))
    assert len(table) == len(rows)
    assert [r["B1"] for r in table] == [str(r.answers.get("B1") or "") for r in rows]
    with (exported / "codebook.csv").open(encoding="utf-8", newline="") as stream:
        codebook = {r["variable"]: r for r in csv.DictReader(stream)}
    assert list(codebook) == [c.name for c in microdata.columns]
    assert codebook["B1"]["missing"] == "98"
    assert "98=" in codebook["B1"]["value_labels"]


def test_the_parquet_file_keeps_the_labels_in_its_metadata(exported: Path, wave) -> None:
    table = pq.read_table(exported / "microdata.parquet")
    field = table.schema.field("B1")
    assert field.metadata[b"label"].decode() == wave.questionnaire.variable("B1").label.nl
    labels = json.loads(field.metadata[b"value_labels"])
    assert labels["98"] == wave.questionnaire.variable("B1").code_label(98).label.nl
    assert json.loads(field.metadata[b"missing"]) == [98]
    assert table.schema.metadata[b"synthetic"] == b"true"
    assert table.column("B1").to_pylist()[:5] == [
        None if v is None else float(v)
        for v in [r.answers.get("B1") for r in sorted(wave.respondents, key=lambda r: r.code)][:5]
    ]


def test_the_questions_that_identify_a_municipality_are_known(wave) -> None:
    """A1 (which municipality), A4a (which municipalities a shared organisation answers
    for), and the questions routed with them: A2 (size, asked when A1 is skipped) and A4
    (answering for a shared organisation, which opens A4a)."""
    assert identifying_variables(wave.questionnaire) == {"A1", "A2", "A4", "A4a"}


def test_an_anonymous_row_does_not_say_which_municipality_it_is(microdata, rows) -> None:
    for name in ("A1", "A2", "A4"):
        column = microdata.column(name)
        for row, value in zip(rows, column.values, strict=True):
            if row.code not in NAMED:
                assert value is None, (name, row.code)
    amsterdam = rows.index(next(r for r in rows if r.code in NAMED))
    assert microdata.column("A1").values[amsterdam] == float(rows[amsterdam].answers["A1"])


def test_no_anonymous_row_stands_out_by_a_large_number(microdata, rows) -> None:
    column = microdata.column("C4")
    anonymous = [
        v
        for row, v in zip(rows, column.values, strict=True)
        if row.code not in NAMED and v is not None and v != 98
    ]
    original = sorted(
        (
            float(r.answers["C4"])
            for r in rows
            if r.code not in NAMED and r.answers.get("C4") not in (None, 98)
        ),
        reverse=True,
    )
    assert column.top_code == original[9]
    assert max(anonymous) == original[9]
    assert sum(1 for v in anonymous if v == column.top_code) >= 10
    assert sorted(anonymous, reverse=True)[10:] == original[10:]


def test_a_top_code_needs_ten_values_and_is_the_tenth_largest() -> None:
    assert top_coded([None, 3.0, 1.0]) is None
    values = [float(v) for v in range(1, 13)]
    assert top_coded(values) == 3.0
