"""Building blocks shared by every part of the instrument: codes, scales, rows.

Their texts are :class:`aimonitor.i18n.Text` (Dutch and English).
"""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    model_validator,
)

from aimonitor.i18n import Text

#: Identifiers researchers write: item ids (``B1``, ``H1a``) and row keys (``guideline``).
ItemId = Annotated[str, Field(pattern=r"^[A-Z][0-9]+[a-z]?$")]
Key = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
Code = StrictInt


def _finite(value: int | float) -> int | float:
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"must be a finite number, got {value}")
    return value


Number = Annotated[StrictInt | StrictFloat, AfterValidator(_finite)]
"""A number in the questionnaire: NaN or infinity is refused (a NaN bound refuses every answer)."""


class Frozen(BaseModel):
    """Base of every questionnaire model: immutable, unknown fields refused."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
    )


class Option(Frozen):
    """One answer category: an integer code with its value label."""

    code: Annotated[Code, Field(ge=0)]
    label: Text
    exclusive: StrictBool = False
    """In a multiple-choice item: chosen alone ("geen van deze", "none")."""


class CodeGroup(Frozen):
    """A named combination of answer codes, e.g. ``working_on`` = codes 1 and 2.

    Single-choice items and choice grids may declare groups; the indicators then report the
    share of respondents whose answer falls in the group (``group:<key>``) next to the share
    per code, so that combined categories come from the questionnaire, not from code.
    """

    key: Key
    codes: Annotated[tuple[Code, ...], Field(min_length=1)]
    label: Text

    @model_validator(mode="after")
    def _codes_listed_once(self) -> CodeGroup:
        if len(set(self.codes)) != len(self.codes):
            raise ValueError(f"group '{self.key}' lists a code twice")
        return self


class SpecialCode(Frozen):
    """A code declared once for the whole questionnaire, e.g. 98 = weet niet."""

    code: Annotated[Code, Field(ge=0)]
    key: Key
    label: Text


class ScalePoint(Frozen):
    """A labelled point of a Likert scale."""

    value: Annotated[Code, Field(ge=1, le=5)]
    label: Text


class Scale(Frozen):
    """A Likert scale from 1 to 5; at least both ends carry a label."""

    points: tuple[ScalePoint, ...]

    @model_validator(mode="after")
    def _ends_are_labelled(self) -> Scale:
        values = [point.value for point in self.points]
        if len(values) != len(set(values)):
            raise ValueError("a scale value is labelled twice")
        if 1 not in values or 5 not in values:
            raise ValueError("a Likert scale needs labels for at least 1 and 5")
        return self

    def options(self) -> tuple[Option, ...]:
        """The five codes 1..5, unlabelled points labelled with their number."""
        labels = {point.value: point.label for point in self.points}
        return tuple(
            Option(code=value, label=labels.get(value, Text.neutral(str(value))))
            for value in range(1, 6)
        )


class Row(Frozen):
    """A row of a grid; it becomes the variable ``<item id>_<key>``."""

    key: Key
    label: Text
