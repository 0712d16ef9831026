"""``single_choice``: one code out of the options, or out of an external code list."""

from __future__ import annotations

from typing import Literal

from aimonitor.questionnaire.answers import code_problem
from aimonitor.questionnaire.items import SingleChoiceItem
from aimonitor.questionnaire.types.protocols import ExportMetadata, Presentation
from aimonitor.questionnaire.variables import ValueLabel, Variable, build_variable, value_labels


class SingleChoiceType:
    name: Literal["single_choice"] = "single_choice"
    model = SingleChoiceItem
    presentation = Presentation(widget="choice")
    export = ExportMetadata(measurement="nominal", stored_as="code")

    def variables(
        self, item: SingleChoiceItem, special: tuple[ValueLabel, ...]
    ) -> tuple[Variable, ...]:
        codes = value_labels(item.options, special)
        return (
            build_variable(item, self.name, codes, code_list=item.code_list, groups=item.groups),
        )

    def answer_problem(self, variable: Variable, value: object) -> str | None:
        return code_problem(variable, value)
