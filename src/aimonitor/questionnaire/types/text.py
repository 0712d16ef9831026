"""``text``: an open answer; the report lists no figures for it."""

from __future__ import annotations

from typing import Literal

from aimonitor.questionnaire.answers import text_problem
from aimonitor.questionnaire.items import TextItem
from aimonitor.questionnaire.types.protocols import ExportMetadata, Presentation
from aimonitor.questionnaire.variables import ValueLabel, Variable, build_variable


class TextType:
    name: Literal["text"] = "text"
    model = TextItem
    presentation = Presentation(widget="text", tabulated=False)
    export = ExportMetadata(measurement="nominal", stored_as="text")

    def variables(self, item: TextItem, special: tuple[ValueLabel, ...]) -> tuple[Variable, ...]:
        return (build_variable(item, self.name, special),)

    def answer_problem(self, variable: Variable, value: object) -> str | None:
        return text_problem(variable, value)
