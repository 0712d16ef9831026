"""Writing estimates as CSV and JSON: columns, labels, precision, suppression, the notice."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
import yaml

from aimonitor.frame import Frame
from aimonitor.indicators import EstimateTable
from aimonitor.indicators.errors import IndicatorError
from aimonitor.indicators.estimate import estimate_wave
from aimonitor.indicators.export import COLUMNS, write_estimates
from aimonitor.questionnaire import Questionnaire

from .support import TINY_YAML, codes_in, tiny_questionnaire, wave_of

ANSWERS: list[dict[str, object]] = [
    {"B1": 1, "B2": [1]},
    {"B1": 1, "B2": [2]},
    {"B1": 3},
    {"B1": 3},
    {"B1": 2, "B2": [1]},
    {"B1": 3},
]


def table(frame: Frame, *, synthetic: bool) -> EstimateTable:
    codes = codes_in(frame, "20k-50k", len(ANSWERS))
    return estimate_wave(wave_of(ANSWERS, codes, synthetic=synthetic), frame)


def as_csv(estimates: EstimateTable) -> str:
    out = io.StringIO()
    write_estimates(estimates, out, "csv", questionnaire=tiny_questionnaire())
    return out.getvalue()


def as_json(estimates: EstimateTable) -> dict[str, object]:
    out = io.StringIO()
    write_estimates(estimates, out, "json", questionnaire=tiny_questionnaire())
    document: dict[str, object] = json.loads(out.getvalue())
    return document


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.split("\n", 1)[1])))


def test_csv_starts_with_a_comment_naming_the_wave_and_the_synthetic_data(frame: Frame) -> None:
    first = as_csv(table(frame, synthetic=True)).split("\n")[0]
    assert first.startswith("# AI Monitor 2024 estimates | weighting: none")
    assert first.endswith("| Synthetische demonstratiedata / Synthetic demonstration data")


def test_the_weighting_fallback_is_written_in_english_in_csv_and_json(frame: Frame) -> None:
    # All six respondents are in one size class: the fallback chain ends without weighting.
    estimates = table(frame, synthetic=False)
    last_step = "all respondents are in one (collapsed) size class: no weighting, fpc only"
    assert as_csv(estimates).split("\n")[0].endswith(f"; {last_step}")
    weighting = as_json(estimates)["weighting"]
    assert isinstance(weighting, dict)
    assert weighting["fallback_reason"].endswith(f"; {last_step}")


def test_real_data_carries_no_synthetic_notice(frame: Frame) -> None:
    text = as_csv(table(frame, synthetic=False))
    assert "Synthetische" not in text
    assert as_json(table(frame, synthetic=False))["notice"] is None


def test_csv_has_the_documented_columns_and_every_key_in_every_domain(frame: Frame) -> None:
    estimates = table(frame, synthetic=False)
    text = as_csv(estimates)
    assert text.split("\n")[1] == ",".join(COLUMNS)
    rows = csv_rows(text)
    keys = {(row.variable, row.option) for row in estimates}
    domains = {row.domain for row in estimates}
    # A key nobody in a domain was asked (no row in the table) is listed too, as withheld.
    assert len(rows) == len(keys) * len(domains)
    assert len({(r["variable"], r["option"], r["domain"]) for r in rows}) == len(rows)
    share = next(r for r in rows if (r["variable"], r["option"], r["domain"]) == ("B1", "3", "all"))
    assert (share["estimate"], share["n"], share["kind"], share["suppressed"]) == (
        "0.500",
        "6",
        "proportion",
        "0",
    )
    assert share["label_nl"] == "Heeft u een AI-visie? – Nee"
    assert share["label_en"] == "Do you have an AI vision? – No"


def test_figures_are_written_to_a_tenth_of_a_percentage_point(frame: Frame) -> None:
    estimates = table(frame, synthetic=False)
    rows = {(r["variable"], r["option"], r["domain"]): r for r in csv_rows(as_csv(estimates))}
    # Three of six said "no": p = 0.5, s^2 = 6 * 0.25 / 5 = 0.3, with the fpc of N = 342
    # se = sqrt((1 - 6/342) * 0.3 / 6) = 0.22164.
    assert rows[("B1", "3", "all")]["se"] == "0.222"
    published = [row for row in estimates if not row.suppressed]
    assert published
    for row in published:
        written = rows[row.key]
        for column, raw in (
            ("estimate", row.estimate.estimate),
            ("se", row.estimate.se),
            ("ci_lower", row.estimate.ci_lower),
            ("ci_upper", row.estimate.ci_upper),
        ):
            assert re.fullmatch(r"-?\d+\.\d{3}", written[column]), (row.key, written[column])
            assert abs(float(written[column]) - raw) <= 0.0005 + 1e-12, (row.key, column)


def test_a_suppressed_row_keeps_its_key_and_labels_but_not_its_figures_or_n(
    frame: Frame,
) -> None:
    estimates = table(frame, synthetic=False)
    assert estimates.get("B2", "1").suppressed  # three respondents were asked B2
    row = next(
        r
        for r in csv_rows(as_csv(estimates))
        if (r["variable"], r["option"], r["domain"]) == ("B2", "1", "all")
    )
    assert (row["suppressed"], row["kind"], row["base"]) == ("1", "proportion", "answered")
    assert row["estimate"] == row["se"] == row["ci_lower"] == row["ci_upper"] == ""
    # n and df = n - 1 would count the "yes" answers to B1 that route to B2; a note like
    # "p = 0 or 1" would give the figure away.
    assert row["n"] == row["df"] == row["method"] == row["note"] == ""
    assert row["label_en"] == "Principles – Transparency"


def test_every_row_names_its_base_and_whether_it_is_synthetic(frame: Frame) -> None:
    rows = csv_rows(as_csv(table(frame, synthetic=True)))
    shares = next(r for r in rows if (r["variable"], r["option"]) == ("B1", "1"))
    assert (shares["base"], shares["synthetic"]) == ("answered", "1")
    real = csv_rows(as_csv(table(frame, synthetic=False)))
    assert {r["synthetic"] for r in real} == {"0"}


def test_json_has_the_metadata_on_top_and_the_same_rows(frame: Frame) -> None:
    estimates = table(frame, synthetic=True)
    document = as_json(estimates)
    assert (document["wave"], document["synthetic"], document["compared_with"]) == (
        2024,
        True,
        None,
    )
    assert document["notice"] == "Synthetische demonstratiedata / Synthetic demonstration data"
    reason = estimates.weighting.fallback_reason
    assert reason is not None
    assert document["weighting"] == {
        "method": "none",
        "margins": [],
        "fallback_reason": reason.get("en"),
        "respondents": 6,
        "population": 342,
        "take_all": [],
    }
    rows = document["rows"]
    assert isinstance(rows, list)
    assert len(rows) == len(csv_rows(as_csv(estimates)))
    assert (rows[0]["variable"], rows[0]["option"], rows[0]["domain"]) == ("B1", "1", "all")
    assert rows[0]["estimate"] == 0.333  # two of six, rounded
    assert set(rows[0]) == set(COLUMNS)
    suppressed = next(r for r in rows if r["variable"] == "B2")
    assert (suppressed["suppressed"], suppressed["estimate"], suppressed["n"]) == (
        True,
        None,
        None,
    )


def test_an_unknown_format_or_a_row_outside_the_questionnaire_is_refused(frame: Frame) -> None:
    estimates = table(frame, synthetic=False)
    with pytest.raises(IndicatorError, match="unknown estimates format 'xlsx'"):
        write_estimates(estimates, io.StringIO(), "xlsx", questionnaire=tiny_questionnaire())  # type: ignore[arg-type]
    data = yaml.safe_load(TINY_YAML)
    data["items"] = data["items"][:1]
    other = Questionnaire.from_dict(data)
    with pytest.raises(IndicatorError, match="B1 / 1 is not an estimand of questionnaire"):
        write_estimates(estimates, io.StringIO(), "csv", questionnaire=other)
