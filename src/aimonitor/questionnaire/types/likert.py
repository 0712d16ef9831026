"""``likert``: a 1-5 scale, or a special code."""

from __future__ import annotations

from typing import Literal

from aimonitor.questionnaire.answers import code_problem
from aimonitor.questionnaire.items import LikertItem
from aimonitor.questionnaire.types.protocols import ExportMetadata, Presentation
from aimonitor.questionnaire.variables import ValueLabel, Variable, build_variable, value_labels


class LikertType:
    name: Literal["likert"] = "likert"
    model = LikertItem
    presentation = Presentation(widget="scale")
    export = ExportMetadata(measurement="ordinal", stored_as="code")

    def variables(self, item: LikertItem, special: tuple[ValueLabel, ...]) -> tuple[Variable, ...]:
        codes = value_labels(item.scale.options(), special)
        return (build_variable(item, self.name, codes, likert=True),)

    def answer_problem(self, variable: Variable, value: object) -> str | None:
        return code_problem(variable, value)
