"""The main job of a wave, from its data to its key findings, without a database.

``waves`` are a wave and the waves before it, oldest first; the last one is the wave being
published. The earlier ones give the change since the previous wave and the trend charts.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from aimonitor.errors import AimonitorError
from aimonitor.exports import build_microdata, writer_of
from aimonitor.findings.headlines import HeadlineSpec, load_headline_spec
from aimonitor.findings.keyfindings import KeyFindings, key_findings
from aimonitor.frame import Frame, Lineage, load_frame, load_lineage
from aimonitor.i18n import Lang, check_language
from aimonitor.indicators import (
    EstimateTable,
    Representativeness,
    ResponseSummary,
    WaveData,
    estimate_representativeness,
    response_summary,
)
from aimonitor.indicators.changes import estimate_changes
from aimonitor.indicators.estimate import estimate_wave
from aimonitor.indicators.export import write_estimates
from aimonitor.paths import data_dir
from aimonitor.report import Report, ReportFiles, build_report, write_report
from aimonitor.writing import reason


def headline_spec() -> HeadlineSpec:
    return load_headline_spec(data_dir() / "findings" / "headlines.yaml")


@dataclass(frozen=True)
class Publication:
    """Everything the report, the dashboard and the exports of one wave are made from."""

    wave: WaveData
    table: EstimateTable
    history: tuple[EstimateTable, ...]
    """The earlier waves' tables, oldest first."""
    changes: EstimateTable | None
    response: ResponseSummary
    representativeness: Representativeness | None = None
    """The R-indicator of the published wave's response (the methods annex)."""
    headlines: HeadlineSpec = field(default_factory=headline_spec)
    """The key-finding rules, read once when the publication is made."""

    @property
    def previous(self) -> EstimateTable | None:
        return self.history[-1] if self.history else None

    def findings(self, lang: Lang, spec: HeadlineSpec | None = None) -> KeyFindings:
        return key_findings(
            spec or self.headlines,
            self.wave.questionnaire,
            self.table,
            lang,
            previous=self.previous,
            changes=self.changes,
        )


def publish(
    waves: Sequence[WaveData],
    *,
    frame_of_year: Callable[[int], Frame] = load_frame,
    lineage: Lineage | None = None,
) -> Publication:
    """Estimate the last of ``waves`` and, for trends, the ones before it."""
    if not waves:
        raise AimonitorError("no wave to publish")
    lineage = lineage if lineage is not None else load_lineage()
    frames = {year: frame_of_year(year) for year in {wave.frame_year for wave in waves}}
    for wave in waves:
        check_frame_of_wave(wave, frames[wave.frame_year])
    tables = [estimate_wave(w, frames[w.frame_year], lineage=lineage) for w in waves]
    current = waves[-1]
    history = tuple(tables[:-1])
    return Publication(
        wave=current,
        table=tables[-1],
        history=history,
        changes=estimate_changes(tables[-1], history[-1]) if history else None,
        response=response_summary(current, frames[current.frame_year], lineage=lineage),
        representativeness=estimate_representativeness(
            frames[current.frame_year], (r.code for r in current.respondents), lineage=lineage
        ),
    )


def check_frame_of_wave(wave: WaveData, frame: Frame) -> None:
    """Refuse to estimate a wave on a frame other than the one it was opened with: a changed
    frame file would silently change a published wave's base (ADR 0008)."""
    if wave.frame_sha256 is not None and wave.frame_sha256 != frame.sha256:
        raise AimonitorError(
            f"the population frame {frame.year} has changed since wave {wave.year} was opened "
            f"(recorded sha256 {wave.frame_sha256[:12]}…, the frame file now gives "
            f"{frame.sha256[:12]}…); restore data/frame/municipalities_{frame.year}.csv "
            "as it was (see docs/decisions/0008-frozen-waves.md)"
        )


def write_publication_report(
    publication: Publication,
    lang: Lang,
    out_dir: Path,
    *,
    pdf: bool = True,
    generated: date | None = None,
) -> ReportFiles:
    """The report of the publication in ``lang``: ``out_dir/report.html`` and ``report.pdf``."""
    report = build_publication_report(publication, lang, generated=generated)
    return write_report(report, out_dir, pdf=pdf)


def build_publication_report(
    publication: Publication, lang: Lang, *, generated: date | None = None
) -> Report:
    """The report model of the publication in ``lang``: what the report files and the
    dashboard show."""
    check_language(lang)
    findings = publication.findings(lang)
    return build_report(
        questionnaire=publication.wave.questionnaire,
        current=publication.table,
        history=publication.history,
        changes=publication.changes,
        findings=findings.findings,
        response=publication.response,
        lang=lang,
        generated=generated,
        notes=findings.omitted,
        representativeness=publication.representativeness,
    )


def write_publication_open_data(
    publication: Publication,
    fmt: str,
    out_dir: Path,
    lang: Lang,
    *,
    consent: Collection[str] = (),
    frame_of_year: Callable[[int], Frame] = load_frame,
) -> list[Path]:
    """The open data of the publication in format ``fmt`` (:data:`aimonitor.exports.FORMATS`)
    in ``out_dir``, with ``estimates.csv``, the published estimates in long form (the
    disclosure rules applied). ``consent``: the CBS codes of the municipalities that allow
    their answers under their name. Each file is written beside its target and then put in
    place, so a failure leaves the files of an earlier export whole."""
    check_language(lang)
    writer = writer_of(fmt)
    wave = publication.wave
    data = build_microdata(wave, frame_of_year(wave.frame_year), consent, lineage=load_lineage())
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=out_dir, prefix=".export-") as scratch:
            written = writer(data, Path(scratch), lang)
            estimates = Path(scratch) / "estimates.csv"
            with estimates.open("w", encoding="utf-8", newline="") as stream:
                write_estimates(publication.table, stream, "csv", questionnaire=wave.questionnaire)
            placed = []
            for path in [*written, estimates]:
                target = out_dir / path.name
                os.replace(path, target)
                placed.append(target)
    except OSError as error:
        raise AimonitorError(f"cannot write the open data to {out_dir}: {reason(error)}") from error
    except AimonitorError:
        raise
    except Exception as error:  # pyreadstat, pyarrow and polars raise their own errors
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise AimonitorError(f"cannot write the open data as {fmt}: {first}") from error
    return placed
