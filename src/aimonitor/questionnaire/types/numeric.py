"""``numeric``: a number within the bounds, or a special code (which lies outside them)."""

from __future__ import annotations

from typing import Literal

from aimonitor.questionnaire.answers import number_problem
from aimonitor.questionnaire.items import NumericItem
from aimonitor.questionnaire.types.protocols import ExportMetadata, Presentation
from aimonitor.questionnaire.variables import ValueLabel, Variable, build_variable


class NumericType:
    name: Literal["numeric"] = "numeric"
    model = NumericItem
    presentation = Presentation(widget="number")
    export = ExportMetadata(measurement="scale", stored_as="number")

    def variables(self, item: NumericItem, special: tuple[ValueLabel, ...]) -> tuple[Variable, ...]:
        return (build_variable(item, self.name, special, bounds=item.bounds),)

    def answer_problem(self, variable: Variable, value: object) -> str | None:
        return number_problem(variable, value)
