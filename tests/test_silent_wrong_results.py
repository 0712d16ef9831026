"""Attack: inputs that used to give a wrong result with exit 0 (a NaN bound, overflowing
weights, a misspelt event, an infinite tolerance). Each must be refused with a clear
message that names the problem."""

from __future__ import annotations

import copy
import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from aimonitor.cli import main
from aimonitor.questionnaire import QuestionnaireError, load_questionnaire
from aimonitor.questionnaire.answers import number_problem

PROJECT_ROOT = Path(__file__).resolve().parents[1]
REFERENCE = PROJECT_ROOT / "tests" / "reference"
QUESTIONNAIRE = PROJECT_ROOT / "data" / "questionnaires" / "ai-monitor-2024.yaml"
NUMERIC_BOUNDS = "bounds: {min: 0, max: 97, decimals: 1}"


@pytest.mark.parametrize(
    ("bounds", "problem"),
    [
        ("bounds: {min: 0, max: .nan, decimals: 1}", "bounds.max: must be a finite number"),
        ("bounds: {min: -.inf, max: 97, decimals: 1}", "bounds.min: must be a finite number"),
        ("bounds: {min: 0, max: .inf, decimals: 1}", "bounds.max: must be a finite number"),
    ],
)
def test_a_questionnaire_with_a_nan_or_infinite_bound_does_not_validate(
    tmp_path: Path, bounds: str, problem: str
) -> None:
    text = QUESTIONNAIRE.read_text(encoding="utf-8")
    assert NUMERIC_BOUNDS in text
    hostile = tmp_path / "q.yaml"
    hostile.write_text(text.replace(NUMERIC_BOUNDS, bounds, 1), encoding="utf-8")
    with pytest.raises(QuestionnaireError, match=problem):
        load_questionnaire(hostile)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), 10**400])
def test_a_nan_infinite_or_overflowing_numeric_answer_is_refused(value: object) -> None:
    questionnaire = load_questionnaire(QUESTIONNAIRE)
    numeric = next(v for v in questionnaire.variables() if v.bounds is not None)
    assert number_problem(numeric, value) is not None


def _spec(tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    """The reference case strat_prop_logit (data path made absolute), changed by ``change``."""
    document = json.loads((REFERENCE / "cases.json").read_text(encoding="utf-8"))
    case = copy.deepcopy(next(c for c in document["cases"] if c["id"] == "strat_prop_logit"))
    case["data"] = str(REFERENCE / case["data"])
    document["cases"] = [case]
    change(document)
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _tolerance(**values: float) -> Callable[[dict[str, Any]], None]:
    return lambda document: document["tolerance"]["default"].update(values)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_tolerance(rel=float("inf")), "Infinity is not a number JSON allows"),
        (_tolerance(abs=float("nan")), "NaN is not a number JSON allows"),
        (_tolerance(abs=-1.0), "tolerance.default.abs: must be a finite number of at least 0"),
        (_tolerance(rel=-0.1), "tolerance.default.rel: must be at least 0 and below 1"),
        (_tolerance(rel=5.0), "tolerance.default.rel: must be at least 0 and below 1"),
        (_tolerance(abs=1e400), "Infinity is not a number JSON allows"),
    ],
)
@pytest.mark.parametrize("command", ["run", "check"])
def test_a_tolerance_that_would_pass_anything_is_refused(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    change: Callable[[dict[str, Any]], None],
    message: str,
    command: str,
) -> None:
    assert main(["stats", command, str(_spec(tmp_path, change))]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("aimonitor: error: ")
    assert message in captured.err
    assert captured.out == ""


def _misspell_event(document: dict[str, Any]) -> None:
    document["cases"][0]["statistic"]["variables"][0]["event"] = "Yse"


def test_a_misspelt_event_is_refused_instead_of_estimated_as_zero_percent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stats", "run", str(_spec(tmp_path, _misspell_event))]) == 2
    captured = capsys.readouterr()
    assert "event 'Yse' does not occur in column 'sch.wide' of apistrat.csv" in captured.err
    assert captured.out == ""


def test_weights_whose_sum_overflows_are_refused_instead_of_giving_empty_estimates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with (REFERENCE / "apistrat.csv").open(newline="", encoding="utf-8") as source:
        rows = list(csv.reader(source))
    column = rows[0].index("pw")
    for row in rows[1:]:
        row[column] = "1e308"
    data = tmp_path / "huge_weights.csv"
    with data.open("w", newline="", encoding="utf-8") as target:
        csv.writer(target).writerows(rows)

    def use_huge_weights(document: dict[str, Any]) -> None:
        document["cases"][0]["data"] = str(data)
        document["cases"][0]["design"]["fpc"] = None

    assert main(["stats", "run", str(_spec(tmp_path, use_huge_weights))]) == 2
    captured = capsys.readouterr()
    assert "weights are too large" in captured.err
    assert captured.out == ""


def test_an_infinite_calibration_total_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def infinite_total(document: dict[str, Any]) -> None:
        document["cases"][0]["calibration"] = {
            "method": "calibrate",
            "calfun": "linear",
            "numeric_totals": {"api99": 1e400},
        }

    assert main(["stats", "run", str(_spec(tmp_path, infinite_total))]) == 2
    assert "Infinity is not a number JSON allows" in capsys.readouterr().err
