"""``municipalities``: municipalities chosen from the wave's frame, as CBS numbers.

The web survey offers the municipalities of the wave's frame; the answer is the list of
their CBS numbers (363 for GM0363, as A1 stores one). With ``covers: true`` (A4a) the
response is also given for them: the indicators count each as responded with the same
answers (decision 0010). The report tabulates nothing for it.
"""

from __future__ import annotations

from typing import Literal

from aimonitor.questionnaire.answers import municipalities_problem
from aimonitor.questionnaire.items import MunicipalitiesItem
from aimonitor.questionnaire.types.protocols import ExportMetadata, Presentation
from aimonitor.questionnaire.variables import ValueLabel, Variable, build_variable

CODE_LIST = "cbs_municipality"
"""The external code list the answers come from: the CBS municipalities of the wave's frame."""


class MunicipalitiesType:
    name: Literal["municipalities"] = "municipalities"
    model = MunicipalitiesItem
    presentation = Presentation(widget="municipalities", tabulated=False)
    export = ExportMetadata(measurement="nominal", stored_as="codes")

    def variables(
        self, item: MunicipalitiesItem, special: tuple[ValueLabel, ...]
    ) -> tuple[Variable, ...]:
        return (build_variable(item, self.name, special, code_list=CODE_LIST, covers=item.covers),)

    def answer_problem(self, variable: Variable, value: object) -> str | None:
        return municipalities_problem(variable, value)
