"""Labels of table keys in the report's language: answer codes, groups, rankings, means.

The indicator catalogue names every estimand ("Ja, formeel vastgesteld", a code group's label,
"op de eerste plaats: …"); keys it does not know fall back to the questionnaire's code labels.
"""

from __future__ import annotations

from collections.abc import Mapping

from aimonitor.findings.text import capitalize_first
from aimonitor.i18n import Lang, Text
from aimonitor.indicators.catalogue import catalogue
from aimonitor.questionnaire import Questionnaire, Variable

from .words import Words

_KIND_ORDER = {"code": 0, "group": 1, "any": 2, "mean": 3, "rank": 4}

Answers = Mapping[tuple[str, str], Text]


def answer_labels(q: Questionnaire) -> dict[tuple[str, str], Text]:
    """What each (variable, option) counts or averages, from the indicator catalogue."""
    return {estimand.key: estimand.answer for estimand in catalogue(q)}


def option_label(
    variable: Variable | None, option: str, lang: Lang, words: Words, answers: Answers
) -> str:
    """The label of ``option``: "Ja, formeel vastgesteld", "Gemiddelde (1-5)", ..."""
    if variable is not None and (variable.name, option) in answers:
        return capitalize_first(answers[(variable.name, option)].get(lang))
    kind, _, rest = option.partition(":")
    if option == "mean":
        return words.mean
    if kind == "group":
        return words.group.format(label=rest.replace("_", " "))
    if kind == "any":
        return words.any_row.format(label=rest.replace("_", " "))
    if kind == "rank1":
        return words.rank1.format(label=code_label(variable, rest, lang))
    if kind.startswith("top"):
        return words.top3.format(label=code_label(variable, rest, lang))
    return code_label(variable, option, lang)


def grid_option_label(item_id: str, option: str, lang: Lang, words: Words, answers: Answers) -> str:
    """The label of an indicator across a grid's rows (stored under the item id)."""
    if (item_id, option) in answers:
        return capitalize_first(answers[(item_id, option)].get(lang))
    return option_label(None, option, lang, words, answers)


def code_label(variable: Variable | None, code: str, lang: Lang) -> str:
    """The value label of a code, or the code itself when the questionnaire has no label."""
    if variable is not None and code.lstrip("-").isdigit():
        value = variable.code_label(int(code))
        if value is not None:
            return value.label.get(lang)
    return code


def option_order(variable: Variable, option: str) -> tuple[int, int, str]:
    """Sort key: codes in questionnaire order, then groups, 'any', the mean and rankings."""
    kind, _, rest = option.partition(":")
    if option == "mean":
        return (_KIND_ORDER["mean"], 0, "")
    if kind in ("group", "any"):
        return (_KIND_ORDER[kind], 0, rest)
    if kind == "rank1" or kind.startswith("top"):
        # Rankings read per answer: its first-rank share, then its top-N share.
        return (_KIND_ORDER["rank"], _code_position(variable, rest) * 2 + (kind != "rank1"), "")
    return (_KIND_ORDER["code"], _code_position(variable, option), option)


def _code_position(variable: Variable, code: str) -> int:
    for position, value in enumerate(variable.codes):
        if str(value.code) == code:
            return position
    return len(variable.codes)


def is_code(option: str) -> bool:
    return ":" not in option and option != "mean"
