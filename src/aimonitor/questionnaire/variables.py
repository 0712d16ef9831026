"""Answer variables: what a respondent's answers are stored under.

An item yields one variable named after its id, except a grid, which yields one variable
per row, named ``<item id>_<row key>`` (``B3_guideline``). Which variables an item of each
type yields is up to its question type (:mod:`aimonitor.questionnaire.types`); this module
holds what they build them from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from aimonitor.i18n import Text
from aimonitor.questionnaire.base import CodeGroup, Option
from aimonitor.questionnaire.items import Bounds, ItemBase

AnswerTypeName = Literal[
    "single_choice", "multiple_choice", "likert", "numeric", "text", "ranking", "municipalities"
]
"""The type of an answer variable: an item type, or for a grid row the type of its cell."""


@dataclass(frozen=True)
class ValueLabel:
    """A code a variable can take, with its label; ``special`` marks 98/99-style codes."""

    code: int
    label: Text
    special: bool = False
    exclusive: bool = False


@dataclass(frozen=True)
class Variable:
    """One answer variable with everything needed to store, check and label its values."""

    name: str
    item: str
    row: str | None
    type: AnswerTypeName
    theme: str
    label: Text
    """The item text, or for a grid row "item text – row label"."""
    codes: tuple[ValueLabel, ...]
    """Substantive codes first, then special codes; empty for numeric and text without them."""
    likert: bool = False
    bounds: Bounds | None = None
    max_choices: int | None = None
    """At most this many codes (multiple choice), or ranks (ranking: N of a top-N)."""
    code_list: str | None = None
    optional: bool = False
    groups: tuple[CodeGroup, ...] = ()
    """Named combinations of codes (single choice and choice-grid rows), in file order."""
    covers: bool = False
    """The response also counts for the municipalities given here (a shared organisation)."""

    @property
    def special_codes(self) -> tuple[int, ...]:
        return tuple(value.code for value in self.codes if value.special)

    def code_label(self, code: int) -> ValueLabel | None:
        for value in self.codes:
            if value.code == code:
                return value
        return None


def value_labels(
    options: Sequence[Option], special: tuple[ValueLabel, ...]
) -> tuple[ValueLabel, ...]:
    """The value labels of a variable: its own options in order, then its special codes."""
    own = tuple(ValueLabel(o.code, o.label, exclusive=o.exclusive) for o in options)
    return own + special


def build_variable(
    item: ItemBase,
    type_: AnswerTypeName,
    codes: tuple[ValueLabel, ...],
    *,
    name: str | None = None,
    row: str | None = None,
    label: Text | None = None,
    likert: bool = False,
    bounds: Bounds | None = None,
    max_choices: int | None = None,
    code_list: str | None = None,
    groups: tuple[CodeGroup, ...] = (),
    covers: bool = False,
) -> Variable:
    """A variable of ``item``: named after the item and labelled with its text unless given."""
    return Variable(
        name=name or item.id,
        item=item.id,
        row=row,
        type=type_,
        theme=item.theme,
        label=label or item.text,
        codes=codes,
        likert=likert,
        bounds=bounds,
        max_choices=max_choices,
        code_list=code_list,
        optional=item.optional,
        groups=groups,
        covers=covers,
    )
