"""What a question type provides: the protocols every type module implements.

A *question type* is an item ``type`` of the questionnaire file (``single_choice``, ``grid``,
...): it turns an item into answer variables and says how the web survey and the report
present it. An *answer type* is the ``type`` of an answer variable: it checks a stored value
and carries the export metadata. Every question type but ``grid`` is also an answer type; a
grid's rows are answered in the answer type of its ``cell``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol, TypeVar

from aimonitor.questionnaire.items import ItemBase
from aimonitor.questionnaire.variables import AnswerTypeName, ValueLabel, Variable

Widget = Literal[
    "choice", "choices", "grid", "scale", "number", "text", "ranking", "municipalities"
]
"""How the web survey asks a question: one code (a drop-down for an external code list),
any number of codes, a table of rows, a 1-5 scale, a number, free text, codes in order,
municipalities picked from the wave's frame (a searchable list of names, stored as numbers)."""

Measurement = Literal["nominal", "ordinal", "scale"]
"""The measurement level of a variable, as SPSS and other statistics packages declare it."""

StoredAs = Literal["code", "codes", "number", "text"]
"""The form of a stored answer: one integer code, a list of codes, a number, a string."""


@dataclass(frozen=True)
class Presentation:
    """Rendering hints: how the web survey and the report present items of a type."""

    widget: Widget
    tabulated: bool = True
    """The report shows a table of the item's figures; ``False``: open answers, a notice."""
    bars: Literal["codes", "ranks"] = "codes"
    """What the item's bar chart shows: a share per code, or the ranking shares (the top-N
    shares, or the first-place shares when only the first place is asked)."""


@dataclass(frozen=True)
class ExportMetadata:
    """How an answer variable of a type is exported (codebook, SPSS)."""

    measurement: Measurement
    stored_as: StoredAs
    limit: Literal["choices", "ranks"] | None = None
    """What the variable's ``max_choices`` counts: choices (multiple choice) or ranks."""


ItemT = TypeVar("ItemT", bound=ItemBase, contravariant=True)


class QuestionType(Protocol[ItemT]):
    """One item type: its file model, its answer variables and its presentation."""

    @property
    def name(self) -> str:
        """The ``type`` of the item in the questionnaire file."""
        ...

    @property
    def model(self) -> type[ItemBase]:
        """The item model the loader validates an item of this type against."""
        ...

    @property
    def presentation(self) -> Presentation: ...

    def variables(self, item: ItemT, special: tuple[ValueLabel, ...]) -> tuple[Variable, ...]:
        """The item's answer variables; ``special`` are the labels of its special codes."""
        ...


class AnswerType(Protocol):
    """One type of answer variable: how a stored value is checked and exported."""

    @property
    def name(self) -> AnswerTypeName: ...

    @property
    def export(self) -> ExportMetadata: ...

    def answer_problem(self, variable: Variable, value: object) -> str | None:
        """What is wrong with ``value`` (not ``None``) as an answer, or ``None`` if it fits."""
        ...
