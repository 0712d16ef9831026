"""What a respondent types becomes a stored answer, or a message at the field in their
language; nothing the browser sends is trusted."""

from __future__ import annotations

import pytest

from aimonitor.paths import data_dir
from aimonitor.questionnaire import Questionnaire, load_questionnaire
from aimonitor.questionnaire.entry import ENTRY_PARSERS, build_answer, build_fields
from aimonitor.questionnaire.types import ANSWER_TYPES


@pytest.fixture(scope="module")
def q() -> Questionnaire:
    return load_questionnaire(data_dir() / "questionnaires" / "ai-monitor-2024.yaml")


def _enter(q: Questionnaire, name: str, form: dict[str, list[str]], lang: str = "nl") -> object:
    entry = build_answer(q, q.variable(name), form, lang)  # type: ignore[arg-type]
    return entry.problem if entry.problem else ("value", entry.value)


def test_every_answer_type_has_a_form_parser() -> None:
    assert set(ENTRY_PARSERS) == set(ANSWER_TYPES)


def test_a_chosen_option_is_stored_as_its_code(q: Questionnaire) -> None:
    assert _enter(q, "B1", {"B1": ["2"]}) == ("value", 2)
    assert _enter(q, "B1", {}) == ("value", None)


@pytest.mark.parametrize("raw", ["7", "-1", "abc", "1.0", "99999999"])
def test_a_code_the_question_does_not_have_is_refused(q: Questionnaire, raw: str) -> None:
    assert _enter(q, "B1", {"B1": [raw]}) == "Kies een van de antwoorden."


def test_multiple_choice_keeps_the_order_and_refuses_more_than_allowed(
    q: Questionnaire,
) -> None:
    assert _enter(q, "B2", {"B2": ["3", "1", "3"]}) == ("value", [3, 1])
    assert (
        _enter(q, "B2", {"B2": ["1", "2", "3", "4", "5", "6"]}) == "Kies ten hoogste 5 antwoorden."
    )


def test_numbers_take_a_dutch_decimal_comma_and_stay_within_bounds(q: Questionnaire) -> None:
    assert _enter(q, "C4", {"C4": ["2,5"]}) == ("value", 2.5)
    assert _enter(q, "C4", {"C4": ["12"]}) == ("value", 12)
    assert _enter(q, "C4", {"C4": ["120"]}) == "Geef een getal van 0 tot en met 97."
    assert _enter(q, "C4", {"C4": ["1,25"]}) == "Gebruik ten hoogste 1 decimaal."
    assert _enter(q, "C4", {"C4": ["veel"]}) == "Vul een getal in, zoals 12 of 2,5."
    assert _enter(q, "C4", {"C4": ["120"]}, "en") == "Give a number from 0 to 97."


def test_dont_know_is_a_special_code_and_not_together_with_a_number(q: Questionnaire) -> None:
    assert _enter(q, "C4", {"C4__special": ["98"]}) == ("value", 98)
    assert _enter(q, "C4", {"C4": ["3"], "C4__special": ["98"]}) == (
        "Vul een getal in of vink het vakje aan, niet allebei."
    )


def test_text_is_trimmed_and_limited_to_its_length(q: Questionnaire) -> None:
    assert _enter(q, "F5", {"F5": ["  Meer capaciteit \r\n nodig  "]}) == (
        "value",
        "Meer capaciteit \n nodig",
    )
    limit = q.item("F5").max_length  # type: ignore[union-attr]
    problem = _enter(q, "F5", {"F5": ["x" * (limit + 1)]})
    assert problem == f"Gebruik ten hoogste {limit} tekens (nu {limit + 1})."


def test_a_ranking_gives_each_answer_one_place(q: Questionnaire) -> None:
    assert _enter(q, "F3", {"F3__rank1": ["4"], "F3__rank2": ["2"]}) == ("value", [4, 2])
    assert _enter(q, "F3", {"F3__rank1": ["4"], "F3__rank2": ["4"]}) == (
        "Geef elk antwoord maar één plaats."
    )


def test_an_exclusive_answer_goes_on_its_own(q: Questionnaire) -> None:
    variable = q.variable("B2")
    exclusive = next(c for c in variable.codes if c.exclusive)
    problem = _enter(q, "B2", {"B2": ["1", str(exclusive.code)]})
    assert isinstance(problem, str)
    assert "alleen" in problem


def test_municipalities_are_stored_as_numbers(q: Questionnaire) -> None:
    assert _enter(q, "A4a", {"A4a": ["363", "GM0599"]}) == ("value", [363, 599])
    assert _enter(q, "A4a", {"A4a": ["Amsterdam"]}) == "Kies gemeenten uit de lijst."


def test_an_oversized_field_is_refused_before_parsing(q: Questionnaire) -> None:
    assert _enter(q, "B1", {"B1": ["1" * 30_000]}) == "Dit antwoord is te lang."


@pytest.mark.parametrize(
    ("name", "value"),
    [("B1", 2), ("B2", [3, 1]), ("C4", 2.5), ("C4", 98), ("F3", [4, 2, 1]), ("A4a", [363])],
)
def test_a_stored_answer_entered_again_gives_the_same_answer(
    q: Questionnaire, name: str, value: object
) -> None:
    variable = q.variable(name)
    assert _enter(q, name, build_fields(variable, value)) == ("value", value)
