"""Routing conditions as structured data: ``{item: B1, in: [1, 2]}``, ``all``, ``any``, ``not``.

A condition is written in YAML under an item's ``shown_if``. Leaves test one answer
variable (an item id, or ``<item>_<row>`` for a grid row); ``all``, ``any`` and ``not``
combine them. Evaluation lives in :mod:`aimonitor.questionnaire.routing`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from pydantic import Discriminator, Field, StrictBool, Tag, model_validator

from aimonitor.questionnaire.base import Code, Frozen

#: Union tags; they show up in pydantic error locations and are removed from messages.
CONDITION_TAGS = ("<answer>", "<all>", "<any>", "<not>")


class AnswerCondition(Frozen):
    """True when the variable's answer is one of ``in`` codes, or (not) answered at all.

    For a multiple-choice or ranking answer (a list), ``in`` is true when any chosen code
    is in the list.
    """

    item: Annotated[str, Field(min_length=1)]
    in_: Annotated[tuple[Code, ...] | None, Field(alias="in", min_length=1)] = None
    answered: StrictBool | None = None

    @model_validator(mode="after")
    def _one_test(self) -> AnswerCondition:
        if (self.in_ is None) == (self.answered is None):
            raise ValueError("a condition needs exactly one of 'in' or 'answered'")
        return self


class AllCondition(Frozen):
    """True when every part is true."""

    all_: Annotated[tuple[Condition, ...], Field(alias="all", min_length=1)]


class AnyCondition(Frozen):
    """True when at least one part is true."""

    any_: Annotated[tuple[Condition, ...], Field(alias="any", min_length=1)]


class NotCondition(Frozen):
    """True when its part is false."""

    not_: Annotated[Condition, Field(alias="not")]


def _tag(value: Any) -> str:
    if isinstance(value, dict):
        for key, tag in (("all", "<all>"), ("any", "<any>"), ("not", "<not>")):
            if key in value:
                return tag
        return "<answer>"
    tags: dict[type, str] = {
        AllCondition: "<all>",
        AnyCondition: "<any>",
        NotCondition: "<not>",
    }
    return tags.get(type(value), "<answer>")


Condition = Annotated[
    Annotated[AnswerCondition, Tag("<answer>")]
    | Annotated[AllCondition, Tag("<all>")]
    | Annotated[AnyCondition, Tag("<any>")]
    | Annotated[NotCondition, Tag("<not>")],
    Discriminator(_tag),
]

AllCondition.model_rebuild()
AnyCondition.model_rebuild()
NotCondition.model_rebuild()


def leaves(condition: Condition) -> Iterator[AnswerCondition]:
    """Every answer test inside a condition, in writing order."""
    if isinstance(condition, AnswerCondition):
        yield condition
    elif isinstance(condition, AllCondition):
        for part in condition.all_:
            yield from leaves(part)
    elif isinstance(condition, AnyCondition):
        for part in condition.any_:
            yield from leaves(part)
    else:
        yield from leaves(condition.not_)
