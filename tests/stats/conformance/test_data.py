"""Reading respondent data (CSV and Parquet) into typed columns: 0/1 columns as 8-bit
integers, labels as R reads them, and bad files as one clear error."""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
import pytest

from aimonitor.cli import main
from aimonitor.stats.conformance import SpecError, compare_case, load_spec, run_case
from aimonitor.stats.conformance.data import load_columns

REFERENCE = Path(__file__).parents[2] / "reference"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "data.csv"
    path.write_text(text)
    return path


def test_a_zero_one_number_column_is_read_as_8_bit_integers(tmp_path: Path) -> None:
    path = _write(tmp_path, "w,y,g\n2.5,1,a\n3,0,b\n4,1,a\n")
    table = load_columns(path, {"w": "number", "y": "number", "g": "label"})
    y = table["y"].numbers
    assert y is not None
    assert y.dtype == np.int8
    assert y.tolist() == [1, 0, 1]
    assert table["w"].floats() is not None
    assert table["w"].floats().tolist() == [2.5, 3.0, 4.0]  # type: ignore[union-attr]
    assert table["g"].labels().tolist() == ["a", "b", "a"]


def test_missing_cells_and_na_are_nan_for_numbers_and_empty_for_labels(tmp_path: Path) -> None:
    path = _write(tmp_path, "y,g\n1,a\nNA,\n,NA\n0,b\n")
    table = load_columns(path, {"y": "number", "g": "label"})
    y = table["y"].floats()
    assert y is not None
    assert y[0] == 1.0
    assert np.isnan(y[1])
    assert np.isnan(y[2])
    assert y[3] == 0.0
    assert table["g"].labels().tolist() == ["a", "", "", "b"]


def test_numeric_labels_are_written_as_r_writes_them(tmp_path: Path) -> None:
    # read.csv makes 1.0 and 01 the number 1; as.character(1) is "1"
    path = _write(tmp_path, 'code\n1.0\n"01"\n2.5\n')
    assert load_columns(path, {"code": "label"})["code"].labels().tolist() == ["1", "1", "2.5"]


def test_a_late_cell_that_is_not_a_small_integer_widens_the_column(tmp_path: Path) -> None:
    # the first block (1 MB) is 0/1, so the column is read as int8; then 0.5 and 1000
    rows = ["1" if i % 2 else "0" for i in range(600_000)] + ["0.5", "1000"]
    path = _write(tmp_path, "y\n" + "\n".join(rows) + "\n")
    y = load_columns(path, {"y": "number"})["y"].floats()
    assert y is not None
    assert y.dtype == np.float64
    assert y[-2:].tolist() == [0.5, 1000.0]
    assert float(y.sum()) == 300_000 + 0.5 + 1000


def test_a_late_text_cell_in_a_number_column_is_named_by_the_runner(tmp_path: Path) -> None:
    rows = ["1"] * 600_000 + ["yes"]
    path = _write(tmp_path, "y\n" + "\n".join(rows) + "\n")
    column = load_columns(path, {"y": "number"})["y"]
    assert column.numbers is None
    assert column.text is not None
    assert column.text[-1] == "yes"


def test_a_ragged_row_is_one_line_naming_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "a,b,c\n1,2,3\n4,5\n")
    with pytest.raises(SpecError) as caught:
        load_columns(path, {"a": "number", "b": "number"})
    message = str(caught.value)
    assert message.startswith("cannot read data file data.csv: ")
    assert "Expected 3 columns, got 2" in message
    assert "\n" not in message


def test_a_missing_column_is_named(tmp_path: Path) -> None:
    path = _write(tmp_path, "a,b\n1,2\n")
    with pytest.raises(SpecError, match=r"data file data\.csv has no column 'w'"):
        load_columns(path, {"a": "number", "w": "number"})


def test_an_empty_or_binary_data_file_is_one_clear_error(tmp_path: Path) -> None:
    empty = _write(tmp_path, "")
    with pytest.raises(SpecError, match="cannot read data file"):
        load_columns(empty, {"a": "number"})
    garbage = tmp_path / "garbage.csv"
    shutil.copyfile(Path(__file__).parents[2] / "hostile" / "binary-garbage.bin", garbage)
    with pytest.raises(SpecError, match="cannot read data file"):
        load_columns(garbage, {"a": "number"})


def test_a_parquet_file_keeps_its_types_and_its_nulls(tmp_path: Path) -> None:
    path = tmp_path / "data.parquet"
    table = pa.table(
        {
            "y": pa.array([1, 0, None], type=pa.int8()),
            "x": pa.array([1.5, None, 2.0]),
            "b": pa.array([True, None, False]),
            "g": pa.array(["a", None, "1"]).dictionary_encode(),
        }
    )
    pq.write_table(table, path)
    columns = load_columns(path, {"y": "number", "x": "number", "b": "number", "g": "label"})
    y, x, b = columns["y"].floats(), columns["x"].floats(), columns["b"].floats()
    assert y is not None
    assert x is not None
    assert b is not None
    assert b[[0, 2]].tolist() == [1.0, 0.0]
    assert np.isnan(b[1])
    assert y[:2].tolist() == [1.0, 0.0]
    assert np.isnan(y[2])
    assert np.isnan(x[1])
    assert columns["g"].labels().tolist() == ["a", "", "1"]  # text in Parquet stays text


def test_a_parquet_column_of_another_type_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "data.parquet"
    pq.write_table(pa.table({"d": pa.array([datetime.date(2024, 1, 1)])}), path)
    with pytest.raises(SpecError, match="column 'd' has type date32"):
        load_columns(path, {"d": "number"})


@pytest.mark.parametrize(
    "case_id",
    [
        "strat_mean_numeric",
        "census_rake_size_county_mean",
        "strat_domain_prop_wilson_by_stype",
        "clus1_mean",
    ],
)
def test_a_reference_case_read_from_parquet_matches_r(case_id: str, tmp_path: Path) -> None:
    data = json.loads((REFERENCE / "cases.json").read_text())
    case = next(c for c in data["cases"] if c["id"] == case_id)
    parquet = Path(case["data"]).with_suffix(".parquet").name
    pq.write_table(pa_csv.read_csv(REFERENCE / case["data"]), tmp_path / parquet)
    datasets = data.get("datasets", {})
    data["datasets"] = {parquet: datasets[case["data"]]} if case["data"] in datasets else {}
    case["data"] = parquet
    data["cases"] = [case]
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(data))
    spec = load_spec(path)
    outcome = compare_case(spec.cases[0], spec, run_case(spec.cases[0], spec))
    assert outcome.checked > 0
    assert outcome.passed, outcome.problems


def test_stats_run_names_a_bad_cell_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads((REFERENCE / "cases.json").read_text())
    case = next(c for c in data["cases"] if c["id"] == "srs_mean")
    lines = (REFERENCE / case["data"]).read_text().splitlines()
    lines[-1] = lines[-1] + ",extra"
    (tmp_path / case["data"]).write_text("\n".join(lines) + "\n")
    data["cases"] = [case]
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(data))
    assert main(["stats", "run", str(path)]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1
    assert err.startswith(
        f"aimonitor: error: case 'srs_mean': cannot read data file {case['data']}"
    )
