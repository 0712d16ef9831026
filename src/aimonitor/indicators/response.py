"""Response counts of a wave against its frame, by size class and by province."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from aimonitor.frame import PROVINCES, SIZE_CLASSES, Frame, Lineage
from aimonitor.indicators.data import WaveData
from aimonitor.indicators.estimate import place_respondents


@dataclass(frozen=True)
class ResponseCell:
    key: str
    """Size-class code, province name, or ``all``."""
    population: int
    respondents: int

    @property
    def rate(self) -> float:
        return self.respondents / self.population if self.population else 0.0


@dataclass(frozen=True)
class ResponseSummary:
    wave: int
    total: ResponseCell
    by_size_class: tuple[ResponseCell, ...]
    by_province: tuple[ResponseCell, ...]


def response_summary(
    wave: WaveData, frame: Frame, *, lineage: Lineage | None = None
) -> ResponseSummary:
    """Respondents against the frame, placed as :func:`estimate_wave` places them (a
    pre-merger code counts for its successor when ``lineage`` is given); a code not in the
    frame raises :class:`~aimonitor.indicators.errors.IndicatorError`."""
    respondents = place_respondents(wave, frame, lineage)
    by_class = Counter(m.size_class.code for m in respondents)
    by_province = Counter(m.province for m in respondents)
    population_class = frame.size_class_counts()
    population_province = frame.province_counts()
    return ResponseSummary(
        wave=wave.year,
        total=ResponseCell("all", len(frame), len(respondents)),
        by_size_class=tuple(
            ResponseCell(c.code, population_class[c.code], by_class[c.code]) for c in SIZE_CLASSES
        ),
        by_province=tuple(
            ResponseCell(p, population_province[p], by_province[p]) for p in PROVINCES
        ),
    )
