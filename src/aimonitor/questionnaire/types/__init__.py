"""The registry of question types: one module per item ``type``, looked up by name.

Each type module holds one class implementing :class:`QuestionType` (its item model, its
answer variables, how the web survey and the report present it) and, except ``grid``,
:class:`AnswerType` (how a stored answer is checked, its export metadata). Behaviour that
needs a layer above the questionnaire sits in that layer's own registry, keyed by the same
names and kept complete by ``tests/test_question_types.py``: the estimands in
:data:`aimonitor.indicators.catalogue.ESTIMAND_RULES`, the demo answers in
:data:`aimonitor.demo.answers.NEUTRAL_TARGETS` (see docs/decisions/0006).

A new type: add its model to :mod:`aimonitor.questionnaire.items`, a module here, its entry
in :data:`QUESTION_TYPES` (and :data:`ANSWER_TYPES`), then the other registries.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from aimonitor.questionnaire.base import SpecialCode
from aimonitor.questionnaire.items import Item
from aimonitor.questionnaire.types.grid import GridType
from aimonitor.questionnaire.types.likert import LikertType
from aimonitor.questionnaire.types.multiple_choice import MultipleChoiceType
from aimonitor.questionnaire.types.municipalities import MunicipalitiesType
from aimonitor.questionnaire.types.numeric import NumericType
from aimonitor.questionnaire.types.protocols import (
    AnswerType,
    ExportMetadata,
    Measurement,
    Presentation,
    QuestionType,
    StoredAs,
    Widget,
)
from aimonitor.questionnaire.types.ranking import RankingType
from aimonitor.questionnaire.types.single_choice import SingleChoiceType
from aimonitor.questionnaire.types.text import TextType
from aimonitor.questionnaire.variables import ValueLabel, Variable

_ANSWER_TYPES: tuple[AnswerType, ...] = (
    SingleChoiceType(),
    MultipleChoiceType(),
    LikertType(),
    NumericType(),
    TextType(),
    RankingType(),
    MunicipalitiesType(),
)

ANSWER_TYPES: Mapping[str, AnswerType] = MappingProxyType({t.name: t for t in _ANSWER_TYPES})
"""Every answer type by name (the ``type`` of a :class:`Variable`)."""

QUESTION_TYPES: Mapping[str, QuestionType[Any]] = MappingProxyType(
    {
        "single_choice": SingleChoiceType(),
        "multiple_choice": MultipleChoiceType(),
        "grid": GridType(),
        "likert": LikertType(),
        "numeric": NumericType(),
        "text": TextType(),
        "ranking": RankingType(),
        "municipalities": MunicipalitiesType(),
    }
)
"""Every question type by name (the ``type`` of an item), in the order of the file format."""


def question_type(name: str) -> QuestionType[Any]:
    """The question type of an item's ``type``; :class:`KeyError` if there is none."""
    return QUESTION_TYPES[name]


def answer_type(name: str) -> AnswerType:
    """The answer type of a variable's ``type``; :class:`KeyError` if there is none."""
    return ANSWER_TYPES[name]


def item_variables(item: Item, special_codes: Mapping[int, SpecialCode]) -> tuple[Variable, ...]:
    """The variables of one item; ``special_codes`` are the questionnaire's declarations."""
    special = tuple(
        ValueLabel(code=code, label=special_codes[code].label, special=True, exclusive=True)
        for code in item.special
        if code in special_codes
    )
    return question_type(item.type).variables(item, special)


def answer_problem(variable: Variable, value: object) -> str | None:
    """What is wrong with ``value`` as an answer to ``variable``, or ``None`` if it fits.

    ``None`` (no answer) always fits here; routing decides whether an answer was expected.
    """
    if value is None:
        return None
    return answer_type(variable.type).answer_problem(variable, value)


__all__ = [
    "ANSWER_TYPES",
    "QUESTION_TYPES",
    "AnswerType",
    "ExportMetadata",
    "Measurement",
    "Presentation",
    "QuestionType",
    "StoredAs",
    "Widget",
    "answer_problem",
    "answer_type",
    "item_variables",
    "question_type",
]
