"""How far the fieldwork of a wave is: every municipality's state, the response by size class
and province, and how representative the response is becoming.

:func:`build_fieldwork_progress` is what the research team's cockpit shows. Response is
counted by :func:`~aimonitor.indicators.count_response`, the one response count (decision
0007), from the same respondent rows the report counts: a municipality covered by a shared
organisation's submitted response has responded. The representativeness indicator (an
R-indicator with partial indicators by size class and province,
:func:`~aimonitor.indicators.estimate_representativeness`, the report's own,
``docs/methodology/weighting.md``) is estimated from the same respondent rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from aimonitor.frame import Frame, Lineage
from aimonitor.i18n import Lang, Text
from aimonitor.indicators import (
    Representativeness,
    Respondent,
    ResponseCell,
    ResponseSummary,
    count_response,
    estimate_representativeness,
)
from aimonitor.indicators.estimate import place_codes


class FieldworkState(StrEnum):
    """Where a municipality stands in the fieldwork (the cockpit's lists)."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    AWAITING_SIGN_OFF = "awaiting_sign_off"
    """Every question the routing asks is answered; the coordinator has not submitted."""
    SUBMITTED = "submitted"
    COVERED = "covered"
    """Did not answer itself: a shared organisation's submitted response covers it."""

    @property
    def label(self) -> Text:
        return _STATE_LABELS[self]

    @property
    def has_responded(self) -> bool:
        return self in (FieldworkState.SUBMITTED, FieldworkState.COVERED)


_STATE_LABELS = {
    FieldworkState.NOT_STARTED: Text(nl="Niet begonnen", en="Not started"),
    FieldworkState.IN_PROGRESS: Text(nl="Bezig", en="In progress"),
    FieldworkState.AWAITING_SIGN_OFF: Text(nl="Wacht op indienen", en="Awaiting sign-off"),
    FieldworkState.SUBMITTED: Text(nl="Ingediend", en="Submitted"),
    FieldworkState.COVERED: Text(nl="Via werkorganisatie", en="Via shared organisation"),
}


@dataclass(frozen=True)
class ProgressCell:
    """One group of municipalities (a size class, a province, or all): how many there are,
    how many responded (:class:`~aimonitor.indicators.ResponseCell`), and how many are in
    each fieldwork state."""

    response: ResponseCell
    states: Mapping[FieldworkState, int]

    @property
    def key(self) -> str:
        return self.response.key

    def label(self, lang: Lang) -> str:
        return self.response.label(lang)

    @property
    def population(self) -> int:
        return self.response.population

    @property
    def respondents(self) -> int:
        return self.response.respondents

    @property
    def rate(self) -> float | None:
        return self.response.rate

    def count(self, state: FieldworkState) -> int:
        return self.states.get(state, 0)


@dataclass(frozen=True)
class FieldworkProgress:
    year: int
    states: Mapping[str, FieldworkState]
    """Every municipality of the frame by code, in code order."""
    total: ProgressCell
    by_size_class: tuple[ProgressCell, ...]
    by_province: tuple[ProgressCell, ...]
    representativeness: Representativeness
    summary: ResponseSummary

    def codes_in(self, state: FieldworkState) -> list[str]:
        return [code for code, s in self.states.items() if s is state]


def build_fieldwork_progress(
    year: int,
    frame: Frame,
    respondents: Iterable[Respondent],
    started: Mapping[str, FieldworkState],
    *,
    lineage: Lineage | None = None,
) -> FieldworkProgress:
    """The progress of wave ``year``: ``respondents`` are its respondent rows (the submitted
    responses and the municipalities they cover, :func:`~aimonitor.indicators.build_respondents`),
    ``started`` the state of the municipalities with a response that is not submitted
    (in progress or awaiting sign-off; a code of the frame year). Every other municipality of
    the frame has not started. Codes are placed as the estimates place them (a pre-merger code
    counts for its successor when ``lineage`` is given)."""
    rows = tuple(respondents)
    summary = count_response(year, rows, frame, lineage=lineage)
    placed = place_codes(year, [r.code for r in rows], frame, lineage)
    states: dict[str, FieldworkState] = dict.fromkeys(
        (m.code for m in frame.municipalities), FieldworkState.NOT_STARTED
    )
    for code, state in started.items():
        frame.by_code(code)  # a code outside the frame is an error, not a silent extra
        if state.has_responded:
            raise ValueError(f"{code}: a responded state comes from the respondent rows")
        states[code] = state
    for place, row in zip(placed, rows, strict=True):
        states[place.code] = (
            FieldworkState.COVERED if row.covered_by is not None else FieldworkState.SUBMITTED
        )
    by_class: dict[str, Counter[FieldworkState]] = {}
    by_province: dict[str, Counter[FieldworkState]] = {}
    for m in frame.municipalities:
        by_class.setdefault(m.size_class.code, Counter())[states[m.code]] += 1
        by_province.setdefault(m.province, Counter())[states[m.code]] += 1
    representativeness = estimate_representativeness(frame, [r.code for r in rows], lineage=lineage)
    return FieldworkProgress(
        year=year,
        states=states,
        total=ProgressCell(summary.total, Counter(states.values())),
        by_size_class=tuple(
            ProgressCell(cell, by_class.get(cell.key, Counter())) for cell in summary.by_size_class
        ),
        by_province=tuple(
            ProgressCell(cell, by_province.get(cell.key, Counter())) for cell in summary.by_province
        ),
        representativeness=representativeness,
        summary=summary,
    )
