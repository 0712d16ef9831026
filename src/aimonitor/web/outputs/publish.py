"""The main job from the database: read the waves, publish, write the estimates and reports."""

from __future__ import annotations

import functools
import sys
import threading
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from django.db.models import Count, Max, Q

from aimonitor.errors import AimonitorError
from aimonitor.frame import load_frame
from aimonitor.i18n import Lang, check_language
from aimonitor.indicators import EstimateTable
from aimonitor.indicators.export import Format, write_estimates
from aimonitor.paths import data_dir
from aimonitor.publication import (
    Publication,
    build_publication_report,
    publish,
    write_publication_open_data,
    write_publication_report,
)
from aimonitor.report import Report, ReportFiles
from aimonitor.report.benchmark import Benchmark, build_benchmark
from aimonitor.report.breakdown import BREAKDOWN_KINDS, build_breakdowns
from aimonitor.report.maturity import load_maturity_index
from aimonitor.report.model import Breakdown, BreakdownKind
from aimonitor.web.fieldwork.reads import (
    read_named_municipalities,
    read_wave_data,
    read_wave_data_until,
)
from aimonitor.web.waves.models import Wave
from aimonitor.web.waves.reads import forget_published_ids, read_published_ids, read_wave
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
    key = read_publication_key(year)
    if key is None:
        return None
    with _ESTIMATING:
        return _published(key)


PublicationKey = tuple[tuple[int, int], ...]


def read_publication_key(year: int) -> PublicationKey | None:
    """What the public outputs of wave ``year`` are made of: the years and ids of the
    published waves up to it, oldest first; ``None`` while ``year`` is not published. Every
    kept output of a wave is kept under this key, so publishing a wave makes new ones."""
    key = tuple((y, pk) for y, pk in read_published_ids() if y <= year)
    if not key or key[-1][0] != year:
        return None
    return key


@dataclass(frozen=True)
class DashboardData:
    """What the dashboard shows of a publication in one language: the report's model and
    the breakdowns of every chapter (by theme and kind)."""

    report: Report
    breakdowns: Mapping[tuple[str, BreakdownKind], tuple[Breakdown, ...]]


def read_dashboard_data(key: PublicationKey, lang: Lang) -> DashboardData:
    """The dashboard's data of the publication under ``key`` (:func:`read_publication_key`)
    in ``lang``: estimated (once per process) and built; seconds of work, which the
    dashboard keeps (:mod:`aimonitor.web.outputs.kept`)."""
    with _ESTIMATING:
        publication = _published(key)
    report = build_publication_report(publication, lang)
    breakdowns = {
        (chapter.theme, kind): build_breakdowns(
            chapter,
            kind,
            questionnaire=publication.wave.questionnaire,
            current=publication.table,
            history=publication.history,
            lang=lang,
        )
        for chapter in report.chapters
        for kind in BREAKDOWN_KINDS
    }
    return DashboardData(report, breakdowns)


_ESTIMATING = threading.RLock()


@functools.lru_cache(maxsize=8)
def _published(key: PublicationKey) -> Publication:
    return publish([read_wave_data(Wave.objects.get(pk=pk)) for _, pk in key])


MATURITY_INDEX = "maturity.yaml"


def read_benchmark(wave: Wave, code: str, chosen: Collection[str], lang: Lang) -> Benchmark:
    """The benchmark of municipality ``code`` in ``wave``, a closed or published wave, with
    the municipalities ``chosen`` as a further peer group (those that consented to be named).

    A published wave's figures are its publication's; a closed wave (under embargo, when
    municipalities see only their own benchmark) is estimated on its own, kept until one of
    its responses changes status. Raises :class:`AimonitorError` for a wave that is neither,
    and :class:`~aimonitor.report.ReportError` for a municipality that did not respond."""
    if wave.status == Wave.Status.PUBLISHED:
        publication = read_published(wave.year)
    elif wave.status == Wave.Status.CLOSED:
        publication = _closed(wave.pk, _responses_state(wave))
    else:
        publication = None
    if publication is None:
        raise AimonitorError(f"wave {wave.year} is not closed: it has no benchmark yet")
    if wave.status != Wave.Status.PUBLISHED:
        # Under the embargo no answer is public yet, consented or not: no chosen group
        # (two groups that differ by one municipality would give its answers away).
        chosen = ()
    data = publication.wave
    index = load_maturity_index(
        data_dir() / "benchmark" / MATURITY_INDEX, questionnaire=data.questionnaire
    )
    return build_benchmark(
        questionnaire=data.questionnaire,
        table=publication.table,
        respondents=data.respondents,
        frame=load_frame(data.frame_year),
        code=code,
        chosen=chosen,
        consent=read_named_municipalities(wave),
        index=index,
        lang=lang,
        synthetic=data.synthetic,
    )


def _responses_state(wave: Wave) -> tuple[object, ...]:
    """What changes when a response of ``wave`` is submitted or reopened."""
    latest = wave.responses.aggregate(
        count=Count("pk"),
        submitted=Count("pk", filter=Q(status="submitted")),
        latest=Max("submitted_at"),
    )
    return (wave.status, latest["count"], latest["submitted"], latest["latest"])


@functools.lru_cache(maxsize=4)
def _closed(pk: int, state: tuple[object, ...]) -> Publication:
    with _ESTIMATING:
        return publish([read_wave_data(Wave.objects.get(pk=pk))])


def forget_published() -> None:
    """Drop the kept publications (tests, whose databases reuse ids)."""
    _published.cache_clear()
    _closed.cache_clear()
    forget_published_ids()


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
