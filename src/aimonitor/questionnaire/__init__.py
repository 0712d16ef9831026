"""The AI Monitor instrument: typed model, loader, routing and codebook.

No Django here; the web front end and the analysis both build on this package.
"""

from aimonitor.questionnaire.base import CodeGroup, Option, SpecialCode
from aimonitor.questionnaire.codebook import (
    CodebookEntry,
    CodebookGroup,
    CodebookValue,
    codebook,
)
from aimonitor.questionnaire.conditions import Condition
from aimonitor.questionnaire.errors import QuestionnaireError
from aimonitor.questionnaire.items import (
    Bounds,
    GridItem,
    Item,
    LikertItem,
    MultipleChoiceItem,
    MunicipalitiesItem,
    NumericItem,
    RankingItem,
    SingleChoiceItem,
    TextItem,
)
from aimonitor.questionnaire.loader import load_questionnaire
from aimonitor.questionnaire.model import Questionnaire, Theme
from aimonitor.questionnaire.routing import describe_condition, is_answered
from aimonitor.questionnaire.types import answer_problem
from aimonitor.questionnaire.variables import ValueLabel, Variable

__all__ = [
    "Bounds",
    "CodeGroup",
    "CodebookEntry",
    "CodebookGroup",
    "CodebookValue",
    "Condition",
    "GridItem",
    "Item",
    "LikertItem",
    "MultipleChoiceItem",
    "MunicipalitiesItem",
    "NumericItem",
    "Option",
    "Questionnaire",
    "QuestionnaireError",
    "RankingItem",
    "SingleChoiceItem",
    "SpecialCode",
    "TextItem",
    "Theme",
    "ValueLabel",
    "Variable",
    "answer_problem",
    "codebook",
    "describe_condition",
    "is_answered",
    "load_questionnaire",
]
