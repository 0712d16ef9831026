"""The eight item types of the instrument, told apart by their ``type`` field.

Each item checks what it can check on its own (options, bounds, scale, rows); checks that
need the whole questionnaire (ids, themes, routing) live in :mod:`.checks`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Literal

from pydantic import Discriminator, Field, StrictBool, model_validator

from aimonitor.i18n import Text
from aimonitor.questionnaire.base import (
    Code,
    CodeGroup,
    Frozen,
    ItemId,
    Key,
    Number,
    Option,
    Row,
    Scale,
)
from aimonitor.questionnaire.conditions import Condition

ITEM_TYPES = (
    "single_choice",
    "multiple_choice",
    "grid",
    "likert",
    "numeric",
    "text",
    "ranking",
    "municipalities",
)


class Bounds(Frozen):
    """The allowed range of a numeric answer; ``decimals: 0`` means whole numbers."""

    min: Number
    max: Number
    decimals: Annotated[int, Field(ge=0, le=3)] = 0

    @model_validator(mode="after")
    def _ordered(self) -> Bounds:
        if self.min >= self.max:
            raise ValueError(f"min ({self.min}) must be below max ({self.max})")
        return self

    def contains(self, value: float) -> bool:
        return self.min <= value <= self.max


class ItemBase(Frozen):
    """Fields every item has."""

    id: ItemId
    theme: Key
    text: Text
    help: Text | None = None
    shown_if: Condition | None = None
    special: tuple[Code, ...] = ()
    """The questionnaire-level special codes (e.g. 98, 99) this item offers."""
    optional: StrictBool = False
    """May be left empty without counting as item non-response (open comments)."""
    reproduces: str | None = None
    """The published figure this item reproduces (free text, shown in the codebook)."""

    @model_validator(mode="after")
    def _special_codes_listed_once(self) -> ItemBase:
        if len(set(self.special)) != len(self.special):
            raise ValueError("a special code is listed twice under 'special'")
        return self


def _check_options(options: Sequence[Option], special: Sequence[int], minimum: int) -> None:
    if len(options) < minimum:
        raise ValueError(f"needs at least {minimum} options")
    codes = [option.code for option in options]
    for code in codes:
        if codes.count(code) > 1:
            raise ValueError(f"option code {code} is used twice")
        if code in special:
            raise ValueError(f"option code {code} is also one of the item's special codes")


def _check_groups(groups: Sequence[CodeGroup], options: Sequence[Option]) -> None:
    """Group keys are unique and every group code is one of the item's option codes."""
    if groups and not options:
        raise ValueError("groups need answer options (an item with a code_list has none)")
    codes = [option.code for option in options]
    keys = [group.key for group in groups]
    for group in groups:
        if keys.count(group.key) > 1:
            raise ValueError(f"group key '{group.key}' is used twice")
        for code in group.codes:
            if code not in codes:
                listed = ", ".join(str(c) for c in codes)
                raise ValueError(
                    f"group '{group.key}': code {code} is not one of the item's option codes "
                    f"({listed})"
                )


class SingleChoiceItem(ItemBase):
    """One code out of a list; or out of an external code list such as CBS municipality codes."""

    type: Literal["single_choice"]
    options: tuple[Option, ...] = ()
    code_list: Key | None = None
    """Codes come from a list outside the questionnaire (``cbs_municipality``)."""
    groups: tuple[CodeGroup, ...] = ()
    """Named combinations of option codes, reported as ``group:<key>``."""

    @model_validator(mode="after")
    def _valid_options(self) -> SingleChoiceItem:
        _check_options(self.options, self.special, 0 if self.code_list else 2)
        if any(option.exclusive for option in self.options):
            raise ValueError("'exclusive' only applies to multiple-choice options")
        _check_groups(self.groups, self.options)
        return self


class MultipleChoiceItem(ItemBase):
    """Any number of codes (up to ``max_choices``); exclusive options are chosen alone."""

    type: Literal["multiple_choice"]
    options: tuple[Option, ...]
    max_choices: Annotated[int, Field(ge=1)] | None = None

    @model_validator(mode="after")
    def _valid_options(self) -> MultipleChoiceItem:
        _check_options(self.options, self.special, 2)
        if self.max_choices is not None and self.max_choices > len(self.options):
            raise ValueError("max_choices is larger than the number of options")
        return self


class LikertItem(ItemBase):
    """A 1-5 scale; means are computed, special codes left out of them."""

    type: Literal["likert"]
    scale: Scale


class NumericItem(ItemBase):
    """A number within bounds; special codes must lie outside the bounds."""

    type: Literal["numeric"]
    bounds: Bounds
    unit: Text | None = None

    @model_validator(mode="after")
    def _special_outside_bounds(self) -> NumericItem:
        _check_special_outside(self.bounds, self.special)
        return self


def _check_special_outside(bounds: Bounds, special: Sequence[int]) -> None:
    for code in special:
        if bounds.contains(code):
            raise ValueError(
                f"special code {code} lies within the bounds {bounds.min}-{bounds.max}, "
                "so an answer of that number would be ambiguous"
            )


class TextItem(ItemBase):
    """Open text."""

    type: Literal["text"]
    max_length: Annotated[int, Field(ge=1)] = 2000


class MunicipalitiesItem(ItemBase):
    """Municipalities chosen from the wave's frame, stored as CBS numbers (363 for GM0363).

    With ``covers: true`` the response is also given for the chosen municipalities (a shared
    organisation, A4a): each of them counts as responded, with the same answers
    (docs/decisions/0010-shared-organisations-and-not-applicable.md).
    """

    type: Literal["municipalities"]
    covers: StrictBool = False
    """The response counts for the chosen municipalities too; at most one item has it."""

    @model_validator(mode="after")
    def _no_special_codes(self) -> MunicipalitiesItem:
        if self.special:
            raise ValueError(
                "a municipalities item takes no special codes: a special code such as 98 "
                "could be read as a municipality number"
            )
        return self


class RankingItem(ItemBase):
    """Up to ``max_ranks`` codes in rank order (most important first)."""

    type: Literal["ranking"]
    options: tuple[Option, ...]
    max_ranks: Annotated[int, Field(ge=1)]

    @model_validator(mode="after")
    def _valid_options(self) -> RankingItem:
        _check_options(self.options, self.special, 2)
        if self.max_ranks > len(self.options):
            raise ValueError("max_ranks is larger than the number of options")
        return self


GridCell = Literal["choice", "likert", "numeric"]


class GridItem(ItemBase):
    """Rows that share one answer format; each row is its own variable ``<id>_<key>``.

    ``cell: choice`` takes ``options``, ``cell: likert`` takes ``scale`` and ``cell:
    numeric`` takes ``bounds``; the special codes apply to every row.
    """

    type: Literal["grid"]
    rows: Annotated[tuple[Row, ...], Field(min_length=1)]
    cell: GridCell
    options: tuple[Option, ...] = ()
    scale: Scale | None = None
    bounds: Bounds | None = None
    groups: tuple[CodeGroup, ...] = ()
    """Named combinations of option codes (``cell: choice`` only), for every row."""

    @model_validator(mode="after")
    def _cells_are_described(self) -> GridItem:
        keys = [row.key for row in self.rows]
        for key in keys:
            if keys.count(key) > 1:
                raise ValueError(f"row key '{key}' is used twice")
        needs = {"choice": "options", "likert": "scale", "numeric": "bounds"}[self.cell]
        given = {
            "options": bool(self.options),
            "scale": self.scale is not None,
            "bounds": self.bounds is not None,
        }
        if not given[needs]:
            raise ValueError(f"a grid with cell '{self.cell}' needs '{needs}'")
        extra = [name for name, present in given.items() if present and name != needs]
        if extra:
            raise ValueError(f"a grid with cell '{self.cell}' takes no '{extra[0]}'")
        if self.cell == "choice":
            _check_options(self.options, self.special, 2)
        if self.groups and self.cell != "choice":
            raise ValueError(f"a grid with cell '{self.cell}' takes no 'groups'")
        _check_groups(self.groups, self.options)
        if self.bounds is not None:
            _check_special_outside(self.bounds, self.special)
        return self


Item = Annotated[
    SingleChoiceItem
    | MultipleChoiceItem
    | GridItem
    | LikertItem
    | NumericItem
    | TextItem
    | RankingItem
    | MunicipalitiesItem,
    Discriminator("type"),
]
