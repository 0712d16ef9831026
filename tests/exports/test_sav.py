"""The SPSS file reads back as the data and its labels, and GNU PSPP opens it without a
warning: none of LimeSurvey's complaints (truncated answers, garbled multiple answers, lost
missing codes)."""

from __future__ import annotations

import math
import shutil
import subprocess
from pathlib import Path

import pyreadstat
import pytest

from aimonitor.exports import Microdata
from aimonitor.indicators import WaveData


@pytest.fixture(scope="module")
def sav(exported: Path) -> tuple[dict, object]:
    return pyreadstat.read_sav(exported / "microdata.sav", output_format="dict", user_missing=True)


def _same(read: object, written: object) -> bool:
    if written is None:
        return read is None or read == "" or (isinstance(read, float) and math.isnan(read))
    return read == written


def test_every_value_reads_back_as_written(sav, microdata: Microdata) -> None:
    data, _ = sav
    assert list(data) == [c.name for c in microdata.columns]
    for column in microdata.columns:
        read = data[column.name]
        assert len(read) == microdata.rows
        assert all(_same(r, w) for r, w in zip(read, column.values, strict=True)), column.name


def test_a_single_choice_answer_is_the_respondents_code(sav, rows) -> None:
    data, _ = sav
    expected = [r.answers.get("B1") for r in rows]
    assert [None if math.isnan(v) else int(v) for v in data["B1"]] == expected


def test_a_multiple_choice_item_is_one_yes_no_column_per_option(sav, rows, wave: WaveData) -> None:
    data, meta = sav
    options = [v.code for v in wave.questionnaire.variable("E4").codes if not v.special]
    for code in options:
        column = data[f"E4_{code}"]
        for row, value in zip(rows, column, strict=True):
            answer = row.answers.get("E4")
            if answer is None:
                assert math.isnan(value)
            elif 98 in answer:
                assert value == 98
            else:
                assert value == (1 if code in answer else 0)
        assert meta.variable_value_labels[f"E4_{code}"][1.0] == "gekozen"


def test_labels_missing_codes_and_measurement_levels_are_in_the_file(sav, wave: WaveData) -> None:
    _, meta = sav
    labels = dict(zip(meta.column_names, meta.column_labels, strict=True))
    b1 = wave.questionnaire.variable("B1")
    assert labels["B1"] == b1.label.nl
    assert meta.variable_value_labels["B1"] == {float(v.code): v.label.nl for v in b1.codes}
    assert meta.missing_ranges["B1"] == [{"lo": 98.0, "hi": 98.0}]
    assert meta.variable_measure["B1"] == "nominal"
    assert meta.variable_measure["F1_efficiency"] == "ordinal"
    assert meta.variable_measure["C4"] == "scale"
    assert meta.variable_measure["provincie"] == "nominal"


def test_an_open_answer_of_a_named_municipality_is_whole(sav, microdata: Microdata) -> None:
    data, _ = sav
    for column in microdata.columns:
        if column.kind == "text":
            assert list(data[column.name]) == [v or "" for v in column.values]


def test_pspp_opens_the_file_without_a_warning(exported: Path, tmp_path: Path) -> None:
    assert shutil.which("pspp"), "GNU PSPP is installed by 'make browser' (Debian package pspp)"
    syntax = tmp_path / "open.sps"
    syntax.write_text(
        f"GET FILE='{exported / 'microdata.sav'}'.\n"
        "DISPLAY DICTIONARY.\n"
        "FREQUENCIES VARIABLES=B1 E4_1 grootteklasse provincie.\n"
        "DESCRIPTIVES VARIABLES=C4.\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        ["pspp", "-O", "format=txt", "-o", str(tmp_path / "out.txt"), str(syntax)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = done.stdout + done.stderr + (tmp_path / "out.txt").read_text(encoding="utf-8")
    assert done.returncode == 0, output
    assert "warning" not in output.lower(), output
    assert "error" not in output.lower(), output
    assert "Frequencies" in output or "Frequency" in output
