"""`aimonitor questionnaire validate|codebook`: one line of output or error, never a traceback."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from aimonitor.cli import main
from aimonitor.paths import PROJECT_ROOT

from .support import MINIMAL_YAML, item

INSTRUMENT = str(PROJECT_ROOT / "data" / "questionnaires" / "ai-monitor-2024.yaml")
Write = Callable[[Any], Path]


def test_validate_accepts_the_shipped_instrument(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["questionnaire", "validate", INSTRUMENT]) == 0
    out = capsys.readouterr().out
    assert (
        out
        == f"{INSTRUMENT}: OK - ai-monitor-2024 version 2024.2: 42 items, 92 variables, 8 themes\n"
    )


def test_validate_refuses_a_broken_file_with_one_line_and_exit_2(
    minimal: dict[str, Any], write_yaml: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    item(minimal, "B2")["shown_if"] = {"item": "Q7", "in": [1]}
    path = write_yaml(minimal)
    assert main(["questionnaire", "validate", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"aimonitor: error: {path}: item B2: condition refers to unknown item or variable 'Q7'\n"
    )


def test_validate_reports_yaml_syntax_errors_without_a_traceback(
    write_yaml: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_yaml(MINIMAL_YAML.replace("themes:", "themes: [", 1))
    assert main(["questionnaire", "validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"aimonitor: error: {path}: YAML syntax error at line ")
    assert "Traceback" not in err
    assert err.count("\n") == 1


def test_validate_names_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["questionnaire", "validate", str(tmp_path / "x.yaml")]) == 2
    assert capsys.readouterr().err == f"aimonitor: error: {tmp_path / 'x.yaml'}: file not found\n"


def test_codebook_prints_dutch_text_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["questionnaire", "codebook", INSTRUMENT]) == 0
    out = capsys.readouterr().out
    assert "== Thema 1. Visie, strategie en beleid ==" in out
    assert "B3_guideline  [single_choice]" in out
    assert "Getoond als: D1 is 3/4/5" in out


def test_codebook_prints_english_csv(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["questionnaire", "codebook", INSTRUMENT, "--lang", "en", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    d1 = {row["code"]: row["value_label"] for row in rows if row["variable"] == "D1"}
    assert d1["4"] == "Experiments and applications in production"
    assert d1["98"] == "Don't know"
    assert len({row["variable"] for row in rows}) == 92


def test_codebook_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["questionnaire", "codebook", INSTRUMENT, "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    f2 = next(v for v in document["variables"] if v["variable"] == "F2_knowledge")
    assert (f2["type"], f2["likert"], f2["item"], f2["row"]) == ("likert", True, "F2", "knowledge")


def test_codebook_of_a_broken_file_fails_like_validate(
    minimal: dict[str, Any], write_yaml: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    del item(minimal, "B1")["text"]["en"]
    path = write_yaml(minimal)
    assert main(["questionnaire", "codebook", str(path)]) == 2
    assert capsys.readouterr().err == (
        f"aimonitor: error: {path}: item B1: text: missing translation 'en'\n"
    )


def test_questionnaire_without_a_sub_command_shows_help_and_exits_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["questionnaire"]) == 2
    assert "validate" in capsys.readouterr().out
