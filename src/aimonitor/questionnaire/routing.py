"""Who sees what: evaluating ``shown_if`` conditions against a respondent's answers.

Answers are keyed by variable name (``B1``, ``B3_guideline``). An answer to an item the
respondent was not shown counts as no answer, so routing chains: D2 is hidden when D1
hides it, and so is everything that depends on D2.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from aimonitor.i18n import DEFAULT_LANGUAGE, Lang, translator
from aimonitor.questionnaire.conditions import (
    AllCondition,
    AnswerCondition,
    AnyCondition,
    Condition,
    leaves,
)

if TYPE_CHECKING:
    from aimonitor.questionnaire.model import Questionnaire
    from aimonitor.questionnaire.variables import Variable


def is_answered(value: object) -> bool:
    """An answer is given unless it is missing, ``None``, blank text or an empty list."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | tuple | set | frozenset):
        return bool(value)
    return True


def is_shown(q: Questionnaire, item_or_variable: str, answers: Mapping[str, object]) -> bool:
    """Whether the item (or the item of this variable) is shown, given ``answers``.

    :class:`KeyError` if the name is neither an item nor a variable of ``q``.
    """
    return _Router(q, answers).shown(_item_id(q, item_or_variable))


def shown_variables(q: Questionnaire, answers: Mapping[str, object]) -> tuple[Variable, ...]:
    """The variables of every item shown to a respondent with these answers, in order."""
    router = _Router(q, answers)
    return tuple(variable for variable in q.variables() if router.shown(variable.item))


def routing_inputs(q: Questionnaire, item_or_variable: str) -> frozenset[str]:
    """The variables whose answers decide whether this item (or grid row) is shown: those
    its condition tests, and theirs in turn. Answers to these alone route it as all would."""
    found: set[str] = set()
    pending = [_item_id(q, item_or_variable)]
    while pending:
        condition = q.item(pending.pop()).shown_if
        for leaf in leaves(condition) if condition is not None else ():
            if leaf.item not in found:
                found.add(leaf.item)
                pending.append(_item_id(q, leaf.item))
    return frozenset(found)


def _item_id(q: Questionnaire, name: str) -> str:
    if any(item.id == name for item in q.items):
        return name
    return q.variable(name).item


class _Router:
    """Evaluates conditions for one respondent, remembering each item's outcome."""

    def __init__(self, q: Questionnaire, answers: Mapping[str, object]) -> None:
        self._q = q
        self._answers = answers
        self._shown: dict[str, bool] = {}

    def shown(self, item_id: str) -> bool:
        if item_id not in self._shown:
            condition = self._q.item(item_id).shown_if
            self._shown[item_id] = condition is None or self._holds(condition)
        return self._shown[item_id]

    def _holds(self, condition: Condition) -> bool:
        if isinstance(condition, AnswerCondition):
            return self._leaf(condition)
        if isinstance(condition, AllCondition):
            return all(self._holds(part) for part in condition.all_)
        if isinstance(condition, AnyCondition):
            return any(self._holds(part) for part in condition.any_)
        return not self._holds(condition.not_)

    def _leaf(self, condition: AnswerCondition) -> bool:
        item_id = _item_id(self._q, condition.item)
        value = self._answers.get(condition.item) if self.shown(item_id) else None
        answered = is_answered(value)
        if condition.answered is not None:
            return answered == condition.answered
        codes = condition.in_ or ()
        if not answered:
            return False
        if isinstance(value, list | tuple):
            return any(_is_code(part) and part in codes for part in value)
        return _is_code(value) and value in codes


def _is_code(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def describe_condition(condition: Condition, lang: Lang = DEFAULT_LANGUAGE) -> str:
    """A short readable form for the codebook: ``B1 is 1/2``, ``niet (A1 beantwoord)``."""
    words = translator(lang)
    if isinstance(condition, AnswerCondition):
        if condition.in_ is not None:
            codes = "/".join(str(code) for code in condition.in_)
            return words.gettext("{item} is {codes}").format(item=condition.item, codes=codes)
        if condition.answered:
            return words.gettext("{item} answered").format(item=condition.item)
        return words.gettext("{item} not answered").format(item=condition.item)
    if isinstance(condition, AllCondition | AnyCondition):
        if isinstance(condition, AllCondition):
            parts, joiner = condition.all_, words.pgettext("joins conditions", "and")
        else:
            parts, joiner = condition.any_, words.pgettext("joins conditions", "or")
        return f" {joiner} ".join(_grouped(part, lang) for part in parts)
    return words.gettext("not ({condition})").format(
        condition=describe_condition(condition.not_, lang)
    )


def _grouped(condition: Condition, lang: Lang) -> str:
    text = describe_condition(condition, lang)
    return f"({text})" if isinstance(condition, AllCondition | AnyCondition) else text
