"""``grid``: rows sharing one answer format, each row its own variable ``<id>_<key>``.

A grid is a question type but no answer type: its rows are answered, checked and exported
as the answer type of its ``cell`` (``choice``: single choice, ``likert``, ``numeric``).
"""

from __future__ import annotations

from typing import Literal

from aimonitor.i18n import Text
from aimonitor.questionnaire.base import Row
from aimonitor.questionnaire.items import GridItem
from aimonitor.questionnaire.types.protocols import Presentation
from aimonitor.questionnaire.variables import ValueLabel, Variable, build_variable, value_labels


class GridType:
    name: Literal["grid"] = "grid"
    model = GridItem
    presentation = Presentation(widget="grid")

    def variables(self, item: GridItem, special: tuple[ValueLabel, ...]) -> tuple[Variable, ...]:
        return tuple(_row_variable(item, row, special) for row in item.rows)


def _row_variable(item: GridItem, row: Row, special: tuple[ValueLabel, ...]) -> Variable:
    label = Text(nl=f"{item.text.nl} – {row.label.nl}", en=f"{item.text.en} – {row.label.en}")
    name = f"{item.id}_{row.key}"
    if item.cell == "likert" and item.scale is not None:
        codes = value_labels(item.scale.options(), special)
        return build_variable(
            item, "likert", codes, name=name, row=row.key, label=label, likert=True
        )
    if item.cell == "numeric":
        return build_variable(
            item, "numeric", special, name=name, row=row.key, label=label, bounds=item.bounds
        )
    return build_variable(
        item,
        "single_choice",
        value_labels(item.options, special),
        name=name,
        row=row.key,
        label=label,
        groups=item.groups,
    )
