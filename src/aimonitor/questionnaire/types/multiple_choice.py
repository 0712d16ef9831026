"""``multiple_choice``: any number of codes (up to ``max_choices``), exclusive ones alone."""

from __future__ import annotations

from typing import Literal

from aimonitor.questionnaire.answers import codes_problem
from aimonitor.questionnaire.items import MultipleChoiceItem
from aimonitor.questionnaire.types.protocols import ExportMetadata, Presentation
from aimonitor.questionnaire.variables import ValueLabel, Variable, build_variable, value_labels


class MultipleChoiceType:
    name: Literal["multiple_choice"] = "multiple_choice"
    model = MultipleChoiceItem
    presentation = Presentation(widget="choices")
    export = ExportMetadata(measurement="nominal", stored_as="codes", limit="choices")

    def variables(
        self, item: MultipleChoiceItem, special: tuple[ValueLabel, ...]
    ) -> tuple[Variable, ...]:
        codes = value_labels(item.options, special)
        return (build_variable(item, self.name, codes, max_choices=item.max_choices),)

    def answer_problem(self, variable: Variable, value: object) -> str | None:
        return codes_problem(variable, value)
