"""What a respondent typed, as a stored answer: the survey's form fields, parsed and checked.

The web survey posts plain strings; :func:`build_answer` turns the fields of one variable
into the value the store keeps (the conventions of :mod:`aimonitor.questionnaire.answers`)
or a message for the respondent, in Dutch or English, to show at the field. Nothing is
trusted from the browser: codes, bounds, lengths and routing are checked here against the
wave's frozen questionnaire, and :func:`~aimonitor.questionnaire.answer_problem` has the
last word.

The names of the form fields of a variable live here too, so the page and the parser agree:
``B1`` for the value (several values for a multiple choice), ``B1__special`` for the special
code of a numeric item ("weet niet"), ``B1__rank1``... for the places of a ranking.

Parsing varies by answer type and sits behind :data:`ENTRY_PARSERS`, keyed by the names of
:data:`aimonitor.questionnaire.types.ANSWER_TYPES` (a test keeps both complete).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from aimonitor.i18n import Lang, translator
from aimonitor.questionnaire.items import TextItem
from aimonitor.questionnaire.model import Questionnaire
from aimonitor.questionnaire.types import answer_problem
from aimonitor.questionnaire.variables import Variable

FormData = Mapping[str, Sequence[str]]
"""Posted form fields: every value of each name (a browser may send a name several times)."""

SPECIAL_SUFFIX = "__special"
RANK_SUFFIX = "__rank"
MAX_FIELD_CHARACTERS = 20_000
"""No field of the survey is longer (the longest text item allows 2,000 characters)."""


def special_field(variable: Variable) -> str:
    """The field of a numeric variable's special code ("weet niet")."""
    return variable.name + SPECIAL_SUFFIX


def rank_field(variable: Variable, rank: int) -> str:
    """The field of place ``rank`` (1 is the most important) of a ranking."""
    return f"{variable.name}{RANK_SUFFIX}{rank}"


def field_names(variable: Variable) -> tuple[str, ...]:
    """Every form field that carries part of an answer to ``variable``."""
    if variable.type == "ranking":
        return tuple(rank_field(variable, r) for r in range(1, (variable.max_choices or 1) + 1))
    if variable.type == "numeric":
        return (variable.name, special_field(variable))
    return (variable.name,)


@dataclass(frozen=True)
class AnswerEntry:
    """One variable's answer as entered: the value to store (``None``: no answer) or the
    problem, worded for the respondent; a value is stored only when there is no problem."""

    variable: str
    value: object = None
    problem: str | None = None


class _RefusedError(Exception):
    """A field that cannot be stored, with the respondent's message."""


_Parser = Callable[[Questionnaire, Variable, FormData, Lang], object]


def build_answer(
    questionnaire: Questionnaire, variable: Variable, form: FormData, lang: Lang
) -> AnswerEntry:
    """The answer to ``variable`` in ``form``, or why it cannot be stored."""
    words = translator(lang)
    for name in field_names(variable):
        if any(len(raw) > MAX_FIELD_CHARACTERS for raw in form.get(name, ())):
            return AnswerEntry(variable.name, problem=words.gettext("This answer is too long."))
    try:
        value = ENTRY_PARSERS[variable.type](questionnaire, variable, form, lang)
    except _RefusedError as refused:
        return AnswerEntry(variable.name, problem=str(refused))
    if answer_problem(variable, value) is not None:
        return AnswerEntry(
            variable.name, problem=words.gettext("This answer does not fit the question.")
        )
    return AnswerEntry(variable.name, value=value)


def _first(form: FormData, name: str) -> str:
    values = [raw.strip() for raw in form.get(name, ()) if raw.strip()]
    return values[0] if values else ""


def _code(variable: Variable, raw: str, lang: Lang) -> int:
    words = translator(lang)
    if not re.fullmatch(r"\d{1,6}", raw):
        raise _RefusedError(words.gettext("Choose one of the answers."))
    code = int(raw)
    if variable.code_list is None and variable.code_label(code) is None:
        raise _RefusedError(words.gettext("Choose one of the answers."))
    return code


def _single(q: Questionnaire, variable: Variable, form: FormData, lang: Lang) -> object:
    raw = _first(form, variable.name)
    return _code(variable, raw, lang) if raw else None


def _multiple(q: Questionnaire, variable: Variable, form: FormData, lang: Lang) -> object:
    words = translator(lang)
    codes: list[int] = []
    for raw in form.get(variable.name, ()):
        if raw.strip():
            code = _code(variable, raw.strip(), lang)
            if code not in codes:
                codes.append(code)
    if not codes:
        return None
    alone = [c for c in codes if (label := variable.code_label(c)) and label.exclusive]
    if alone and len(codes) > 1:
        label = variable.code_label(alone[0])
        name = label.label.get(lang) if label else str(alone[0])
        raise _RefusedError(words.gettext("“{answer}” goes on its own.").format(answer=name))
    if variable.max_choices is not None and len(codes) > variable.max_choices:
        most = words.gettext("Choose at most {n} answers.")
        raise _RefusedError(most.format(n=variable.max_choices))
    return codes


def _number(q: Questionnaire, variable: Variable, form: FormData, lang: Lang) -> object:
    words = translator(lang)
    special = _first(form, special_field(variable))
    raw = _first(form, variable.name).replace(" ", "").replace("\u00a0", "")
    if special:
        if raw:
            raise _RefusedError(words.gettext("Give a number or tick the box, not both."))
        return _code(variable, special, lang)
    if not raw:
        return None
    raw = raw.replace(",", ".") if raw.count(",") == 1 and "." not in raw else raw
    if not re.fullmatch(r"-?\d{1,15}(\.\d{1,6})?", raw):
        raise _RefusedError(words.gettext("Give a number, such as 12 or 2,5."))
    number = float(raw)
    value: int | float = int(number) if number.is_integer() and "." not in raw else number
    bounds = variable.bounds
    if bounds is not None:
        if not bounds.contains(number):
            raise _RefusedError(
                words.gettext("Give a number from {min} to {max}.").format(
                    min=_plain(bounds.min, lang), max=_plain(bounds.max, lang)
                )
            )
        if round(number, bounds.decimals) != number:
            if bounds.decimals == 0:
                raise _RefusedError(words.gettext("Give a whole number."))
            most = words.ngettext(
                "Give at most {n} decimal.", "Give at most {n} decimals.", bounds.decimals
            )
            raise _RefusedError(most.format(n=bounds.decimals))
        if bounds.decimals == 0:
            value = int(number)
    if not math.isfinite(number):
        raise _RefusedError(words.gettext("Give a number, such as 12 or 2,5."))
    return value


def _plain(number: float, lang: Lang) -> str:
    text = f"{number:g}"
    return text.replace(".", ",") if lang == "nl" else text


def _text(q: Questionnaire, variable: Variable, form: FormData, lang: Lang) -> object:
    words = translator(lang)
    values = [raw for raw in form.get(variable.name, ()) if raw.strip()]
    if not values:
        return None
    text = values[0].strip().replace("\r\n", "\n")
    item = q.item(variable.item)
    limit = item.max_length if isinstance(item, TextItem) else MAX_FIELD_CHARACTERS
    if len(text) > limit:
        raise _RefusedError(
            words.gettext("Use at most {n} characters (now {length}).").format(
                n=limit, length=len(text)
            )
        )
    return text


def _ranking(q: Questionnaire, variable: Variable, form: FormData, lang: Lang) -> object:
    words = translator(lang)
    codes: list[int] = []
    for name in field_names(variable):
        raw = _first(form, name)
        if not raw:
            continue
        code = _code(variable, raw, lang)
        if code in codes:
            raise _RefusedError(words.gettext("Give each answer one place only."))
        codes.append(code)
    return codes or None


def _municipalities(q: Questionnaire, variable: Variable, form: FormData, lang: Lang) -> object:
    words = translator(lang)
    numbers: list[int] = []
    for raw in form.get(variable.name, ()):
        text = raw.strip().upper().removeprefix("GM")
        if not text:
            continue
        if not re.fullmatch(r"\d{1,4}", text):
            raise _RefusedError(words.gettext("Choose municipalities from the list."))
        if int(text) not in numbers:
            numbers.append(int(text))
    return numbers or None


ENTRY_PARSERS: Mapping[str, _Parser] = MappingProxyType(
    {
        "single_choice": _single,
        "likert": _single,
        "multiple_choice": _multiple,
        "numeric": _number,
        "text": _text,
        "ranking": _ranking,
        "municipalities": _municipalities,
    }
)
"""How the form fields of each answer type become a stored value."""


def build_fields(variable: Variable, value: object) -> dict[str, list[str]]:
    """The form fields that enter ``value`` (a stored answer) again: the inverse of
    :func:`build_answer`, used to take over last year's answer with one action."""
    if value is None:
        return {}
    if variable.type == "ranking" and isinstance(value, list):
        return {rank_field(variable, i): [str(code)] for i, code in enumerate(value, start=1)}
    if variable.type == "numeric":
        if isinstance(value, int) and value in variable.special_codes:
            return {special_field(variable): [str(value)]}
        return {variable.name: [f"{value:g}" if isinstance(value, float) else str(value)]}
    if isinstance(value, list):
        return {variable.name: [str(part) for part in value]}
    return {variable.name: [str(value)]}
