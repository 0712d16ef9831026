"""Routing: which items a respondent is shown, given earlier answers."""

from __future__ import annotations

from typing import Any

import pytest

from aimonitor.paths import PROJECT_ROOT
from aimonitor.questionnaire import Questionnaire, load_questionnaire
from aimonitor.questionnaire.routing import describe_condition

from .support import item


@pytest.fixture
def q(minimal: dict[str, Any]) -> Questionnaire:
    return Questionnaire.from_dict(minimal)


def test_an_item_without_condition_is_always_shown(q: Questionnaire) -> None:
    assert q.is_shown("B1", {})


def test_an_in_condition_shows_the_item_only_for_the_listed_codes(q: Questionnaire) -> None:
    assert q.is_shown("B2", {"B1": 1})
    assert not q.is_shown("B2", {"B1": 2})
    assert not q.is_shown("B2", {"B1": 98})
    assert not q.is_shown("B2", {})


def test_a_condition_on_a_grid_row_uses_the_row_answer(q: Questionnaire) -> None:
    assert q.is_shown("B4", {"B3_guideline": 1})
    assert not q.is_shown("B4", {"B3_guideline": 2, "B3_register": 1})


def test_is_shown_accepts_a_row_variable_name(q: Questionnaire) -> None:
    assert q.is_shown("B3_register", {})


def test_an_unknown_name_is_a_key_error(q: Questionnaire) -> None:
    with pytest.raises(KeyError):
        q.is_shown("Z1", {})


def test_answers_to_a_hidden_item_do_not_count(minimal: dict[str, Any]) -> None:
    item(minimal, "B4")["shown_if"] = {"item": "B2", "in": [1]}
    q = Questionnaire.from_dict(minimal)
    assert q.is_shown("B4", {"B1": 1, "B2": [1, 2]})
    assert not q.is_shown("B4", {"B1": 2, "B2": [1, 2]})


def test_in_on_a_multiple_choice_answer_means_any_chosen_code(minimal: dict[str, Any]) -> None:
    item(minimal, "B4")["shown_if"] = {"item": "B2", "in": [2]}
    q = Questionnaire.from_dict(minimal)
    assert q.is_shown("B4", {"B1": 1, "B2": [1, 2]})
    assert not q.is_shown("B4", {"B1": 1, "B2": [1]})


def test_answered_false_shows_an_item_when_the_earlier_one_was_skipped(
    minimal: dict[str, Any],
) -> None:
    item(minimal, "B4")["shown_if"] = {"item": "B1", "answered": False}
    q = Questionnaire.from_dict(minimal)
    assert q.is_shown("B4", {})
    assert q.is_shown("B4", {"B1": None})
    assert not q.is_shown("B4", {"B1": 2})


def test_all_any_and_not_combine(minimal: dict[str, Any]) -> None:
    item(minimal, "B4")["shown_if"] = {
        "all": [
            {"item": "B1", "in": [1, 2]},
            {"any": [{"item": "B3_guideline", "in": [1]}, {"item": "B3_register", "in": [1]}]},
            {"not": {"item": "B3_register", "in": [98]}},
        ]
    }
    q = Questionnaire.from_dict(minimal)
    assert q.is_shown("B4", {"B1": 2, "B3_register": 1})
    assert not q.is_shown("B4", {"B1": 2, "B3_guideline": 2, "B3_register": 98})
    assert not q.is_shown("B4", {"B1": 98, "B3_guideline": 1})


def test_shown_variables_lists_what_a_respondent_should_have_answered(
    q: Questionnaire,
) -> None:
    names = [variable.name for variable in q.shown_variables({"B1": 2, "B3_guideline": 3})]
    assert names == ["B1", "B3_guideline", "B3_register"]
    names = [variable.name for variable in q.shown_variables({"B1": 1, "B3_guideline": 1})]
    assert names == ["B1", "B2", "B3_guideline", "B3_register", "B4"]


def test_conditions_read_as_short_text_in_both_languages(minimal: dict[str, Any]) -> None:
    item(minimal, "B4")["shown_if"] = {
        "all": [
            {"item": "B1", "in": [1, 2]},
            {
                "any": [
                    {"item": "B3_guideline", "in": [1]},
                    {"not": {"item": "B2", "answered": True}},
                ]
            },
        ]
    }
    condition = Questionnaire.from_dict(minimal).item("B4").shown_if
    assert condition is not None
    assert describe_condition(condition, "nl") == (
        "B1 is 1/2 en (B3_guideline is 1 of niet (B2 beantwoord))"
    )
    assert describe_condition(condition, "en") == (
        "B1 is 1/2 and (B3_guideline is 1 or not (B2 answered))"
    )


def test_the_answers_that_route_an_item_are_found_through_every_condition(
    minimal: dict[str, Any],
) -> None:
    minimal["items"].append(
        {
            "id": "B5",
            "theme": "vision",
            "type": "text",
            "text": {"nl": "Welke?", "en": "Which?"},
            "shown_if": {"any": [{"item": "B2", "in": [1]}, {"item": "B3_register", "in": [2]}]},
        }
    )
    q = Questionnaire.from_dict(minimal)
    assert q.routing_inputs("B5") == {"B2", "B1", "B3_register"}  # B2 is routed on B1
    assert q.routing_inputs("B4") == {"B3_guideline"}
    assert q.routing_inputs("B1") == frozenset()


def test_the_instrument_routes_a4a_on_a4_and_the_literacy_follow_ups_on_training() -> None:
    q = load_questionnaire(PROJECT_ROOT / "data" / "questionnaires" / "ai-monitor-2024.yaml")
    assert q.routing_inputs("A4a") == {"A4"}
    assert q.routing_inputs("B4") == {"B1"}
    assert q.routing_inputs("G4") == q.routing_inputs("G6") == {"G2", "G3"}
