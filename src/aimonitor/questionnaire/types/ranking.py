"""``ranking``: up to ``max_ranks`` codes in rank order, most important first."""

from __future__ import annotations

from typing import Literal

from aimonitor.questionnaire.answers import codes_problem
from aimonitor.questionnaire.items import RankingItem
from aimonitor.questionnaire.types.protocols import ExportMetadata, Presentation
from aimonitor.questionnaire.variables import ValueLabel, Variable, build_variable, value_labels


class RankingType:
    name: Literal["ranking"] = "ranking"
    model = RankingItem
    presentation = Presentation(widget="ranking", bars="ranks")
    export = ExportMetadata(measurement="ordinal", stored_as="codes", limit="ranks")

    def variables(self, item: RankingItem, special: tuple[ValueLabel, ...]) -> tuple[Variable, ...]:
        codes = value_labels(item.options, special)
        return (build_variable(item, self.name, codes, max_choices=item.max_ranks),)

    def answer_problem(self, variable: Variable, value: object) -> str | None:
        return codes_problem(variable, value)
