"""Who is in the open microdata and how: one row per submitted response, a name only with
consent, and nothing on an anonymous row that says which municipality it is."""

from __future__ import annotations

import csv
import json
import random
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from aimonitor.errors import AimonitorError
from aimonitor.exports import Microdata, build_microdata
from aimonitor.exports.microdata import check_names
from aimonitor.frame import Frame
from aimonitor.indicators.disclosure import (
    identifying_variables,
    publication_class,
    released_size_classes,
    top_coded,
)
from indicators.support import wave_of

from .conftest import NAMED


def test_there_is_one_row_per_own_response(microdata: Microdata, wave) -> None:
    """A shared organisation's response appears once: its covered municipalities would be
    copies of its row."""
    own = sorted(r.code for r in wave.respondents if r.covered_by is None)
    assert sorted(microdata.codes) == own
    assert len(own) < len(wave.respondents)  # the demo wave has shared organisations


def test_named_rows_come_first_and_the_others_in_no_order_of_code(microdata, wave, frame):
    named = [code for code in microdata.codes if code in NAMED]
    assert list(microdata.codes[: len(named)]) == sorted(named)
    anonymous = list(microdata.codes[len(named) :])
    assert anonymous != sorted(anonymous)
    again = build_microdata(wave, frame, consent=NAMED)
    assert list(again.codes[len(named) :]) != anonymous  # a new order each export
    seeded = build_microdata(wave, frame, consent=NAMED, shuffle=random.Random(7))
    assert sorted(seeded.codes) == sorted(microdata.codes)


def test_only_a_municipality_that_consented_is_named(microdata: Microdata, rows, frame: Frame):
    codes = microdata.column("gemeentecode").values
    names = microdata.column("gemeentenaam").values
    provinces = microdata.column("provincie")
    labels = {v.code: v.label.nl for v in provinces.value_labels}
    for row, code, name, province in zip(rows, codes, names, provinces.values, strict=True):
        if row.code in NAMED:
            assert (code, name) == (row.code, frame.by_code(row.code).name)
            assert labels[int(province)] == frame.by_code(row.code).province
        else:
            assert (code, name, province) == (None, None, None)
    assert any(row.code in NAMED for row in rows)


def test_open_answers_appear_only_for_named_municipalities(microdata: Microdata, rows) -> None:
    texts = [c for c in microdata.columns if c.kind == "text" and c.variable is not None]
    assert [c.name for c in texts] == ["F5"]
    for row, value in zip(rows, texts[0].values, strict=True):
        if row.code not in NAMED:
            assert value is None


def test_contact_addresses_and_comments_on_the_survey_are_never_published(microdata) -> None:
    names = {c.name for c in microdata.columns}
    assert "H1a" not in names  # the e-mail address of the respondent
    assert "H2" not in names  # comments on the questionnaire


def test_the_list_of_covered_municipalities_is_not_published(microdata: Microdata) -> None:
    assert not any(c.variable == "A4a" for c in microdata.columns)


def test_the_size_class_is_the_published_class_of_the_municipality(microdata, rows, frame):
    column = microdata.column("grootteklasse")
    labels = {v.code: v.label.nl for v in column.value_labels}
    for row, value in zip(rows, column.values, strict=True):
        own = publication_class(frame.by_code(row.code).size_class.code)
        assert labels[int(value)] == own.label.nl
    anonymous = [v for row, v in zip(rows, column.values, strict=True) if row.code not in NAMED]
    assert min(Counter(anonymous).values()) >= 10


def test_a_size_class_is_withheld_on_every_anonymous_row_when_one_class_is_small() -> None:
    assert released_size_classes(["lt20k"] * 10 + ["ge100k"] * 10) == (
        ["lt20k"] * 10 + ["ge100k"] * 10
    )
    assert released_size_classes(["lt20k"] * 12 + ["ge100k"] * 3) == [None] * 15


def test_the_questions_that_identify_a_municipality_are_known(wave) -> None:
    """A1 (which municipality), A4a (which municipalities a shared organisation answers
    for), and the questions routed with them: A2 (size, asked when A1 is skipped) and A4
    (answering for a shared organisation, which opens A4a)."""
    assert identifying_variables(wave.questionnaire) == {"A1", "A2", "A4", "A4a"}


def test_an_anonymous_row_does_not_say_which_municipality_it_is(microdata, rows) -> None:
    for name in ("A1", "A2", "A4"):
        column = microdata.column(name)
        assert column.withheld
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


@pytest.mark.parametrize("names", [["1B"], ["B 1"], ["x" * 65], ["B1", "b1"]])
def test_a_variable_name_spss_would_refuse_stops_the_export(names: list[str]) -> None:
    with pytest.raises(AimonitorError):
        check_names(names)


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
    assert codebook["A1"]["only_named"] == "yes"
    assert codebook["B1"]["only_named"] == ""


def test_the_parquet_file_keeps_the_labels_in_its_metadata(exported: Path, wave, rows) -> None:
    table = pq.read_table(exported / "microdata.parquet")
    field = table.schema.field("B1")
    assert field.metadata[b"label"].decode() == wave.questionnaire.variable("B1").label.nl
    labels = json.loads(field.metadata[b"value_labels"])
    assert labels["98"] == wave.questionnaire.variable("B1").code_label(98).label.nl
    assert json.loads(field.metadata[b"missing"]) == [98]
    assert table.schema.metadata[b"synthetic"] == b"true"
    expected = [r.answers.get("B1") for r in rows]
    assert table.column("B1").to_pylist() == [None if v is None else float(v) for v in expected]


def test_a_response_stored_under_a_pre_merger_code_is_its_successor(frame: Frame) -> None:
    """Heerhugowaard (GM0398) became Dijk en Waard (GM1980) in 2022, as in the estimates."""
    from aimonitor.frame import load_lineage

    wave = wave_of([{"B1": 1}, {"B1": 2}], ["GM0398", "GM0363"])
    data = build_microdata(wave, frame, consent=("GM0398", "GM0363"), lineage=load_lineage())
    names = dict(zip(data.codes, data.column("gemeentenaam").values, strict=True))
    assert names == {"GM0398": "Dijk en Waard", "GM0363": "Amsterdam"}
    codes = dict(zip(data.codes, data.column("gemeentecode").values, strict=True))
    assert codes == {"GM0398": "GM1980", "GM0363": "GM0363"}
