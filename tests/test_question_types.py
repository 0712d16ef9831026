"""Every question type of the questionnaire model is registered with every capability.

A new item type must be added to each registry before the instrument may use it: its
variables, answer check, rendering hints and export metadata
(:mod:`aimonitor.questionnaire.types`), its estimands (:mod:`aimonitor.indicators.catalogue`)
and its demo answers (:mod:`aimonitor.demo.answers`).
"""

from __future__ import annotations

from typing import Any, get_args

from aimonitor.demo.answers import NEUTRAL_TARGETS
from aimonitor.indicators.catalogue import ESTIMAND_RULES
from aimonitor.questionnaire import Item, Questionnaire
from aimonitor.questionnaire.items import ITEM_TYPES, GridCell
from aimonitor.questionnaire.types import ANSWER_TYPES, QUESTION_TYPES
from aimonitor.questionnaire.variables import AnswerTypeName


def _item_models() -> dict[str, type]:
    union, _discriminator = get_args(Item)
    return {get_args(model.model_fields["type"].annotation)[0]: model for model in get_args(union)}


def test_every_item_model_has_a_question_type_that_validates_it() -> None:
    models = _item_models()
    assert set(models) == set(ITEM_TYPES) == set(QUESTION_TYPES)
    for name, question_type in QUESTION_TYPES.items():
        assert question_type.name == name
        assert question_type.model is models[name]


def test_every_question_type_has_rendering_hints_and_an_estimand_rule() -> None:
    for name, question_type in QUESTION_TYPES.items():
        assert question_type.presentation.widget, name
    assert set(ESTIMAND_RULES) == set(QUESTION_TYPES)


def test_every_answer_type_has_a_check_export_metadata_and_demo_answers() -> None:
    assert set(ANSWER_TYPES) == set(get_args(AnswerTypeName)) == set(NEUTRAL_TARGETS)
    for name, answer_type in ANSWER_TYPES.items():
        assert answer_type.name == name
        assert answer_type.export.measurement in ("nominal", "ordinal", "scale")


def test_every_question_type_but_the_grid_is_answered_as_itself() -> None:
    assert set(QUESTION_TYPES) - set(ANSWER_TYPES) == {"grid"}


def test_every_grid_cell_is_answered_in_a_registered_answer_type() -> None:
    cells: dict[str, dict[str, Any]] = {
        "choice": {"options": [_option(1), _option(2)]},
        "likert": {"scale": {"points": [_point(1), _point(5)]}},
        "numeric": {"bounds": {"min": 0, "max": 9}},
    }
    assert set(cells) == set(get_args(GridCell))
    for cell, fields in cells.items():
        q = Questionnaire.from_dict(_with_grid(cell, fields))
        (variable,) = q.variables()
        assert variable.type in ANSWER_TYPES, cell


def _option(code: int) -> dict[str, Any]:
    return {"code": code, "label": {"nl": f"Optie {code}", "en": f"Option {code}"}}


def _point(value: int) -> dict[str, Any]:
    return {"value": value, "label": {"nl": f"Punt {value}", "en": f"Point {value}"}}


def _with_grid(cell: str, fields: dict[str, Any]) -> dict[str, Any]:
    grid = {
        "id": "G1",
        "theme": "t",
        "type": "grid",
        "cell": cell,
        "text": {"nl": "Raster", "en": "Grid"},
        "rows": [{"key": "a", "label": {"nl": "A", "en": "A"}}],
        **fields,
    }
    return {
        "id": "grid-test",
        "version": "1",
        "title": {"nl": "Test", "en": "Test"},
        "themes": [{"id": "t", "name": {"nl": "T", "en": "T"}}],
        "items": [grid],
    }
