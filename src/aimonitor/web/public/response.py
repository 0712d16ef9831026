"""Response counts per wave, by size class and by province, for the start page."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from aimonitor.formatting import format_percent
from aimonitor.frame import PROVINCES, SIZE_CLASSES
from aimonitor.web.fieldwork.models import MunicipalResponse, Wave
from aimonitor.web.municipalities.models import Municipality


@dataclass(frozen=True)
class ResponseRow:
    key: str
    label: str
    population: int
    responded: int

    rate_text: str = "–"
    """The response rate as the report prints it (``aimonitor.formatting``)."""

    @property
    def rate(self) -> float | None:
        return self.responded / self.population if self.population else None


@dataclass(frozen=True)
class WaveResponse:
    wave: Wave
    total: ResponseRow
    by_size_class: tuple[ResponseRow, ...]
    by_province: tuple[ResponseRow, ...]


def _row(key: str, label: str, population: int, responded: int, language: str) -> ResponseRow:
    rate = format_percent(responded / population, language) if population else "–"
    return ResponseRow(key, label, population, responded, rate)


def wave_response(wave: Wave, language: str) -> WaveResponse:
    """Submitted responses against the wave's frame, per size class and per province."""
    frame = Municipality.objects.filter(frame_year=wave.frame_year)
    population_by_class = Counter(frame.values_list("size_class", flat=True))
    population_by_province = Counter(frame.values_list("province", flat=True))
    submitted = MunicipalResponse.objects.filter(
        wave=wave, status=MunicipalResponse.Status.SUBMITTED
    ).values_list("municipality__size_class", "municipality__province")
    responded_by_class: Counter[str] = Counter()
    responded_by_province: Counter[str] = Counter()
    for size_class, province in submitted:
        responded_by_class[size_class] += 1
        responded_by_province[province] += 1
    by_class = tuple(
        _row(
            size_class.code,
            size_class.label_nl if language == "nl" else size_class.label_en,
            population_by_class[size_class.code],
            responded_by_class[size_class.code],
            language,
        )
        for size_class in SIZE_CLASSES
    )
    by_province = tuple(
        _row(
            province,
            province,
            population_by_province[province],
            responded_by_province[province],
            language,
        )
        for province in PROVINCES
    )
    total = _row(
        "total",
        "Totaal" if language == "nl" else "Total",
        sum(population_by_class.values()),
        sum(responded_by_class.values()),
        language,
    )
    return WaveResponse(wave=wave, total=total, by_size_class=by_class, by_province=by_province)
