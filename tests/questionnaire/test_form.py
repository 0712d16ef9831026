"""The survey page of a theme: routing, last year's answers, progress, what is missing."""

from __future__ import annotations

import pytest

from aimonitor.paths import data_dir
from aimonitor.questionnaire import Questionnaire, load_questionnaire
from aimonitor.questionnaire.form import (
    FormInputs,
    build_progress,
    build_theme_form,
    describe_answer,
    missing_answers,
)


@pytest.fixture(scope="module")
def q() -> Questionnaire:
    return load_questionnaire(data_dir() / "questionnaires" / "ai-monitor-2024.yaml")


def test_a_question_routed_away_is_on_the_page_but_hidden(q: Questionnaire) -> None:
    page = build_theme_form(q, "vision", FormInputs(answers={"B1": 4}), "nl")
    shown = {item.id: item.shown for item in page.items}
    assert shown["B1"] is True
    assert shown["B2"] is False
    again = build_theme_form(q, "vision", FormInputs(answers={"B1": 1}), "nl")
    assert {item.id: item.shown for item in again.items}["B2"] is True


def test_the_page_is_worded_in_the_chosen_language(q: Questionnaire) -> None:
    dutch = build_theme_form(q, "vision", FormInputs(answers={}), "nl")
    english = build_theme_form(q, "vision", FormInputs(answers={}), "en")
    assert dutch.name == "Visie, strategie en beleid"
    assert english.name == "Vision, strategy and policy"
    assert dutch.items[0].text != english.items[0].text


def test_last_years_answer_is_shown_in_words(q: Questionnaire) -> None:
    page = build_theme_form(q, "vision", FormInputs(answers={}, previous={"B1": 2}), "nl")
    b1 = page.items[0].fields[0]
    label = q.variable("B1").code_label(2)
    assert label is not None
    assert b1.previous == label.label.nl


def test_a_refused_entry_is_shown_again_as_typed_with_its_message(q: Questionnaire) -> None:
    inputs = FormInputs(
        answers={"C4": 3}, problems={"C4": "Geef een getal"}, entered={"C4": ["120"]}
    )
    page = build_theme_form(q, "champions", inputs, "nl")
    field = next(f for item in page.items for f in item.fields if f.name == "C4")
    assert (field.text, field.problem) == ("120", "Geef een getal")


def test_progress_counts_only_the_required_questions_routing_asks(q: Questionnaire) -> None:
    before = {p.id: p for p in build_progress(q, {"B1": 4}, "nl")}
    after = {p.id: p for p in build_progress(q, {"B1": 1}, "nl")}
    assert before["vision"].answered == after["vision"].answered == 1
    assert after["vision"].expected > before["vision"].expected


def test_what_is_missing_follows_routing(q: Questionnaire) -> None:
    missing = {v.name for v in missing_answers(q, {"B1": 4})}
    assert "B1" not in missing
    assert "B2" not in missing
    assert "B2" in {v.name for v in missing_answers(q, {"B1": 1})}


def test_answers_are_described_with_their_labels_numbers_and_names(q: Questionnaire) -> None:
    names = {363: "Amsterdam", 599: "Rotterdam"}
    assert describe_answer(q.variable("C4"), 2.5, "nl", names) == "2,5"
    assert describe_answer(q.variable("C4"), 2.5, "en", names) == "2.5"
    assert describe_answer(q.variable("A4a"), [363, 599], "nl", names) == "Amsterdam, Rotterdam"
    assert describe_answer(q.variable("B1"), None, "nl", names) is None
