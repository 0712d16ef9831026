"""The main job from the database: read the waves, publish, write the estimates and reports."""

from __future__ import annotations

import functools
import sys
import threading
from pathlib import Path
from typing import TextIO

from aimonitor.errors import AimonitorError
from aimonitor.i18n import Lang, check_language
from aimonitor.indicators import EstimateTable
from aimonitor.indicators.export import Format, write_estimates
from aimonitor.publication import (
    Publication,
    publish,
    write_publication_open_data,
    write_publication_report,
)
from aimonitor.report import ReportFiles
from aimonitor.web.fieldwork.reads import (
    read_named_municipalities,
    read_wave_data,
    read_wave_data_until,
)
from aimonitor.web.waves.models import Wave
from aimonitor.web.waves.reads import read_wave
from aimonitor.writing import write_text_atomically


def publication_of(year: int, *, history: bool = True) -> Publication:
    """Estimates of wave ``year``, with the earlier waves for change and trend unless
    ``history`` is false (then only the wave itself is read and estimated)."""
    if not history:
        return publish([read_wave_data(read_wave(year))])
    return publish(read_wave_data_until(year))


def read_published(year: int) -> Publication | None:
    """The publication of wave ``year`` for the public outputs (the API, later the
    dashboard), or ``None`` while it is not published (the embargo) or unknown. Its change
    and trend are against the earlier *published* waves only: a change against a wave still
    under embargo would give that wave's figures away. Estimated once per process (one
    estimation at a time) and kept: published waves never change, so the years and ids of
    the waves it is made of are its key; publishing another wave, or replacing the synthetic
    demo waves, makes a new one.

    Raises :class:`AimonitorError` when the waves cannot be estimated (a changed frame)."""
    key = tuple(
        Wave.objects.filter(year__lte=year, status=Wave.Status.PUBLISHED)
        .order_by("year")
        .values_list("year", "pk")
    )
    if not key or key[-1][0] != year:
        return None
    with _ESTIMATING:
        return _published(key)


_ESTIMATING = threading.Lock()


@functools.lru_cache(maxsize=8)
def _published(key: tuple[tuple[int, int], ...]) -> Publication:
    return publish([read_wave_data(Wave.objects.get(pk=pk)) for _, pk in key])


def forget_published() -> None:
    """Drop the kept publications (tests, whose databases reuse ids)."""
    _published.cache_clear()


def write_wave_estimates(year: int, fmt: Format, out: Path | None, *, changes: bool) -> None:
    """Write the estimates (or the changes since the previous wave) to ``out`` or stdout."""
    publication = publication_of(year, history=changes)
    table: EstimateTable = publication.table
    if changes:
        if publication.changes is None:
            raise AimonitorError(f"wave {year} has no earlier wave to compare with")
        table = publication.changes
    if out is None:
        _write(table, publication, fmt, sys.stdout)
        return
    # A regular file only, replaced as a whole: a failure never leaves a truncated export.
    write_text_atomically(
        out, lambda stream: _write(table, publication, fmt, stream), what="the estimates"
    )


def build_wave_report(year: int, lang: Lang, out_dir: Path, *, pdf: bool = True) -> ReportFiles:
    """Estimate wave ``year`` (with the earlier waves) and write its report."""
    check_language(lang)
    return write_publication_report(publication_of(year), lang, out_dir, pdf=pdf)


def write_wave_open_data(
    year: int, fmt: str, out_dir: Path, lang: Lang, *, unpublished: bool = False
) -> list[Path]:
    """The open data of wave ``year`` in ``fmt``; a wave not yet published only when asked
    (``unpublished``, for the team to check it before the embargo ends). A municipality is
    named only when it consented (:class:`~aimonitor.web.fieldwork.models.NamingConsent`)."""
    wave = read_wave(year)
    if not unpublished and not wave.is_published:
        raise AimonitorError(
            f"wave {year} is not published: its open data are under embargo "
            "(add --unpublished to check them before publishing)"
        )
    return write_publication_open_data(
        publication_of(year, history=False),
        fmt,
        out_dir,
        lang,
        consent=read_named_municipalities(wave),
    )


def _write(table: EstimateTable, publication: Publication, fmt: Format, stream: TextIO) -> None:
    write_estimates(table, stream, fmt, questionnaire=publication.wave.questionnaire)
