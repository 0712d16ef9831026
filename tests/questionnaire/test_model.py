"""The typed model: round trips through plain data, immutability, variables per item type."""

from __future__ import annotations

import json
from typing import Any

import pydantic
import pytest

from aimonitor.questionnaire import Questionnaire, QuestionnaireError

from .support import item


def test_a_json_round_trip_gives_an_equal_questionnaire(minimal: dict[str, Any]) -> None:
    q = Questionnaire.from_dict(minimal)
    stored = json.loads(json.dumps(q.to_dict()))
    again = Questionnaire.from_dict(stored)
    assert again == q
    assert again.to_dict() == stored


def test_to_dict_keeps_the_yaml_spelling_of_conditions(minimal: dict[str, Any]) -> None:
    item(minimal, "B4")["shown_if"] = {"not": {"any": [{"item": "B1", "in": [2]}]}}
    data = Questionnaire.from_dict(minimal).to_dict()
    assert item(data, "B4")["shown_if"] == {"not": {"any": [{"item": "B1", "in": [2]}]}}


def test_from_dict_names_the_source_in_errors(minimal: dict[str, Any]) -> None:
    item(minimal, "B2")["id"] = "B1"
    with pytest.raises(QuestionnaireError, match=r"^wave 2024 snapshot: item B1: duplicate"):
        Questionnaire.from_dict(minimal, source="wave 2024 snapshot")


def test_a_loaded_questionnaire_cannot_be_changed(minimal: dict[str, Any]) -> None:
    q = Questionnaire.from_dict(minimal)
    with pytest.raises(pydantic.ValidationError):
        q.item("B1").id = "B9"  # type: ignore[misc]


def test_item_finds_by_id_and_refuses_an_unknown_id(minimal: dict[str, Any]) -> None:
    q = Questionnaire.from_dict(minimal)
    assert q.item("B3").type == "grid"
    with pytest.raises(KeyError, match="Z1"):
        q.item("Z1")


def test_a_grid_gives_one_variable_per_row_named_item_underscore_row(
    minimal: dict[str, Any],
) -> None:
    q = Questionnaire.from_dict(minimal)
    names = [variable.name for variable in q.variables()]
    assert names == ["B1", "B2", "B3_guideline", "B3_register", "B4"]
    row = q.variable("B3_guideline")
    assert (row.item, row.row, row.type) == ("B3", "guideline", "single_choice")
    assert row.label.en == "Status of instruments – Usage guideline"


def test_special_codes_are_flagged_and_come_after_the_substantive_codes(
    minimal: dict[str, Any],
) -> None:
    b1 = Questionnaire.from_dict(minimal).variable("B1")
    assert [(v.code, v.special) for v in b1.codes] == [(1, False), (2, False), (98, True)]
    assert b1.special_codes == (98,)
    assert b1.codes[2].label.nl == "Weet niet"


def test_an_exclusive_option_is_flagged_on_the_variable(minimal: dict[str, Any]) -> None:
    b2 = Questionnaire.from_dict(minimal).variable("B2")
    none = b2.code_label(3)
    assert none is not None
    assert none.exclusive


def test_likert_variables_carry_codes_one_to_five_with_end_labels(
    minimal: dict[str, Any],
) -> None:
    minimal["items"].append(
        {
            "id": "B5",
            "theme": "vision",
            "type": "likert",
            "text": {"nl": "Hoe goed?", "en": "How well?"},
            "scale": {
                "points": [
                    {"value": 1, "label": {"nl": "Slecht", "en": "Poor"}},
                    {"value": 5, "label": {"nl": "Goed", "en": "Good"}},
                ]
            },
            "special": [98],
        }
    )
    b5 = Questionnaire.from_dict(minimal).variable("B5")
    assert b5.likert
    assert [v.code for v in b5.codes] == [1, 2, 3, 4, 5, 98]
    assert (b5.codes[0].label.en, b5.codes[4].label.en) == ("Poor", "Good")


def test_a_numeric_grid_gives_numeric_row_variables_with_bounds(
    minimal: dict[str, Any],
) -> None:
    minimal["items"].append(
        {
            "id": "B5",
            "theme": "vision",
            "type": "grid",
            "cell": "numeric",
            "text": {"nl": "Hoeveel?", "en": "How many?"},
            "rows": [{"key": "pilot", "label": {"nl": "Pilot", "en": "Pilot"}}],
            "bounds": {"min": 0, "max": 97},
            "special": [98],
        }
    )
    pilot = Questionnaire.from_dict(minimal).variable("B5_pilot")
    assert pilot.type == "numeric"
    assert pilot.bounds is not None
    assert (pilot.bounds.min, pilot.bounds.max, pilot.bounds.decimals) == (0, 97, 0)
    assert pilot.special_codes == (98,)
