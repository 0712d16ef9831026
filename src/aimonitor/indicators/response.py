"""Who responded to a wave, and the response against its frame by size class and province.

:func:`build_respondents` turns the submitted responses into the respondent rows of a wave:
a response given by a shared organisation for several municipalities (A4a) counts for each
of them (decision 0010).

:func:`count_response` is the only place where response is counted. The publication counts
the respondents of a :class:`~aimonitor.indicators.data.WaveData`
(:func:`response_summary`); the web's start page feeds it the rows it builds from the
submitted responses in the database. Both count against the frame files with the merger
lineage, as the estimates place respondents (``docs/decisions/0007-authoritative-frame.md``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from aimonitor.frame import (
    PROVINCES,
    SIZE_CLASSES,
    Frame,
    FrameError,
    Lineage,
    municipality_code,
)
from aimonitor.i18n import Lang, translator
from aimonitor.indicators.data import Respondent, WaveData, covered_numbers
from aimonitor.indicators.errors import IndicatorError
from aimonitor.indicators.estimate import place_codes
from aimonitor.questionnaire import Questionnaire

ResponseGroup = Literal["total", "size_class", "province"]

_SIZE_CLASSES = {size_class.code: size_class for size_class in SIZE_CLASSES}


@dataclass(frozen=True)
class ResponseCell:
    """The municipalities of one group in the frame, and how many of them responded."""

    group: ResponseGroup
    key: str
    """Size-class code, province name, or ``all`` for the total."""
    population: int
    respondents: int
    """Municipalities that responded, those covered by a shared organisation included."""
    covered: int = 0
    """Of the respondents, those covered by a shared organisation's response (A4a): they did
    not answer themselves."""

    @property
    def rate(self) -> float | None:
        """``respondents / population``; ``None`` (undefined, shown as "–") for an empty group."""
        return self.respondents / self.population if self.population else None

    def label(self, lang: Lang) -> str:
        """What a reader sees in the first column: the size class or province, or "Total"."""
        if self.group == "total":
            return translator(lang).gettext("Total")
        if self.group == "size_class":
            size_class = _SIZE_CLASSES[self.key]
            return size_class.label.get(lang)
        return self.key


@dataclass(frozen=True)
class ResponseSummary:
    wave: int
    total: ResponseCell
    by_size_class: tuple[ResponseCell, ...]
    """Every size class, small to large, empty ones included."""
    by_province: tuple[ResponseCell, ...]
    """Every province in :data:`~aimonitor.frame.PROVINCES` order, empty ones included."""


def build_respondents(
    year: int,
    responses: Iterable[Respondent],
    questionnaire: Questionnaire,
    frame: Frame,
    *,
    lineage: Lineage | None = None,
) -> tuple[Respondent, ...]:
    """The respondent rows of wave ``year``: every submitted response, each followed by one
    row per municipality it is also given for (A4a, a shared organisation), with the same
    answers and ``covered_by`` set to the response's code.

    Raises :class:`~aimonitor.indicators.errors.IndicatorError` for a covered number that is
    not a municipality of ``frame``, a municipality that answered itself and is covered by
    another's response (naming both), one covered by two responses, and, as the estimates
    do, a response code not in the frame or two responses for one municipality. A
    municipality listing itself is no error: its own row is there already.
    """
    own = tuple(responses)
    for response in own:
        if response.covered_by is not None:
            raise IndicatorError(
                f"{response.code} is a row covered by {response.covered_by}; "
                "build the respondents from the submitted responses only"
            )
    places = place_codes(year, [r.code for r in own], frame, lineage)
    variable = questionnaire.covering_variable()
    if variable is None:
        return own
    answered = {place.code: response.code for place, response in zip(places, own, strict=True)}
    covered: dict[str, str] = {}
    rows: list[Respondent] = []
    for response, place in zip(own, places, strict=True):
        rows.append(response)
        for number in covered_numbers(questionnaire, response):
            code = municipality_code(number)
            if code in (place.code, response.code):
                continue
            what = f"the shared response of {response.code} ({place.name}, {variable.name})"
            try:
                name = frame.by_code(code).name
            except FrameError:
                raise IndicatorError(
                    f"{what}: {number} ({code}) is not a municipality in the {frame.year} frame"
                ) from None
            if code in answered:
                raise IndicatorError(
                    f"{code} ({name}) answered itself (response {answered[code]}) and is also "
                    f"covered by {what}; keep one of the two"
                )
            if code in covered:
                raise IndicatorError(
                    f"{code} ({name}) is covered by two shared responses: by the response of "
                    f"{covered[code]} and by {what}"
                )
            covered[code] = response.code
            rows.append(Respondent(code, response.answers, covered_by=response.code))
    return tuple(rows)


def count_response(
    year: int,
    respondents: Iterable[Respondent],
    frame: Frame,
    *,
    lineage: Lineage | None = None,
) -> ResponseSummary:
    """The response of wave ``year``: the ``respondents`` rows against ``frame``.

    A municipality covered by a shared organisation's response (a row with ``covered_by``,
    :func:`build_respondents`) counts as responded, and again in the cells' ``covered``.
    Respondents are placed as :func:`~aimonitor.indicators.estimate_wave` places them: a
    pre-merger code counts for its successor when ``lineage`` is given; a code not in the
    frame, or two rows for one municipality, raise
    :class:`~aimonitor.indicators.errors.IndicatorError`.
    """
    rows = tuple(respondents)
    members = place_codes(year, [r.code for r in rows], frame, lineage)
    shared = [m for m, r in zip(members, rows, strict=True) if r.covered_by is not None]
    by_class = Counter(m.size_class.code for m in members)
    by_province = Counter(m.province for m in members)
    covered_class = Counter(m.size_class.code for m in shared)
    covered_province = Counter(m.province for m in shared)
    population_class = frame.size_class_counts()
    population_province = frame.province_counts()
    return ResponseSummary(
        wave=year,
        total=ResponseCell("total", "all", len(frame), len(members), len(shared)),
        by_size_class=tuple(
            ResponseCell(
                "size_class",
                c.code,
                population_class[c.code],
                by_class[c.code],
                covered_class[c.code],
            )
            for c in SIZE_CLASSES
        ),
        by_province=tuple(
            ResponseCell("province", p, population_province[p], by_province[p], covered_province[p])
            for p in PROVINCES
        ),
    )


def response_summary(
    wave: WaveData, frame: Frame, *, lineage: Lineage | None = None
) -> ResponseSummary:
    """:func:`count_response` of the respondent rows of ``wave``."""
    return count_response(wave.year, wave.respondents, frame, lineage=lineage)
