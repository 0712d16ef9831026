"""The codebook: variables with labels, types, codes and value labels, in Dutch or English."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from aimonitor.questionnaire import Questionnaire
from aimonitor.questionnaire.codebook import codebook, render_csv, render_json, render_text

from .support import item


def test_every_variable_has_an_entry_in_survey_order(minimal: dict[str, Any]) -> None:
    entries = codebook(Questionnaire.from_dict(minimal))
    assert [e.variable for e in entries] == ["B1", "B2", "B3_guideline", "B3_register", "B4"]


def test_labels_follow_the_chosen_language(minimal: dict[str, Any]) -> None:
    q = Questionnaire.from_dict(minimal)
    dutch, english = codebook(q, "nl")[0], codebook(q, "en")[0]
    assert dutch.label == "Heeft uw gemeente een AI-visie?"
    assert english.label == "Does your municipality have an AI vision?"
    assert [v.label for v in english.codes] == ["Yes", "No", "Don't know"]


def test_routing_is_shown_as_readable_text(minimal: dict[str, Any]) -> None:
    entry = codebook(Questionnaire.from_dict(minimal), "en")[1]
    assert entry.shown_if == "B1 is 1"


def test_the_text_codebook_marks_special_and_exclusive_codes(minimal: dict[str, Any]) -> None:
    text = render_text(Questionnaire.from_dict(minimal), "en")
    assert "B1  [single_choice]" in text
    assert "      98  Don't know  (special, exclusive)" in text
    assert "       3  None  (exclusive)" in text
    assert "Shown if: B3_guideline is 1" in text


def test_the_csv_codebook_has_one_row_per_variable_and_code(minimal: dict[str, Any]) -> None:
    rows = list(csv.DictReader(io.StringIO(render_csv(Questionnaire.from_dict(minimal), "nl"))))
    b1 = [row for row in rows if row["variable"] == "B1"]
    assert [(r["code"], r["value_label"], r["special"]) for r in b1] == [
        ("1", "Ja", "0"),
        ("2", "Nee", "0"),
        ("98", "Weet niet", "1"),
    ]
    b4 = [row for row in rows if row["variable"] == "B4"]
    assert len(b4) == 1
    assert (b4[0]["type"], b4[0]["code"], b4[0]["optional"]) == ("text", "", "1")


def test_the_json_codebook_names_the_questionnaire_and_lists_codes(
    minimal: dict[str, Any],
) -> None:
    item(minimal, "B1")["reproduces"] = "M&I three quarters"
    document = json.loads(render_json(Questionnaire.from_dict(minimal), "en"))
    assert (document["questionnaire"], document["version"], document["lang"]) == (
        "test-monitor",
        "1",
        "en",
    )
    b1 = document["variables"][0]
    assert b1["reproduces"] == "M&I three quarters"
    assert b1["codes"][2] == {"code": 98, "label": "Don't know", "special": True, "exclusive": True}


def test_the_codebook_gives_each_variable_its_measurement_level(minimal: dict[str, Any]) -> None:
    minimal["items"].append(
        {
            "id": "B5",
            "theme": "vision",
            "type": "numeric",
            "text": {"nl": "Aantal", "en": "Number"},
            "bounds": {"min": 0, "max": 10},
        }
    )
    minimal["items"].append(
        {
            "id": "B6",
            "theme": "vision",
            "type": "grid",
            "cell": "likert",
            "text": {"nl": "Mate", "en": "Extent"},
            "rows": [{"key": "use", "label": {"nl": "Gebruik", "en": "Use"}}],
            "scale": {
                "points": [
                    {"value": 1, "label": {"nl": "Niet", "en": "Not"}},
                    {"value": 5, "label": {"nl": "Zeer", "en": "Very"}},
                ]
            },
        }
    )
    document = json.loads(render_json(Questionnaire.from_dict(minimal), "en"))
    levels = {entry["variable"]: entry["measurement"] for entry in document["variables"]}
    assert levels == {
        "B1": "nominal",
        "B2": "nominal",
        "B3_guideline": "nominal",
        "B3_register": "nominal",
        "B4": "nominal",
        "B5": "scale",
        "B6_use": "ordinal",
    }
    rows = csv.DictReader(io.StringIO(render_csv(Questionnaire.from_dict(minimal), "en")))
    assert {row["variable"]: row["measurement"] for row in rows}["B5"] == "scale"
