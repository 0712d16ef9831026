"""Answer variables: what a respondent's answers are stored under.

An item yields one variable named after its id, except a grid, which yields one variable
per row, named ``<item id>_<row key>`` (``B3_guideline``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from aimonitor.questionnaire.base import CodeGroup, Option, Row, SpecialCode, Text
from aimonitor.questionnaire.items import (
    Bounds,
    GridItem,
    Item,
    LikertItem,
    MultipleChoiceItem,
    NumericItem,
    RankingItem,
    SingleChoiceItem,
)

AnswerType = Literal["single_choice", "multiple_choice", "likert", "numeric", "text", "ranking"]


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
    type: AnswerType
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

    @property
    def special_codes(self) -> tuple[int, ...]:
        return tuple(value.code for value in self.codes if value.special)

    def code_label(self, code: int) -> ValueLabel | None:
        for value in self.codes:
            if value.code == code:
                return value
        return None


def item_variables(item: Item, special_codes: Mapping[int, SpecialCode]) -> tuple[Variable, ...]:
    """The variables of one item; ``special_codes`` are the questionnaire's declarations."""
    special = tuple(
        ValueLabel(code=code, label=special_codes[code].label, special=True, exclusive=True)
        for code in item.special
        if code in special_codes
    )

    def values(options: tuple[Option, ...]) -> tuple[ValueLabel, ...]:
        own = tuple(ValueLabel(o.code, o.label, exclusive=o.exclusive) for o in options)
        return own + special

    if isinstance(item, GridItem):
        return tuple(_grid_row(item, row, values) for row in item.rows)
    if isinstance(item, SingleChoiceItem):
        return (
            _variable(
                item,
                "single_choice",
                values(item.options),
                code_list=item.code_list,
                groups=item.groups,
            ),
        )
    if isinstance(item, MultipleChoiceItem):
        return (
            _variable(item, "multiple_choice", values(item.options), max_choices=item.max_choices),
        )
    if isinstance(item, RankingItem):
        return (_variable(item, "ranking", values(item.options), max_choices=item.max_ranks),)
    if isinstance(item, LikertItem):
        return (_variable(item, "likert", values(item.scale.options()), likert=True),)
    if isinstance(item, NumericItem):
        return (_variable(item, "numeric", special, bounds=item.bounds),)
    return (_variable(item, "text", special),)


def _grid_row(
    item: GridItem, row: Row, values: Callable[[tuple[Option, ...]], tuple[ValueLabel, ...]]
) -> Variable:
    label = Text(nl=f"{item.text.nl} – {row.label.nl}", en=f"{item.text.en} – {row.label.en}")
    name = f"{item.id}_{row.key}"
    if item.cell == "likert" and item.scale is not None:
        codes = values(item.scale.options())
        return _variable(item, "likert", codes, name=name, row=row.key, label=label, likert=True)
    if item.cell == "numeric":
        codes = values(())
        return _variable(
            item, "numeric", codes, name=name, row=row.key, label=label, bounds=item.bounds
        )
    return _variable(
        item,
        "single_choice",
        values(item.options),
        name=name,
        row=row.key,
        label=label,
        groups=item.groups,
    )


def _variable(
    item: Item,
    type_: AnswerType,
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
) -> Variable:
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
    )
