from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from aimonitor.cli import main

REFERENCE = Path(__file__).parents[2] / "reference"


def _one_case_file(tmp_path: Path, case_id: str, edit: dict[str, object] | None = None) -> Path:
    data = json.loads((REFERENCE / "cases.json").read_text())
    case = next(c for c in data["cases"] if c["id"] == case_id)
    case.update(edit or {})
    data["cases"] = [case]
    shutil.copy(REFERENCE / case["data"], tmp_path / case["data"])
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(data))
    return path


def test_run_prints_rows_shaped_like_expected(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _one_case_file(tmp_path, "srs_mean", {"expected": None})
    assert main(["stats", "run", str(path)]) == 0
    [result] = json.loads(capsys.readouterr().out)
    assert result["id"] == "srs_mean"
    assert [row["level"] for row in result["rows"]] == [None, "E", "H", "M", "No", "Yes"]
    assert {"estimate", "se", "ci_lower", "ci_upper", "df", "extra"} <= set(result["rows"][0])


def test_check_fails_with_exit_1_when_a_value_is_off(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads((REFERENCE / "cases.json").read_text())
    case = next(c for c in data["cases"] if c["id"] == "srs_mean")
    case["expected"][0]["se"] *= 1.001
    path = _one_case_file(tmp_path, "srs_mean", {"expected": case["expected"]})
    assert main(["stats", "check", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("FAIL srs_mean")
    assert "se" in lines[0]
    assert lines[-1] == "0 passed, 1 failed"


def test_an_unknown_ci_method_names_the_case_and_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads((REFERENCE / "cases.json").read_text())
    case = next(c for c in data["cases"] if c["id"] == "strat_prop_wilson")
    case["statistic"]["ci"]["method"] = "exact"
    path = _one_case_file(tmp_path, "strat_prop_wilson", {"statistic": case["statistic"]})
    assert main(["stats", "run", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("aimonitor: error: case 'strat_prop_wilson': statistic.ci.method:")
    assert "'exact'" in err
    assert len(err.splitlines()) == 1


def test_a_missing_design_field_is_reported_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _one_case_file(tmp_path, "srs_mean", {"design": None})
    assert main(["stats", "check", str(path)]) == 2
    assert capsys.readouterr().err.strip() == "aimonitor: error: case 'srs_mean': design: missing"


def test_a_margin_level_absent_from_the_data_is_reported_for_the_case(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads((REFERENCE / "cases.json").read_text())
    case = next(c for c in data["cases"] if c["id"] == "census_poststratify_size_mean")
    case["calibration"]["margins"][0]["totals"].append({"size_class": "huge", "total": 1})
    path = _one_case_file(tmp_path, case["id"], {"calibration": case["calibration"]})
    assert main(["stats", "run", str(path)]) == 2
    assert "level 'huge' has no respondents" in capsys.readouterr().err


def test_a_text_column_used_as_weights_is_named_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads((REFERENCE / "cases.json").read_text())
    case = next(c for c in data["cases"] if c["id"] == "strat_mean_numeric")
    case["design"]["weights"] = "cname"  # county names, not numbers
    path = _one_case_file(tmp_path, case["id"], {"design": case["design"], "expected": None})
    assert main(["stats", "run", str(path)]) == 2
    err = capsys.readouterr().err
    assert "column 'cname' is not numeric" in err
    assert "Traceback" not in err
