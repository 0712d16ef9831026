"""A wave's data as the core sees it: the questionnaire and the respondent rows.

The web front end builds a :class:`WaveData` from the database; tests and scripts build one
directly. Nothing here knows about storage.

A response given by a shared organisation (werkorganisatie) for several municipalities
(item A4a, a ``municipalities`` item with ``covers: true``) counts for each of them: the
wave holds one row per covered municipality, with the response's answers and
``covered_by`` naming the response
(:func:`aimonitor.indicators.build_respondents` makes them; decision 0010).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from aimonitor.frame import municipality_code
from aimonitor.indicators.errors import IndicatorError
from aimonitor.questionnaire import Questionnaire, answer_problem, is_answered


@dataclass(frozen=True)
class Respondent:
    """One municipality's answers, keyed by variable name."""

    code: str
    """CBS code in the wave's frame year, e.g. ``GM0363``."""
    answers: Mapping[str, object]
    covered_by: str | None = None
    """``None`` for a municipality's own response. Otherwise the code of the response that
    covers it: a shared organisation answered for it (A4a), and this row holds that
    response's answers; the municipality did not answer itself."""


@dataclass(frozen=True)
class WaveData:
    """Everything needed to estimate a wave."""

    year: int
    frame_year: int
    questionnaire: Questionnaire
    respondents: tuple[Respondent, ...]
    """Submitted responses only (unfinished ones are non-response), each followed by a row
    for every municipality it covers (:func:`~aimonitor.indicators.build_respondents`)."""
    synthetic: bool = False
    frame_sha256: str | None = None
    """The fingerprint (:attr:`aimonitor.frame.Frame.sha256`) of the frame the wave was opened
    with; estimation refuses a frame that differs. ``None``: not recorded (a draft, a test)."""

    def __post_init__(self) -> None:
        check_covered_rows(self.questionnaire, self.respondents)


def covered_numbers(questionnaire: Questionnaire, respondent: Respondent) -> tuple[int, ...]:
    """The CBS numbers of the municipalities a response is also given for: its answer to the
    covering variable (A4a) when the routing shows that item, else none.

    Raises :class:`IndicatorError` for an answer that is not a list of municipality numbers.
    """
    variable = questionnaire.covering_variable()
    if variable is None or respondent.covered_by is not None:
        return ()
    value = respondent.answers.get(variable.name)
    if not is_answered(value) or not questionnaire.is_shown(variable.name, respondent.answers):
        return ()
    problem = answer_problem(variable, value)
    if problem is not None:
        raise IndicatorError(f"{respondent.code}: answer to {variable.name}: {problem}")
    assert isinstance(value, list | tuple)
    return tuple(value)


def coverage_inputs(questionnaire: Questionnaire) -> frozenset[str]:
    """The variables :func:`covered_numbers` reads: the covering variable and the ones its
    routing depends on (A4a and A4). A reader that only counts response needs no others."""
    variable = questionnaire.covering_variable()
    if variable is None:
        return frozenset()
    return questionnaire.routing_inputs(variable.name) | {variable.name}


def check_covered_rows(questionnaire: Questionnaire, respondents: Iterable[Respondent]) -> None:
    """Refuse rows that do not fit together: a shared response without the rows of the
    municipalities it covers (the respondents were not built with
    :func:`~aimonitor.indicators.build_respondents`, and those municipalities would silently
    count as non-respondents), or a covered row without its response."""
    rows = tuple(respondents)
    own = {r.code for r in rows if r.covered_by is None}
    present = {(r.code, r.covered_by) for r in rows if r.covered_by is not None}
    for row in rows:
        if row.covered_by is not None and row.covered_by not in own:
            raise IndicatorError(
                f"{row.code} is covered by the response of {row.covered_by}, "
                "which is not among the wave's responses"
            )
        missing = [
            code
            for code in map(municipality_code, covered_numbers(questionnaire, row))
            if code != row.code and (code, row.code) not in present
        ]
        if missing:
            raise IndicatorError(
                f"{row.code}: the response is also given for {', '.join(missing)}, but the wave "
                "has no rows for them; build the respondents with build_respondents"
            )
