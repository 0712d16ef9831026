"""The stored-value conventions, as checks the answer types share.

single choice: an int code · Likert: 1..5 or a special code · numeric: a number within the
bounds (with at most ``decimals`` decimals) or a special code · multiple choice: a list of
distinct codes, an exclusive or special code alone, at most ``max_choices`` · ranking: a list
of at most N distinct codes, most important first · text: a string · municipalities: a
list of distinct CBS municipality numbers (363 for GM0363). ``None`` means no answer
and is always acceptable; routing decides whether an answer was expected.

Each answer type (:mod:`aimonitor.questionnaire.types`) picks its check from these;
:func:`aimonitor.questionnaire.answer_problem` looks up the variable's type.
"""

from __future__ import annotations

import math
from typing import TypeGuard

from aimonitor.questionnaire.variables import Variable


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def text_problem(variable: Variable, value: object) -> str | None:
    """A text answer is a string."""
    return None if isinstance(value, str) else "expects text"


def code_problem(variable: Variable, value: object) -> str | None:
    """One integer code of the variable (any code of an external code list)."""
    if not _is_int(value):
        return f"expects an integer code, got {value!r}"
    if variable.code_list is not None or variable.code_label(value) is not None:
        return None
    return f"{value} is not a code of {variable.name}"


def number_problem(variable: Variable, value: object) -> str | None:
    """A special code, or a number within the bounds with at most their decimals."""
    if _is_int(value) and value in variable.special_codes:
        return None
    if not isinstance(value, int | float) or isinstance(value, bool):
        return f"expects a number, got {value!r}"
    try:
        number = float(value)
    except OverflowError:
        return f"{value} is too large"
    if not math.isfinite(number):
        return f"expects a finite number, got {value!r}"
    bounds = variable.bounds
    if bounds is None:
        return None
    if not bounds.contains(number):
        return f"{value} is outside {bounds.min}-{bounds.max}"
    if round(number, bounds.decimals) != number:
        return f"{value} has more than {bounds.decimals} decimals"
    return None


def codes_problem(variable: Variable, value: object) -> str | None:
    """A list of distinct codes, at most ``max_choices``, an exclusive code alone."""
    if not isinstance(value, list | tuple):
        return f"expects a list of codes, got {value!r}"
    for code in value:
        problem = code_problem(variable, code)
        if problem:
            return problem
    if len(set(value)) != len(value):
        return "a code is given twice"
    if variable.max_choices is not None and len(value) > variable.max_choices:
        return f"at most {variable.max_choices} codes, got {len(value)}"
    alone = [code for code in value if (label := variable.code_label(code)) and label.exclusive]
    if alone and len(value) > 1:
        return f"code {alone[0]} must be chosen on its own"
    return None


MUNICIPALITY_NUMBERS = range(1, 10_000)
"""A CBS municipality number: the four digits of its code (``GM0363`` is 363)."""


def municipalities_problem(variable: Variable, value: object) -> str | None:
    """A list of distinct CBS municipality numbers (363 for GM0363).

    Whether each is a municipality of the wave's frame is checked where the frame is known
    (:func:`aimonitor.indicators.build_respondents`); the questionnaire does not know it.
    """
    if not isinstance(value, list | tuple):
        return f"expects a list of municipality numbers (363 for GM0363), got {value!r}"
    for number in value:
        if not _is_int(number) or number not in MUNICIPALITY_NUMBERS:
            return f"expects CBS municipality numbers (363 for GM0363), got {number!r}"
    if len(set(value)) != len(value):
        return "a municipality is given twice"
    return None
