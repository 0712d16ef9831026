"""Response of a wave against its frame, by size class and by province: the one count.

:func:`count_response` is the only place where response is counted. The publication counts
the respondents of a :class:`~aimonitor.indicators.data.WaveData`
(:func:`response_summary`); the web's start page feeds it the codes of the submitted
responses it reads from the database. Both count against the frame files with the merger
lineage, as the estimates place respondents (``docs/decisions/0007-authoritative-frame.md``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from aimonitor.frame import PROVINCES, SIZE_CLASSES, Frame, Lineage
from aimonitor.i18n import Lang, translator
from aimonitor.indicators.data import WaveData
from aimonitor.indicators.estimate import place_codes

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


def count_response(
    year: int, codes: Iterable[str], frame: Frame, *, lineage: Lineage | None = None
) -> ResponseSummary:
    """The response of wave ``year``: the respondents' ``codes`` against ``frame``.

    Respondents are placed as :func:`~aimonitor.indicators.estimate_wave` places them: a
    pre-merger code counts for its successor when ``lineage`` is given; a code not in the
    frame, or two codes for one municipality, raise
    :class:`~aimonitor.indicators.errors.IndicatorError`.
    """
    respondents = place_codes(year, codes, frame, lineage)
    by_class = Counter(m.size_class.code for m in respondents)
    by_province = Counter(m.province for m in respondents)
    population_class = frame.size_class_counts()
    population_province = frame.province_counts()
    return ResponseSummary(
        wave=year,
        total=ResponseCell("total", "all", len(frame), len(respondents)),
        by_size_class=tuple(
            ResponseCell("size_class", c.code, population_class[c.code], by_class[c.code])
            for c in SIZE_CLASSES
        ),
        by_province=tuple(
            ResponseCell("province", p, population_province[p], by_province[p]) for p in PROVINCES
        ),
    )


def response_summary(
    wave: WaveData, frame: Frame, *, lineage: Lineage | None = None
) -> ResponseSummary:
    """:func:`count_response` of the respondents of ``wave``."""
    return count_response(wave.year, (r.code for r in wave.respondents), frame, lineage=lineage)
