"""Code groups: named combinations of codes on single-choice items and choice grids."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from aimonitor.paths import PROJECT_ROOT
from aimonitor.questionnaire import Questionnaire, QuestionnaireError, load_questionnaire
from aimonitor.questionnaire.codebook import codebook, render_csv, render_json, render_text

from .support import item

YES = {"key": "yes_any", "codes": [1], "label": {"nl": "Ja", "en": "Yes"}}
PRESENT = {"key": "present", "codes": [1], "label": {"nl": "aanwezig", "en": "in place"}}


def test_a_single_choice_group_is_exposed_on_its_variable(minimal: dict[str, Any]) -> None:
    item(minimal, "B1")["groups"] = [YES]
    group = Questionnaire.from_dict(minimal).variable("B1").groups[0]
    assert (group.key, group.codes, group.label.nl, group.label.en) == (
        "yes_any",
        (1,),
        "Ja",
        "Yes",
    )


def test_every_row_of_a_choice_grid_carries_the_grid_groups(minimal: dict[str, Any]) -> None:
    item(minimal, "B3")["groups"] = [PRESENT]
    q = Questionnaire.from_dict(minimal)
    keys = [[g.key for g in q.variable(name).groups] for name in ("B3_guideline", "B3_register")]
    assert keys == [["present"], ["present"]]


def test_items_without_groups_have_none(minimal: dict[str, Any]) -> None:
    assert Questionnaire.from_dict(minimal).variable("B1").groups == ()


def test_groups_survive_a_json_round_trip(minimal: dict[str, Any]) -> None:
    item(minimal, "B3")["groups"] = [PRESENT]
    q = Questionnaire.from_dict(minimal)
    stored = json.loads(json.dumps(q.to_dict()))
    assert item(stored, "B3")["groups"] == [PRESENT]
    assert Questionnaire.from_dict(stored) == q


def test_a_group_code_that_is_not_an_option_is_refused(minimal: dict[str, Any]) -> None:
    item(minimal, "B1")["groups"] = [{**YES, "codes": [1, 7]}]
    with pytest.raises(QuestionnaireError, match=r"item B1: .*code 7 is not one of the item's"):
        Questionnaire.from_dict(minimal)


def test_a_special_code_cannot_be_grouped(minimal: dict[str, Any]) -> None:
    item(minimal, "B1")["groups"] = [{**YES, "codes": [1, 98]}]
    with pytest.raises(QuestionnaireError, match="code 98 is not one of the item's option codes"):
        Questionnaire.from_dict(minimal)


def test_a_group_key_used_twice_is_refused(minimal: dict[str, Any]) -> None:
    item(minimal, "B1")["groups"] = [YES, {**YES, "codes": [2]}]
    with pytest.raises(QuestionnaireError, match="group key 'yes_any' is used twice"):
        Questionnaire.from_dict(minimal)


def test_a_group_needs_both_languages(minimal: dict[str, Any]) -> None:
    item(minimal, "B1")["groups"] = [{**YES, "label": {"nl": "Ja"}}]
    with pytest.raises(
        QuestionnaireError, match=r"item B1: groups\[0\]\.label: missing translation 'en'"
    ):
        Questionnaire.from_dict(minimal)


def test_a_group_without_codes_or_with_a_code_twice_is_refused(minimal: dict[str, Any]) -> None:
    item(minimal, "B1")["groups"] = [{**YES, "codes": []}]
    with pytest.raises(QuestionnaireError, match=r"groups\[0\]\.codes"):
        Questionnaire.from_dict(minimal)
    item(minimal, "B1")["groups"] = [{**YES, "codes": [1, 1]}]
    with pytest.raises(QuestionnaireError, match="group 'yes_any' lists a code twice"):
        Questionnaire.from_dict(minimal)


def test_groups_are_refused_on_multiple_choice_items(minimal: dict[str, Any]) -> None:
    item(minimal, "B2")["groups"] = [YES]
    with pytest.raises(QuestionnaireError, match=r"item B2: .*unknown field"):
        Questionnaire.from_dict(minimal)


def test_groups_are_refused_on_a_likert_grid(minimal: dict[str, Any]) -> None:
    grid = item(minimal, "B3")
    del grid["options"]
    grid["cell"] = "likert"
    grid["scale"] = {
        "points": [
            {"value": 1, "label": {"nl": "laag", "en": "low"}},
            {"value": 5, "label": {"nl": "hoog", "en": "high"}},
        ]
    }
    grid["groups"] = [PRESENT]
    with pytest.raises(QuestionnaireError, match="a grid with cell 'likert' takes no 'groups'"):
        Questionnaire.from_dict(minimal)


def test_the_text_codebook_shows_groups_with_their_codes(minimal: dict[str, Any]) -> None:
    item(minimal, "B1")["groups"] = [{**YES, "codes": [1, 2]}]
    text = render_text(Questionnaire.from_dict(minimal), "nl")
    assert "    Groep yes_any (1+2): Ja" in text


def test_the_csv_codebook_names_the_groups_of_each_code(minimal: dict[str, Any]) -> None:
    item(minimal, "B1")["groups"] = [YES]
    rows = csv.DictReader(io.StringIO(render_csv(Questionnaire.from_dict(minimal), "en")))
    b1 = [(row["code"], row["groups"]) for row in rows if row["variable"] == "B1"]
    assert b1 == [("1", "yes_any"), ("2", ""), ("98", "")]


def test_the_json_codebook_lists_groups_in_the_chosen_language(minimal: dict[str, Any]) -> None:
    item(minimal, "B3")["groups"] = [PRESENT]
    document = json.loads(render_json(Questionnaire.from_dict(minimal), "en"))
    row = next(v for v in document["variables"] if v["variable"] == "B3_register")
    assert row["groups"] == [{"key": "present", "label": "in place", "codes": [1]}]
    assert codebook(Questionnaire.from_dict(minimal), "nl")[2].groups[0].label == "aanwezig"


def test_the_2024_instrument_declares_the_published_combinations() -> None:
    q = load_questionnaire(PROJECT_ROOT / "data" / "questionnaires" / "ai-monitor-2024.yaml")
    declared = {
        (name, group.key, group.codes)
        for name in (
            "B1",
            "B3_guideline",
            "C1",
            "C2",
            "D1",
            "D3_minutes",
            "E1_own_llm",
            "E3_in_house",
            "G1",
            "G3",
            "G4",
        )
        for group in q.variable(name).groups
    }
    assert declared == {
        ("B1", "working_on", (1, 2)),
        ("B3_guideline", "in_place_or_developing", (1, 2)),
        ("C1", "has_champion", (1, 2)),
        ("C2", "has_team", (1, 2)),
        ("D1", "experimenting", (3, 4, 5)),
        ("D3_minutes", "used_or_tested", (1, 2)),
        ("E1_own_llm", "used", (1, 2)),
        ("E3_in_house", "mostly_or_sometimes", (1, 2)),
        ("G1", "taking_steps", (1, 2)),
        ("G3", "over_half", (5, 6)),
        ("G4", "yes_or_partly", (1, 2)),
    }
